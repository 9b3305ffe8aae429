package org.radiospark.kernels.polarisation;

import java.util.Arrays;
import java.util.Objects;
import org.radiospark.kernels.model.Stokes;

/**
 * A linear map between sets of polarisation products: Stokes I Q U V, linear correlations XX XY YX
 * YY and circular correlations RR RL LR LL, in any combination and order.
 *
 * <p>Feed conventions (Hamaker and Bregman 1996, as in CASA and WSClean): linear {@code XX = I +
 * Q}, {@code YY = I - Q}, {@code XY = U + iV}, {@code YX = U - iV}; circular {@code RR = I + V},
 * {@code LL = I - V}, {@code RL = Q + iU}, {@code LR = Q - iU}. The inverse: {@code I = (XX + YY) /
 * 2}, {@code Q = (XX - YY) / 2}, {@code U = (XY + YX) / 2}, {@code V = -i (XY - YX) / 2}; {@code I
 * = (RR + LL) / 2}, {@code V = (RR - LL) / 2}, {@code Q = (RL + LR) / 2}, {@code U = -i (RL - LR) /
 * 2}. The visibilities of I, Q, U, V are complex in general, so the map is complex-linear. The
 * parallactic angle is <b>not</b> applied: Q and U are referred to the feed axes, which is right
 * for equatorially mounted feeds and for simulations without a rotation of the feeds on the sky.
 *
 * <p>The map is planned once (an {@code nTo x nFrom} complex matrix) and then applied to any number
 * of samples: O(nTo nFrom) per sample. A product in {@code to} that is also in {@code from} is
 * copied. The plan fails if some output needs a Stokes parameter that {@code from} cannot give
 * (e.g. V from XX and YY only). Immutable and thread-safe.
 */
public final class PolarisationConverter {
  private final Stokes[] from;
  private final Stokes[] to;
  // m[2 * (k * nFrom + j) + {0 re, 1 im}]: coefficient of input j in output k.
  private final double[] m;

  private PolarisationConverter(Stokes[] from, Stokes[] to, double[] m) {
    this.from = from;
    this.to = to;
    this.m = m;
  }

  /**
   * Plans the conversion from the products {@code from} to the products {@code to}.
   *
   * @throws IllegalArgumentException if an output cannot be formed from the inputs
   */
  public static PolarisationConverter of(Stokes[] from, Stokes[] to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    int nf = from.length;
    double[] m = new double[2 * to.length * nf];
    for (int k = 0; k < to.length; k++) {
      int direct = indexOf(from, to[k]);
      if (direct >= 0) {
        m[2 * (k * nf + direct)] = 1;
        continue;
      }
      double[] inStokes = stokesCoefficients(to[k]);
      for (int s = 0; s < 4; s++) {
        double cr = inStokes[2 * s];
        double ci = inStokes[2 * s + 1];
        if (cr == 0 && ci == 0) {
          continue;
        }
        double[] recipe = recipe(STOKES[s], from, to[k]);
        for (int j = 0; j < nf; j++) {
          double rr = recipe[2 * j];
          double ri = recipe[2 * j + 1];
          m[2 * (k * nf + j)] += cr * rr - ci * ri;
          m[2 * (k * nf + j) + 1] += cr * ri + ci * rr;
        }
      }
    }
    return new PolarisationConverter(from.clone(), to.clone(), m);
  }

  private static final Stokes[] STOKES = {Stokes.I, Stokes.Q, Stokes.U, Stokes.V};

  /** A product as complex coefficients of (I, Q, U, V): {@code c[2s], c[2s+1]}. */
  private static double[] stokesCoefficients(Stokes p) {
    double[] c = new double[8];
    switch (p) {
      case I -> c[0] = 1;
      case Q -> c[2] = 1;
      case U -> c[4] = 1;
      case V -> c[6] = 1;
      case XX -> {
        c[0] = 1;
        c[2] = 1;
      }
      case YY -> {
        c[0] = 1;
        c[2] = -1;
      }
      case XY -> {
        c[4] = 1;
        c[7] = 1;
      }
      case YX -> {
        c[4] = 1;
        c[7] = -1;
      }
      case RR -> {
        c[0] = 1;
        c[6] = 1;
      }
      case LL -> {
        c[0] = 1;
        c[6] = -1;
      }
      case RL -> {
        c[2] = 1;
        c[5] = 1;
      }
      case LR -> {
        c[2] = 1;
        c[5] = -1;
      }
      default -> throw new IllegalArgumentException("unknown product " + p);
    }
    return c;
  }

