package org.radiospark.jobs.config;

import java.util.List;
import org.radiospark.kernels.model.Stokes;

/**
 * Everything {@code radiospark image} needs, with WSClean's meanings and defaults.
 *
 * @param input path of the visibilities (UVFITS)
 * @param prefix output name prefix: {@code PREFIX-dirty.fits} etc.
 * @param nx image width in pixels
 * @param ny image height in pixels
 * @param cellRad pixel size, radians
 * @param weighting "natural", "uniform" or "briggs"
 * @param robust Briggs robustness (used with "briggs")
 * @param niter maximum minor iterations in total (0: dirty image only)
 * @param nmiter maximum major cycles
 * @param mgain fraction of the peak cleaned per major cycle (1: image-plane only)
 * @param gain minor-loop gain
 * @param multiscale multi-scale CLEAN instead of Hogbom
 * @param multiscaleGain sub-minor loop gain of multi-scale CLEAN
 * @param multiscaleScaleBias scale bias of multi-scale CLEAN
 * @param multiscaleScales explicit scales in pixels, or empty for WSClean's automatic choice
 * @param thresholdJy absolute stopping threshold
 * @param autoThreshold stop at this many times the residual rms (MAD), or 0
 * @param autoMask build masks down to this many times the rms, or 0
 * @param pol the polarisation to image
 * @param channelsOut number of output channel groups
 * @param epsilon requested gridding accuracy
 * @param wCorrection correct for the w-term (wide-field); off only for tests or small fields
 * @param ignoreFlags use flagged samples as if they were good (the shared MWA files)
 * @param threads threads per imaging task (0: choose from the Spark configuration)
 * @param overwrite replace existing outputs
 * @param padding padding factor that sizes the uniform/Briggs weighting grid (WSClean 1.2)
 * @param rankFilterLevel weighting rank filter level (WSClean 3; below 1 switches it off)
 * @param rankFilterSize weighting rank filter window in uv cells (WSClean 16)
 */
public record ImageOptions(
    String input,
    String prefix,
    int nx,
    int ny,
    double cellRad,
    String weighting,
    double robust,
    long niter,
    int nmiter,
    double mgain,
    double gain,
    boolean multiscale,
    double multiscaleGain,
    double multiscaleScaleBias,
    List<Double> multiscaleScales,
    double thresholdJy,
    double autoThreshold,
    double autoMask,
    Stokes pol,
    int channelsOut,
    double epsilon,
    boolean wCorrection,
    boolean ignoreFlags,
    int threads,
    boolean overwrite,
    double padding,
    double rankFilterLevel,
    int rankFilterSize)
    implements java.io.Serializable {

  public ImageOptions {
    multiscaleScales = List.copyOf(multiscaleScales);
  }

  /**
   * Checks every option.
   *
   * @throws IllegalArgumentException naming the option and the expectation
   */
  public ImageOptions validate() {
    require(nx >= 8 && ny >= 8 && nx % 2 == 0 && ny % 2 == 0, "-size", "even and at least 8");
    require(cellRad > 0 && cellRad < Math.PI / 4, "-scale", "between 0 and 45 deg");
    require(
        weighting.equals("natural") || weighting.equals("uniform") || weighting.equals("briggs"),
        "-weight",
        "natural, uniform or briggs ROBUST");
    require(robust >= -5 && robust <= 5, "-weight briggs", "robustness in [-5, 5]");
    require(niter >= 0, "-niter", ">= 0");
    require(nmiter >= 1, "-nmiter", ">= 1");
    require(mgain > 0 && mgain <= 1, "-mgain", "in (0, 1]");
    require(gain > 0 && gain <= 1, "-gain", "in (0, 1]");
    require(multiscaleGain > 0 && multiscaleGain <= 1, "-multiscale-gain", "in (0, 1]");
    require(
        multiscaleScaleBias > 0 && multiscaleScaleBias <= 1, "-multiscale-scale-bias", "in (0, 1]");
    require(thresholdJy >= 0, "-threshold", ">= 0");
    require(autoThreshold >= 0, "-auto-threshold", ">= 0");
    require(
        autoMask == 0 || autoMask >= autoThreshold,
        "-auto-mask",
        ">= -auto-threshold (the mask is built first, then cleaned deeper)");
    require(channelsOut >= 1, "-channels-out", ">= 1");
    require(epsilon >= 1e-14 && epsilon <= 1e-1, "-epsilon", "in [1e-14, 0.1]");
    require(threads >= 0, "-j", ">= 0");
    require(padding >= 1 && padding <= 4, "-padding", "in [1, 4]");
    require(Double.isFinite(rankFilterLevel), "-weighting-rank-filter", "a number");
    require(rankFilterSize >= 2, "-weighting-rank-filter-size", ">= 2");
    return this;
  }

  private static void require(boolean ok, String option, String expectation) {
    if (!ok) {
      throw new IllegalArgumentException(option + " must be " + expectation);
    }
  }
}
