package org.radiospark.kernels.deconvolution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;

class RestorerTest {

  @Test
  void pointComponentGivesPeakOfItsFluxAndIntegralOfFluxTimesBeamArea() {
    int n = 64;
    double majPx = 5.0;
    double minPx = 3.0;
    double pa = Math.toRadians(35);
    double[] model = new double[n * n];
    model[20 * n + 30] = 2.5;
    double[] residual = Planted.noise(n * n, 0.01, 3);
    Beam beam = new Beam(majPx * Planted.CELL_RAD, minPx * Planted.CELL_RAD, pa);
    Image restored =
        Restorer.restore(
            Planted.image(n, model, "JY/PIXEL"),
            Planted.image(n, residual.clone(), "JY/BEAM"),
            beam);
    assertEquals(beam, restored.beam());
    assertEquals("JY/BEAM", restored.unit());
    double[] r = restored.pixels();
    // FFT rounding only (1e-12); the residual is added unchanged.
    assertEquals(2.5 + residual[20 * n + 30], r[20 * n + 30], 1e-12);
    double sum = 0;
    for (int i = 0; i < r.length; i++) {
      sum += r[i] - residual[i];
    }
    // Integral of a peak-1 Gaussian on a pixel grid: 2 pi sMaj sMin (pixelisation error is
    // exponentially small for FWHM >= 3 px).
    double area = Math.PI * majPx * minPx / (4 * Math.log(2));
    assertEquals(2.5 * area, sum, 1e-9 * area);
  }

  @Test
  void kernelMatchesIndependentGaussianIncludingOrientation() {
    int n = 33;
    double[] k = Restorer.beamKernel(n, n, 6.0, 2.0, Math.toRadians(-50));
    double[] g = Planted.gaussian(n, n, n / 2, n / 2, 6.0, 2.0, Math.toRadians(-50));
    for (int i = 0; i < k.length; i++) {
      assertEquals(g[i], k[i], 1e-14);
    }
    // And the fitter reads back the same beam.
    BeamFitter.FittedBeam b = BeamFitter.fitPixels(k, n, n);
    assertEquals(-50.0, Math.toDegrees(b.paRad()), 1e-4);
  }

  @Test
  void directAndFftConvolutionsAgree() {
    int nx = 64;
    int ny = 48;
    double[] kernel = Restorer.beamKernel(nx, ny, 5.0, 3.0, 0.4);
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] = kernel[i] < 1e-25 ? 0.0 : kernel[i];
    }
    // A sparse model takes the direct route, a dense one the FFT route; both must equal the FFT.
    java.util.Random rnd = new java.util.Random(2);
    for (int dense = 0; dense < 2; dense++) {
      double[] model = new double[nx * ny];
      for (int i = 0; i < model.length; i++) {
        if (dense == 1 || rnd.nextInt(400) == 0) {
          model[i] = rnd.nextGaussian();
        }
      }
      model[0] = 1.0;
      model[nx * ny - 1] = -2.0;
      double[] expected = new FftConvolver(nx, ny, kernel).apply(model);
      double[] got = Restorer.convolve(model, nx, ny, kernel);
      for (int i = 0; i < got.length; i++) {
        assertEquals(expected[i], got[i], 1e-12, "pixel " + i);
      }
    }
  }

  @Test
  void aBeamWiderThanTheImageStaysInsideIt() {
    int n = 16;
    double[] kernel = Restorer.beamKernel(n, n, 40.0, 30.0, 0.3); // non-zero everywhere
    double[] model = new double[n * n];
    model[0] = 1.0; // corner components reach the kernel's far edges
    model[n * n - 1] = 2.0;
    double[] got = Restorer.convolve(model, n, n, kernel);
    double[] expected = new FftConvolver(n, n, kernel).apply(model);
    for (int i = 0; i < got.length; i++) {
      assertEquals(expected[i], got[i], 1e-12, "pixel " + i);
    }
  }

  @Test
  void exactPointsLandAtTheirSubPixelPositionsAndMatchARestoredPixelOnTheGrid() {
    int n = 64;
    Beam beam = new Beam(5.0 * Planted.CELL_RAD, 3.0 * Planted.CELL_RAD, Math.toRadians(35));
    Image zero = Planted.image(n, new double[n * n], "JY/BEAM");
    Image added =
        Restorer.addPoints(zero, new double[] {30.3}, new double[] {20.6}, new double[] {2}, beam);
    double sx = 0;
    double sy = 0;
    double sum = 0;
    for (int i = 0; i < n * n; i++) {
      double v = added.pixels()[i];
      sum += v;
      sx += v * (i % n);
      sy += v * (i / n);
    }
    assertEquals(30.3, sx / sum, 1e-9, "centroid x");
    assertEquals(20.6, sy / sum, 1e-9, "centroid y");
    // on a pixel centre it is exactly the restored image of a model pixel
    double[] model = new double[n * n];
    model[20 * n + 30] = 2;
    Image restored = Restorer.restore(Planted.image(n, model, "JY/PIXEL"), zero, beam);
    Image point =
        Restorer.addPoints(zero, new double[] {30}, new double[] {20}, new double[] {2}, beam);
    for (int i = 0; i < n * n; i++) {
      assertEquals(restored.pixels()[i], point.pixels()[i], 1e-12, "pixel " + i);
    }
  }
}
