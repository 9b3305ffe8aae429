package org.radiospark.kernels.deconvolution;

import org.radiospark.kernels.fft.Fft2D;

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
  private final Fft2D fft;
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
    this.fft = Fft2D.of(ny, nx);
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
      fft.forward(hat, 1);
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
    convolve(image, out, null);
  }

  /**
   * Like {@link #convolveAll} for the scales with {@code wanted[s]} (null = all) only: pairs with
   * no wanted scale are skipped, and the forward transform too when no pair is left.
   */
  void convolve(double[] image, double[][] out, boolean[] wanted) {
    boolean any = false;
    for (int[] p : pairs) {
      any |= isWanted(p, wanted);
    }
    if (!any) {
      return;
    }
    for (int i = 0; i < nx * ny; i++) {
      imageHat[2 * i] = image[i];
      imageHat[2 * i + 1] = 0.0;
    }
    fft.forward(imageHat, 1);
    for (int p = 0; p < pairs.length; p++) {
      if (!isWanted(pairs[p], wanted)) {
        continue;
      }
      double[] hat = pairHats[p];
      for (int k = 0; k < nx * ny; k++) {
        double ar = imageHat[2 * k];
        double ai = imageHat[2 * k + 1];
        double br = hat[2 * k];
        double bi = hat[2 * k + 1];
        work[2 * k] = ar * br - ai * bi;
        work[2 * k + 1] = ar * bi + ai * br;
      }
      fft.inverse(work, 1);
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

  private static boolean isWanted(int[] pair, boolean[] wanted) {
    return wanted == null || wanted[pair[0]] || (pair[1] >= 0 && wanted[pair[1]]);
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

  /**
   * The PSF convolved once and twice with each scale kernel, {@code [0][s] = clip(psf * k_s)} and
   * {@code [1][s] = clip(clip(psf * k_s) * k_s)}, where {@code clip} keeps the {@code nx x ny}
   * window: exactly (to FFT rounding) what {@link FftConvolver#ofSmallKernel} applied twice gives,
   * including kernels wider than the image (the parts that do not fit are dropped). Entries of
   * scales without a kernel are null.
   *
   * <p>Linear convolution on a zero-padded grid of {@code M >= n + h} per axis ({@code h} the
   * largest kernel half-size; the smallest power of two or 5 x power of two, sizes JTransforms
   * handles fast), with two scales per transform: the PSF's transform times {@code FFT(k1 + i k2)}
   * gives both once-convolved PSFs, and the transform of {@code psf_1 + i psf_2} is split by
   * Hermitian symmetry ({@code X1(f) = (Z(f) + Z*(-f)) / 2}, {@code X2(f) = (Z(f) - Z*(-f)) / 2i})
   * to give both twice-convolved ones. Cost: {@code 1 + 4 ceil(scales/2)} complex FFTs of {@code
   * M_x M_y} points.
   */
  static double[][][] scaleConvolvedPsfs(
      double[] psf, int nx, int ny, double[][] kernels, int[] sizes) {
    int hx = 0;
    int hy = 0;
    int count = 0;
    int[] wanted = new int[kernels.length];
    for (int s = 0; s < kernels.length; s++) {
      if (kernels[s] != null) {
        wanted[count++] = s;
        hx = Math.max(hx, Math.min(sizes[s] / 2, nx / 2 + 1));
        hy = Math.max(hy, Math.min(sizes[s] / 2, ny / 2 + 1));
      }
    }
    double[][][] out = new double[2][kernels.length][];
    if (count == 0) {
      return out;
    }
    int mx = fastSize(nx + hx);
    int my = fastSize(ny + hy);
    Fft2D fft = Fft2D.of(my, mx);
    double[] psfHat = new double[2 * mx * my];
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        psfHat[2 * (y * mx + x)] = psf[y * nx + x];
      }
    }
    fft.forward(psfHat, 1);
    double[] z = new double[2 * mx * my];
    double[] w = new double[2 * mx * my];
    double[] g = new double[2 * mx * my];
    for (int p = 0; p < count; p += 2) {
      int a = wanted[p];
      int b = p + 1 < count ? wanted[p + 1] : -1;
      java.util.Arrays.fill(z, 0.0);
      placeClipped(z, mx, my, nx, ny, kernels[a], sizes[a], 0);
      if (b >= 0) {
        placeClipped(z, mx, my, nx, ny, kernels[b], sizes[b], 1);
      }
      fft.forward(z, 1);
      for (int k = 0; k < mx * my; k++) {
        double ar = psfHat[2 * k];
        double ai = psfHat[2 * k + 1];
        w[2 * k] = ar * z[2 * k] - ai * z[2 * k + 1];
        w[2 * k + 1] = ar * z[2 * k + 1] + ai * z[2 * k];
      }
      fft.inverse(w, 1);
      out[0][a] = window(w, mx, nx, ny, 0);
      if (b >= 0) {
        out[0][b] = window(w, mx, nx, ny, 1);
      }
      // Second pass on the clipped once-convolved PSFs, both in one complex input.
      java.util.Arrays.fill(w, 0.0);
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          w[2 * (y * mx + x)] = out[0][a][y * nx + x];
          w[2 * (y * mx + x) + 1] = b >= 0 ? out[0][b][y * nx + x] : 0.0;
        }
      }
      fft.forward(w, 1);
      for (int ky = 0; ky < my; ky++) {
        int nky = (my - ky) % my;
        for (int kx = 0; kx < mx; kx++) {
          int f = ky * mx + kx;
          int m = nky * mx + (mx - kx) % mx;
          // Split W = A + iB and Z = K1 + iK2 into the transforms of their real inputs.
          double fr = w[2 * f];
          double fi = w[2 * f + 1];
          double gr = w[2 * m];
          double gi = w[2 * m + 1];
          double zr = z[2 * f];
          double zi = z[2 * f + 1];
          double vr = z[2 * m];
          double vi = z[2 * m + 1];
          double aRe = 0.5 * (fr + gr);
          double aIm = 0.5 * (fi - gi);
          double bRe = 0.5 * (fi + gi);
          double bIm = -0.5 * (fr - gr);
          double k1Re = 0.5 * (zr + vr);
          double k1Im = 0.5 * (zi - vi);
          double k2Re = 0.5 * (zi + vi);
          double k2Im = -0.5 * (zr - vr);
          double pRe = aRe * k1Re - aIm * k1Im;
          double pIm = aRe * k1Im + aIm * k1Re;
          double qRe = bRe * k2Re - bIm * k2Im;
          double qIm = bRe * k2Im + bIm * k2Re;
          // G = A K1 + i (B K2)
          g[2 * f] = pRe - qIm;
          g[2 * f + 1] = pIm + qRe;
        }
      }
      fft.inverse(g, 1);
      out[1][a] = window(g, mx, nx, ny, 0);
      if (b >= 0) {
        out[1][b] = window(g, mx, nx, ny, 1);
      }
    }
    return out;
  }

  /**
   * Places a centred small kernel, wrapped, on an {@code mx x my} grid; entries that would fall
   * outside an {@code nx x ny} kernel image centred at {@code (nx/2, ny/2)} are dropped, as {@link
   * FftConvolver#ofSmallKernel} drops them.
   */
  private static void placeClipped(
      double[] grid, int mx, int my, int nx, int ny, double[] kernel, int n, int part) {
    int half = n / 2;
    for (int j = 0; j < n; j++) {
      int oy = j - half;
      if (ny / 2 + oy < 0 || ny / 2 + oy >= ny) {
        continue;
      }
      int y = Math.floorMod(oy, my);
      for (int i = 0; i < n; i++) {
        int ox = i - half;
        if (nx / 2 + ox >= 0 && nx / 2 + ox < nx) {
          grid[2 * (y * mx + Math.floorMod(ox, mx)) + part] += kernel[j * n + i];
        }
      }
    }
  }

  private static double[] window(double[] grid, int mx, int nx, int ny, int part) {
    double[] out = new double[nx * ny];
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        out[y * nx + x] = grid[2 * (y * mx + x) + part];
      }
    }
    return out;
  }

  /** The smallest power of two or 5 x power of two that is at least {@code n}. */
  static int fastSize(int n) {
    int p = 1;
    while (p < n) {
      p <<= 1;
    }
    int q = 5;
    while (q < n) {
      q <<= 1;
    }
    return Math.min(p, q);
  }
}
