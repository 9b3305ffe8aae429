package org.radiospark.jobs.spectral;

import java.io.Serializable;
import java.util.Objects;
import org.radiospark.kernels.polarisation.stokes.PolarisationCleanMode;

/**
 * Everything {@code radiospark spectral} needs. Immutable; {@link #validate()} names the option of
 * any bad value.
 *
 * @param input visibilities (UVFITS) with four correlations of linear or circular feeds
 * @param prefix output prefix: {@code PREFIX-image-IQUV.fits} etc.
 * @param nx image width, pixels ({@code -size})
 * @param ny image height, pixels
 * @param cellRad pixel size, radians ({@code -scale})
 * @param clean per-channel imaging and polarisation CLEAN
 * @param faraday RM synthesis and moments
 * @param execution partitioning, memory and QA
 * @param overwrite replace existing outputs
 */
public record SpectralOptions(
    String input,
    String prefix,
    int nx,
    int ny,
    double cellRad,
    Deconvolution clean,
    Faraday faraday,
    Execution execution,
    boolean overwrite)
    implements Serializable {

  /**
   * Per-channel imaging and deconvolution, WSClean's meanings.
   *
   * @param weighting "natural", "uniform" or "briggs"
   * @param robust Briggs robustness
   * @param niter minor iterations per channel over all groups (0: dirty images)
   * @param nmiter maximum major cycles
   * @param mgain major-cycle gain (1: image plane only)
   * @param gain minor-loop gain
   * @param thresholdJy absolute threshold, Jy/beam
   * @param autoThreshold stop at this many times the (quadrature) rms, 0 = off
   * @param mode joint IQUV or complex Q+iU peak finding
   * @param epsilon gridder accuracy
   */
  public record Deconvolution(
      String weighting,
      double robust,
      long niter,
      int nmiter,
      double mgain,
      double gain,
      double thresholdJy,
      double autoThreshold,
      PolarisationCleanMode mode,
      double epsilon)
      implements Serializable {
    /** Briggs 0, 1000 iterations, nmiter 10, mgain 0.8, gain 0.1, auto-threshold 3, joint IQUV. */
    public static Deconvolution defaults() {
      return new Deconvolution(
          "briggs", 0, 1000, 10, 0.8, 0.1, 0, 3, PolarisationCleanMode.JOINED_IQUV, 1e-4);
    }
  }

  /**
   * RM synthesis (RM-Tools' {@code -l} and {@code -d}) and Faraday moments.
   *
   * @param phiMaxRadM2 largest |phi|; 0 = RM-Tools' default {@code max(sqrt(3)/delta lambda^2, 10
   *     FWHM)}
   * @param dPhiRadM2 Faraday-depth step; 0 = FWHM / 10
   * @param candidateSigma moment-mask threshold in robust noises (Farnes et al. 2018)
   */
  public record Faraday(double phiMaxRadM2, double dPhiRadM2, double candidateSigma)
      implements Serializable {
    public static Faraday defaults() {
      return new Faraday(0, 0, 5);
    }
  }

  /**
   * How the work is cut and checked.
   *
   * @param channelsPerTask channels imaged by one task ({@code --channels-per-task})
   * @param tileSize side of the square spatial tiles of the Faraday stage, pixels
   * @param qa QA sink URI ({@code log:}, {@code jsonl:PATH} or {@code kafka://HOST:PORT/TOPIC})
   * @param executorMemoryHintBytes memory of one executor to plan for, bytes; 0 = read it from the
   *     Spark configuration (or the JVM in local mode)
   * @param threads threads per imaging task; 0 = from the Spark configuration
   */
  public record Execution(
      int channelsPerTask, int tileSize, String qa, long executorMemoryHintBytes, int threads)
      implements Serializable {
    public static Execution defaults() {
      return new Execution(1, 64, "log:", 0, 0);
    }
  }

  /**
   * Checks every option.
   *
   * @throws IllegalArgumentException naming the option and what it must be
   */
  public SpectralOptions validate() {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(prefix, "prefix");
    require(nx >= 8 && ny >= 8 && nx % 2 == 0 && ny % 2 == 0, "-size", "even and at least 8");
    require(cellRad > 0 && cellRad < Math.PI / 4, "-scale", "between 0 and 45 deg");
    Deconvolution c = clean;
    require(
        c.weighting().equals("natural")
            || c.weighting().equals("uniform")
            || c.weighting().equals("briggs"),
        "-weight",
        "natural, uniform or briggs ROBUST");
    require(c.robust() >= -5 && c.robust() <= 5, "-weight briggs", "robustness in [-5, 5]");
    require(c.niter() >= 0, "-niter", ">= 0");
    require(c.nmiter() >= 1, "-nmiter", ">= 1");
    require(c.mgain() > 0 && c.mgain() <= 1, "-mgain", "in (0, 1]");
    require(c.gain() > 0 && c.gain() <= 1, "-gain", "in (0, 1]");
    require(c.thresholdJy() >= 0, "-threshold", ">= 0");
    require(c.autoThreshold() >= 0, "-auto-threshold", ">= 0");
    require(c.epsilon() >= 1e-14 && c.epsilon() <= 1e-1, "-epsilon", "in [1e-14, 0.1]");
    Objects.requireNonNull(c.mode(), "mode");
    require(faraday.phiMaxRadM2() >= 0, "-l", ">= 0 rad/m^2 (0: automatic)");
    require(faraday.dPhiRadM2() >= 0, "-d", ">= 0 rad/m^2 (0: automatic)");
    require(faraday.candidateSigma() > 0, "--candidate-sigma", "> 0");
    require(execution.channelsPerTask() >= 1, "--channels-per-task", ">= 1");
    require(execution.tileSize() >= 4, "--tile-size", ">= 4 pixels");
    require(execution.executorMemoryHintBytes() >= 0, "--executor-memory-hint", ">= 0");
    require(execution.threads() >= 0, "-j", ">= 0");
    return this;
  }

  private static void require(boolean ok, String option, String expectation) {
    if (!ok) {
      throw new IllegalArgumentException(option + " must be " + expectation);
    }
  }
}
