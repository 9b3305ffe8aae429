package org.radiospark.kernels.polarisation.faraday;

import java.util.Random;

/** Synthetic spectra with known answers for the Faraday tests. */
final class FaradaySpectra {
  private FaradaySpectra() {}

  /** {@code n} channels evenly spaced from {@code f0} to {@code f1} Hz. */
  static double[] channels(double f0, double f1, int n) {
    double[] f = new double[n];
    for (int i = 0; i < n; i++) {
      f[i] = f0 + (f1 - f0) * i / (n - 1);
    }
    return f;
  }

  /**
   * Adds a Faraday-thin component {@code p exp(2i (chi0 + phi lambda^2))} to q, u (Burn 1966; BdB05
   * eq. 2 with a delta-function FDF).
   */
  static void addThin(
      double[] freqHz, double[] q, double[] u, double p, double chi0Deg, double phiRadM2) {
    for (int i = 0; i < freqHz.length; i++) {
      double l = RmSynthesis.SPEED_OF_LIGHT_M_S / freqHz[i];
      double arg = 2 * (Math.toRadians(chi0Deg) + phiRadM2 * l * l);
      q[i] += p * Math.cos(arg);
      u[i] += p * Math.sin(arg);
    }
  }

  /** Adds Gaussian noise of standard deviation {@code sigma}. */
  static void addNoise(double[] v, double sigma, Random rng) {
    for (int i = 0; i < v.length; i++) {
      v[i] += sigma * rng.nextGaussian();
    }
  }

  static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }
}
