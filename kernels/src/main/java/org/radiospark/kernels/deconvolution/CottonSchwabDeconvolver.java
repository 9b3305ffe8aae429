package org.radiospark.kernels.deconvolution;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * WSClean-style deconvolution driver: Cotton-Schwab major/minor cycles (Schwab 1984) around Hogbom
 * or multi-scale CLEAN, with WSClean's stopping rules (Offringa et al. 2014, MNRAS 444, 606; Radler
 * {@code Radler::Perform}).
 *
 * <p>Each major cycle: estimate the noise {@code rms = 1.4826 MAD(residual)}; the final threshold
 * is {@code max(autoThreshold x rms, threshold)} (or the absolute threshold alone); while the
 * auto-mask phase is on the minor cycle cleans to {@code max(autoMask x rms, threshold)} instead;
 * run the minor cycle down to {@code max(phase threshold, (1 - mgain) x peak)}; then, when {@code
 * mgain < 1}, replace the residual by {@link ResidualOperator#residual} of the model (predict,
 * subtract, re-image). When a minor cycle reaches the auto-mask level, the algorithm is switched to
 * its auto-mask (components only where the first phase put them, per scale for multi-scale), the
 * minor gain is doubled (capped at 1) as WSClean does, and cleaning continues to the
 * auto-threshold. Stops at the final threshold, after {@code niter} components or {@code nmiter}
 * major cycles.
 *
 * <p>Finally the beam fitted to the PSF ({@link BeamFitter}) restores the model ({@link Restorer}).
 * Images are {@code pixels[y * nx + x]}; the PSF has the dirty image's size, origin (peak 1) at
 * {@code (nx/2, ny/2)}. Not thread-safe per call; instances are immutable.
 */
public final class CottonSchwabDeconvolver {
  private final CleanParameters params;

  public CottonSchwabDeconvolver(CleanParameters params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  public CleanParameters parameters() {
    return params;
  }

  /** Image-plane deconvolution only: requires {@code mgain == 1}. */
  public DeconvolutionResult deconvolve(Image dirty, Image psf) {
    return deconvolve(dirty, psf, null, null);
  }

  /**
   * Deconvolves {@code dirty}.
   *
   * @param dirty dirty image, Jy/beam (the residual of an empty model)
   * @param psf PSF of the same size, normalised to 1 at {@code (nx/2, ny/2)}
   * @param operator predict/subtract/re-image step; may be null only when {@code mgain == 1}
   * @param cleanMask {@code nx * ny} pixels where components may be centred, or null
   */
  public DeconvolutionResult deconvolve(
      Image dirty, Image psf, ResidualOperator operator, boolean[] cleanMask) {
    int nx = dirty.nx();
    int ny = dirty.ny();
    if (psf.nx() != nx || psf.ny() != ny) {
      throw new InvalidInputException(
          "psf image",
          "size",
          "expected the dirty image's " + nx + " x " + ny + ", got " + psf.nx() + " x " + psf.ny());
    }
    if (operator == null && params.majorLoopGain() < 1.0) {
      throw new InvalidInputException(
          "clean parameters",
          "mgain",
          "mgain " + params.majorLoopGain() + " < 1 needs a residual operator (major cycles)");
    }
    ImageOps.requireFinite(dirty.pixels(), nx, "dirty image");
    BeamFitter.FittedBeam fitted = BeamFitter.fitPixels(psf.pixels(), nx, ny);
    Beam beam = fitted.toBeam(dirty.geometry().cellRad());
    CleanAlgorithm algorithm =
        params.multiscale() == null
            ? new HogbomClean(psf.pixels(), nx, ny, cleanMask)
            : new MultiScaleClean(
                psf.pixels(), nx, ny, cleanMask, params.multiscale(), fitted.majorFwhmPx());

    double[] residual = dirty.pixels().clone();
    double[] model = new double[nx * ny];
    boolean autoMask = params.autoMaskSigma() > 0;
    boolean autoMaskFinished = false;
    long total = 0;
    int cycles = 0;
    List<MajorCycleStats> stats = new ArrayList<>();
    StopReason reason = StopReason.NO_CLEANING;
    double finalThreshold = finalThreshold(RobustNoise.madRms(residual));

    while (params.maxIterations() > 0) {
      double rms = RobustNoise.madRms(residual);
      finalThreshold = finalThreshold(rms);
      boolean maskPhase = autoMask && autoMaskFinished;
      double threshold =
          autoMask && !autoMaskFinished
              ? Math.max(params.autoMaskSigma() * rms, params.absoluteThresholdJy())
              : finalThreshold;
      double gain = maskPhase ? Math.min(1.0, 2.0 * params.gain()) : params.gain();
      MinorCycleOutcome outcome =
          algorithm.minorCycle(
              residual,
              model,
              new MinorCycleLimits(
                  threshold,
                  params.majorLoopGain(),
                  gain,
                  params.maxIterations() - total,
                  params.allowNegative(),
                  params.divergenceLimit()));
      total += outcome.iterations();
      cycles++;
      boolean another = outcome.anotherIterationRequired();
      if (!another && autoMask && !autoMaskFinished && outcome.finalThresholdReached()) {
        autoMaskFinished = true;
        algorithm.useAutoMask(model);
        another = true;
      }
      if (params.majorLoopGain() < 1.0) {
        Image r = operator.residual(new Image(dirty.geometry(), model.clone(), null, "JY/PIXEL"));
        if (r.nx() != nx || r.ny() != ny) {
          throw new InvalidInputException(
              "residual operator",
              "size",
              "expected " + nx + " x " + ny + ", got " + r.nx() + " x " + r.ny());
        }
        ImageOps.requireFinite(r.pixels(), nx, "residual operator output");
        residual = r.pixels().clone();
      }
      stats.add(
          new MajorCycleStats(
              cycles,
              rms,
              threshold,
              outcome.startPeakJy(),
              outcome.finalPeakJy(),
              outcome.iterations(),
              outcome.fluxCleanedJy(),
              maskPhase));
      if (!another) {
        if (outcome.diverged()) {
          reason = StopReason.DIVERGED;
        } else if (outcome.maxIterationsReached()) {
          reason = StopReason.MAX_ITERATIONS;
        } else if (outcome.noPeak()) {
          reason = StopReason.NOTHING_TO_CLEAN;
        } else {
          reason = StopReason.THRESHOLD;
        }
        break;
      }
      if (total >= params.maxIterations()) {
        reason = StopReason.MAX_ITERATIONS;
        break;
      }
      if (params.maxMajorCycles() > 0 && cycles >= params.maxMajorCycles()) {
        reason = StopReason.MAX_MAJOR_CYCLES;
        break;
      }
    }

    Image modelImage = new Image(dirty.geometry(), model, null, "JY/PIXEL");
    Image residualImage = new Image(dirty.geometry(), residual, beam, "JY/BEAM");
    Image restored = Restorer.restore(modelImage, residualImage, beam);
    return new DeconvolutionResult(
        modelImage, residualImage, restored, beam, total, cycles, reason, finalThreshold, stats);
  }

  private double finalThreshold(double rms) {
    return params.autoThresholdSigma() > 0
        ? Math.max(params.autoThresholdSigma() * rms, params.absoluteThresholdJy())
        : params.absoluteThresholdJy();
  }
}
