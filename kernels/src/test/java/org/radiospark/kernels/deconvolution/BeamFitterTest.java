package org.radiospark.kernels.deconvolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.InvalidInputException;

class BeamFitterTest {

  /** PA difference folded into [-90, 90) degrees (a beam is symmetric under 180 degrees). */
  private static double paDiffDeg(double a, double b) {
    double d = Math.toDegrees(a - b);
    return ((d + 90) % 180 + 180) % 180 - 90;
  }

  @ParameterizedTest
  @CsvSource({
    "6.0, 3.0, 0",
    "6.0, 3.0, 30",
    "6.0, 3.0, 45",
    "6.0, 3.0, 90",
    "6.0, 3.0, -60",
    "4.5, 2.2, 120",
    "9.0, 8.0, 17"
  })
  void recoversPlantedEllipticalGaussian(double maj, double min, double paDeg) {
    int n = 64;
    double pa = Math.toRadians(paDeg);
    double[] psf = Planted.gaussian(n, n, n / 2, n / 2, maj, min, pa);
    BeamFitter.FittedBeam b = BeamFitter.fitPixels(psf, n, n);
    // Sampling is exact at pixel centres and the model is the truth, so only the optimiser's
    // tolerance (1e-12 relative) limits the fit.
    assertEquals(maj, b.majorFwhmPx(), 1e-6 * maj);
    assertEquals(min, b.minorFwhmPx(), 1e-6 * maj);
    // PA is defined only modulo 180 degrees and degenerate for round beams: error ~ 1/(maj-min).
    assertEquals(0.0, paDiffDeg(b.paRad(), pa), 1e-4 / (maj - min));
    assertTrue(b.paRad() > -Math.PI / 2 && b.paRad() <= Math.PI / 2);
  }

  @Test
  void orientationConvention() {
    int n = 48;
    // Elongated along y (north-south): PA 0.
    double[] ns = new double[n * n];
    // Elongated along x (east-west): PA 90 degrees.
    double[] ew = new double[n * n];
    // Elongated along (-x, +y), i.e. towards north-east: PA +45 degrees.
    double[] ne = new double[n * n];
    double f = 2 * Math.sqrt(2 * Math.log(2));
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double dx = x - n / 2;
        double dy = y - n / 2;
        ns[y * n + x] =
            Math.exp(-0.5 * (dx * dx / Math.pow(2 / f, 2) + dy * dy / Math.pow(6 / f, 2)));
        ew[y * n + x] =
            Math.exp(-0.5 * (dx * dx / Math.pow(6 / f, 2) + dy * dy / Math.pow(2 / f, 2)));
        double along = (-dx + dy) / Math.sqrt(2);
        double across = (dx + dy) / Math.sqrt(2);
        ne[y * n + x] =
            Math.exp(
                -0.5 * (along * along / Math.pow(6 / f, 2) + across * across / Math.pow(2 / f, 2)));
      }
    }
    assertEquals(0.0, paDiffDeg(BeamFitter.fitPixels(ns, n, n).paRad(), 0), 1e-4);
    assertEquals(90.0, Math.abs(Math.toDegrees(BeamFitter.fitPixels(ew, n, n).paRad())), 1e-4);
    assertEquals(45.0, Math.toDegrees(BeamFitter.fitPixels(ne, n, n).paRad()), 1e-4);
  }

  @Test
  void fitsMainLobeOfRealisticPsfAndConvertsToRadians() {
    int n = 64;
    double[] psf = Planted.uvPsf(n, 300, 5.0, 11);
    Beam beam = BeamFitter.fit(Planted.image(n, psf, "JY/BEAM"));
    BeamFitter.FittedBeam px = BeamFitter.fitPixels(psf, n, n);
    assertEquals(px.majorFwhmPx() * Planted.CELL_RAD, beam.majorRad(), 1e-15);
    // Half-power check: along the fitted major axis the PSF falls to about one half at FWHM/2.
    double ex = -Math.sin(px.paRad());
    double ey = Math.cos(px.paRad());
    double r = px.majorFwhmPx() / 2;
    double hx = n / 2 + r * ex;
    double hy = n / 2 + r * ey;
    int x0 = (int) Math.floor(hx);
    int y0 = (int) Math.floor(hy);
    double tx = hx - x0;
    double ty = hy - y0;
    double v =
        (1 - tx) * (1 - ty) * psf[y0 * n + x0]
            + tx * (1 - ty) * psf[y0 * n + x0 + 1]
            + (1 - tx) * ty * psf[(y0 + 1) * n + x0]
            + tx * ty * psf[(y0 + 1) * n + x0 + 1];
    // The main lobe is not exactly Gaussian and bilinear interpolation is crude: within 0.1.
    assertEquals(0.5, v, 0.1);
    assertTrue(px.minorFwhmPx() > 2 && px.majorFwhmPx() < 10, px.toString());
  }

  @Test
  void rejectsUnnormalisedPsf() {
    int n = 32;
    double[] psf = Planted.gaussian(n, n, n / 2, n / 2, 4, 3, 0);
    for (int i = 0; i < psf.length; i++) {
      psf[i] *= 2;
    }
    assertThrows(InvalidInputException.class, () -> BeamFitter.fitPixels(psf, n, n));
  }
}
