package org.radiospark.kernels.sourcefinding;

/**
 * The elliptical Gaussian of Aegean's fits, in pixel coordinates with sky orientation: {@code f(x,
 * y) = A exp(-4 ln 2 (p^2 / a^2 + q^2 / b^2))} where, with {@code u = x - x0}, {@code v = y - y0}
 * and the image's east-left convention ({@code l = -x}, {@code m = y}), {@code p = -u sin(theta) +
 * v cos(theta)} runs along the major axis and {@code q = -u cos(theta) - v sin(theta)} along the
 * minor; {@code a}, {@code b} are FWHM in pixels and {@code theta} the position angle east of
 * north.
 *
 * <p>Parameter vector of one component: {@code {A, x0, y0, a, b, theta}}.
 */
final class EllipticalGaussian {
  static final int NPAR = 6;
  static final double KAPPA = 4 * Math.log(2);

  private EllipticalGaussian() {}

  /** Value at pixel (x, y). */
  static double value(double[] p, int o, double x, double y) {
    double s = Math.sin(p[o + 5]);
    double c = Math.cos(p[o + 5]);
    double u = x - p[o + 1];
    double v = y - p[o + 2];
    double pp = -u * s + v * c;
    double qq = -u * c - v * s;
    double a = p[o + 3];
    double b = p[o + 4];
    return p[o] * Math.exp(-KAPPA * (pp * pp / (a * a) + qq * qq / (b * b)));
  }

  /**
   * Value at (x, y) and its six partial derivatives, written to {@code d[0..6)}; returns the value.
   */
  static double valueAndGradient(double[] p, int o, double x, double y, double[] d) {
    double s = Math.sin(p[o + 5]);
    double c = Math.cos(p[o + 5]);
    double u = x - p[o + 1];
    double v = y - p[o + 2];
    double pp = -u * s + v * c;
    double qq = -u * c - v * s;
    double a = p[o + 3];
    double b = p[o + 4];
    double ia2 = 1 / (a * a);
    double ib2 = 1 / (b * b);
    double g = Math.exp(-KAPPA * (pp * pp * ia2 + qq * qq * ib2));
    double f = p[o] * g;
    double k2 = 2 * KAPPA;
    d[0] = g;
    d[1] = -f * k2 * (pp * s * ia2 + qq * c * ib2);
    d[2] = -f * k2 * (-pp * c * ia2 + qq * s * ib2);
    d[3] = f * k2 * pp * pp * ia2 / a;
    d[4] = f * k2 * qq * qq * ib2 / b;
    d[5] = -f * k2 * pp * qq * (ia2 - ib2);
    return f;
  }
}
