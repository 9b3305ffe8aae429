package org.radiospark.kernels.deconvolution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RobustNoiseTest {

  @Test
  void recoversGaussianSigmaAndIgnoresSources() {
    int n = 40000;
    double sigma = 0.7;
    double[] a = Planted.noise(n, sigma, 5);
    // The MAD estimator's relative standard error is ~1.65 / sqrt(2 n) ~ 0.6%; allow 4 of them.
    assertEquals(sigma, RobustNoise.madRms(a), 4 * 1.65 / Math.sqrt(2.0 * n) * sigma);
    // 1% of pixels replaced by bright sources barely move it (the plain rms would explode).
    for (int i = 0; i < n; i += 100) {
      a[i] = 1000.0;
    }
    assertEquals(sigma, RobustNoise.madRms(a), 0.03 * sigma);
  }

  @Test
  void emptyAndConstantInputs() {
    assertEquals(0.0, RobustNoise.madRms(new double[0]));
    assertEquals(0.0, RobustNoise.madRms(new double[] {2, 2, 2, Double.NaN}));
  }

  @Test
  void selectionMedianEqualsTheSortedMedian() {
    java.util.Random rnd = new java.util.Random(3);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rnd.nextInt(300);
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        // Few distinct values in half the trials: many ties, the hard case for partitioning.
        v[i] = trial % 2 == 0 ? rnd.nextGaussian() : rnd.nextInt(5);
      }
      double[] sorted = v.clone();
      java.util.Arrays.sort(sorted);
      double expected = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
      assertEquals(expected, RobustNoise.median(v.clone()), 0.0, "trial " + trial);
      int k = rnd.nextInt(n);
      assertEquals(sorted[k], RobustNoise.select(v.clone(), k), 0.0, "trial " + trial);
    }
  }
}
