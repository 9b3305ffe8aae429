package org.radiospark.kernels.flagging;

/**
 * The scale-invariant rank (SIR) operator of Offringa, van de Gronde and Roerdink (2012, A&A 539,
 * A95), a morphological dilation of a flag mask along one axis.
 *
 * <p>A sample is flagged when it lies in some interval of which at least a fraction {@code 1 - eta}
 * is flagged. With {@code w_i = eta - 1 + f_i} ({@code f_i} = 1 if flagged) and prefix sums {@code
 * W_k = sum_{i<k} w_i}, the interval {@code [a, b)} qualifies when {@code W_b - W_a >= 0}, so
 * sample {@code i} is flagged when {@code max_{b > i} W_b >= min_{a <= i} W_a} (the paper's
 * linear-time algorithm). Cost O(n) per sequence.
 */
public final class ScaleInvariantRank {
  private ScaleInvariantRank() {}

  /**
   * Applies the operator in place to the sequence {@code mask[offset + k * stride]}, {@code k = 0
   * .. n-1}.
   *
   * @param eta aggressiveness in [0, 1]: 0 leaves the mask as it is, 1 flags everything; AOFlagger
   *     uses 0.2
   * @param scratch at least {@code 2 (n + 1)} doubles, overwritten
   */
  public static void apply(
      boolean[] mask, int offset, int stride, int n, double eta, double[] scratch) {
    if (!(eta >= 0 && eta <= 1)) {
      throw new IllegalArgumentException("eta must be in [0, 1]: " + eta);
    }
    if (scratch.length < 2 * (n + 1)) {
      throw new IllegalArgumentException("scratch needs " + 2 * (n + 1) + " values");
    }
    // scratch[0..n] = prefix minima of W, scratch[n+1 .. 2n+1] = suffix maxima of W.
    int sm = n + 1;
    double w = 0;
    scratch[0] = 0;
    scratch[sm] = 0;
    for (int k = 0; k < n; k++) {
      w += mask[offset + k * stride] ? eta : eta - 1;
      scratch[sm + k + 1] = w;
      scratch[k + 1] = Math.min(scratch[k], w);
    }
    for (int k = n - 1; k >= 0; k--) {
      scratch[sm + k] = Math.max(scratch[sm + k], scratch[sm + k + 1]);
    }
    // Exact ties qualify (an interval with exactly 1 - eta flagged); the tolerance absorbs the
    // rounding of sums of eta and eta - 1.
    double tol = 1e-9 * (n + 1);
    for (int k = 0; k < n; k++) {
      if (scratch[sm + k + 1] - scratch[k] >= -tol) {
        mask[offset + k * stride] = true;
      }
    }
  }
}
