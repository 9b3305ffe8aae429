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
  void quickselectMedianEqualsTheSortedMedian() {
    SplittableRandom rng = new SplittableRandom(12);
    for (int trial = 0; trial < 2000; trial++) {
      int n = 1 + rng.nextInt(50);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        // Few distinct values half of the time: ties are where partitions go wrong.
        x[i] = trial % 2 == 0 ? rng.nextInt(4) : rng.nextGaussian();
      }
      if (trial % 7 == 0) {
        java.util.Arrays.sort(x);
      }
      double[] sorted = x.clone();
      java.util.Arrays.sort(sorted);
      double expected = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
      assertEquals(expected, RobustStatistics.median(x.clone(), n), "trial " + trial);
    }
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
