package org.radiospark.kernels.deconvolution;

import org.radiospark.kernels.model.InvalidInputException;

/**
 * What one minor cycle may do: clean down to {@code max(thresholdJy, (1 - majorLoopGain) x start
 * peak)} with loop gain {@code gain}, at most {@code maxIterations} components.
 *
 * @param thresholdJy the threshold of the current phase (absolute, auto-threshold or auto-mask
 *     level), Jy/beam
 * @param majorLoopGain {@code mgain}, (0, 1]
 * @param gain minor-loop gain, (0, 1]
 * @param maxIterations components left in the {@code niter} budget
 * @param allowNegative search |residual| rather than positive peaks only
 * @param divergenceLimit stop when |peak| exceeds this many times the starting peak; 0 = off
 */
public record MinorCycleLimits(
    double thresholdJy,
    double majorLoopGain,
    double gain,
    long maxIterations,
    boolean allowNegative,
    double divergenceLimit) {
  private static final String SOURCE = "minor cycle limits";

  public MinorCycleLimits {
    if (!(thresholdJy >= 0) || !Double.isFinite(thresholdJy)) {
      throw new InvalidInputException(
          SOURCE, "thresholdJy", "expected a finite value >= 0, got " + thresholdJy);
    }
    if (!(majorLoopGain > 0 && majorLoopGain <= 1)) {
      throw new InvalidInputException(SOURCE, "mgain", "expected (0, 1], got " + majorLoopGain);
    }
    if (!(gain > 0 && gain <= 1)) {
      throw new InvalidInputException(SOURCE, "gain", "expected (0, 1], got " + gain);
    }
    if (!(divergenceLimit >= 0) || !Double.isFinite(divergenceLimit)) {
      throw new InvalidInputException(
          SOURCE, "divergenceLimit", "expected a finite value >= 0, got " + divergenceLimit);
    }
    if (maxIterations < 0) {
      throw new InvalidInputException(
          SOURCE, "maxIterations", "expected >= 0, got " + maxIterations);
    }
  }

  /** Limits without a divergence check. */
  public MinorCycleLimits(
      double thresholdJy,
      double majorLoopGain,
      double gain,
      long maxIterations,
      boolean allowNegative) {
    this(thresholdJy, majorLoopGain, gain, maxIterations, allowNegative, 0.0);
  }
}
