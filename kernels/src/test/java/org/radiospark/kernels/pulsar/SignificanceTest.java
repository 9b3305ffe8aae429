package org.radiospark.kernels.pulsar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class SignificanceTest {
  @Test
  void oneExponentialHasQEqualToExpMinusX() {
    for (double x : new double[] {0.5, 3, 50, 800, 5000}) {
      assertEquals(-x, Significance.logGammaQ(1, x), 1e-9 * Math.max(1, x));
    }
  }

  @Test
  void asymptoticTailJoinsTheExactOne() {
    // at a = 16 the exact Q is representable up to x ~ 700; compare just below the switch
    for (double x : new double[] {300, 500, 640}) {
      double exact = Math.log(org.apache.commons.math3.special.Gamma.regularizedGammaQ(16, x));
      double a = 16;
      double series = 1;
      double term = 1;
      for (int k = 1; k < 20; k++) {
        term *= (a - k) / x;
        series += term;
      }
      double asym =
          (a - 1) * Math.log(x)
              - x
              - org.apache.commons.math3.special.Gamma.logGamma(a)
              + Math.log(series);
      assertEquals(exact, asym, 1e-9 * Math.abs(exact));
    }
  }

  @Test
  void sigmaInvertsTheGaussianTailOnBothBranches() {
    for (double x : new double[] {1, 3, 5, 7, 7.5, 8, 12, 30}) {
      // log of the Gaussian upper tail, exact via erfc where representable
      double logP = Math.log(0.5 * Erf.erfc(x / Math.sqrt(2)));
      assertEquals(x, Significance.sigmaFromLogP(logP), 1e-6 * x, "x = " + x);
    }
    // beyond double range the asymptotic branch keeps growing like sqrt(-2 log p)
    double s = Significance.sigmaFromLogP(-1e5);
    assertTrue(s > 440 && s < Math.sqrt(2e5));
  }

  @Test
  void trialsCorrectionIsLinearForSmallProbabilities() {
    assertEquals(
        Math.log(1e-10 * 1000), Significance.logTrialsCorrected(Math.log(1e-10), 1000), 1e-9);
    double p = 0.01;
    assertEquals(
        Math.log(1 - Math.pow(1 - p, 500)),
        Significance.logTrialsCorrected(Math.log(p), 500),
        1e-12);
  }
}
