package org.radiospark.kernels.deconvolution;

/**
 * What happened in one major cycle (one minor cycle plus, with {@code mgain < 1}, one
 * predict/re-image round).
 *
 * @param cycle 1-based major cycle number
 * @param rmsJy noise estimate (1.4826 x MAD) of the residual the cycle started from, Jy/beam
 * @param thresholdJy threshold the minor cycle cleaned towards (auto-mask level in the first
 *     auto-mask phase), Jy/beam
 * @param startPeakJy |peak| when the minor cycle started, Jy/beam (scale-biased for multi-scale)
 * @param endPeakJy |peak| when the minor cycle stopped, Jy/beam (same convention)
 * @param iterations components subtracted in the cycle
 * @param fluxCleanedJy flux added to the model in the cycle, Jy
 * @param autoMaskPhase true when the cycle cleaned inside the auto-mask (second phase)
 */
public record MajorCycleStats(
    int cycle,
    double rmsJy,
    double thresholdJy,
    double startPeakJy,
    double endPeakJy,
    long iterations,
    double fluxCleanedJy,
    boolean autoMaskPhase) {}
