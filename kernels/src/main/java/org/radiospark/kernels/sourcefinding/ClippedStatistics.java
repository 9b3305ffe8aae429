package org.radiospark.kernels.sourcefinding;

import java.util.Arrays;

/**
 * Iterative sigma-clipped statistics, as BANE computes them in each box: the mean and standard
 * deviation of the values, then again of the values within {@code k} standard deviations of the
 * mean, until no value is rejected or {@code maxIter} passes are done.
 *
 * @param mean clipped mean
 * @param std clipped (population) standard deviation
 * @param median median of the retained values (NaN from {@link #meanAndStd}, which skips the sort)
 * @param count number of retained values
 */
public record ClippedStatistics(double mean, double std, double median, int count) {

  /**
   * Clipped statistics of the finite values among {@code values[0..n)}. The array is reordered
   * (used as scratch). O(n maxIter + n log n) for the median.
   *
   * @param values the values (NaN and infinities are ignored); modified
   * @param n how many leading entries to use
   * @param k clipping threshold in standard deviations (BANE: 3)
   * @param maxIter maximum number of clipping passes (BANE: 10)
   * @return the statistics; all NaN and count 0 when there are no finite values
   */
  public static ClippedStatistics of(double[] values, int n, double k, int maxIter) {
    return clip(values, n, k, maxIter, true);
  }

  /**
   * As {@link #of(double[], int, double, int)} without the median (NaN): O(n maxIter), no sort.
   * BANE's boxes need only the mean and standard deviation.
   */
  public static ClippedStatistics meanAndStd(double[] values, int n, double k, int maxIter) {
    return clip(values, n, k, maxIter, false);
  }

  private static ClippedStatistics clip(
      double[] values, int n, double k, int maxIter, boolean withMedian) {
    if (!(k > 0) || maxIter < 0 || n < 0 || n > values.length) {
      throw new IllegalArgumentException("bad clipping: k=" + k + ", maxIter=" + maxIter);
    }
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(values[i])) {
        values[m++] = values[i];
      }
    }
    if (m == 0) {
      return new ClippedStatistics(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double[] ms = meanStd(values, m);
    for (int it = 0; it < maxIter; it++) {
      double lo = ms[0] - k * ms[1];
      double hi = ms[0] + k * ms[1];
      int kept = 0;
      for (int i = 0; i < m; i++) {
        double v = values[i];
        if (v >= lo && v <= hi) {
          values[kept++] = v;
        }
      }
      if (kept == m || kept == 0) {
        break;
      }
      m = kept;
      ms = meanStd(values, m);
    }
    if (!withMedian) {
      return new ClippedStatistics(ms[0], ms[1], Double.NaN, m);
    }
    Arrays.sort(values, 0, m);
    double median = (m % 2 == 1) ? values[m / 2] : 0.5 * (values[m / 2 - 1] + values[m / 2]);
    return new ClippedStatistics(ms[0], ms[1], median, m);
  }

  /** Clipped statistics of a copy of {@code values}. */
  public static ClippedStatistics of(double[] values, double k, int maxIter) {
    return of(values.clone(), values.length, k, maxIter);
  }

  /**
   * The ratio c of the converged clipped standard deviation to the true sigma for Gaussian data
   * clipped at {@code k} of the running estimate: the fixed point of {@code c^2 = v(k c)}, where
   * {@code v(t) = 1 - 2 t phi(t) / (2 Phi(t) - 1)} is the variance of a unit normal truncated at
   * +-t. For k = 3 it is 0.985: BANE's clipped rms is 1.5% low for pure noise unless divided by it.
   */
  public static double gaussianConsistency(double k) {
    if (!(k > 0)) {
      throw new IllegalArgumentException("k must be positive: " + k);
    }
    org.apache.commons.math3.distribution.NormalDistribution unit =
        new org.apache.commons.math3.distribution.NormalDistribution(0, 1);
    double c = 1;
    for (int i = 0; i < 200; i++) {
      double t = k * c;
      double inside = 2 * unit.cumulativeProbability(t) - 1;
      double next = Math.sqrt(Math.max(1e-12, 1 - 2 * t * unit.density(t) / inside));
      if (Math.abs(next - c) < 1e-14) {
        return next;
      }
      c = next;
    }
    return c;
  }

  /** Two-pass mean and population standard deviation (the shifted form keeps precision). */
  private static double[] meanStd(double[] v, int m) {
    double s = 0;
    for (int i = 0; i < m; i++) {
      s += v[i];
    }
    double mean = s / m;
    double ss = 0;
    for (int i = 0; i < m; i++) {
      double d = v[i] - mean;
      ss += d * d;
    }
    return new double[] {mean, Math.sqrt(ss / m)};
  }
}
