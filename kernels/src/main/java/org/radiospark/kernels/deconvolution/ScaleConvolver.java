package org.radiospark.kernels.deconvolution;

import org.jtransforms.fft.DoubleFFT_2D;

/**
 * Convolves one {@code nx x ny} image with the small kernels of all multi-scale scales at once: one
 * forward complex FFT of the image and one inverse FFT per <i>pair</i> of scales. Since the image
 * and the kernels are real, the inverse transform of {@code FFT(image) x FFT(k1 + i k2)} is {@code
 * (image * k1) + i (image * k2)}: two scales for the price of one transform.
 *
 * <p>The transforms are circular on the {@code nx x ny} grid itself (no padding). For a kernel of
 * half-size {@code h} (an odd {@code (2h+1)^2} kernel) the result is the exact linear convolution
 * of the zero-extended image at every pixel at least {@code h} pixels from each edge; closer to the
 * edges it wraps around. Multi-scale CLEAN only looks at a scale-convolved residual inside a border
 * of {@code ceil(scale/2) = h} pixels, where the result is exact. Scales whose kernel does not fit
 * ({@code 2h + 1 > min(nx, ny)}) have no interior and are not convolved.
 *
 * <p>Layout: images {@code a[y * nx + x]}; kernels {@code k[j * n + i]}, centre {@code (n/2, n/2)}.
 * Cost per {@link #convolveAll}: {@code 1 + ceil(scales / 2)} complex FFTs of {@code nx ny} points,
 * O(nx ny log(nx ny)) each. Memory: one complex {@code nx x ny} array per pair plus one work array.
 * Not thread-safe.
 */
final class ScaleConvolver {
  private final int nx;
  private final int ny;
  private final DoubleFFT_2D fft;
  private final int[][] pairs;
  private final double[][] pairHats;
  private final double[] imageHat;
  private final double[] work;

  /**
   * @param kernels kernel of each scale ({@code null} for scales not to convolve, e.g. scale 0)
   * @param sizes side {@code n} of each kernel
   */
  ScaleConvolver(int nx, int ny, double[][] kernels, int[] sizes) {
    this.nx = nx;
    this.ny = ny;
    this.fft = new DoubleFFT_2D(ny, nx);
    int count = 0;
    int[] wanted = new int[kernels.length];
    for (int s = 0; s < kernels.length; s++) {
      if (kernels[s] != null && sizes[s] <= Math.min(nx, ny)) {
        wanted[count++] = s;
      }
    }
    int nPairs = (count + 1) / 2;
    pairs = new int[nPairs][];
    pairHats = new double[nPairs][];
    for (int p = 0; p < nPairs; p++) {
      int a = wanted[2 * p];
      int b = 2 * p + 1 < count ? wanted[2 * p + 1] : -1;
      pairs[p] = new int[] {a, b};
      double[] hat = new double[2 * nx * ny];
      place(hat, kernels[a], sizes[a], 0);
      if (b >= 0) {
        place(hat, kernels[b], sizes[b], 1);
      }
      fft.complexForward(hat);
      pairHats[p] = hat;
    }
    imageHat = new double[2 * nx * ny];
    work = new double[2 * nx * ny];
  }

  /** Puts a centred small kernel into the real (part 0) or imaginary (1) plane, wrapped. */
  private void place(double[] hat, double[] kernel, int n, int part) {
    int half = n / 2;
    for (int j = 0; j < n; j++) {
      int y = Math.floorMod(j - half, ny);
      for (int i = 0; i < n; i++) {
        int x = Math.floorMod(i - half, nx);
        hat[2 * (y * nx + x) + part] += kernel[j * n + i];
      }
    }
  }

  /**
   * Writes {@code image * kernel[s]} into {@code out[s]} for every scale given a kernel that fits
   * (other entries of {@code out} are left alone); exact inside a border of the kernel half-size.
   */
  void convolveAll(double[] image, double[][] out) {
    for (int i = 0; i < nx * ny; i++) {
      imageHat[2 * i] = image[i];
      imageHat[2 * i + 1] = 0.0;
    }
    fft.complexForward(imageHat);
    for (int p = 0; p < pairs.length; p++) {
      double[] hat = pairHats[p];
      for (int k = 0; k < nx * ny; k++) {
        double ar = imageHat[2 * k];
        double ai = imageHat[2 * k + 1];
        double br = hat[2 * k];
        double bi = hat[2 * k + 1];
        work[2 * k] = ar * br - ai * bi;
        work[2 * k + 1] = ar * bi + ai * br;
      }
      fft.complexInverse(work, true);
      double[] first = out[pairs[p][0]];
      for (int i = 0; i < nx * ny; i++) {
        first[i] = work[2 * i];
      }
      if (pairs[p][1] >= 0) {
        double[] second = out[pairs[p][1]];
        for (int i = 0; i < nx * ny; i++) {
          second[i] = work[2 * i + 1];
        }
      }
    }
  }

  /** Whether scale {@code s} is convolved (it has a kernel that fits the image). */
  boolean convolves(int s) {
    for (int[] p : pairs) {
      if (p[0] == s || p[1] == s) {
        return true;
      }
    }
    return false;
  }
}
