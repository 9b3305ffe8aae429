package org.radiospark.kernels.deconvolution;

import org.radiospark.kernels.model.InvalidInputException;

/**
 * Settings of a CLEAN deconvolution, named after WSClean's options. Immutable; validated on
 * construction (bad values throw {@link InvalidInputException} naming the option).
 *
 * @param gain minor-loop gain ({@code -gain}), fraction of the peak removed per component, (0, 1]
 * @param majorLoopGain {@code -mgain}: fraction of the peak removed per major cycle, (0, 1]; 1
 *     means one image-plane deconvolution without predict/re-image rounds (Cotton-Schwab otherwise)
 * @param maxIterations {@code -niter}: total number of minor iterations over all major cycles (0 =
 *     no cleaning)
 * @param maxMajorCycles {@code -nmiter}: cap on major cycles, 0 = no cap (WSClean default 20)
 * @param absoluteThresholdJy {@code -threshold}: stop when the peak is below this, Jy/beam
 * @param autoThresholdSigma {@code -auto-threshold}: stop at this many times the noise rms (1.4826
 *     x MAD of the residual, re-estimated every major cycle); 0 = off
 * @param autoMaskSigma {@code -auto-mask}: first clean to this many rms recording component
 *     positions (per scale), then continue to the auto-threshold only inside them; 0 = off. Must
 *     exceed {@code autoThresholdSigma} when both are set
 * @param allowNegative peak search on |residual| (WSClean's default); false = positive peaks only
 * @param divergenceLimit {@code -divergence-limit}: stop when the peak exceeds this many times the
 *     minor cycle's starting peak (WSClean default 4); 0 = off
 * @param multiscale multi-scale settings, or null for Hogbom CLEAN
 */
