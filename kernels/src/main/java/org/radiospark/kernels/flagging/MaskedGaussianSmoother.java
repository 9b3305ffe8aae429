package org.radiospark.kernels.flagging;

/**
 * Background fit of a time x frequency plane by normalised convolution with a separable Gaussian:
 * {@code B = G * (m v) / G * m}, where {@code m} is 1 for unflagged and 0 for flagged samples
 * (Knutsson and Westin 1993). This is the smooth surface AOFlagger subtracts before thresholding
 * (Offringa et al. 2010; AOFlagger's {@code low_pass_filter} on masked data).
 *
 * <p>Layout: plane value {@code (t, f)} at {@code [t * nChan + f]}. Because the kernel is
 * separable, both numerator and denominator are convolved along time and then along frequency,
 * which is exactly the 2-D normalised convolution. Samples outside the plane count as flagged. Cost
 * O(nTime nChan (2 halfTime + 2 halfFreq + 2)); plan once, reuse for planes of any size.
 */
public final class MaskedGaussianSmoother {
  private final double[] timeKernel;
  private final double[] freqKernel;

  /**
   * @param sigmaTime Gaussian sigma along time, samples (> 0)
   * @param halfWidthTime kernel extends over {@code [-halfWidthTime, halfWidthTime]} samples
   * @param sigmaFreq Gaussian sigma along frequency, channels (> 0)
   * @param halfWidthFreq kernel half-width in channels
   */
  public MaskedGaussianSmoother(
      double sigmaTime, int halfWidthTime, double sigmaFreq, int halfWidthFreq) {
    this.timeKernel = gaussian(sigmaTime, halfWidthTime, "time");
    this.freqKernel = gaussian(sigmaFreq, halfWidthFreq, "frequency");
  }

  private static double[] gaussian(double sigma, int half, String axis) {
    if (!(sigma > 0) || half < 0) {
      throw new IllegalArgumentException(
          axis + " kernel: sigma must be > 0 and half-width >= 0: " + sigma + ", " + half);
    }
    double[] k = new double[2 * half + 1];
    for (int i = -half; i <= half; i++) {
      k[i + half] = Math.exp(-0.5 * (i / sigma) * (i / sigma));
    }
    return k;
  }

  /**
   * The smoothed plane.
   *
   * @param values {@code nTime x nChan}, time-major
   * @param mask flagged samples (ignored) in the same layout
   * @param out receives the background; where no unflagged sample lies within the kernel the value
   *     is {@code fallback}
   * @param fallback value for samples with no unflagged neighbour (e.g. the plane median)
   */
  public void smooth(
      double[] values, boolean[] mask, int nTime, int nChan, double[] out, double fallback) {
    int n = nTime * nChan;
    double[] num1 = new double[n];
    double[] den1 = new double[n];
    int ht = timeKernel.length / 2;
    for (int t = 0; t < nTime; t++) {
      int lo = Math.max(0, t - ht);
      int hi = Math.min(nTime - 1, t + ht);
      for (int s = lo; s <= hi; s++) {
        double g = timeKernel[s - t + ht];
        int src = s * nChan;
        int dst = t * nChan;
        for (int f = 0; f < nChan; f++) {
          if (!mask[src + f]) {
            num1[dst + f] += g * values[src + f];
            den1[dst + f] += g;
          }
        }
      }
    }
    int hf = freqKernel.length / 2;
    for (int t = 0; t < nTime; t++) {
      int row = t * nChan;
      for (int f = 0; f < nChan; f++) {
        int lo = Math.max(0, f - hf);
        int hi = Math.min(nChan - 1, f + hf);
        double num = 0;
        double den = 0;
        for (int c = lo; c <= hi; c++) {
          double g = freqKernel[c - f + hf];
          num += g * num1[row + c];
          den += g * den1[row + c];
        }
        // den is a sum of positive kernel values: tiny only when every neighbour is flagged.
        out[row + f] = den > 1e-12 ? num / den : fallback;
      }
    }
  }
}
