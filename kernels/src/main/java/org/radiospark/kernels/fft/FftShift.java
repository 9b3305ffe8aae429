package org.radiospark.kernels.fft;

/**
 * fftshift / ifftshift of row-major 2-D arrays with {@code nComp} interleaved components per
 * element (1 for real images, 2 for complex re/im pairs), as numpy defines them: {@code fftshift}
 * moves index 0 to {@code n/2} (integer division), {@code ifftshift} undoes it, also for odd sizes.
 * Out of place, {@code O(nx ny)}.
 */
public final class FftShift {
  private FftShift() {}

  /**
   * numpy {@code fftshift} over both axes: element {@code (y,x)} goes to {@code ((y+ny/2)%ny,
   * ...)}.
   */
  public static double[] fftshift(double[] a, int ny, int nx, int nComp) {
    return roll(a, ny, nx, nComp, ny / 2, nx / 2);
  }

  /** numpy {@code ifftshift}: the inverse of {@link #fftshift}. */
  public static double[] ifftshift(double[] a, int ny, int nx, int nComp) {
    return roll(a, ny, nx, nComp, ny - ny / 2, nx - nx / 2);
  }

  /** Float version of {@link #fftshift(double[], int, int, int)}. */
  public static float[] fftshift(float[] a, int ny, int nx, int nComp) {
    return roll(a, ny, nx, nComp, ny / 2, nx / 2);
  }

  /** Float version of {@link #ifftshift(double[], int, int, int)}. */
  public static float[] ifftshift(float[] a, int ny, int nx, int nComp) {
    return roll(a, ny, nx, nComp, ny - ny / 2, nx - nx / 2);
  }

  private static void check(int length, int ny, int nx, int nComp) {
    if (ny <= 0 || nx <= 0 || nComp <= 0 || length != (long) ny * nx * nComp) {
      throw new IllegalArgumentException(
          "array length " + length + " does not match " + ny + " x " + nx + " x " + nComp);
    }
  }

  private static double[] roll(double[] a, int ny, int nx, int nComp, int sy, int sx) {
    check(a.length, ny, nx, nComp);
    double[] out = new double[a.length];
    for (int y = 0; y < ny; y++) {
      int yo = (y + sy) % ny;
      for (int x = 0; x < nx; x++) {
        int xo = (x + sx) % nx;
        System.arraycopy(a, (y * nx + x) * nComp, out, (yo * nx + xo) * nComp, nComp);
      }
    }
    return out;
  }

  private static float[] roll(float[] a, int ny, int nx, int nComp, int sy, int sx) {
    check(a.length, ny, nx, nComp);
    float[] out = new float[a.length];
    for (int y = 0; y < ny; y++) {
      int yo = (y + sy) % ny;
      for (int x = 0; x < nx; x++) {
        int xo = (x + sx) % nx;
        System.arraycopy(a, (y * nx + x) * nComp, out, (yo * nx + xo) * nComp, nComp);
      }
    }
    return out;
  }
}
