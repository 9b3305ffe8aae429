package org.radiospark.kernels.deconvolution;

import org.radiospark.kernels.model.InvalidInputException;

/**
 * Pixel operations shared by the CLEAN loops (and, for the shifted PSF subtraction, by the
 * polarisation CLEAN). Layout everywhere: {@code a[y * nx + x]}.
 */
public final class ImageOps {
  private ImageOps() {}

  /**
   * Subtracts {@code factor * psf} shifted so that the PSF origin {@code (nx/2, ny/2)} lands on
   * {@code (x, y)}; the parts of the PSF that fall outside the image are dropped. O(nx ny).
   */
  public static void subtractShifted(
      double[] image, int nx, int ny, double[] psf, int x, int y, double factor) {
    int dx = x - nx / 2;
    int dy = y - ny / 2;
    int x0 = Math.max(0, dx);
    int x1 = Math.min(nx, nx + dx);
    int y0 = Math.max(0, dy);
    int y1 = Math.min(ny, ny + dy);
    for (int yy = y0; yy < y1; yy++) {
      int row = yy * nx;
      int prow = (yy - dy) * nx - dx;
      for (int xx = x0; xx < x1; xx++) {
        image[row + xx] -= factor * psf[prow + xx];
      }
    }
  }

  /**
   * Subtracts the components of a finished {@link SubMinorLoop} run, each convolved with {@code
   * kernel} ({@code nx x ny}, origin {@code (nx/2, ny/2)}, clipped at the edges), from {@code
   * image}. Few component pixels are subtracted directly, O(pixels x nx ny); many by one
   * zero-padded FFT convolution, O(nx ny log(nx ny)), whichever is cheaper. Both give the same
   * linear convolution (the FFT to rounding, ~1e-15 relative).
   */
  static void subtractComponents(
      double[] image, int nx, int ny, double[] kernel, SubMinorLoop loop) {
    int hit = loop.pixelsHit();
    if (hit <= directSubtractionLimit(nx, ny)) {
      int[] xs = new int[hit];
      int[] ys = new int[hit];
      double[] c = new double[hit];
      int m = 0;
      for (int k = 0; k < loop.size(); k++) {
        if (loop.hits(k) > 0) {
          xs[m] = loop.pixel(k) % nx;
          ys[m] = loop.pixel(k) / nx;
          c[m] = loop.component(k);
          m++;
        }
      }
      subtractShiftedRows(image, nx, ny, kernel, xs, ys, c);
      return;
    }
    double[] components = new double[nx * ny];
    for (int k = 0; k < loop.size(); k++) {
      components[loop.pixel(k)] += loop.component(k);
    }
    double[] convolved = new FftConvolver(nx, ny, kernel).apply(components);
    for (int i = 0; i < image.length; i++) {
      image[i] -= convolved[i];
    }
  }

  /**
   * Subtracts {@code c[j] x kernel} shifted to {@code (xs[j], ys[j])} for every j, like {@link
   * #subtractShifted} per component and with the same result bit for bit (each pixel receives the
   * components in the same order), but row by row: an image row stays in cache while all components
   * pass over it, so memory traffic per component is one kernel row read instead of a read and a
   * write of the image as well. O(components x nx ny).
   */
  static void subtractShiftedRows(
      double[] image, int nx, int ny, double[] kernel, int[] xs, int[] ys, double[] c) {
    int cx = nx / 2;
    int cy = ny / 2;
    for (int yy = 0; yy < ny; yy++) {
      int row = yy * nx;
      for (int j = 0; j < c.length; j++) {
        int ky = yy - ys[j] + cy;
        if (ky < 0 || ky >= ny) {
          continue;
        }
        int dx = xs[j] - cx;
        int x0 = Math.max(0, dx);
        int x1 = Math.min(nx, nx + dx);
        int prow = ky * nx - dx;
        double f = c[j];
        for (int xx = x0; xx < x1; xx++) {
          image[row + xx] -= f * kernel[prow + xx];
        }
      }
    }
  }

  /**
   * Component pixels up to which direct (row-wise) subtraction is used rather than the FFT route:
   * three complex FFTs of up to {@code 4 nx ny} points (kernel transform, forward, inverse) against
   * one pass over the kernel per pixel. The factor 64 per log2 of the padded size is a rough cost
   * ratio, not a tuned constant; both routes give the same result.
   */
  static int directSubtractionLimit(int nx, int ny) {
    double log2 = Math.log(4.0 * nx * ny) / Math.log(2.0);
    return (int) (64 * log2);
  }

  /**
   * Index of the largest value (or largest |value| when {@code allowNegative}) inside the borders
   * and the mask (null = everywhere), the first in scan order on ties; -1 when no pixel qualifies.
   */
  static int findPeak(
      double[] image,
      int nx,
      int ny,
      boolean allowNegative,
      boolean[] mask,
      int borderX,
      int borderY) {
    int best = -1;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int y = borderY; y < ny - borderY; y++) {
      for (int x = borderX; x < nx - borderX; x++) {
        int i = y * nx + x;
        if (mask != null && !mask[i]) {
          continue;
        }
        double v = allowNegative ? Math.abs(image[i]) : image[i];
        if (v > bestValue) {
          bestValue = v;
          best = i;
        }
      }
    }
    return best;
  }

  /**
   * A copy of {@code psf} divided by its value at {@code (nx/2, ny/2)}. The imager normalises PSFs
   * to 1 there; a centre off by more than 1% means the PSF and the dirty image do not share units,
   * which is rejected rather than silently rescaled.
   */
  static double[] normalisedPsf(double[] psf, int nx, int ny) {
    double centre = psf[(ny / 2) * nx + nx / 2];
    if (!(Math.abs(centre - 1.0) <= 0.01)) {
      throw new InvalidInputException(
          "psf image",
          "pixel (nx/2, ny/2)",
          "expected a PSF normalised to 1 at its centre, got " + centre);
    }
    double[] out = new double[psf.length];
    for (int i = 0; i < psf.length; i++) {
      if (!Double.isFinite(psf[i])) {
        throw new InvalidInputException(
            "psf image", "pixel " + (i % nx) + "," + (i / nx), "expected finite PSF values");
      }
      out[i] = psf[i] / centre;
    }
    return out;
  }

  static void requireFinite(double[] image, int nx, String what) {
    for (int i = 0; i < image.length; i++) {
      if (!Double.isFinite(image[i])) {
        throw new InvalidInputException(
            what, "pixel " + (i % nx) + "," + (i / nx), "expected finite pixel values");
      }
    }
  }
}
