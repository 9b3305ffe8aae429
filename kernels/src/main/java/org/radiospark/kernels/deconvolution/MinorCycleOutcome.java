package org.radiospark.kernels.deconvolution;

/**
 * What one minor cycle did.
 *
 * @param iterations components subtracted in this cycle
 * @param startPeakJy |peak| at the start (biased, for multi-scale), Jy/beam
 * @param finalPeakJy |peak| at the end (biased, for multi-scale), Jy/beam
 * @param fluxCleanedJy sum of the component fluxes added to the model, Jy
 * @param finalThresholdReached the phase threshold (not only the mgain level) was reached
 * @param maxIterationsReached the iteration budget ran out
 * @param noPeak no pixel was eligible (empty mask) or the scale loop could not continue
 * @param diverged the peak grew beyond the divergence limit times the starting peak
 */
public record MinorCycleOutcome(
    long iterations,
    double startPeakJy,
    double finalPeakJy,
    double fluxCleanedJy,
    boolean finalThresholdReached,
    boolean maxIterationsReached,
    boolean noPeak,
    boolean diverged) {

  /**
   * True when a further major cycle should follow (Radler's {@code another_iteration_required}).
   */
  public boolean anotherIterationRequired() {
    return !finalThresholdReached && !maxIterationsReached && !noPeak && !diverged;
  }
}
