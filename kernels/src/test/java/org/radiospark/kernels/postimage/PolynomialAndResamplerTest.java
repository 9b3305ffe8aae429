package org.radiospark.kernels.postimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PolynomialAndResamplerTest {
  @Test
  void cubicSurfaceIsRecoveredExactlyAndOutliersAreClipped() {
    Random r = new Random(1);
    int n = 60;
    double[] x = new double[n];
    double[] y = new double[n];
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 1000 * r.nextDouble();
      y[i] = 1000 * r.nextDouble();
      z[i] = truth(x[i], y[i]);
    }
    Polynomial2D p = Polynomial2D.fit(x, y, z, 3);
    double[] row = new double[1000];
    p.evaluateRow(321.0, row);
    for (int i = 0; i < 1000; i += 37) {
      assertEquals(truth(i, 321), p.value(i, 321), 1e-9);
      assertEquals(p.value(i, 321), row[i], 1e-12);
    }
    z[5] += 50;
    z[17] -= 80;
    boolean[] kept = new boolean[n];
    Polynomial2D q = Polynomial2D.fitClipped(x, y, z, 3, 3, 10, kept);
    assertFalse(kept[5]);
    assertFalse(kept[17]);
    assertEquals(truth(500, 500), q.value(500, 500), 1e-9);
    assertThrows(
        IllegalArgumentException.class,
        () -> Polynomial2D.fit(new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2}, 1));
  }

  private static double truth(double x, double y) {
    double u = x / 1000;
    double v = y / 1000;
    return 1.5 - 2 * u + 0.5 * v + 3 * u * u * v - v * v * v + 0.25 * u * v;
  }

  @Test
  void polynomial1dFitsAndClips() {
    int n = 40;
    double[] x = new double[n];
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -30 + i;
      z[i] = 2 - 0.1 * x[i] + 0.003 * x[i] * x[i];
    }
    z[3] = 100;
    boolean[] kept = new boolean[n];
    Polynomial1D p = Polynomial1D.fitClipped(x, z, 2, 3, 10, kept);
    assertFalse(kept[3]);
    assertEquals(2 - 0.1 * 7 + 0.003 * 49, p.value(7), 1e-10);
  }

  @Test
  void bicubicResamplingReproducesBiquadratics() {
    int nx = 20;
    int ny = 15;
    double[] pix = new double[nx * ny];
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        pix[y * nx + x] = quad(x, y);
      }
    }
    Random r = new Random(2);
    for (int k = 0; k < 200; k++) {
      // Interior points: the edge clamp breaks exactness within one pixel of the border.
      double x = 1 + (nx - 3) * r.nextDouble();
      double y = 1 + (ny - 3) * r.nextDouble();
      assertEquals(quad(x, y), Resampler.sample(pix, nx, ny, x, y), 1e-10);
    }
    assertEquals(quad(4, 5), Resampler.sample(pix, nx, ny, 4, 5), 1e-12);
    assertTrue(Double.isNaN(Resampler.sample(pix, nx, ny, -0.5, 3)));
  }

  private static double quad(double x, double y) {
    return 2
        + 0.3 * x
        - 0.2 * y
        + 0.05 * x * x
        - 0.01 * x * y
        + 0.02 * y * y
        + 0.001 * x * x * y * y;
  }
}
