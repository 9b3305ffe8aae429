package org.radiospark.kernels.postimage;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * A bivariate polynomial {@code z = sum_{i + j <= order} c_ij u^i v^j} in normalised coordinates
 * {@code u = (x - x0) / s}, {@code v = (y - y0) / s}, fitted by least squares (Householder QR, so
 * the normal equations' squared condition number is avoided) with optional iterative sigma clipping
 * of outliers. Terms are ordered by total degree, then by the power of v: {@code 1, u, v, u^2, uv,
 * v^2, ...}; there are {@code (order + 1)(order + 2) / 2}. Evaluation is O(terms).
 *
 * @param order total degree, 0 to 6
 * @param x0 centre of the x normalisation
 * @param y0 centre of the y normalisation
 * @param scale normalisation length (half the larger data extent)
 * @param coefficients one per term, in the order above
 */
public record Polynomial2D(int order, double x0, double y0, double scale, double[] coefficients) {

  /** Validates the sizes. */
  public Polynomial2D {
    if (order < 0 || order > 6) {
      throw new IllegalArgumentException("polynomial order must be 0..6: " + order);
    }
    if (coefficients.length != terms(order) || !(scale > 0)) {
      throw new IllegalArgumentException("need " + terms(order) + " coefficients and scale > 0");
    }
    coefficients = coefficients.clone();
  }

  /** Number of terms of a polynomial of total degree {@code order}. */
  public static int terms(int order) {
    return (order + 1) * (order + 2) / 2;
  }

  /** The value at (x, y). O(terms). */
  public double value(double x, double y) {
    return horner(alongX(y), (x - x0) / scale);
  }

  /**
   * The coefficients {@code a_i} of the polynomial restricted to the row {@code y}, in powers of
   * {@code u = (x - x0) / scale}: {@code value(x, y) = sum_i a_i u^i}. Lets an image be evaluated
   * at O(order) per pixel ({@link #evaluateRow}).
   */
  double[] alongX(double y) {
    double v = (y - y0) / scale;
    double[] a = new double[order + 1];
    int k = 0;
    for (int d = 0; d <= order; d++) {
      double vj = 1;
      for (int j = 0; j <= d; j++) {
        a[d - j] += coefficients[k++] * vj;
        vj *= v;
      }
    }
    return a;
  }

  /** Values at pixels {@code x = 0..n-1} of row {@code y}, into {@code out}. O(n order). */
  public void evaluateRow(double y, double[] out) {
    double[] a = alongX(y);
    for (int x = 0; x < out.length; x++) {
      out[x] = horner(a, (x - x0) / scale);
    }
  }

  private static double horner(double[] a, double u) {
    double s = 0;
    for (int i = a.length - 1; i >= 0; i--) {
      s = s * u + a[i];
    }
    return s;
  }

  /**
   * Least-squares fit.
   *
   * @param x abscissae
   * @param y ordinates
   * @param z values
   * @param order total degree
   * @throws IllegalArgumentException when there are fewer points than terms or they do not
   *     determine the polynomial (e.g. all on a line)
   */
  public static Polynomial2D fit(double[] x, double[] y, double[] z, int order) {
    boolean[] all = new boolean[x.length];
    Arrays.fill(all, true);
    return fit(x, y, z, all, order);
  }

  /**
   * Fit with iterative clipping: points whose residual exceeds {@code k} times the rms residual are
   * dropped and the fit repeated until nothing changes or {@code maxIter} passes.
   *
   * @param kept output: which points the final fit used (length of x)
   */
  public static Polynomial2D fitClipped(
      double[] x, double[] y, double[] z, int order, double k, int maxIter, boolean[] kept) {
    Arrays.fill(kept, true);
    Polynomial2D p = fit(x, y, z, kept, order);
    for (int it = 0; it < maxIter; it++) {
      double rms = rmsResidual(p, x, y, z, kept);
      boolean changed = false;
      int n = 0;
      boolean[] next = new boolean[x.length];
      for (int i = 0; i < x.length; i++) {
        next[i] = Math.abs(z[i] - p.value(x[i], y[i])) <= k * rms;
        changed |= next[i] != kept[i];
        n += next[i] ? 1 : 0;
      }
      if (!changed || n < terms(order) + 1) {
        break;
      }
      System.arraycopy(next, 0, kept, 0, x.length);
      p = fit(x, y, z, kept, order);
    }
    return p;
  }

  /** Rms of the residuals of the points in {@code mask}. */
  public static double rmsResidual(
      Polynomial2D p, double[] x, double[] y, double[] z, boolean[] mask) {
    double ss = 0;
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (mask[i]) {
        double r = z[i] - p.value(x[i], y[i]);
        ss += r * r;
        n++;
      }
    }
    return n == 0 ? Double.NaN : Math.sqrt(ss / n);
  }

  /** Least-squares fit to the points where {@code mask} is true. */
  public static Polynomial2D fit(double[] x, double[] y, double[] z, boolean[] mask, int order) {
    if (x.length != y.length || x.length != z.length) {
      throw new IllegalArgumentException("x, y and z must have equal lengths");
    }
    int nt = terms(order);
    int n = 0;
    double xmin = Double.MAX_VALUE;
    double xmax = -Double.MAX_VALUE;
    double ymin = Double.MAX_VALUE;
    double ymax = -Double.MAX_VALUE;
    for (int i = 0; i < x.length; i++) {
      if (mask[i]) {
        n++;
        xmin = Math.min(xmin, x[i]);
        xmax = Math.max(xmax, x[i]);
        ymin = Math.min(ymin, y[i]);
        ymax = Math.max(ymax, y[i]);
      }
    }
    if (n < nt) {
      throw new IllegalArgumentException(
          n + " points cannot determine a polynomial of order " + order + " (" + nt + " terms)");
    }
    double cx = 0.5 * (xmin + xmax);
    double cy = 0.5 * (ymin + ymax);
    double s = Math.max(1e-300, 0.5 * Math.max(xmax - xmin, ymax - ymin));
    double[][] a = new double[n][nt];
    double[] b = new double[n];
    int r = 0;
    Polynomial2D basis = new Polynomial2D(order, cx, cy, s, new double[nt]);
    for (int i = 0; i < x.length; i++) {
      if (mask[i]) {
        basis.row(x[i], y[i], a[r]);
        b[r++] = z[i];
      }
    }
    try {
      QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(a, false), 1e-10);
      double[] c = qr.getSolver().solve(new ArrayRealVector(b, false)).toArray();
      return new Polynomial2D(order, cx, cy, s, c);
    } catch (SingularMatrixException e) {
      throw new IllegalArgumentException(
          "the points do not determine a polynomial of order " + order + " (degenerate layout)");
    }
  }

  private void row(double x, double y, double[] out) {
    double u = (x - x0) / scale;
    double v = (y - y0) / scale;
    int k = 0;
    for (int d = 0; d <= order; d++) {
      for (int j = 0; j <= d; j++) {
        out[k++] = Math.pow(u, d - j) * Math.pow(v, j);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Polynomial2D p
        && p.order == order
        && p.x0 == x0
        && p.y0 == y0
        && p.scale == scale
        && Arrays.equals(p.coefficients, coefficients);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(coefficients) + order;
  }

  @Override
  public String toString() {
    return "Polynomial2D[order=" + order + ", coefficients=" + Arrays.toString(coefficients) + "]";
  }
}
