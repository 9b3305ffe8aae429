package org.radiospark.kernels.polarisation.faraday;

/**
 * Faraday moment images (Farnes et al. 2018): for each pixel, the first four moments over frequency
 * of Stokes Q, U and P = sqrt(Q^2 + U^2). Arrays are {@code [nPix]} in the pixel order of the input
 * cube and owned by the record.
 *
 * @param meanQ mean of Q
 * @param stdQ population standard deviation of Q (numpy's default, ddof = 0)
 * @param skewQ skewness of Q, {@code m3 / m2^1.5} (scipy's biased default)
 * @param kurtQ excess kurtosis of Q, {@code m4 / m2^2 - 3}
 * @param meanU mean of U
 * @param stdU standard deviation of U
 * @param skewU skewness of U
 * @param kurtU excess kurtosis of U
 * @param meanP mean of P
 * @param stdP standard deviation of P
 * @param skewP skewness of P
 * @param kurtP excess kurtosis of P
 */
public record MomentImages(
    float[] meanQ,
    float[] stdQ,
    float[] skewQ,
    float[] kurtQ,
    float[] meanU,
    float[] stdU,
    float[] skewU,
    float[] kurtU,
    float[] meanP,
    float[] stdP,
    float[] skewP,
    float[] kurtP) {

  /** Number of pixels. */
  public int nPix() {
    return meanQ.length;
  }
}
