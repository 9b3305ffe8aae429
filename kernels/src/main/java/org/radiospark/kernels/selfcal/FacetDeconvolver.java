package org.radiospark.kernels.selfcal;

import org.radiospark.kernels.deconvolution.BeamFitter;
import org.radiospark.kernels.deconvolution.CleanAlgorithm;
import org.radiospark.kernels.deconvolution.CleanParameters;
import org.radiospark.kernels.deconvolution.HogbomClean;
import org.radiospark.kernels.deconvolution.MinorCycleLimits;
import org.radiospark.kernels.deconvolution.MinorCycleOutcome;
import org.radiospark.kernels.deconvolution.MultiScaleClean;
import org.radiospark.kernels.deconvolution.RobustNoise;

/**
 * One minor cycle of CLEAN on one facet (ARL's {@code deconvolve} per facet; WSClean's parallel
 * deconvolution of sub-images): Hogbom or multi-scale, down to {@code max(sigma x rms, threshold,
 * (1 - mgain) x peak)} where {@code rms = 1.4826 MAD} of the facet's residual and {@code sigma} is
 * the auto-mask level in the first phase of WSClean's auto-masking (no mask), the auto-threshold
 * otherwise (with a mask, in the second phase: only where the first put components). The facet is
 * cleaned with the central part of the PSF ({@link FacetLayout#centralPsf}); emission outside the
 * facet is left for the next major loop, which re-images the residual of the whole model.
 */
public final class FacetDeconvolver {
  private FacetDeconvolver() {}

  /**
   * What one facet's minor cycle did.
   *
   * @param modelIncrement components found, Jy/pixel, {@code [y * width + x]}
   * @param residual the facet residual after subtracting them (image plane), Jy/beam
   * @param outcome the minor cycle's statistics
   * @param rmsJy robust rms of the facet residual before cleaning
   * @param thresholdJy the final (noise) threshold of this facet
   */
  public record Outcome(
      double[] modelIncrement,
      double[] residual,
      MinorCycleOutcome outcome,
      double rmsJy,
      double thresholdJy) {

    /** True when the facet is clean to its final threshold (or has nothing to clean). */
    public boolean converged() {
      return outcome.finalThresholdReached() || outcome.noPeak();
    }
  }

  /**
   * Cleans one facet.
   *
   * @param residual the facet's residual image, Jy/beam, {@code [y * width + x]} (not modified)
   * @param psf the facet's PSF, same size, peak 1 at {@code (width/2, height/2)}
   * @param clean gain, mgain, thresholds and (optional) multi-scale settings
   * @param budget components this facet may still add
   * @param mask where components may go ({@code [y * width + x]}), or null for anywhere; with a
   *     mask the auto-threshold applies, without one the auto-mask level (when set)
   */
  public static Outcome minorCycle(
      double[] residual,
      double[] psf,
      int width,
      int height,
      CleanParameters clean,
      long budget,
      boolean[] mask) {
    double[] res = residual.clone();
    double[] model = new double[width * height];
    double rms = RobustNoise.madRms(res);
    double sigma =
        mask == null && clean.autoMaskSigma() > 0
            ? clean.autoMaskSigma()
            : clean.autoThresholdSigma();
    double threshold =
        sigma > 0
            ? Math.max(sigma * rms, clean.absoluteThresholdJy())
            : clean.absoluteThresholdJy();
    CleanAlgorithm algorithm =
        clean.multiscale() == null
            ? new HogbomClean(psf, width, height, mask)
            : new MultiScaleClean(
                psf,
                width,
                height,
                mask,
                clean.multiscale(),
                BeamFitter.fitPixels(psf, width, height).majorFwhmPx());
    MinorCycleOutcome outcome =
        algorithm.minorCycle(
            res,
            model,
            new MinorCycleLimits(
                threshold,
                clean.majorLoopGain(),
                clean.gain(),
                Math.max(0, budget),
                clean.allowNegative(),
                clean.divergenceLimit()));
    return new Outcome(model, res, outcome, rms, threshold);
  }
}
