package org.radiospark.kernels.gridding;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * The "exponential of semicircle" gridding kernel of Barnett, Magland and af Klinteberg (2019, SIAM
 * J. Sci. Comput. 41, C479, eq. 1.8) as used by ducc0's wgridder (Arras et al. 2021, A&amp;A 646,
 * A58): {@code phi(x) = exp(beta W (sqrt(1 - x^2) - 1))} for {@code |x| <= 1}, zero outside, with
 * {@code x = 2 t / W} for a distance of {@code t} grid cells; the support is {@code W} cells.
 *
 * <p>Fast evaluation follows ducc0: the support is cut into {@code W} unit intervals, one per grid
 * point touched, and on each the kernel is a polynomial of degree {@code D} in the common local
 * offset {@code s} in [-1, 1] (Chebyshev interpolation converted to monomials, Horner evaluated for
 * all {@code W} values at once: {@code W (D+1)} multiply-adds per visibility and axis). The degree
 * is the smallest that keeps the maximum deviation from the exact kernel below a requested
 * tolerance, measured at construction on 64 points per interval.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EsKernel {
  private static final int MAX_DEGREE = 24;

  private final int support;
  private final double beta;
  private final int degree;
  private final double polyError;
  private final double[][] quad;

  /** Monomial coefficients, highest power first: {@code coeff[d * W + j]} multiplies s^(D-d). */
  private final double[] coeff;

  /** The same coefficients per cell: {@code coeffT[j * (D+1) + d]} multiplies s^(D-d). */
  private final double[] coeffT;

  /**
   * @param support W, number of grid cells touched per axis, 2..16
   * @param beta shape parameter (beta W is the exponent scale), &gt; 0
   * @param polyTolerance maximum absolute error allowed for the piecewise-polynomial evaluation
   *     (the kernel peak is 1); the degree grows until it is met or reaches 24
   */
  public EsKernel(int support, double beta, double polyTolerance) {
    if (support < 2 || support > 16) {
      throw new IllegalArgumentException("kernel support must be 2..16: " + support);
    }
    if (!(beta > 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("kernel beta must be positive: " + beta);
    }
    this.support = support;
    this.beta = beta;
    double[] best = null;
    int bestDeg = -1;
    double bestErr = Double.POSITIVE_INFINITY;
    for (int d = Math.max(3, support / 2); d <= MAX_DEGREE; d++) {
      double[] c = fit(d);
      double err = maxError(c, d);
      if (err < bestErr) {
        best = c;
        bestDeg = d;
        bestErr = err;
      }
      if (err <= polyTolerance) {
        break;
      }
    }
    this.coeff = best;
    this.degree = bestDeg;
    this.coeffT = new double[best.length];
    for (int j = 0; j < support; j++) {
      for (int d = 0; d <= bestDeg; d++) {
        coeffT[j * (bestDeg + 1) + d] = best[d * support + j];
      }
    }
    this.polyError = bestErr;
    this.quad = buildQuadrature();
  }

  /** The exact kernel {@code exp(beta W (sqrt(1-x^2) - 1))}, 0 for {@code |x| > 1}. */
  public double phi(double x) {
    return phi(beta, support, x);
  }

  /** The exact kernel for given parameters. */
  public static double phi(double beta, int support, double x) {
    double x2 = x * x;
    if (x2 > 1) {
      return 0;
    }
    // sqrt(1-x^2) - 1 written as -x^2/(1+sqrt(1-x^2)) to keep full relative precision near 0.
    return Math.exp(-beta * support * x2 / (1 + Math.sqrt(1 - x2)));
  }

  /** Support W in grid cells. */
  public int support() {
    return support;
  }

  /** Shape parameter beta (the exponent scale is beta W). */
  public double beta() {
    return beta;
  }

  /** Polynomial degree D chosen at construction. */
  public int degree() {
    return degree;
  }

  /** Maximum absolute error of {@link #values} against {@link #phi}, measured at construction. */
  public double polynomialError() {
    return polyError;
  }

  /**
   * The {@code W} kernel values for a point at continuous grid coordinate {@code p}: grid cells
   * {@code i0 + j}, {@code j = 0..W-1}, with {@code i0 = ceil(p - W/2)}, receive {@code phi(2 (i0 +
   * j - p) / W)}. Pass {@code s = 2 (i0 - p + W/2) - 1}, which lies in [-1, 1).
   *
   * @param s local offset in [-1, 1]
   * @param out receives W values, {@code out.length >= W}
   */
  public void values(double s, double[] out) {
    int w = support;
    int m = degree + 1;
    double[] c = coeffT;
    // One independent Horner chain per cell: the out-of-order core overlaps the W chains.
    for (int j = 0; j < w; j++) {
      int o = j * m;
      double v = c[o];
      for (int d = 1; d < m; d++) {
        v = v * s + c[o + d];
      }
      out[j] = v;
    }
  }

  /**
   * Both axes at once, {@link #values(double, double[])} for offsets {@code su} and {@code sv}: two
   * interleaved Horner chains per cell give the core twice the independent work.
   */
  public void values(double su, double sv, double[] ku, double[] kv) {
    int w = support;
    int m = degree + 1;
    double[] c = coeffT;
    for (int j = 0; j < w; j++) {
      int o = j * m;
      double a = c[o];
      double b = a;
      for (int d = 1; d < m; d++) {
        double cd = c[o + d];
        a = a * su + cd;
        b = b * sv + cd;
      }
      ku[j] = a;
      kv[j] = b;
    }
  }

  /** Float version of {@link #values(double, double, double[], double[])}. */
  public void values(double su, double sv, float[] ku, float[] kv) {
    int w = support;
    int m = degree + 1;
    double[] c = coeffT;
    for (int j = 0; j < w; j++) {
      int o = j * m;
      double a = c[o];
      double b = a;
      for (int d = 1; d < m; d++) {
        double cd = c[o + d];
        a = a * su + cd;
        b = b * sv + cd;
      }
      ku[j] = (float) a;
      kv[j] = (float) b;
    }
  }

  /**
   * Kernel values for a batch of points, {@code out[j * stride + k] = } value {@code j} of {@link
   * #values(double, double[])} at offset {@code s[k]}, for {@code k < n}, {@code j < W}. The Horner
   * recurrences run with the batch index innermost, a loop shape the JIT vectorises, and in the
   * same order of operations as {@link #values(double, double[])}, so the values are bitwise
   * identical. Cost {@code W (D+1) n} multiply-adds.
   *
   * @param s offsets in [-1, 1], at least n
   * @param n batch size, {@code n <= stride}
   * @param acc work array of at least n doubles
   * @param out receives the values, length at least {@code (W - 1) stride + n}
   * @param stride distance between the rows of out
   */
  public void valuesBatch(double[] s, int n, double[] acc, float[] out, int stride) {
    int w = support;
    int m = degree + 1;
    double[] c = coeffT;
    for (int j = 0; j < w; j++) {
      int o = j * m;
      double c0 = c[o];
      for (int k = 0; k < n; k++) {
        acc[k] = c0;
      }
      for (int d = 1; d < m; d++) {
        double cd = c[o + d];
        for (int k = 0; k < n; k++) {
          acc[k] = acc[k] * s[k] + cd;
        }
      }
      int ob = j * stride;
      for (int k = 0; k < n; k++) {
        out[ob + k] = (float) acc[k];
      }
    }
  }

  /**
   * Monomial coefficients of cell j: {@code mono[p]} multiplies {@code s^p}, {@code p <= D}.
   *
   * @param mono receives D + 1 values
   */
  void monomials(int j, double[] mono) {
    int m = degree + 1;
    for (int d = 0; d < m; d++) {
      mono[degree - d] = coeffT[j * m + d];
    }
  }

  /** The single value {@code out[j]} of {@link #values(double, double[])}. */
  public double value(int j, double s) {
    int m = degree + 1;
    int o = j * m;
    double[] c = coeffT;
    double v = c[o];
    for (int d = 1; d < m; d++) {
      v = v * s + c[o + d];
    }
    return v;
  }

  /** Float version of {@link #values(double, double[])} (evaluated in double, stored as float). */
  public void values(double s, float[] out) {
    int w = support;
    int m = degree + 1;
    double[] c = coeffT;
    for (int j = 0; j < w; j++) {
      int o = j * m;
      double v = c[o];
      for (int d = 1; d < m; d++) {
        v = v * s + c[o + d];
      }
      out[j] = (float) v;
    }
  }

  /**
   * Fourier transform of the kernel in grid units, {@code psi(f) = int_{-W/2}^{W/2} phi(2t/W) cos(2
   * pi f t) dt}, {@code f} in cycles per grid cell, by Gauss-Legendre quadrature over [0, 1] (the
   * kernel is even).
   */
  public double fourier(double f) {
    double[][] gl = quadrature();
    double sum = 0;
    double k = Math.PI * support * f;
    for (int i = 0; i < gl[0].length; i++) {
      sum += gl[1][i] * gl[2][i] * Math.cos(k * gl[0][i]);
    }
    return support * sum;
  }

  /**
   * A fast evaluator of {@link #fourier} on {@code [-fMax, fMax]}: Chebyshev interpolation
   * (Clenshaw evaluation, {@code O(m)} per call instead of a quadrature) whose degree m doubles
   * from 16 until it agrees with the quadrature to 1e-15 relative on 101 check points; if degree
   * 256 does not, the quadrature itself is returned. Used for the per-pixel w correction, one call
   * per pixel.
   */
  public java.util.function.DoubleUnaryOperator fourierInterpolant(double fMax) {
    if (!(fMax > 1e-12)) {
      return this::fourier;
    }
    for (int m = 16; m <= 256; m *= 2) {
      double[] c = chebyshevOfFourier(m, fMax);
      double worst = 0;
      for (int i = 0; i <= 100; i++) {
        double f = fMax * (-1 + 2 * (i + 0.37) / 101.0);
        double exact = fourier(f);
        worst = Math.max(worst, Math.abs(clenshaw(c, f / fMax) - exact) / Math.abs(exact));
      }
      if (worst <= 1e-15) {
        return f -> clenshaw(c, f / fMax);
      }
    }
    return this::fourier;
  }

  private double[] chebyshevOfFourier(int m, double fMax) {
    double[] vals = new double[m];
    for (int k = 0; k < m; k++) {
      vals[k] = fourier(fMax * Math.cos(Math.PI * (k + 0.5) / m));
    }
    double[] c = new double[m];
    for (int n = 0; n < m; n++) {
      double sum = 0;
      for (int k = 0; k < m; k++) {
        sum += vals[k] * Math.cos(Math.PI * n * (k + 0.5) / m);
      }
      c[n] = 2 * sum / m;
    }
    c[0] *= 0.5;
    return c;
  }

  private static double clenshaw(double[] c, double t) {
    double b1 = 0;
    double b2 = 0;
    for (int n = c.length - 1; n >= 1; n--) {
      double b0 = 2 * t * b1 - b2 + c[n];
      b2 = b1;
      b1 = b0;
    }
    return t * b1 - b2 + c[0];
  }

  /**
   * Grid-correction factors {@code 1 / psi(k / nGrid)} for {@code k = 0 .. n-1} (the caller folds
   * the sign of k; psi is even). Cost {@code O(n Q)} with {@code Q} quadrature nodes.
   */
  public double[] correction(int n, int nGrid) {
    double[][] gl = quadrature();
    double[] out = new double[n];
    for (int k = 0; k < n; k++) {
      double a = Math.PI * support * k / nGrid;
      double sum = 0;
      for (int i = 0; i < gl[0].length; i++) {
        sum += gl[1][i] * gl[2][i] * Math.cos(a * gl[0][i]);
      }
      out[k] = 1.0 / (support * sum);
    }
    return out;
  }

  /**
   * Dynamic range of the one-axis grid correction, {@code psi(0) / psi(1 / (2 sigma))}: the factor
   * by which the correction amplifies, at the edge of the image, any error of relative size u in
   * the gridded values (arithmetic round-off). With d gridded axes the corner of the image sees its
   * d-th power. Cost {@code O(W)}, no kernel construction.
   *
   * @param support W
   * @param beta shape parameter
   * @param sigma oversampling factor (the image edge lies at {@code 1/(2 sigma)} cycles per cell)
   */
  public static double correctionRange(int support, double beta, double sigma) {
    double[][] rule = RULES.computeIfAbsent(2 * support + 40, KernelRules::legendre01);
    double k = Math.PI * support * 0.5 / sigma;
    double centre = 0;
    double edge = 0;
    for (int i = 0; i < rule[0].length; i++) {
      double v = rule[1][i] * phi(beta, support, rule[0][i]);
      centre += v;
      edge += v * Math.cos(k * rule[0][i]);
    }
    return centre / edge;
  }

  /** Nodes, weights and kernel values at the nodes of a Gauss-Legendre rule over [0, 1]. */
  private double[][] quadrature() {
    return quad;
  }

  private double[][] buildQuadrature() {
    // The integrand is phi(x) cos(pi W f x) with |f| <= 1/2: at most W/4 oscillations, and the
    // kernel's own scale is 1/sqrt(beta W); 2W + 40 nodes resolve both to double precision.
    int n = 2 * support + 40;
    double[][] rule = RULES.computeIfAbsent(n, KernelRules::legendre01);
    double[][] out = new double[3][];
    out[0] = rule[0];
    out[1] = rule[1];
    out[2] = new double[n];
    for (int i = 0; i < n; i++) {
      out[2][i] = phi(out[0][i]);
    }
    return out;
  }

  private static final java.util.concurrent.ConcurrentMap<Integer, double[][]> RULES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final class KernelRules {
    static double[][] legendre01(int n) {
      GaussIntegrator gi = new GaussIntegratorFactory().legendre(n, 0, 1);
      double[][] r = new double[2][n];
      for (int i = 0; i < n; i++) {
        r[0][i] = gi.getPoint(i);
        r[1][i] = gi.getWeight(i);
      }
      return r;
    }
  }

  /** Chebyshev interpolation of each interval at d+1 nodes, converted to monomials in s. */
  private double[] fit(int d) {
    int w = support;
    int m = d + 1;
    double[] c = new double[m * w];
    for (int j = 0; j < w; j++) {
      double[] f = new double[m];
      for (int k = 0; k < m; k++) {
        double s = Math.cos(Math.PI * (k + 0.5) / m);
        f[k] = phi(xOf(j, s));
      }
      // Chebyshev coefficients a_n = (2/m) sum_k f_k T_n(s_k) (a_0 halved).
      double[] a = new double[m];
      for (int nn = 0; nn < m; nn++) {
        double sum = 0;
        for (int k = 0; k < m; k++) {
          sum += f[k] * Math.cos(Math.PI * nn * (k + 0.5) / m);
        }
        a[nn] = 2.0 * sum / m;
      }
      a[0] *= 0.5;
      // Monomial form: accumulate a_n T_n(s) with T_n built by T_{n+1} = 2 s T_n - T_{n-1}.
      double[] mono = new double[m];
      double[] tPrev = new double[m];
      double[] tCur = new double[m];
      tPrev[0] = 1;
      tCur[Math.min(1, m - 1)] = m > 1 ? 1 : 0;
      mono[0] += a[0];
      if (m > 1) {
        mono[1] += a[1];
      }
      for (int nn = 2; nn < m; nn++) {
        double[] tNext = new double[m];
        for (int p = 0; p < m; p++) {
          tNext[p] = -tPrev[p] + (p > 0 ? 2 * tCur[p - 1] : 0);
        }
        for (int p = 0; p < m; p++) {
          mono[p] += a[nn] * tNext[p];
        }
        tPrev = tCur;
        tCur = tNext;
      }
      for (int p = 0; p < m; p++) {
        c[(d - p) * w + j] = mono[p];
      }
    }
    return c;
  }

  private double xOf(int j, double s) {
    return (2.0 / support) * (j + 0.5 * (s + 1)) - 1;
  }

  private double maxError(double[] c, int d) {
    int w = support;
    double max = 0;
    for (int i = 0; i <= 64; i++) {
      double s = -1 + 2.0 * i / 64;
      for (int j = 0; j < w; j++) {
        double v = c[j];
        for (int k = 1; k <= d; k++) {
          v = v * s + c[k * w + j];
        }
        max = Math.max(max, Math.abs(v - phi(xOf(j, s))));
      }
    }
    return max;
  }
}
