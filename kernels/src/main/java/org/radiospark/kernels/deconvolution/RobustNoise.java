package org.radiospark.kernels.deconvolution;

import java.util.Arrays;

/**
 * Noise level from the median absolute deviation, as WSClean's auto-threshold uses it: {@code rms =
 * 1.4826 x median(|x - median(x)|)}, the standard deviation for Gaussian noise and robust to
 * sources. O(N) on average: two quickselects (Hoare's FIND) on a copy instead of sorts.
 */
public final class RobustNoise {
  /** 1 / Phi^-1(3/4): MAD to standard deviation for a normal distribution. */
  public static final double MAD_TO_SIGMA = 1.482602218505602;

  private RobustNoise() {}

  /** The MAD-based rms of the finite values of {@code pixels}; 0 for an empty input. */
  public static double madRms(double[] pixels) {
    double[] v = Arrays.stream(pixels).filter(Double::isFinite).toArray();
    if (v.length == 0) {
      return 0.0;
    }
    double med = median(v);
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.abs(v[i] - med);
    }
    return MAD_TO_SIGMA * median(v);
  }

  /** The median of {@code v} (reordered in place), the mean of the two middle values if even. */
  static double median(double[] v) {
    int n = v.length;
    int hi = n / 2;
    double upper = select(v, hi);
    if (n % 2 == 1) {
      return upper;
    }
    // After the selection every value left of index hi is <= v[hi]: the lower middle is their max.
    double lower = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < hi; i++) {
      lower = Math.max(lower, v[i]);
    }
    return 0.5 * (lower + upper);
  }

  /**
   * Reorders {@code v} so that {@code v[k]} is the value a sort would put there, smaller or equal
   * values before it and greater or equal after (Hoare partitioning, median-of-three pivots). O(n)
   * on average. Values must be finite.
   */
  static double select(double[] v, int k) {
    int lo = 0;
    int hi = v.length - 1;
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      // Median of three as the pivot guards against sorted input.
      if (v[mid] < v[lo]) {
        swap(v, mid, lo);
      }
      if (v[hi] < v[lo]) {
        swap(v, hi, lo);
      }
      if (v[hi] < v[mid]) {
        swap(v, hi, mid);
      }
      double pivot = v[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (v[i] < pivot) {
          i++;
        }
        while (v[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(v, i, j);
          i++;
          j--;
        }
      }
      // Now v[lo..j] <= pivot <= v[i..hi], and values between j and i equal the pivot.
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return v[k];
      }
    }
    return v[k];
  }

  private static void swap(double[] v, int a, int b) {
    double t = v[a];
    v[a] = v[b];
    v[b] = t;
  }
}
