package org.radiospark.kernels.postimage;

import java.util.Arrays;

/**
 * A polynomial of one variable, {@code z = sum_i c_i u^i} with {@code u = (x - x0) / scale}: the
 * {@link Polynomial2D} machinery with the second variable held at zero. Used for the rescale step's
 * fits of offsets and flux ratios against RA or Dec.
 *
 * @param poly the underlying surface (only its pure-x terms are non-zero)
 */
public record Polynomial1D(Polynomial2D poly) {

  /** The value at x. */
  public double value(double x) {
    return poly.value(x, poly.y0());
  }

  /** Total degree. */
  public int order() {
    return poly.order();
  }

  /**
   * Clipped least-squares fit (see {@link Polynomial2D#fitClipped}); the x-only design has {@code
   * order + 1} independent terms, the others are fixed at zero.
   */
  public static Polynomial1D fitClipped(
      double[] x, double[] z, int order, double k, int maxIter, boolean[] kept) {
    Arrays.fill(kept, true);
    Polynomial1D p = fit(x, z, order, kept);
    for (int it = 0; it < maxIter; it++) {
      double ss = 0;
      int n = 0;
      for (int i = 0; i < x.length; i++) {
        if (kept[i]) {
          double r = z[i] - p.value(x[i]);
          ss += r * r;
          n++;
        }
      }
      double rms = Math.sqrt(ss / n);
      boolean[] next = new boolean[x.length];
      boolean changed = false;
      int m = 0;
      for (int i = 0; i < x.length; i++) {
        next[i] = Math.abs(z[i] - p.value(x[i])) <= k * rms;
        changed |= next[i] != kept[i];
        m += next[i] ? 1 : 0;
      }
      if (!changed || m < order + 2) {
        break;
      }
      System.arraycopy(next, 0, kept, 0, x.length);
      p = fit(x, z, order, kept);
    }
    return p;
  }

  private static Polynomial1D fit(double[] x, double[] z, int order, boolean[] mask) {
    int n = 0;
    for (boolean b : mask) {
      n += b ? 1 : 0;
    }
    if (n < order + 1) {
      throw new IllegalArgumentException(
          n + " points cannot determine a polynomial of order " + order);
    }
    double xmin = Double.MAX_VALUE;
    double xmax = -Double.MAX_VALUE;
    for (int i = 0; i < x.length; i++) {
      if (mask[i]) {
        xmin = Math.min(xmin, x[i]);
        xmax = Math.max(xmax, x[i]);
      }
    }
    double cx = 0.5 * (xmin + xmax);
    double s = Math.max(1e-300, 0.5 * (xmax - xmin));
    double[][] a = new double[n][order + 1];
    double[] b = new double[n];
    int r = 0;
    for (int i = 0; i < x.length; i++) {
      if (mask[i]) {
        double u = (x[i] - cx) / s;
        double p = 1;
        for (int d = 0; d <= order; d++) {
          a[r][d] = p;
          p *= u;
        }
        b[r++] = z[i];
      }
    }
    double[] c;
    try {
      c =
          new org.apache.commons.math3.linear.QRDecomposition(
                  new org.apache.commons.math3.linear.Array2DRowRealMatrix(a, false), 1e-10)
              .getSolver()
              .solve(new org.apache.commons.math3.linear.ArrayRealVector(b, false))
              .toArray();
    } catch (org.apache.commons.math3.linear.SingularMatrixException e) {
      throw new IllegalArgumentException(
          "the points do not determine a polynomial of order " + order + " (too few distinct x)");
    }
    // Place c_d at the pure u^d term of the 2-D layout: index d (d + 1) / 2.
    double[] c2 = new double[Polynomial2D.terms(order)];
    for (int d = 0; d <= order; d++) {
      c2[d * (d + 1) / 2] = c[d];
    }
    return new Polynomial1D(new Polynomial2D(order, cx, 0, s, c2));
  }
}
