package org.radiospark.kernels.pulsar;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * Converts false-alarm probabilities to equivalent one-sided Gaussian sigmas, working in log space
 * so that the probabilities of strong pulsars (far below 1e-300) stay finite.
 */
public final class Significance {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  private Significance() {}

  /**
   * Natural log of the upper tail {@code Q(a, x)} of the regularised incomplete gamma function: the
   * probability that a sum of {@code a} independent unit-mean exponential powers exceeds {@code x}
   * (a chi-square with {@code 2a} degrees of freedom exceeding {@code 2x}).
   */
  public static double logGammaQ(double a, double x) {
    if (x <= 0) {
      return 0;
    }
    double q = Gamma.regularizedGammaQ(a, x);
    if (q > 1e-290) {
      return Math.log(q);
    }
    // asymptotic series Q ~ x^(a-1) e^-x / Gamma(a) (1 + (a-1)/x + (a-1)(a-2)/x^2 + ...)
    double series = 1;
    double term = 1;
    for (int k = 1; k < 20; k++) {
      term *= (a - k) / x;
      series += term;
      if (Math.abs(term) < 1e-16) {
        break;
      }
    }
    return (a - 1) * Math.log(x) - x - Gamma.logGamma(a) + Math.log(Math.max(series, 1e-300));
  }

  /**
   * Log of the probability that a chi-square with {@code dof} degrees of freedom exceeds {@code
   * chi2}.
   */
  public static double logChiSquareQ(double dof, double chi2) {
    return logGammaQ(dof / 2, chi2 / 2);
  }

  /**
   * The Gaussian sigma {@code x} with upper tail {@code Phi_c(x) = exp(logP)}. Uses the normal
   * quantile for moderate probabilities and Newton's method on the asymptotic expansion of {@code
   * log Phi_c} beyond.
   */
  public static double sigmaFromLogP(double logP) {
    if (logP >= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (logP > -30) {
      return -NORMAL.inverseCumulativeProbability(Math.exp(logP));
    }
    double x = Math.sqrt(-2 * logP);
    for (int i = 0; i < 50; i++) {
      double x2 = x * x;
      double f =
          -x2 / 2
              - Math.log(x)
              - 0.5 * Math.log(2 * Math.PI)
              + Math.log(1 - 1 / x2 + 3 / (x2 * x2) - 15 / (x2 * x2 * x2))
              - logP;
      double df = -x - 1 / x;
      double nx = x - f / df;
      if (Math.abs(nx - x) < 1e-12 * x) {
        return nx;
      }
      x = nx;
    }
    return x;
  }

  /**
   * Log of the probability that at least one of {@code trials} independent tests exceeds a level
   * whose single-trial log-probability is {@code logP}: {@code log(1 - (1 - p)^N)}.
   */
  public static double logTrialsCorrected(double logP, double trials) {
    if (trials <= 1) {
      return logP;
    }
    double p = Math.exp(logP);
    if (p * trials < 1e-3) {
      return logP + Math.log(trials);
    }
    return Math.log(-Math.expm1(trials * Math.log1p(-Math.min(p, 1 - 1e-16))));
  }
}
