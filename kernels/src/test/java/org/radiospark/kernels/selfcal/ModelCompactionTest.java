package org.radiospark.kernels.selfcal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelCompactionTest {
  private static final int N = 64;

  /** A point at (x0, y0) as bilinear weights on its four neighbouring pixels. */
  private static void addBilinearPoint(double[] model, double x0, double y0, double flux) {
    int x = (int) Math.floor(x0);
    int y = (int) Math.floor(y0);
    double tx = x0 - x;
    double ty = y0 - y;
    model[y * N + x] += flux * (1 - tx) * (1 - ty);
    model[y * N + x + 1] += flux * tx * (1 - ty);
    model[(y + 1) * N + x] += flux * (1 - tx) * ty;
    model[(y + 1) * N + x + 1] += flux * tx * ty;
  }

  /** Real part of the model's visibility on a baseline of {@code u} cycles per pixel along x. */
  private static double[] visibility(double[] model, double u, double v) {
    double re = 0;
    double im = 0;
    for (int i = 0; i < model.length; i++) {
      if (model[i] != 0) {
        double ph = -2 * Math.PI * (u * (i % N) + v * (i / N));
        re += model[i] * Math.cos(ph);
        im += model[i] * Math.sin(ph);
      }
    }
    return new double[] {re, im};
  }

  @Test
  void offGridPointBecomesOnePointAtItsTruePosition() {
    double[] model = new double[N * N];
    addBilinearPoint(model, 20.37, 31.71, 0.8);
    ModelCompaction.Compacted c = ModelCompaction.compact(model, N, N, 2.5, 0.01, 0.25);
    assertEquals(1, c.count());
    assertEquals(20.37, c.x()[0], 1e-12);
    assertEquals(31.71, c.y()[0], 1e-12);
    assertEquals(0.8, c.fluxJy()[0], 1e-12);
    assertArrayEquals(new double[N * N], c.remainder());

    // on a baseline with a 5-pixel fringe the pixel cluster is off by several percent; the
    // merged point is the true source
    double u = 0.2;
    double v = 0.1;
    double[] pixels = visibility(model, u, v);
    double ph = -2 * Math.PI * (u * 20.37 + v * 31.71);
    double pixelError = Math.hypot(pixels[0] - 0.8 * Math.cos(ph), pixels[1] - 0.8 * Math.sin(ph));
    assertTrue(pixelError > 0.02 * 0.8, "the pixel cluster's error " + pixelError);
  }

  @Test
  void spreadComponentsAndFaintNeighboursMergeWithFluxConserved() {
    double[] model = new double[N * N];
    addBilinearPoint(model, 40.2, 12.6, 0.5);
    // components a self-calibration history left two pixels away, one negative
    model[14 * N + 41] += 0.01;
    model[11 * N + 39] -= 0.004;
    // faint noise components far from it
    Random rnd = new Random(5);
    for (int k = 0; k < 40; k++) {
      int x = rnd.nextInt(N);
      int y = 40 + rnd.nextInt(N - 40);
      model[y * N + x] += 1e-4 * rnd.nextGaussian();
    }
    double total = java.util.Arrays.stream(model).sum();
    ModelCompaction.Compacted c = ModelCompaction.compact(model, N, N, 2.5, 0.01, 0.25);
    assertEquals(1, c.count());
    double flux = 0.5 + 0.01 - 0.004;
    assertEquals(flux, c.fluxJy()[0], 1e-12);
    assertEquals((0.5 * 40.2 + 0.01 * 41 - 0.004 * 39) / flux, c.x()[0], 1e-12);
    assertEquals((0.5 * 12.6 + 0.01 * 14 - 0.004 * 11) / flux, c.y()[0], 1e-12);
    double left = java.util.Arrays.stream(c.remainder()).sum();
    assertEquals(total, left + c.fluxJy()[0], 1e-12);
    assertEquals(40, java.util.Arrays.stream(c.remainder()).filter(p -> p != 0).count());
  }

  @Test
  void extendedEmissionStaysInTheImage() {
    // a Gaussian of 3 pixels sigma modelled by components on every pixel
    double[] model = new double[N * N];
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        double r2 = (x - 30.3) * (x - 30.3) + (y - 33.8) * (y - 33.8);
        model[y * N + x] = 0.05 * Math.exp(-r2 / (2 * 9.0));
      }
    }
    ModelCompaction.Compacted c = ModelCompaction.compact(model, N, N, 2.5, 0.01, 0.25);
    assertEquals(0, c.count());
    assertArrayEquals(model, c.remainder());
  }

  @Test
  void faintAndNegativeClustersAreNotSeeds() {
    double[] model = new double[N * N];
    addBilinearPoint(model, 10.5, 10.5, 0.02);
    addBilinearPoint(model, 50.5, 50.5, -0.5);
    ModelCompaction.Compacted c = ModelCompaction.compact(model, N, N, 2.5, 0.01, 0.25);
    assertEquals(0, c.count(), "0.005 Jy pixels do not seed, negative ones never");
    assertArrayEquals(model, c.remainder());
  }
}
