package org.radiospark.kernels.pulsar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RfiMaskTest {
  static DynamicSpectrum noise(int nc, int ns, long seed) {
    Random r = new Random(seed);
    float[][] ch = new float[nc][ns];
    for (float[] row : ch) {
      for (int t = 0; t < ns; t++) {
        row[t] = (float) (10 + r.nextGaussian());
      }
    }
    return new DynamicSpectrum(ch, Simulated.freqs(1400, -1, nc), 1e-3);
  }

  @Test
  void periodicChannelAndBroadbandBurstAreMaskedCleanCellsAreNot() {
    int nc = 32;
    int L = 512;
    DynamicSpectrum s = noise(nc, 20 * L, 1);
    // channel 5: a strong sinusoid (periodic RFI) throughout
    for (int t = 0; t < s.nSamples(); t++) {
      s.channels()[5][t] += (float) Math.sin(2 * Math.PI * t / 8.0);
    }
    // interval 7: a broadband burst of 100 samples (mean shift 13 sigma of a 512-sample mean)
    for (int c = 0; c < nc; c++) {
      for (int t = 7 * L + 50; t < 7 * L + 150; t++) {
        s.channels()[c][t] += 3f;
      }
    }
    RfiMask m = RfiMask.compute(s, RfiMaskParams.defaults(L));
    assertEquals(20, m.nIntervals());
    for (int i = 0; i < 20; i++) {
      assertTrue(m.isMasked(i, 5), "channel 5 interval " + i);
    }
    for (int c = 0; c < nc; c++) {
      assertTrue(m.isMasked(7, c), "interval 7 channel " + c);
    }
    int clean = 0;
    int flagged = 0;
    for (int i = 0; i < 20; i++) {
      for (int c = 0; c < nc; c++) {
        if (i != 7 && c != 5) {
          clean++;
          flagged += m.isMasked(i, c) ? 1 : 0;
        }
      }
    }
    // thresholds of 10 and 4 sigma: false alarms of order 1e-4 per cell
    assertTrue(flagged <= 2, flagged + " of " + clean + " clean cells masked");
    DynamicSpectrum a = m.apply(s);
    float v = a.channels()[5][0];
    for (float x : a.channels()[5]) {
      assertEquals(v, x);
    }
    assertEquals(s.channels()[0][0], a.channels()[0][0]);
    assertFalse(a.channels()[3][7 * L + 100] > 12);
  }

  @Test
  void pureNoiseIsLeftAlone() {
    RfiMask m = RfiMask.compute(noise(16, 40 * 256, 2), RfiMaskParams.defaults(256));
    assertTrue(m.maskedFraction() < 0.01, "masked " + m.maskedFraction());
  }
}
