package org.radiospark.kernels.pulsar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DedisperserTest {
  static final double TSAMP = 256e-6;

  @Test
  void bruteForceStacksAPlantedPulseAtItsDm() {
    double[] f = Simulated.freqs(1500, -2.0, 64);
    double dm = 57.0;
    double t0 = 400 * TSAMP;
    DynamicSpectrum s = Simulated.pulses(f, 4000, TSAMP, dm, new double[] {t0}, 1.0, 1, false, 1);
    int nOut = Dedisperser.outputLength(s, 100);
    float[][] out = Dedisperser.brute(s, new double[] {0, dm}, nOut);
    int peak = Simulated.argmax(out[1]);
    assertEquals(Math.round(t0 / TSAMP), peak);
    // every channel lands on the same sample: the rounded shift equals the rounded delay
    assertEquals(64f, out[1][peak]);
    // at DM 0 the pulse is spread over the sweep: no sample holds more than a few channels
    assertTrue(out[0][Simulated.argmax(out[0])] < 16f);
  }

  @Test
  void subbandWithOneDmPerCallOrOneChannelPerSubbandEqualsBruteForce() {
    double[] f = Simulated.freqs(1400, -1.0, 48);
    DynamicSpectrum s =
        Simulated.pulses(f, 3000, TSAMP, 80, new double[] {0.2, 0.4}, 0.5, 3, true, 2);
    double[] dms = new double[20];
    for (int i = 0; i < dms.length; i++) {
      dms[i] = 60 + 2 * i;
    }
    int nOut = Dedisperser.outputLength(s, 100);
    float[][] brute = Dedisperser.brute(s, dms, nOut);
    float[][] perChannel = Dedisperser.subband(s, dms, 48, 7, nOut);
    float[][] oneDm = Dedisperser.subband(s, dms, 1, 1, nOut);
    for (int d = 0; d < dms.length; d++) {
      // same channels, same shifts: only the order of the float additions differs
      assertArrayEquals(brute[d], perChannel[d], 1e-4f);
      assertArrayEquals(brute[d], oneDm[d], 1e-4f);
    }
  }

  /**
   * Acceptance 5: for every channel and DM trial of a DDplan stage, the subband shift differs from
   * the brute-force shift by at most the plan's subband smearing plus 1.5 samples of rounding, and
   * a planted pulse keeps its time and almost all of its peak.
   */
  @Test
  void subbandEqualsBruteForceWithinThePlanSmearingBound() {
    double[] f = Simulated.freqs(350, -0.390625, 64); // 25 MHz below 350 MHz
    Band band = new Band(f[63], f[0], 64, 0.390625, TSAMP);
    DmPlan plan = DmPlan.ddplan(band, 0, 60, 8, 1);
    DmPlan.Stage st = plan.stages().get(0);
    assertTrue(st.dmsPerCall() > 1, "the test needs subband DMs shared by several trials");
    double[] dms = st.dms();
    int nSamp = 2000;
    int t0 = 100;
    double bound = st.subbandSmearingSec() + 1.5 * TSAMP;
    int worst = 0;
    for (int c = 0; c < 64; c += 3) {
      // an impulse in channel c alone at its exact delay for each DM shows that channel's shift
      for (int d = 0; d < dms.length; d += 37) {
        float[][] ch = new float[64][nSamp];
        int at = t0 + (int) Math.round(Dispersion.delaySec(dms[d], f[c], f[0]) / TSAMP);
        ch[c][at] = 1;
        DynamicSpectrum s = new DynamicSpectrum(ch, f, TSAMP);
        int nOut = Dedisperser.outputLength(s, st.hiDm());
        int b = Simulated.argmax(Dedisperser.brute(s, new double[] {dms[d]}, nOut)[0]);
        double[] group = groupOf(dms, d, st.dmsPerCall());
        float[][] sub = Dedisperser.subband(s, group, st.numSub(), group.length, nOut);
        int k = indexOf(group, dms[d]);
        int sb = Simulated.argmax(sub[k]);
        assertEquals(t0, b);
        assertTrue(
            Math.abs(sb - b) * TSAMP <= bound + 1e-12,
            "channel "
                + c
                + " DM "
                + dms[d]
                + ": "
                + (sb - b)
                + " samples, bound "
                + bound / TSAMP);
        worst = Math.max(worst, Math.abs(sb - b));
      }
    }
    assertTrue(worst >= 1, "the subband approximation should be visible somewhere");

    // a planted pulse wider than the smearing: same peak time within the bound, >= 90% of the peak
    DynamicSpectrum s =
        Simulated.pulses(f, nSamp, TSAMP, 33.3, new double[] {0.1}, 1.0, 8, false, 3);
    int nOut = Dedisperser.outputLength(s, st.hiDm());
    float[][] brute = Dedisperser.brute(s, dms, nOut);
    float[][] sub = Dedisperser.stage(s, st, dms, nOut);
    for (int d = 0; d < dms.length; d++) {
      if (Math.abs(dms[d] - 33.3) > st.dmStep()) {
        continue;
      }
      int pb = Simulated.argmax(brute[d]);
      int ps = Simulated.argmax(sub[d]);
      assertTrue(Math.abs(pb - ps) * TSAMP <= st.smearingSec(dms[d]) + TSAMP);
      assertTrue(sub[d][ps] >= 0.9 * brute[d][pb], sub[d][ps] + " vs " + brute[d][pb]);
    }
  }

  private static double[] groupOf(double[] dms, int d, int perCall) {
    int g0 = (d / perCall) * perCall;
    int g1 = Math.min(dms.length, g0 + perCall);
    return java.util.Arrays.copyOfRange(dms, g0, g1);
  }

  private static int indexOf(double[] a, double v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void downsamplingSumsBlocks() {
    float[][] ch = {{1, 2, 3, 4, 5, 6, 7}, {0, 1, 0, 1, 0, 1, 0}};
    DynamicSpectrum s = new DynamicSpectrum(ch, new double[] {100, 99}, 1e-3);
    DynamicSpectrum d = s.downsample(3);
    assertArrayEquals(new float[] {6, 15}, d.channels()[0]);
    assertArrayEquals(new float[] {1, 2}, d.channels()[1]);
    assertEquals(3e-3, d.tsampSec(), 1e-15);
  }
}
