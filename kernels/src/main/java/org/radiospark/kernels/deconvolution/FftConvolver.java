package org.radiospark.kernels.deconvolution;

import org.radiospark.kernels.fft.Fft2D;

/**
 * Linear (non-circular) 2-D convolution of {@code nx x ny} images with a fixed kernel, by FFT on a
 * zero-padded grid so that nothing wraps around: {@code n + e} points per axis (rounded up to a
 * power of two or 5 x a power of two, at most {@code 2n}), {@code e} the largest offset of a
 * non-zero kernel pixel from the origin.
 *
 * <p>Layout: images are {@code a[y * nx + x]}. The kernel is an {@code nx x ny} image whose origin
 * (zero offset) is the pixel {@code (nx/2, ny/2)}, the convention of PSFs in this package; the
 * output is {@code out[p] = sum_q in[q] * kernel[p - q + (nx/2, ny/2)]} over the kernel pixels that
 * exist, i.e. exactly what shifting and adding the kernel at every input pixel gives.
 *
 * <p>The kernel's transform is computed once in the constructor; each {@link #apply} costs two
 * complex FFTs of at most {@code 4 nx ny} points, O(nx ny log(nx ny)). Not thread-safe (scratch
 * buffer). Package-private: the project-wide FFT wrapper will replace it.
 */
final class FftConvolver {
  private final int nx;
  private final int ny;
  private final int px;
  private final int py;
  private final Fft2D fft;
  private final double[] kernelHat;
  private final double[] work;

  /**
   * @param nx image width in pixels
   * @param ny image height in pixels
   * @param kernel {@code nx * ny} kernel with its origin at {@code (nx/2, ny/2)}
   */
  FftConvolver(int nx, int ny, double[] kernel) {
    if (kernel.length != nx * ny) {
      throw new IllegalArgumentException("kernel must be " + nx + " x " + ny);
    }
    this.nx = nx;
    this.ny = ny;
    int cx = nx / 2;
    int cy = ny / 2;
    // Kernel offsets within [-e, e] and data and output in [0, n) never alias on a circular grid
    // of m >= n + e points; a compact kernel (a restoring beam) thus needs far less than 2n.
    int ex = 0;
    int ey = 0;
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        if (kernel[y * nx + x] != 0.0) {
          ex = Math.max(ex, Math.abs(x - cx));
          ey = Math.max(ey, Math.abs(y - cy));
        }
      }
    }
    this.px = Math.min(2 * nx, ScaleConvolver.fastSize(nx + ex));
    this.py = Math.min(2 * ny, ScaleConvolver.fastSize(ny + ey));
    this.fft = Fft2D.of(py, px);
    this.work = new double[2 * px * py];
    this.kernelHat = new double[2 * px * py];
    for (int y = 0; y < ny; y++) {
      int wy = Math.floorMod(y - cy, py);
      for (int x = 0; x < nx; x++) {
        if (kernel[y * nx + x] == 0.0) {
          continue;
        }
        int wx = Math.floorMod(x - cx, px);
        kernelHat[2 * (wy * px + wx)] = kernel[y * nx + x];
      }
    }
    fft.forward(kernelHat, 1);
  }

  /**
   * A convolver for a small odd {@code n x n} kernel (origin at its centre pixel {@code (n/2,
   * n/2)}), embedded in an {@code nx x ny} kernel image; parts that do not fit are dropped.
   */
  static FftConvolver ofSmallKernel(int nx, int ny, double[] small, int n) {
    double[] k = new double[nx * ny];
    int half = n / 2;
    for (int j = 0; j < n; j++) {
      int y = ny / 2 + j - half;
      if (y < 0 || y >= ny) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        int x = nx / 2 + i - half;
        if (x >= 0 && x < nx) {
          k[y * nx + x] = small[j * n + i];
        }
      }
    }
    return new FftConvolver(nx, ny, k);
  }

  /** Returns the convolution of {@code image} ({@code nx * ny}, not modified) with the kernel. */
  double[] apply(double[] image) {
    double[] out = new double[nx * ny];
    applyInto(image, out);
    return out;
  }

  /** Writes the convolution of {@code image} into {@code out} (they may be the same array). */
  void applyInto(double[] image, double[] out) {
    java.util.Arrays.fill(work, 0.0);
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        work[2 * (y * px + x)] = image[y * nx + x];
      }
    }
    fft.forward(work, 1);
    for (int k = 0; k < px * py; k++) {
      double ar = work[2 * k];
      double ai = work[2 * k + 1];
      double br = kernelHat[2 * k];
      double bi = kernelHat[2 * k + 1];
      work[2 * k] = ar * br - ai * bi;
      work[2 * k + 1] = ar * bi + ai * br;
    }
    fft.inverse(work, 1);
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        out[y * nx + x] = work[2 * (y * px + x)];
      }
    }
  }
}
