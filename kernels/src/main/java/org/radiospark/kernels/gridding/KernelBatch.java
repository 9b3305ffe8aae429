package org.radiospark.kernels.gridding;

/**
 * Batched evaluation of an {@link EsKernel}'s piecewise polynomial that uses the kernel's symmetry
 * (ducc0's {@code TemplateKernel} does the same): cell {@code W-1-j} at offset {@code s} is cell
 * {@code j} at {@code -s}, so with {@code p_j(s) = E_j(s^2) + s O_j(s^2)} (even and odd parts),
 * {@code p_{W-1-j}(s) = E_j(s^2) - s O_j(s^2)}. One pair of cells costs {@code D + 2} multiply-adds
 * instead of {@code 2 (D + 1)}, and the middle cell of an odd W, even, only {@code D/2 + 1}.
 *
 * <p>The recurrences run with the batch index innermost over separate double arrays with the same
 * index on every operand: the loop shape HotSpot C2 (JDK 17) vectorises; an offset into a shared
 * array would make it assume aliasing and stay scalar. Values agree with {@link
 * EsKernel#values(double, float[])} to the round-off of a degree-D polynomial in double, far below
 * the float they are stored as.
 *
 * <p>Not thread-safe (it owns its work arrays): one instance per thread.
 */
final class KernelBatch {
  private final int support;
  private final int nEven;
  private final int nOdd;

  /** Even-part coefficients of cell j (j &lt;= (W-1)/2), highest power of s^2 first. */
  private final double[] even;

  /** Odd-part coefficients of cell j (j &lt; W/2), highest power of s^2 first. */
  private final double[] odd;

  /** The same coefficients in float, for {@link #eval(float[], int, float[][])}. */
  private final float[] evenF;

  private final float[] oddF;

  private final int capacity;
  private final double[] y;
  private final double[] accO;
  private final float[] yF;
  private final float[] accOF;

  /**
   * Whether the float recurrences stay within {@link #FLOAT_TOLERANCE} of the double ones; when not
   * (high degrees with large monomial coefficients: narrow kernels fitted to tight tolerances),
   * {@link #eval(float[], int, float[][])} evaluates in double and rounds.
   */
  private final boolean floatAccurate;

  /** Double work rows for the fallback of {@link #eval(float[], int, float[][])}, or null. */
  private final double[][] fallback;

  private final double[] sD;

  /** Largest deviation allowed for float evaluation: 4 units of 2^-24 of the kernel peak. */
  static final double FLOAT_TOLERANCE = 4 * 0x1p-24;

  /**
   * @param kernel the kernel whose monomial coefficients are split
   * @param capacity largest batch, at least 1
   */
  KernelBatch(EsKernel kernel, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    this.support = kernel.support();
    int d = kernel.degree();
    this.nEven = d / 2 + 1;
    this.nOdd = (d + 1) / 2;
    int nCells = (support + 1) / 2;
    this.even = new double[nCells * nEven];
    this.odd = new double[nCells * Math.max(1, nOdd)];
    double[] mono = new double[d + 1];
    for (int j = 0; j < nCells; j++) {
      kernel.monomials(j, mono);
      // mono[p] multiplies s^p; store the highest power of y = s^2 first for Horner.
      for (int i = 0; i < nEven; i++) {
        even[j * nEven + i] = mono[2 * (nEven - 1 - i)];
      }
      for (int i = 0; i < nOdd; i++) {
        odd[j * nOdd + i] = mono[2 * (nOdd - 1 - i) + 1];
      }
    }
    this.evenF = new float[even.length];
    for (int i = 0; i < even.length; i++) {
      evenF[i] = (float) even[i];
    }
    this.oddF = new float[odd.length];
    for (int i = 0; i < odd.length; i++) {
      oddF[i] = (float) odd[i];
    }
    this.capacity = capacity;
    this.y = new double[capacity];
    this.accO = new double[capacity];
    this.yF = new float[capacity];
    this.accOF = new float[capacity];
    this.floatAccurate = floatError() <= FLOAT_TOLERANCE;
    this.fallback = floatAccurate ? null : new double[support][capacity];
    this.sD = floatAccurate ? null : new double[capacity];
  }

  /**
   * {@code out[j][k] = p_j(s[k])} for {@code j < W}, {@code k < n}: the W kernel values of each
   * offset (see {@link EsKernel#values(double, double[])} for the meaning of s). Cost about {@code
   * W (D + 2) / 2} multiply-adds per offset. The values stay in double: HotSpot C2 (JDK 17) does
   * not vectorise the double-to-float conversion, which made a float output cost as much as the
   * polynomials.
   *
   * @param s offsets in [-1, 1], at least n
   * @param n batch size, {@code n <= capacity}
   * @param out W rows of at least n values
   */
  void eval(double[] s, int n, double[][] out) {
    if (n > capacity) {
      throw new IllegalArgumentException("batch " + n + " exceeds " + capacity);
    }
    double[] yy = y;
    double[] o = accO;
    for (int k = 0; k < n; k++) {
      yy[k] = s[k] * s[k];
    }
    int half = support / 2;
    for (int j = 0; j < half; j++) {
      double[] lo = out[j];
      double[] hi = out[support - 1 - j];
      horner(even, j * nEven, nEven, yy, lo, n);
      horner(odd, j * nOdd, nOdd, yy, o, n);
      for (int k = 0; k < n; k++) {
        double so = s[k] * o[k];
        hi[k] = lo[k] - so;
        lo[k] += so;
      }
    }
    if (support % 2 == 1) {
      horner(even, half * nEven, nEven, yy, out[half], n);
    }
  }

