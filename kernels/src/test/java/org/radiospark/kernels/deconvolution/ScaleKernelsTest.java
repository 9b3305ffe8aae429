package org.radiospark.kernels.deconvolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleKernelsTest {

  @Test
  void automaticScalesFollowRadlerDoubling() {
    // Radler: running size 2b doubled after every entry, entries 0, 4b, 8b, ... while < N/2.
    List<Double> s = ScaleKernels.autoScales(3.0, 128, 0);
    assertEquals(List.of(0.0, 12.0, 24.0, 48.0), s);
    assertEquals(List.of(0.0, 12.0), ScaleKernels.autoScales(3.0, 128, 2));
    // Too small an image for any extended scale still has the delta scale.
    assertEquals(List.of(0.0), ScaleKernels.autoScales(10.0, 64, 0));
  }

  @Test
  void biasIsPowerOfScaleRatioToTwiceTheBeam() {
    assertEquals(1.0, ScaleKernels.biasFactor(0.0, 3.0, 0.6, 4));
    assertEquals(1.0, ScaleKernels.biasFactor(6.0, 3.0, 0.6, 4), 1e-15);
    assertEquals(1 / 0.6, ScaleKernels.biasFactor(12.0, 3.0, 0.6, 4), 1e-14);
    assertEquals(1 / 0.36, ScaleKernels.biasFactor(24.0, 3.0, 0.6, 4), 1e-13);
    assertEquals(1.0, ScaleKernels.biasFactor(24.0, 3.0, 0.6, 1));
  }

  @Test
  void taperedQuadraticHasUnitSumSymmetryAndOddSize() {
    for (double scale : new double[] {1.0, 4.0, 7.5, 12.0, 24.0}) {
      int n = ScaleKernels.kernelSize(scale);
      assertEquals(1, n % 2);
      assertEquals((int) (2 * Math.ceil(scale / 2)) + 1, n);
      double[] k = ScaleKernels.taperedQuadratic(scale);
      assertEquals(1.0, Planted.sum(k), 1e-12);
      int c = n / 2;
      double peak = k[c * n + c];
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          assertTrue(k[j * n + i] >= 0 && k[j * n + i] <= peak);
          assertEquals(k[j * n + i], k[i * n + j], 1e-15);
          assertEquals(k[j * n + i], k[(n - 1 - j) * n + (n - 1 - i)], 1e-15);
        }
      }
    }
    assertArrayEquals(new double[] {1.0}, ScaleKernels.taperedQuadratic(0.0));
  }

  @Test
  void taperedQuadraticMatchesItsDefinitionAtOnePixel() {
    double scale = 8.0;
    int n = ScaleKernels.kernelSize(scale);
    double[] k = ScaleKernels.taperedQuadratic(scale);
    double[] raw = new double[n * n];
    double c = (n - 1) / 2.0;
    double sum = 0;
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        double r = Math.hypot(i - c, j - c);
        double hann = 2 * r <= n + 1 ? 0.5 * (1 + Math.cos(2 * Math.PI * r / (n + 1))) : 0;
        raw[j * n + i] = hann * Math.max(0, 1 - (r / scale) * (r / scale));
        sum += raw[j * n + i];
      }
    }
    assertEquals(raw[2 * n + 3] / sum, k[2 * n + 3], 1e-15);
  }
}
