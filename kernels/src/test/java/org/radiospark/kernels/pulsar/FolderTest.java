package org.radiospark.kernels.pulsar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FolderTest {
  @Test
  void noiseFoldsToReducedChiSquareNearOne() {
    float[] x = PeriodSearchTest.noise(100000, 7);
    double sum = 0;
    int trials = 20;
    for (int i = 0; i < trials; i++) {
      sum += Folder.fold(x, 1e-3, 0.0731 + i * 0.0113, 32).reducedChiSquare();
    }
    // mean of 20 reduced chi-squares with 31 dof: 1 +- sqrt(2/31)/sqrt(20) = 0.057
    assertEquals(1.0, sum / trials, 4 * Math.sqrt(2.0 / 31) / Math.sqrt(trials));
  }

  @Test
  void foldRecoversProfileAndOptimiseRecoversPeriod() {
    int n = 100000;
    double dt = 1e-3;
    double period = 0.2;
    float[] x = PeriodSearchTest.noise(n, 8);
    for (int i = 0; i < n; i++) {
      double ph = (i * dt / period) % 1.0;
      if (ph >= 0.25 && ph < 0.3) {
        x[i] += 1.0f;
      }
    }
    FoldedProfile f = Folder.fold(x, dt, period, 20);
    // bin 5 holds phases [0.25, 0.30): mean 1 above the rest, each bin's mean +- 1/sqrt(5000)
    assertEquals(5, argmax(f.profile()));
    assertEquals(1.0, f.profile()[5] - f.profile()[0], 6 / Math.sqrt(5000));
    assertTrue(f.sigma() > 20);
    // start one Fourier bin off (P^2/T = 0.4 ms): the optimiser walks back to within a step
    FoldedProfile o = Folder.optimise(x, dt, period + period * period / (n * dt), 20, 2);
    double step = period * period / (n * dt) / 40;
    assertEquals(period, o.periodSec(), 2 * step);
    assertTrue(o.reducedChiSquare() >= f.reducedChiSquare() * 0.95);
  }

  @Test
  void detrendRemovesLinesExactly() {
    float[] x = new float[2500];
    for (int i = 0; i < x.length; i++) {
      x[i] = 3 + 0.01f * i;
    }
    float[] d = Folder.detrend(x, 1000);
    for (float v : d) {
      assertEquals(0, v, 1e-3);
    }
  }

  static int argmax(double[] a) {
    int b = 0;
    for (int i = 1; i < a.length; i++) {
      if (a[i] > a[b]) {
        b = i;
      }
    }
    return b;
  }
}