  /**
   * {@link #eval(double[], int, double[][])} in float arithmetic: twice the vector lanes and no
   * conversion for float grids. Error: the float rounding of the coefficients and of each Horner
   * step, checked at construction to stay within {@link #FLOAT_TOLERANCE} (else this evaluates in
   * double and rounds, at the cost of a scalar conversion loop).
   *
   * @param s offsets in [-1, 1], at least n
   * @param n batch size, {@code n <= capacity}
   * @param out W rows of at least n values
   */
  void eval(float[] s, int n, float[][] out) {
    if (n > capacity) {
      throw new IllegalArgumentException("batch " + n + " exceeds " + capacity);
    }
    if (!floatAccurate) {
      for (int k = 0; k < n; k++) {
        sD[k] = s[k];
      }
      eval(sD, n, fallback);
      for (int j = 0; j < support; j++) {
        for (int k = 0; k < n; k++) {
          out[j][k] = (float) fallback[j][k];
        }
      }
      return;
    }
    evalFloat(s, n, out);
  }

  /** The float recurrences of {@link #eval(float[], int, float[][])}. */
  private void evalFloat(float[] s, int n, float[][] out) {
    float[] yy = yF;
    float[] o = accOF;
    for (int k = 0; k < n; k++) {
      yy[k] = s[k] * s[k];
    }
    int half = support / 2;
    for (int j = 0; j < half; j++) {
      float[] lo = out[j];
      float[] hi = out[support - 1 - j];
      horner(evenF, j * nEven, nEven, yy, lo, n);
      horner(oddF, j * nOdd, nOdd, yy, o, n);
      for (int k = 0; k < n; k++) {
        float so = s[k] * o[k];
        hi[k] = lo[k] - so;
        lo[k] += so;
      }
    }
    if (support % 2 == 1) {
      horner(evenF, half * nEven, nEven, yy, out[half], n);
    }
  }

  /** Float version of {@link #horner(double[], int, int, double[], double[], int)}. */
  private static void horner(float[] c, int o, int m, float[] y, float[] acc, int n) {
    if (m == 0) {
      java.util.Arrays.fill(acc, 0, n, 0f);
      return;
    }
    int i;
    float c0 = c[o];
    if (m % 2 == 0) {
      float c1 = c[o + 1];
      for (int k = 0; k < n; k++) {
        acc[k] = c0 * y[k] + c1;
      }
      i = 2;
    } else {
      for (int k = 0; k < n; k++) {
        acc[k] = c0;
      }
      i = 1;
    }
    for (; i < m; i += 2) {
      float a = c[o + i];
      float b = c[o + i + 1];
      for (int k = 0; k < n; k++) {
        float yk = y[k];
        acc[k] = (acc[k] * yk + a) * yk + b;
      }
    }
  }

  /** Largest |float - double| evaluation difference on 513 offsets spread over [-1, 1]. */
  private double floatError() {
    int m = 513;
    double max = 0;
    double[] s = new double[capacity];
    float[] sf = new float[capacity];
    double[][] d = new double[support][capacity];
    float[][] f = new float[support][capacity];
    for (int from = 0; from < m; from += capacity) {
      int n = Math.min(capacity, m - from);
      for (int k = 0; k < n; k++) {
        sf[k] = (float) (-1 + 2.0 * (from + k) / (m - 1));
        s[k] = sf[k];
      }
      eval(s, n, d);
      evalFloat(sf, n, f);
      for (int j = 0; j < support; j++) {
        for (int k = 0; k < n; k++) {
          max = Math.max(max, Math.abs(d[j][k] - f[j][k]));
        }
      }
    }
    return max;
  }

  /** {@code acc[k] = sum_i c[o + i] y[k]^(m - 1 - i)} by Horner, two coefficients per pass. */
  private static void horner(double[] c, int o, int m, double[] y, double[] acc, int n) {
    if (m == 0) {
      java.util.Arrays.fill(acc, 0, n, 0.0);
      return;
    }
    int i;
    double c0 = c[o];
    if (m % 2 == 0) {
      double c1 = c[o + 1];
      for (int k = 0; k < n; k++) {
        acc[k] = c0 * y[k] + c1;
      }
      i = 2;
    } else {
      for (int k = 0; k < n; k++) {
        acc[k] = c0;
      }
      i = 1;
    }
    for (; i < m; i += 2) {
      double a = c[o + i];
      double b = c[o + i + 1];
      for (int k = 0; k < n; k++) {
        double yk = y[k];
        acc[k] = (acc[k] * yk + a) * yk + b;
      }
    }
  }
}
