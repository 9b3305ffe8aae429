package org.radiospark.kernels.flagging;

/**
 * Median and median absolute deviation (MAD) of the unmasked values of an array: the robust centre
 * and width the flaggers threshold against, so that the outliers being searched for do not inflate
 * their own threshold.
 *
 * <p>For Gaussian noise {@code sigma = 1.4826 MAD} ({@link #MAD_TO_SIGMA}). Cost O(n) expected per
 * call (quickselect on a copy of the unmasked values).
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
    double median = median(scratch, n);
    for (int i = 0; i < n; i++) {
      scratch[i] = Math.abs(scratch[i] - median);
    }
    return new double[] {median, MAD_TO_SIGMA * median(scratch, n)};
  }

  /**
   * Median of the first {@code n >= 1} values of {@code scratch}, which is reordered. Quickselect
   * (Hoare 1961) with a median-of-three pivot: O(n) expected, against O(n log n) for sorting; the
   * flagger takes dozens of medians per plane, so this is most of its cost.
   */
  static double median(double[] scratch, int n) {
    int k = n / 2;
    double upper = select(scratch, 0, n - 1, k);
    if ((n & 1) == 1) {
      return upper;
    }
    // After selection every value left of k is <= a[k]: the lower middle is their maximum.
    double lower = scratch[0];
    for (int i = 1; i < k; i++) {
      lower = Math.max(lower, scratch[i]);
    }
    return 0.5 * (lower + upper);
  }

  /** Puts the k-th smallest of {@code a[lo..hi]} at {@code a[k]}, smaller ones left of it. */
  private static double select(double[] a, int lo, int hi, int k) {
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      // Median of three as pivot, placed at mid: sorted input (common here) stays O(n).
      if (a[mid] < a[lo]) {
        swap(a, mid, lo);
      }
      if (a[hi] < a[lo]) {
        swap(a, hi, lo);
      }
      if (a[hi] < a[mid]) {
        swap(a, hi, mid);
      }
      double pivot = a[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(a, i, j);
          i++;
          j--;
        }
      }
      // Now a[lo..j] <= pivot <= a[i..hi], and a[j+1..i-1] == pivot.
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
