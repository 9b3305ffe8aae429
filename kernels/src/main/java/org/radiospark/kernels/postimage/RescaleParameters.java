package org.radiospark.kernels.postimage;

/**
 * Parameters of {@link Rescaler}.
 *
 * @param order degree of the polynomials against RA and against Dec
 * @param clipSigma clipping threshold of the statistics and fits, in standard deviations
 * @param maxIter maximum clipping passes
 * @param minSnr matches with a component below this signal to noise ratio are left out
 */
public record RescaleParameters(int order, double clipSigma, int maxIter, double minSnr) {
  /** Validates the values. */
  public RescaleParameters {
    if (order < 0 || order > 6 || !(clipSigma > 1) || maxIter < 0 || !(minSnr >= 0)) {
      throw new IllegalArgumentException(
          "rescale: order 0..6, clip sigma > 1, maxIter >= 0, minSnr >= 0");
    }
  }

  /** Quadratics, 3 sigma clipping up to 10 passes, SNR >= 10. */
  public static RescaleParameters defaults() {
    return new RescaleParameters(2, 3, 10, 10);
  }
}
