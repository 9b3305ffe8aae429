package org.radiospark.kernels.flagging;

import java.util.Arrays;

/**
 * Median and median absolute deviation (MAD) of the unmasked values of an array: the robust centre
 * and width the flaggers threshold against, so that the outliers being searched for do not inflate
 * their own threshold.
 *
 * <p>For Gaussian noise {@code sigma = 1.4826 MAD} ({@link #MAD_TO_SIGMA}). Cost O(n log n) per
 * call (a sorted copy of the unmasked values).
 */
public final class RobustStatistics {
  /** {@code 1 / Phi^-1(3/4)}: converts a MAD to the standard deviation of a Gaussian. */
  public static final double MAD_TO_SIGMA = 1.482_602_218_505_602;

  private RobustStatistics() {}

  /**
   * Median and Gaussian-equivalent sigma of {@code values[i]} over the samples with {@code mask[i]
   * == false} and finite values.
   *
   * @param mask may be null (nothing masked)
   * @return {@code {median, 1.4826 * MAD}}, or {@code {NaN, NaN}} when no sample is usable
   */
  public static double[] medianAndSigma(double[] values, boolean[] mask) {
    double[] v = new double[values.length];
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      if ((mask == null || !mask[i]) && Double.isFinite(values[i])) {
        v[n++] = values[i];
      }
    }
    return medianAndSigma(v, n);
  }

  /**
   * As {@link #medianAndSigma(double[], boolean[])} over the first {@code n} values of {@code
   * scratch}, which is reordered.
   */
  static double[] medianAndSigma(double[] scratch, int n) {
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    Arrays.sort(scratch, 0, n);
    double median = sortedMedian(scratch, n);
    for (int i = 0; i < n; i++) {
      scratch[i] = Math.abs(scratch[i] - median);
    }
    Arrays.sort(scratch, 0, n);
    return new double[] {median, MAD_TO_SIGMA * sortedMedian(scratch, n)};
  }

  /** Median of the first {@code n >= 1} values of {@code scratch}, which is reordered. */
  static double median(double[] scratch, int n) {
    Arrays.sort(scratch, 0, n);
    return sortedMedian(scratch, n);
  }

  private static double sortedMedian(double[] sorted, int n) {
    return (n & 1) == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }
}
