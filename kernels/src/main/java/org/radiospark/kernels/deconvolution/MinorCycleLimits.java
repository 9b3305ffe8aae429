package org.radiospark.kernels.deconvolution;

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
 */
public record MinorCycleLimits(
    double thresholdJy,
    double majorLoopGain,
    double gain,
    long maxIterations,
    boolean allowNegative) {}
