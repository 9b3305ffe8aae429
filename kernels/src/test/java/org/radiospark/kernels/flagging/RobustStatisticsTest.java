package org.radiospark.kernels.flagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RobustStatisticsTest {
  @Test
  void medianAndMadOfSmallArrays() {
    double[] ms = RobustStatistics.medianAndSigma(new double[] {5, 1, 3, 100, 2}, null);
    assertEquals(3, ms[0]);
    // |x - 3| = 2 2 0 97 1 -> MAD 2.
    assertEquals(2 * RobustStatistics.MAD_TO_SIGMA, ms[1], 1e-15);
    double[] even =
        RobustStatistics.medianAndSigma(
            new double[] {4, 1, 3, 2, Double.NaN, 1e9},
            new boolean[] {false, false, false, false, false, true});
    assertEquals(2.5, even[0]);
    assertTrue(
        Double.isNaN(RobustStatistics.medianAndSigma(new double[] {1}, new boolean[] {true})[0]));
  }

  @Test
  void sigmaOfGaussianNoiseIgnoresOutliers() {
    SplittableRandom rng = new SplittableRandom(2);
    int n = 40_000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 2.0 * rng.nextGaussian() + (i % 20 == 0 ? 1000 : 0);
    }
    double[] ms = RobustStatistics.medianAndSigma(x, null);
    // The MAD-based sigma has a relative standard error of about 1.17 / sqrt(n) = 0.6%; 5% of
    // outliers bias it by about 6%.
    assertEquals(2.0, ms[1], 2.0 * 0.1);
    assertEquals(0.0, ms[0], 0.2);
  }
}