  /** Stokes parameter {@code s} as complex coefficients of the products {@code from}. */
  private static double[] recipe(Stokes s, Stokes[] from, Stokes wanted) {
    double[] r = new double[2 * from.length];
    int direct = indexOf(from, s);
    if (direct >= 0) {
      r[2 * direct] = 1;
      return r;
    }
    // Pairs (a, b) with s = ca * a + cb * b; coefficients as {re_a, im_a, re_b, im_b}.
    Object[][] pairs =
        switch (s) {
          case I ->
              new Object[][] {
                {Stokes.XX, Stokes.YY, new double[] {0.5, 0, 0.5, 0}},
                {Stokes.RR, Stokes.LL, new double[] {0.5, 0, 0.5, 0}}
              };
          case Q ->
              new Object[][] {
                {Stokes.XX, Stokes.YY, new double[] {0.5, 0, -0.5, 0}},
                {Stokes.RL, Stokes.LR, new double[] {0.5, 0, 0.5, 0}}
              };
          case U ->
              new Object[][] {
                {Stokes.XY, Stokes.YX, new double[] {0.5, 0, 0.5, 0}},
                {Stokes.RL, Stokes.LR, new double[] {0, -0.5, 0, 0.5}}
              };
          case V ->
              new Object[][] {
                {Stokes.XY, Stokes.YX, new double[] {0, -0.5, 0, 0.5}},
                {Stokes.RR, Stokes.LL, new double[] {0.5, 0, -0.5, 0}}
              };
          default -> throw new IllegalStateException("not a Stokes parameter: " + s);
        };
    for (Object[] pair : pairs) {
      int a = indexOf(from, (Stokes) pair[0]);
      int b = indexOf(from, (Stokes) pair[1]);
      if (a >= 0 && b >= 0) {
        double[] c = (double[]) pair[2];
        r[2 * a] = c[0];
        r[2 * a + 1] = c[1];
        r[2 * b] = c[2];
        r[2 * b + 1] = c[3];
        return r;
      }
    }
    throw new IllegalArgumentException(
        "cannot form " + wanted + " (needs Stokes " + s + ") from " + Arrays.toString(from));
  }

  private static int indexOf(Stokes[] a, Stokes s) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == s) {
        return i;
      }
    }
    return -1;
  }

  /** The input products (a copy). */
  public Stokes[] from() {
    return from.clone();
  }

  /** The output products (a copy). */
  public Stokes[] to() {
    return to.clone();
  }

  /**
   * Converts one sample: reads {@code from.length} interleaved complex values at {@code in[inOff]}
   * and writes {@code to.length} at {@code out[outOff]}. {@code in} and {@code out} must not
   * overlap.
   */
  public void apply(double[] in, int inOff, double[] out, int outOff) {
    int nf = from.length;
    for (int k = 0; k < to.length; k++) {
      double re = 0;
      double im = 0;
      for (int j = 0; j < nf; j++) {
        double cr = m[2 * (k * nf + j)];
        double ci = m[2 * (k * nf + j) + 1];
        double xr = in[inOff + 2 * j];
        double xi = in[inOff + 2 * j + 1];
        re += cr * xr - ci * xi;
        im += cr * xi + ci * xr;
      }
      out[outOff + 2 * k] = re;
      out[outOff + 2 * k + 1] = im;
    }
  }

  /**
   * Converts {@code nSamples} consecutive samples of interleaved complex floats, layout {@code in[2
   * * (s * nFrom + j) + {0, 1}]} to {@code out[2 * (s * nTo + k) + {0, 1}]} (the {@code
   * VisibilityBlock} layout when a sample is a (row, channel)). Accumulates in double.
   */
  public void apply(float[] in, float[] out, int nSamples) {
    int nf = from.length;
    int nt = to.length;
    if (in.length < 2 * nSamples * nf || out.length < 2 * nSamples * nt) {
      throw new IllegalArgumentException("arrays too short for " + nSamples + " samples");
    }
    double[] a = new double[2 * nf];
    double[] b = new double[2 * nt];
    for (int s = 0; s < nSamples; s++) {
      for (int j = 0; j < 2 * nf; j++) {
        a[j] = in[2 * s * nf + j];
      }
      apply(a, 0, b, 0);
      for (int k = 0; k < 2 * nt; k++) {
        out[2 * s * nt + k] = (float) b[k];
      }
    }
  }

  /**
   * The correlations {@code to} (interleaved complex, length {@code 2 * to.length}) of a source
   * with real Stokes flux densities {@code iquv = {I, Q, U, V}}.
   */
  public static double[] stokesToCorrelations(double[] iquv, Stokes[] to) {
    if (iquv.length != 4) {
      throw new IllegalArgumentException("need I, Q, U, V");
    }
    double[] in = {iquv[0], 0, iquv[1], 0, iquv[2], 0, iquv[3], 0};
    double[] out = new double[2 * to.length];
    of(STOKES, to).apply(in, 0, out, 0);
    return out;
  }
}
