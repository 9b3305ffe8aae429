package org.radiospark.kernels.deconvolution;

/**
 * An image-plane CLEAN algorithm run as the minor cycle of {@link CottonSchwabDeconvolver}. An
 * instance holds the PSF (and its derived products) of one deconvolution and its auto-mask state.
 * Arrays are {@code nx * ny}, {@code a[y * nx + x]}; residual in Jy/beam, model in Jy/pixel.
 */
public interface CleanAlgorithm {

  /**
   * Cleans {@code residual} in place, adding components to {@code model}, within {@code limits}.
   */
  MinorCycleOutcome minorCycle(double[] residual, double[] model, MinorCycleLimits limits);

  /**
   * Ends the first auto-mask phase: from now on components are only searched where the first phase
   * put them (per scale for multi-scale, the non-zero model pixels for Hogbom).
   */
  void useAutoMask(double[] model);
}
