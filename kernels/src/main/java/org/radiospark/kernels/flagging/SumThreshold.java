package org.radiospark.kernels.flagging;

/**
 * The SumThreshold method of Offringa et al. (2010, MNRAS 405, 155) along one axis of a time x
 * frequency plane.
 *
 * <p>For a window length {@code M}, every run of {@code M} consecutive <em>unflagged</em> samples
 * (samples already flagged are skipped, so the run may span them, as in AOFlagger) whose mean
 * exceeds {@code chi_M} in absolute value is flagged. Windows of one length are tested against the
 * mask as it was before that length, so a detection does not hide its neighbours within one pass.
 * Cost O(n) per sequence and window length (sliding sums; flagged runs are marked through a
 * difference array).
 */
public final class SumThreshold {
  private SumThreshold() {}

  /**
   * One window length along the sequence {@code values[offset + k * stride]}, {@code k = 0..n-1}.
   *
   * @param values residuals (data minus background), any unit
   * @param mask read: samples to skip; not modified
   * @param out the unflagged samples of detected runs are set true (same indexing as {@code mask};
   *     may be a different array); nothing is cleared
   * @param window the length {@code M >= 1}
   * @param threshold {@code chi_M}, same unit as {@code values}: a run is flagged when {@code |sum|
   *     > M chi_M}
   * @param scratch at least {@code 2 n + 1} ints, overwritten
   * @return number of samples newly set in {@code out}
   */
  public static int apply(
      double[] values,
      boolean[] mask,
      boolean[] out,
      int offset,
      int stride,
      int n,
      int window,
      double threshold,
      int[] scratch) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1: " + window);
    }
    if (scratch.length < 2 * n + 1) {
      throw new IllegalArgumentException("scratch needs " + (2 * n + 1) + " ints");
    }
    // scratch[0..m) holds the positions of the unflagged samples, scratch[n..2n] a difference
    // array over those positions' ranks.
    int m = 0;
    for (int k = 0; k < n; k++) {
      if (!mask[offset + k * stride]) {
        scratch[m++] = k;
      }
    }
    if (m < window) {
      return 0;
    }
    int diff = n;
    java.util.Arrays.fill(scratch, diff, diff + m + 1, 0);
    double limit = threshold * window;
    double sum = 0;
    boolean any = false;
    for (int j = 0; j < m; j++) {
      sum += values[offset + scratch[j] * stride];
      if (j >= window) {
        sum -= values[offset + scratch[j - window] * stride];
      }
      if (j >= window - 1 && Math.abs(sum) > limit) {
        scratch[diff + j - window + 1]++;
        scratch[diff + j + 1]--;
        any = true;
      }
    }
    if (!any) {
      return 0;
    }
    // Samples between two unflagged positions are already in the mask: only the unflagged ones
    // of a detected run need setting.
    int newly = 0;
    int depth = 0;
    for (int j = 0; j < m; j++) {
      depth += scratch[diff + j];
      int idx = offset + scratch[j] * stride;
      if (depth > 0 && !out[idx]) {
        out[idx] = true;
        newly++;
      }
    }
    return newly;
  }

  /**
   * The threshold for window {@code M}: {@code chi_M = chi_1 / rho^log2(M)} (Offringa et al. 2010;
   * they quote {@code rho = 1.5}; AOFlagger's code uses the equivalent of {@code rho = 4/3}, see
   * {@link AoFlaggerStrategy.SumThresholdParameters}).
   */
  public static double thresholdFor(int window, double chi1, double rho) {
    return chi1 / Math.pow(rho, Math.log(window) / Math.log(2));
  }
}
