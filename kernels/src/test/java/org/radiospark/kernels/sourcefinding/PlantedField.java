package org.radiospark.kernels.sourcefinding;

import java.util.Random;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;

/**
 * Test images with known content: noise whose autocorrelation is the beam (white noise convolved
 * with a Gaussian of the beam's FWHM / sqrt 2, rescaled to the wanted rms exactly in expectation),
 * as in a restored image and as Condon's (1997) errors assume, smooth backgrounds and elliptical
 * Gaussian sources at known positions. The beam is axis-aligned (pa 0: major axis along north, the
 * y axis) so that the noise convolution is separable.
 */
public final class PlantedField {
  private PlantedField() {}

  /** A square SIN geometry at 150 MHz, Stokes I. */
  public static ImageGeometry geometry(int n, double cellArcsec, double raDeg, double decDeg) {
    return new ImageGeometry(
        n,
        n,
        Math.toRadians(cellArcsec / 3600),
        PhaseCentre.ofDegrees(raDeg, decDeg),
        150e6,
        30e6,
        Stokes.I);
  }

  /** A beam of {@code majorPix x minorPix} FWHM pixels, pa 0. */
  public static Beam beam(ImageGeometry g, double majorPix, double minorPix) {
    return new Beam(majorPix * g.cellRad(), minorPix * g.cellRad(), 0);
  }

  /**
   * Gaussian noise of standard deviation {@code rms} whose autocorrelation function is the beam:
   * white noise convolved with a Gaussian of FWHM beam / sqrt 2, divided by the root sum of squares
   * of the kernel.
   */
  public static double[] correlatedNoise(
      int nx, int ny, Beam beam, double cellRad, double rms, long seed) {
    double sx = beam.minorRad() / cellRad / Math.sqrt(16 * Math.log(2));
    double sy = beam.majorRad() / cellRad / Math.sqrt(16 * Math.log(2));
    double[] kx = kernel(sx);
    double[] ky = kernel(sy);
    double norm = 0;
    for (double a : kx) {
      for (double b : ky) {
        norm += a * a * b * b;
      }
    }
    int px = kx.length / 2;
    int py = ky.length / 2;
    int wx = nx + 2 * px;
    int wy = ny + 2 * py;
    Random r = new Random(seed);
    double[] white = new double[wx * wy];
    for (int i = 0; i < white.length; i++) {
      white[i] = r.nextGaussian();
    }
    double[] tmp = new double[nx * wy];
    for (int y = 0; y < wy; y++) {
      for (int x = 0; x < nx; x++) {
        double s = 0;
        for (int k = 0; k < kx.length; k++) {
          s += kx[k] * white[y * wx + x + k];
        }
        tmp[y * nx + x] = s;
      }
    }
    double[] out = new double[nx * ny];
    double scale = rms / Math.sqrt(norm);
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        double s = 0;
        for (int k = 0; k < ky.length; k++) {
          s += ky[k] * tmp[(y + k) * nx + x];
        }
        out[y * nx + x] = s * scale;
      }
    }
    return out;
  }

  private static double[] kernel(double sigma) {
    int h = (int) Math.ceil(4 * sigma);
    double[] k = new double[2 * h + 1];
    for (int i = -h; i <= h; i++) {
      k[i + h] = Math.exp(-0.5 * i * i / (sigma * sigma));
    }
    return k;
  }

  /**
   * Adds an elliptical Gaussian (FWHM {@code a >= b} pixels, pa radians east of north, the {@link
   * EllipticalGaussian} convention) of peak {@code peak} centred at pixel (x0, y0).
   */
  public static void addGaussian(
      double[] pix,
      int nx,
      int ny,
      double x0,
      double y0,
      double peak,
      double a,
      double b,
      double pa) {
    int h = (int) Math.ceil(3 * a);
    double[] p = {peak, x0, y0, a, b, pa};
    for (int y = (int) Math.max(0, Math.floor(y0) - h); y <= Math.min(ny - 1, y0 + h); y++) {
      for (int x = (int) Math.max(0, Math.floor(x0) - h); x <= Math.min(nx - 1, x0 + h); x++) {
        pix[y * nx + x] += EllipticalGaussian.value(p, 0, x, y);
      }
    }
  }

  /** An image of these pixels, geometry and beam in Jy/beam. */
  public static Image image(ImageGeometry g, double[] pix, Beam beam) {
    return new Image(g, pix, beam, "JY/BEAM");
  }
}
