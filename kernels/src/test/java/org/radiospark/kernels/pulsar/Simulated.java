package org.radiospark.kernels.pulsar;

import java.util.Random;

/** Synthetic dynamic spectra with planted dispersed pulses, for tests. */
final class Simulated {
  private Simulated() {}

  /** Descending channel frequencies from {@code fch1} in steps of {@code |foff|}. */
  static double[] freqs(double fch1, double foff, int n) {
    double[] f = new double[n];
    for (int c = 0; c < n; c++) {
      f[c] = fch1 + c * foff;
    }
    return f;
  }

  /**
   * Gaussian noise (sigma 1 per sample and channel, or none if {@code noise} false) plus pulses of
   * {@code amp} per channel and {@code width} samples starting at the top-of-band times {@code t0s}
   * (s), dispersed at {@code dm} with the exact (unrounded) delay of each sample.
   */
  static DynamicSpectrum pulses(
      double[] freqs,
      int nSamp,
      double tsamp,
      double dm,
      double[] t0s,
      double amp,
      int width,
      boolean noise,
      long seed) {
    Random r = new Random(seed);
    float[][] ch = new float[freqs.length][nSamp];
    double fRef = max(freqs);
    for (int c = 0; c < freqs.length; c++) {
      if (noise) {
        for (int t = 0; t < nSamp; t++) {
          ch[c][t] = (float) r.nextGaussian();
        }
      }
      double delay = Dispersion.delaySec(dm, freqs[c], fRef);
      for (double t0 : t0s) {
        int start = (int) Math.round((t0 + delay) / tsamp);
        for (int k = 0; k < width; k++) {
          if (start + k >= 0 && start + k < nSamp) {
            ch[c][start + k] += (float) amp;
          }
        }
      }
    }
    return new DynamicSpectrum(ch, freqs, tsamp);
  }

  static double max(double[] a) {
    double m = a[0];
    for (double v : a) {
      m = Math.max(m, v);
    }
    return m;
  }

  static int argmax(float[] a) {
    int best = 0;
    for (int i = 1; i < a.length; i++) {
      if (a[i] > a[best]) {
        best = i;
      }
    }
    return best;
  }
}