public record CleanParameters(
    double gain,
    double majorLoopGain,
    long maxIterations,
    int maxMajorCycles,
    double absoluteThresholdJy,
    double autoThresholdSigma,
    double autoMaskSigma,
    boolean allowNegative,
    double divergenceLimit,
    MultiScaleParameters multiscale) {

  private static final String SOURCE = "clean parameters";

  public CleanParameters {
    if (!(gain > 0 && gain <= 1)) {
      throw new InvalidInputException(SOURCE, "gain", "expected 0 < gain <= 1, got " + gain);
    }
    if (!(majorLoopGain > 0 && majorLoopGain <= 1)) {
      throw new InvalidInputException(
          SOURCE, "mgain", "expected 0 < mgain <= 1, got " + majorLoopGain);
    }
    if (maxIterations < 0) {
      throw new InvalidInputException(SOURCE, "niter", "expected >= 0, got " + maxIterations);
    }
    if (maxMajorCycles < 0) {
      throw new InvalidInputException(SOURCE, "nmiter", "expected >= 0, got " + maxMajorCycles);
    }
    if (!(absoluteThresholdJy >= 0) || !Double.isFinite(absoluteThresholdJy)) {
      throw new InvalidInputException(
          SOURCE, "threshold", "expected a finite value >= 0 Jy, got " + absoluteThresholdJy);
    }
    if (!(autoThresholdSigma >= 0) || !Double.isFinite(autoThresholdSigma)) {
      throw new InvalidInputException(
          SOURCE, "auto-threshold", "expected a finite value >= 0, got " + autoThresholdSigma);
    }
    if (!(autoMaskSigma >= 0) || !Double.isFinite(autoMaskSigma)) {
      throw new InvalidInputException(
          SOURCE, "auto-mask", "expected a finite value >= 0, got " + autoMaskSigma);
    }
    if (!(divergenceLimit >= 0)
        || !Double.isFinite(divergenceLimit)
        || (divergenceLimit > 0 && divergenceLimit <= 1)) {
      throw new InvalidInputException(
          SOURCE, "divergence-limit", "expected 0 (off) or a value > 1, got " + divergenceLimit);
    }
    if (autoMaskSigma > 0 && autoThresholdSigma > 0 && autoMaskSigma <= autoThresholdSigma) {
      throw new InvalidInputException(
          SOURCE,
          "auto-mask",
          "expected auto-mask ("
              + autoMaskSigma
              + ") greater than auto-threshold ("
              + autoThresholdSigma
              + ")");
    }
  }

  /**
   * WSClean's defaults: gain 0.1, mgain 1, niter 0 (set it), nmiter 20, no thresholds, negative
   * components allowed, divergence limit 4, Hogbom.
   */
  public static CleanParameters defaults() {
    return new CleanParameters(0.1, 1.0, 0, 20, 0.0, 0.0, 0.0, true, 4.0, null);
  }

  public CleanParameters withGain(double g) {
    return new CleanParameters(
        g,
        majorLoopGain,
        maxIterations,
        maxMajorCycles,
        absoluteThresholdJy,
        autoThresholdSigma,
        autoMaskSigma,
        allowNegative,
        divergenceLimit,
        multiscale);
  }

  public CleanParameters withMajorLoopGain(double mgain) {
    return new CleanParameters(
        gain,
        mgain,
        maxIterations,
        maxMajorCycles,
        absoluteThresholdJy,
        autoThresholdSigma,
        autoMaskSigma,
        allowNegative,
        divergenceLimit,
        multiscale);
  }

  public CleanParameters withMaxIterations(long niter) {
    return new CleanParameters(
        gain,
        majorLoopGain,
        niter,
        maxMajorCycles,
        absoluteThresholdJy,
        autoThresholdSigma,
        autoMaskSigma,
        allowNegative,
        divergenceLimit,
        multiscale);
  }

  public CleanParameters withMaxMajorCycles(int nmiter) {
    return new CleanParameters(
        gain,
        majorLoopGain,
        maxIterations,
        nmiter,
        absoluteThresholdJy,
        autoThresholdSigma,
        autoMaskSigma,
        allowNegative,
        divergenceLimit,
        multiscale);
  }

  public CleanParameters withAbsoluteThreshold(double jy) {
    return new CleanParameters(
        gain,
        majorLoopGain,
        maxIterations,
        maxMajorCycles,
        jy,
        autoThresholdSigma,
        autoMaskSigma,
        allowNegative,
        divergenceLimit,
        multiscale);
  }

  public CleanParameters withAutoThreshold(double sigma) {
    return new CleanParameters(
        gain,
        majorLoopGain,
        maxIterations,
        maxMajorCycles,
        absoluteThresholdJy,
        sigma,
        autoMaskSigma,
        allowNegative,
        divergenceLimit,
        multiscale);
  }

  public CleanParameters withAutoMask(double sigma) {
    return new CleanParameters(
        gain,
        majorLoopGain,
        maxIterations,
        maxMajorCycles,
        absoluteThresholdJy,
        autoThresholdSigma,
        sigma,
        allowNegative,
        divergenceLimit,
        multiscale);
  }

  public CleanParameters withAllowNegative(boolean allow) {
    return new CleanParameters(
        gain,
        majorLoopGain,
        maxIterations,
        maxMajorCycles,
        absoluteThresholdJy,
        autoThresholdSigma,
        autoMaskSigma,
        allow,
        divergenceLimit,
        multiscale);
  }

  public CleanParameters withDivergenceLimit(double limit) {
    return new CleanParameters(
        gain,
        majorLoopGain,
        maxIterations,
        maxMajorCycles,
        absoluteThresholdJy,
        autoThresholdSigma,
        autoMaskSigma,
        allowNegative,
        limit,
        multiscale);
  }

  /** These settings with multi-scale CLEAN ({@code ms}), or Hogbom when {@code ms} is null. */
  public CleanParameters withMultiscale(MultiScaleParameters ms) {
    return new CleanParameters(
        gain,
        majorLoopGain,
        maxIterations,
        maxMajorCycles,
        absoluteThresholdJy,
        autoThresholdSigma,
        autoMaskSigma,
        allowNegative,
        divergenceLimit,
        ms);
  }
}
