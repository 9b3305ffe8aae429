package org.radiospark.kernels.calibration;

/**
 * Complex 2x2 matrix arithmetic on flat {@code double} arrays, in the layout of {@link
 * org.radiospark.kernels.model.GainTable}: eight doubles from an offset {@code o}, {@code a[o + 2 *
 * e]} real and {@code a[o + 2 * e + 1]} imaginary part of element {@code e} in row-major order J00,
 * J01, J10, J11.
 *
 * <p>All methods are O(1), allocation-free and allow the output to alias an input only where
 * stated. They are the building blocks of the measurement equation {@code V = J_p M J_q^H}
 * (Hamaker, Bregman and Sault 1996).
 */
public final class Jones {
  private Jones() {}

  /**
   * {@code out = a * b^H} (b conjugate-transposed). The output must not alias {@code a} or {@code
   * b}.
   */
  public static void mulAH(double[] a, int ao, double[] b, int bo, double[] out, int oo) {
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double re = 0;
        double im = 0;
        for (int k = 0; k < 2; k++) {
          // a_ik * conj(b_jk)
          double ar = a[ao + 4 * i + 2 * k];
          double ai = a[ao + 4 * i + 2 * k + 1];
          double br = b[bo + 4 * j + 2 * k];
          double bi = -b[bo + 4 * j + 2 * k + 1];
          re += ar * br - ai * bi;
          im += ar * bi + ai * br;
        }
        out[oo + 4 * i + 2 * j] = re;
        out[oo + 4 * i + 2 * j + 1] = im;
      }
    }
  }

  /** {@code out = a * b}. The output must not alias {@code a} or {@code b}. */
  public static void mul(double[] a, int ao, double[] b, int bo, double[] out, int oo) {
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double re = 0;
        double im = 0;
        for (int k = 0; k < 2; k++) {
          double ar = a[ao + 4 * i + 2 * k];
          double ai = a[ao + 4 * i + 2 * k + 1];
          double br = b[bo + 4 * k + 2 * j];
          double bi = b[bo + 4 * k + 2 * j + 1];
          re += ar * br - ai * bi;
          im += ar * bi + ai * br;
        }
        out[oo + 4 * i + 2 * j] = re;
        out[oo + 4 * i + 2 * j + 1] = im;
      }
    }
  }

  /**
   * {@code out = a^-1}. Returns false, leaving {@code out} untouched, when {@code |det a| <= relTol
   * * (||a||_F^2)} (numerically singular; pass e.g. 1e-12). May alias.
   */
  public static boolean invert(double[] a, int ao, double[] out, int oo, double relTol) {
    double a0r = a[ao];
    double a0i = a[ao + 1];
    double a1r = a[ao + 2];
    double a1i = a[ao + 3];
    double a2r = a[ao + 4];
    double a2i = a[ao + 5];
    double a3r = a[ao + 6];
    double a3i = a[ao + 7];
    double dr = a0r * a3r - a0i * a3i - (a1r * a2r - a1i * a2i);
    double di = a0r * a3i + a0i * a3r - (a1r * a2i + a1i * a2r);
    double det2 = dr * dr + di * di;
    double norm2 =
        a0r * a0r + a0i * a0i + a1r * a1r + a1i * a1i + a2r * a2r + a2i * a2i + a3r * a3r
            + a3i * a3i;
    // |det| is homogeneous of degree 2 in a, so compare it with ||a||^2 to be scale-free.
    if (!(det2 > 0) || !Double.isFinite(det2) || Math.sqrt(det2) <= relTol * norm2) {
      return false;
    }
    // 1/det
    double ir = dr / det2;
    double ii = -di / det2;
    out[oo] = a3r * ir - a3i * ii;
    out[oo + 1] = a3r * ii + a3i * ir;
    out[oo + 2] = -(a1r * ir - a1i * ii);
    out[oo + 3] = -(a1r * ii + a1i * ir);
    out[oo + 4] = -(a2r * ir - a2i * ii);
    out[oo + 5] = -(a2r * ii + a2i * ir);
    out[oo + 6] = a0r * ir - a0i * ii;
    out[oo + 7] = a0r * ii + a0i * ir;
    return true;
  }

  /**
   * The measurement equation {@code out = jp * m * jq^H}. {@code tmp} is scratch of at least 8
   * doubles. The output must not alias any input.
   */
  public static void corrupt(
      double[] jp,
      int po,
      double[] m,
      int mo,
      double[] jq,
      int qo,
      double[] out,
      int oo,
      double[] tmp) {
    mul(jp, po, m, mo, tmp, 0);
    mulAH(tmp, 0, jq, qo, out, oo);
  }

  /** Squared Frobenius norm of {@code a}. */
  public static double norm2(double[] a, int ao) {
    double s = 0;
    for (int k = 0; k < 8; k++) {
      s += a[ao + k] * a[ao + k];
    }
    return s;
  }

  /** Writes the identity matrix at {@code a[ao..ao+7]}. */
  public static void setIdentity(double[] a, int ao) {
    for (int k = 0; k < 8; k++) {
      a[ao + k] = 0;
    }
    a[ao] = 1;
    a[ao + 6] = 1;
  }
}
