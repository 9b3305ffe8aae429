package org.radiospark.kernels.deconvolution;

import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Restores a CLEAN model: {@code restored = model (*) beam + residual}, the beam an elliptical
 * Gaussian of peak 1 (so a point component of S Jy/pixel becomes a peak of S Jy/beam, and the
 * integral of the restored component over pixels is S times the beam area {@code pi maj min / (4 ln
 * 2)} in pixels), as WSClean renders its restored image.
 *
 * <p>Orientation as in {@link BeamFitter}: x grows westwards, y northwards, PA north through east.
 * The convolution is a zero-padded FFT (no wrap-around) over the beam's support (values below 1e-25
 * of the peak dropped), O(nx ny log(nx ny)).
 */
public final class Restorer {
  private static final double FWHM_PER_SIGMA = 2.0 * Math.sqrt(2.0 * Math.log(2.0));

  private static final double NEGLIGIBLE = 1e-25;

  /** Direct convolution while it costs fewer multiply-adds than this many image passes. */
  private static final long DIRECT_PASSES = 30;

  private Restorer() {}

  /**
   * The restored image (Jy/beam, carrying {@code beam}) from a model in Jy/pixel and a residual in
   * Jy/beam of the same geometry.
   */
  public static Image restore(Image model, Image residual, Beam beam) {
    if (model.nx() != residual.nx() || model.ny() != residual.ny()) {
      throw new InvalidInputException(
          "residual image",
          "size",
          "expected the model's "
              + model.nx()
              + " x "
              + model.ny()
              + ", got "
              + residual.nx()
              + " x "
              + residual.ny());
    }
    int nx = model.nx();
    int ny = model.ny();
    double cell = model.geometry().cellRad();
    double[] kernel =
        beamKernel(nx, ny, beam.majorRad() / cell, beam.minorRad() / cell, beam.paRad());
    // The Gaussian's far tail is below double precision: dropping values under 1e-25 of the peak
    // changes the result by less than 1e-25 per pixel (1e-19 relative even summed over 1e6
    // pixels) and makes the kernel compact, so the FFT needs only about n + 11 sigma points.
    for (int i = 0; i < kernel.length; i++) {
      if (kernel[i] < NEGLIGIBLE) {
        kernel[i] = 0.0;
      }
    }
    double[] out = convolve(model.pixels(), nx, ny, kernel);
    double[] r = residual.pixels();
    for (int i = 0; i < out.length; i++) {
      out[i] += r[i];
    }
    return new Image(model.geometry(), out, beam, "JY/BEAM");
  }

  /**
   * {@code model (*) kernel} (kernel centred at {@code (nx/2, ny/2)}, zero outside its support):
   * scattered directly from the non-zero model pixels when that is cheaper (a Hogbom model of a few
   * thousand components), else by a zero-padded FFT over the kernel's support. Both are the same
   * linear convolution (to rounding).
   */
  static double[] convolve(double[] model, int nx, int ny, double[] kernel) {
    int cx = nx / 2;
    int cy = ny / 2;
    int ex = 0;
    int ey = 0;
    for (int i = 0; i < kernel.length; i++) {
      if (kernel[i] != 0.0) {
        ex = Math.max(ex, Math.abs(i % nx - cx));
        ey = Math.max(ey, Math.abs(i / nx - cy));
      }
    }
    long nonZero = 0;
    for (double v : model) {
      if (v != 0.0) {
        nonZero++;
      }
    }
    long area = (2L * ex + 1) * (2L * ey + 1);
    // An FFT convolution costs some tens of passes over the padded image.
    if (nonZero * area > DIRECT_PASSES * (long) nx * ny) {
      return new FftConvolver(nx, ny, kernel).apply(model);
    }
    double[] out = new double[nx * ny];
    for (int q = 0; q < model.length; q++) {
      double m = model[q];
      if (m == 0.0) {
        continue;
      }
      int qx = q % nx;
      int qy = q / nx;
      // the kernel holds offsets -cx .. nx-1-cx: a beam as wide as the image reaches its edge
      int y0 = Math.max(0, qy - Math.min(ey, cy));
      int y1 = Math.min(ny - 1, qy + Math.min(ey, ny - 1 - cy));
      int x0 = Math.max(0, qx - Math.min(ex, cx));
      int x1 = Math.min(nx - 1, qx + Math.min(ex, nx - 1 - cx));
      for (int y = y0; y <= y1; y++) {
        int krow = (y - qy + cy) * nx - qx + cx;
        int row = y * nx;
        for (int x = x0; x <= x1; x++) {
          out[row + x] += m * kernel[krow + x];
        }
      }
    }
    return out;
  }

  /**
   * The peak-1 elliptical Gaussian as an {@code nx x ny} image centred at {@code (nx/2, ny/2)}.
   *
   * @param majorFwhmPx major-axis FWHM, pixels (0 gives a delta function)
   * @param minorFwhmPx minor-axis FWHM, pixels
   * @param paRad major-axis position angle, north through east
   */
  public static double[] beamKernel(
      int nx, int ny, double majorFwhmPx, double minorFwhmPx, double paRad) {
    double[] k = new double[nx * ny];
    int cx = nx / 2;
    int cy = ny / 2;
    if (!(majorFwhmPx > 0) || !(minorFwhmPx > 0)) {
      k[cy * nx + cx] = 1.0;
      return k;
    }
    addGaussian(k, nx, ny, cx, cy, 1.0, majorFwhmPx, minorFwhmPx, paRad);
    return k;
  }

  /**
   * Adds point components at sub-pixel positions, each its flux times the restoring beam (peak 1 at
   * the component): how components known exactly rather than CLEANed onto the pixel grid (sky model
   * components predicted by DFT) appear in a restored image.
   *
   * @param x pixel x of each component (fractional)
   * @param y pixel y of each component
   * @param fluxJy flux of each component, Jy
   */
  public static Image addPoints(
      Image restored, double[] x, double[] y, double[] fluxJy, Beam beam) {
    double cell = restored.geometry().cellRad();
    double[] px = restored.pixels().clone();
    for (int i = 0; i < x.length; i++) {
      addGaussian(
          px,
          restored.nx(),
          restored.ny(),
          x[i],
          y[i],
          fluxJy[i],
          beam.majorRad() / cell,
          beam.minorRad() / cell,
          beam.paRad());
    }
    return new Image(restored.geometry(), px, beam, restored.unit());
  }

  /** Adds {@code amp} times the elliptical Gaussian centred at (x0, y0) to every pixel. */
  private static void addGaussian(
      double[] k,
      int nx,
      int ny,
      double x0,
      double y0,
      double amp,
      double majorFwhmPx,
      double minorFwhmPx,
      double paRad) {
    double sMaj = majorFwhmPx / FWHM_PER_SIGMA;
    double sMin = minorFwhmPx / FWHM_PER_SIGMA;
    // Unit vector of the major axis in pixel axes: east = -x, north = +y.
    double ex = -Math.sin(paRad);
    double ey = Math.cos(paRad);
    for (int y = 0; y < ny; y++) {
      double dy = y - y0;
      for (int x = 0; x < nx; x++) {
        double dx = x - x0;
        double u = dx * ex + dy * ey;
        double w = -dx * ey + dy * ex;
        k[y * nx + x] += amp * Math.exp(-0.5 * (u * u / (sMaj * sMaj) + w * w / (sMin * sMin)));
      }
    }
  }
}
