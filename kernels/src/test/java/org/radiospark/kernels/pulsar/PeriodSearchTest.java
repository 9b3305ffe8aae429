package org.radiospark.kernels.pulsar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeriodSearchTest {
  static final double TSAMP = 1e-3;

  static float[] noise(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  @Test
  void smoothLengths() {
    assertEquals(1000, PeriodSearch.smoothLengthAtMost(1000));
    assertEquals(1024, PeriodSearch.smoothLengthAtMost(1025));
    assertEquals(131072, PeriodSearch.smoothLengthAtMost(131130));
    assertEquals(6, PeriodSearch.smoothLengthAtMost(7));
    assertEquals(2160, PeriodSearch.smoothLengthAtMost(2187)); // 3^7 is odd
    assertEquals(0, PeriodSearch.smoothLengthAtMost(99999) % 2);
  }

  @Test
  void oddInputLengthsAreTransformed() {
    float[] x = noise(2187, 9);
    double[] p = PeriodSearch.normalisedPowers(x, TSAMP);
    assertEquals(2160 / 2 + 1, p.length);
  }

  @Test
  void whiteNoisePowersAreUnitExponentials() {
    int n = 1 << 16;
    double[] p = PeriodSearch.normalisedPowers(noise(n, 1), TSAMP);
    double mean = 0;
    int above3 = 0;
    for (int k = 1; k < p.length; k++) {
      mean += p[k];
      above3 += p[k] > 3 ? 1 : 0;
    }
    int m = p.length - 1;
    mean /= m;
    // unit exponential: mean 1 (std of the mean 1/sqrt(m)); P(>3) = e^-3
    assertEquals(1.0, mean, 5 / Math.sqrt(m));
    double expect = m * Math.exp(-3);
    assertEquals(expect, above3, 5 * Math.sqrt(expect));
  }

  @Test
  void rednoiseNormalisationFlattensARandomWalk() {
    int n = 1 << 16;
    float[] x = noise(n, 2);
    Random r = new Random(3);
    double walk = 0;
    for (int i = 0; i < n; i++) {
      walk += 0.3 * r.nextGaussian();
      x[i] += (float) walk;
    }
    double[] p = PeriodSearch.normalisedPowers(x, TSAMP);
    // the walk's power falls as f^-2 over 4 decades; normalised, low and high bins have median ln 2
    for (int[] range : new int[][] {{20, 400}, {20000, 32000}}) {
      double[] seg = java.util.Arrays.copyOfRange(p, range[0], range[1]);
      java.util.Arrays.sort(seg);
      double med = seg[seg.length / 2];
      assertEquals(Math.log(2), med, 0.2, "bins " + range[0] + ".." + range[1]);
    }
  }

  @Test
  void plantedPulseTrainIsFoundWithItsHarmonics() {
    int n = 200000;
    float[] x = noise(n, 4);
    double period = 0.1234567;
    // 4%-duty-cycle pulses, weak per sample: only harmonic summing makes them strong
    for (int i = 0; i < n; i++) {
      double ph = (i * TSAMP / period) % 1.0;
      if (ph < 0.04) {
        x[i] += 0.35f;
      }
    }
    List<Candidate> c =
        PeriodSearch.search(x, TSAMP, 10, new PeriodSearchParams(16, 3, 1, 500, 20));
    assertFalse(c.isEmpty());
    Candidate best = c.get(0);
    double tObs = PeriodSearch.smoothLengthAtMost(n) * TSAMP;
    assertEquals(1 / period, best.freqHz(), 1 / tObs, best.toString());
    assertTrue(best.numHarm() >= 8, best.toString());
    assertEquals(10.0, best.dm());
    // noise alone: nothing above 6 sigma after the trials correction
    List<Candidate> quiet =
        PeriodSearch.search(noise(n, 5), TSAMP, 0, new PeriodSearchParams(16, 6, 1, 500, 20));
    assertTrue(quiet.isEmpty(), quiet.toString());
  }
}
