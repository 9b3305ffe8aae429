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
}
