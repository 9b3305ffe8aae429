package org.radiospark.kernels.deconvolution;

/** Why a deconvolution stopped. */
public enum StopReason {
  /** The final threshold (absolute or auto-threshold, after the auto-mask phase) was reached. */
  THRESHOLD,
  /** {@code niter} minor iterations were done. */
  MAX_ITERATIONS,
  /** {@code nmiter} major cycles were done. */
  MAX_MAJOR_CYCLES,
  /** No pixel could be cleaned (empty mask, or nothing positive left in positive-only mode). */
  NOTHING_TO_CLEAN,
  /** The peak grew beyond {@code divergenceLimit} times the minor cycle's start: CLEAN diverged. */
  DIVERGED,
  /** {@code niter} was 0: nothing was cleaned. */
  NO_CLEANING
}
