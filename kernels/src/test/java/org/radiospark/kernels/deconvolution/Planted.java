package org.radiospark.kernels.deconvolution;

import java.util.Random;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;

/** Synthetic images with known answers for the deconvolution tests. */
final class Planted {
  static final double CELL_RAD = Math.toRadians(30.0 / 3600.0);

  private Planted() {}

  static ImageGeometry geometry(int n) {
    return new ImageGeometry(n, n, CELL_RAD, PhaseCentre.ofDegrees(0, -27), 150e6, 1e6, Stokes.I);
  }

  static Image image(int n, double[] pixels, String unit) {
    return new Image(geometry(n), pixels, null, unit);
  }

  /**
   * A PSF from a random uv coverage by direct DFT: {@code psf(l, m) = sum_k cos(2 pi (u_k l + v_k
   * m)) / K}, l = -(x - n/2) cell, m = (y - n/2) cell, so the peak is exactly 1 at (n/2, n/2) and
   * it has realistic sidelobes (~1/sqrt(K) rms). u and v are Gaussian with sigma chosen so that the
   * main lobe has a FWHM of about {@code beamPx} pixels (an array with a dense core: short spacings
   * are well sampled, as extended sources need).
   *
   * <p>The PSF is multiplied by a Gaussian envelope of sigma n/6 pixels, i.e. the uv samples are
   * smeared by a positive Gaussian, so it stays positive definite while its sidelobes fade before
   * the image edge. Without this the noise-like far sidelobes of a few hundred samples, cut at the
   * edge of the same-size PSF, make the truncated convolution indefinite and CLEAN diverges after
   * ~10^4 iterations (Hogbom as well as multi-scale; measured).
   */
  static double[] uvPsf(int n, int nvis, double beamPx, long seed) {
    Random rnd = new Random(seed);
    // psf ~ exp(-2 pi^2 sigma_uv^2 l^2): FWHM = sqrt(8 ln 2) / (2 pi sigma_uv).
    double sigmaUv = Math.sqrt(8 * Math.log(2)) / (2 * Math.PI * beamPx * CELL_RAD);
    double[] u = new double[nvis];
    double[] v = new double[nvis];
    double[] w = new double[nvis];
    double wsum = 0;
    for (int k = 0; k < nvis; k++) {
      u[k] = sigmaUv * rnd.nextGaussian();
      v[k] = sigmaUv * rnd.nextGaussian();
      w[k] = 1.0;
      wsum += w[k];
    }
    double[] psf = new double[n * n];
    for (int y = 0; y < n; y++) {
      double m = (y - n / 2) * CELL_RAD;
      for (int x = 0; x < n; x++) {
        double l = -(x - n / 2) * CELL_RAD;
        double s = 0;
        for (int k = 0; k < nvis; k++) {
          s += w[k] * Math.cos(2 * Math.PI * (u[k] * l + v[k] * m));
        }
        double r2 = (x - n / 2) * (x - n / 2) + (y - n / 2) * (y - n / 2);
        psf[y * n + x] = s / wsum * Math.exp(-0.5 * r2 / (n * n / 36.0));
      }
    }
    return psf;
  }

  /** Peak-1 elliptical Gaussian centred at (cx, cy); PA north (+y) through east (-x). */
  static double[] gaussian(
      int nx, int ny, double cx, double cy, double majFwhm, double minFwhm, double paRad) {
    double f = 2 * Math.sqrt(2 * Math.log(2));
    double sMaj = majFwhm / f;
    double sMin = minFwhm / f;
    double ex = -Math.sin(paRad);
    double ey = Math.cos(paRad);
    double[] g = new double[nx * ny];
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        double dx = x - cx;
        double dy = y - cy;
        double a = dx * ex + dy * ey;
        double b = -dx * ey + dy * ex;
        g[y * nx + x] = Math.exp(-0.5 * (a * a / (sMaj * sMaj) + b * b / (sMin * sMin)));
      }
    }
    return g;
  }

  /** Brute-force linear convolution with a PSF whose origin is (nx/2, ny/2). O(nnz(model) N). */
  static double[] convolveDirect(double[] model, double[] psf, int nx, int ny) {
    double[] out = new double[nx * ny];
    for (int q = 0; q < model.length; q++) {
      if (model[q] != 0.0) {
        ImageOps.subtractShifted(out, nx, ny, psf, q % nx, q / nx, -model[q]);
      }
    }
    return out;
  }

  static double[] noise(int n, double sigma, long seed) {
    Random rnd = new Random(seed);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = sigma * rnd.nextGaussian();
    }
    return a;
  }

  static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  static double rms(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v * v;
    }
    return Math.sqrt(s / a.length);
  }

  static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  /** Image-plane fake of the imager: residual = dirty - model (*) psf; counts its calls. */
  static final class FakeOperator implements ResidualOperator {
    private final double[] dirty;
    private final FftConvolver psf;
    private final int n;
    int calls;

    FakeOperator(double[] dirty, double[] psf, int n) {
      this.dirty = dirty.clone();
      this.psf = new FftConvolver(n, n, psf);
      this.n = n;
    }

    @Override
    public Image residual(Image model) {
      calls++;
      double[] p = psf.apply(model.pixels());
      double[] r = new double[n * n];
      for (int i = 0; i < r.length; i++) {
        r[i] = dirty[i] - p[i];
      }
      return new Image(model.geometry(), r, null, "JY/BEAM");
    }
  }
}
