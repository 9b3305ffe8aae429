package org.radiospark.kernels.flagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatisticalOutliersTest {
  @Test
  void flagsAFaintBroadbandBurstAndAFaintLineButNotSparseSpikes() {
    int nT = 80;
    int nC = 100;
    SplittableRandom rng = new SplittableRandom(4);
    double[] r = new double[nT * nC];
    for (int i = 0; i < r.length; i++) {
      r[i] = rng.nextGaussian();
    }
    // A burst of 1 sigma per sample at t=30: its median moves by ~0.8 sqrt(100) = 8 sigmas.
    for (int f = 0; f < nC; f++) {
      r[30 * nC + f] += 1.0;
    }
    // A line of 1 sigma at channel 70 (80 samples): ~7 sigmas.
    for (int t = 0; t < nT; t++) {
      r[t * nC + 70] += 1.0;
    }
    // Strong spikes in 3 channels of t=50: the median hardly moves.
    r[50 * nC + 3] = 100;
    r[50 * nC + 40] = 80;
    r[50 * nC + 90] = 60;
    boolean[] mask = new boolean[nT * nC];
    assertEquals(1, StatisticalOutliers.flagTimesteps(r, mask, nT, nC, 5, Double.NaN));
    for (int f = 0; f < nC; f++) {
      assertTrue(mask[30 * nC + f]);
    }
    assertEquals(1, StatisticalOutliers.flagChannels(r, mask, nT, nC, 5, Double.NaN));
    for (int t = 0; t < nT; t++) {
      assertTrue(mask[t * nC + 70]);
    }
    int flagged = 0;
    for (boolean b : mask) {
      flagged += b ? 1 : 0;
    }
    assertEquals(nC + nT - 1, flagged);
  }

  @Test
  void pureNoiseAtFiveSigmaFlagsNothing() {
    int nT = 200;
    int nC = 64;
    SplittableRandom rng = new SplittableRandom(8);
    double[] r = new double[nT * nC];
    for (int i = 0; i < r.length; i++) {
      r[i] = rng.nextGaussian();
    }
    boolean[] mask = new boolean[nT * nC];
    // P(z > 5) = 2.9e-7 per timestep and channel: expected 1e-4 flags.
    assertEquals(0, StatisticalOutliers.flagTimesteps(r, mask, nT, nC, 5, Double.NaN));
    assertEquals(0, StatisticalOutliers.flagChannels(r, mask, nT, nC, 5, Double.NaN));
  }
}
