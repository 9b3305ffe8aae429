package org.radiospark.kernels.polarisation.faraday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FaradayMomentsTest {
  @Test
  void momentsOfKnownSequences() {
    // Q alternating +-1: mean 0, std 1, skewness 0, excess kurtosis -2 (a two-point law).
    // U = 0,0,0,3 (four channels): mean 0.75, m2 = 1.6875, m3 = 2.53125, m4 = 6.64453125.
    int nc = 4;
    float[] q = {1, -1, 1, -1};
    float[] u = {0, 0, 0, 3};
    MomentImages m = FaradayMoments.compute(q, u, 1, nc);
    assertEquals(0, m.meanQ()[0], 0);
    assertEquals(1, m.stdQ()[0], 1e-7);
    assertEquals(0, m.skewQ()[0], 1e-7);
    assertEquals(-2, m.kurtQ()[0], 1e-6);
    double m2 = 1.6875;
    assertEquals(0.75, m.meanU()[0], 1e-7);
    assertEquals(Math.sqrt(m2), m.stdU()[0], 1e-6);
    assertEquals(2.53125 / Math.pow(m2, 1.5), m.skewU()[0], 1e-6);
    assertEquals(6.64453125 / (m2 * m2) - 3, m.kurtU()[0], 1e-6);
    // P = |Q + iU| = 1, 1, 1, sqrt(10)
    double p4 = Math.sqrt(10);
    assertEquals((3 + p4) / 4, m.meanP()[0], 1e-6);
  }

  @Test
  void gaussianNoiseHasNoShapeAndAPlantedSourceIsACandidate() {
    Random rng = new Random(2);
    double[] freq = FaradaySpectra.channels(800e6, 1088e6, 288);
    int nc = freq.length;
    int nPix = 400;
    float[] q = new float[nPix * nc];
    float[] u = new float[nPix * nc];
    for (int k = 0; k < q.length; k++) {
      q[k] = (float) (0.1 * rng.nextGaussian());
      u[k] = (float) (0.1 * rng.nextGaussian());
    }
    int src = 123;
    double[] qs = new double[nc];
    double[] us = new double[nc];
    // 0.15 per channel, 1.5 x the noise: std Q rises from 0.100 to 0.146, while the scatter of
    // the std of 288 noise samples is 0.1 / sqrt(2 x 288) = 0.004, an 11-sigma excess.
    FaradaySpectra.addThin(freq, qs, us, 0.15, 10, 150);
    for (int i = 0; i < nc; i++) {
      q[src * nc + i] += (float) qs[i];
      u[src * nc + i] += (float) us[i];
    }
    MomentImages m = FaradayMoments.compute(q, u, nPix, nc);
    double skew = 0;
    double kurt = 0;
    for (int p = 0; p < nPix; p++) {
      if (p != src) {
        skew += m.skewQ()[p];
        kurt += m.kurtQ()[p];
      }
    }
    // Sampling errors of skewness and excess kurtosis: sqrt(6/N), sqrt(24/N) per pixel.
    int np = nPix - 1;
    assertEquals(0, skew / np, 4 * Math.sqrt(6.0 / nc) / Math.sqrt(np));
    assertEquals(0, kurt / np, 4 * Math.sqrt(24.0 / nc) / Math.sqrt(np));
    boolean[] mask = FaradayMoments.candidateMask(m, 5);
    assertTrue(mask[src], "planted source pixel");
    int false1 = 0;
    for (int p = 0; p < nPix; p++) {
      false1 += (p != src && mask[p]) ? 1 : 0;
    }
    // At 5 robust sigma, four images of 400 Gaussian-ish pixels: expected false detections ~0.
    assertEquals(0, false1);
    assertFalse(Double.isNaN(m.stdP()[0]));
  }
}
