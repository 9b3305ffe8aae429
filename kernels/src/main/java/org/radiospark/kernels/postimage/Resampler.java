package org.radiospark.kernels.postimage;

/**
 * Bicubic convolution interpolation (Keys 1981, IEEE Trans. ASSP 29, 1153, a = -1/2): exact for
 * quadratics, third-order accurate, no overshoot of a linear ramp. Taps outside the image take the
 * nearest edge pixel; a point outside {@code [0, n - 1]} or next to a NaN gives NaN. O(16) per
 * sample.
 */
final class Resampler {
  private Resampler() {}

  static double sample(double[] pix, int nx, int ny, double x, double y) {
    if (!(x >= 0 && x <= nx - 1 && y >= 0 && y <= ny - 1)) {
      return Double.NaN;
    }
    int ix = (int) Math.floor(x);
    int iy = (int) Math.floor(y);
    double tx = x - ix;
    double ty = y - iy;
    double s = 0;
    for (int j = -1; j <= 2; j++) {
      double wy = keys(j - ty);
      if (wy == 0) {
        continue;
      }
      int yy = Math.max(0, Math.min(ny - 1, iy + j));
      double row = 0;
      for (int i = -1; i <= 2; i++) {
        double wx = keys(i - tx);
        if (wx != 0) {
          row += wx * pix[yy * nx + Math.max(0, Math.min(nx - 1, ix + i))];
        }
      }
      s += wy * row;
    }
    return s;
  }

  /** Keys' cubic convolution kernel with a = -1/2. */
  static double keys(double s) {
    double t = Math.abs(s);
    if (t <= 1) {
      return (1.5 * t - 2.5) * t * t + 1;
    }
    if (t < 2) {
      return ((-0.5 * t + 2.5) * t - 4) * t + 2;
    }
    return 0;
  }
}
