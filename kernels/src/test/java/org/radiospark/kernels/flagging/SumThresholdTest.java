package org.radiospark.kernels.flagging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SumThresholdTest {
  /**
   * The definition: every run of {@code m} consecutive unmasked samples whose |sum| exceeds m chi
   * has its samples flagged; evaluated window by window with an explicit sum.
   */
  private static boolean[] bruteForce(double[] x, boolean[] mask, int m, double chi) {
    int[] pos = java.util.stream.IntStream.range(0, x.length).filter(i -> !mask[i]).toArray();
    boolean[] out = mask.clone();
    for (int s = 0; s + m <= pos.length; s++) {
      double sum = 0;
      for (int k = s; k < s + m; k++) {
        sum += x[pos[k]];
      }
      if (Math.abs(sum) > m * chi) {
        for (int k = s; k < s + m; k++) {
          out[pos[k]] = true;
        }
      }
    }
    return out;
  }

  @Test
  void matchesTheDefinitionOnRandomSequences() {
    SplittableRandom rng = new SplittableRandom(5);
    int[] scratch = new int[2 * 60 + 1];
    for (int trial = 0; trial < 400; trial++) {
      int n = 1 + rng.nextInt(60);
      double[] x = new double[n];
      boolean[] mask = new boolean[n];
      for (int i = 0; i < n; i++) {
        x[i] = rng.nextGaussian() + (rng.nextDouble() < 0.1 ? 4 : 0);
        mask[i] = rng.nextDouble() < 0.2;
      }
      int m = 1 << rng.nextInt(5);
      double chi = 0.5 + 2 * rng.nextDouble();
      boolean[] out = mask.clone();
      SumThreshold.apply(x, mask, out, 0, 1, n, m, chi, scratch);
      assertArrayEquals(bruteForce(x, mask, m, chi), out, "n=" + n + " m=" + m);
    }
  }

  @Test
  void findsAFaintLongLineThatNoSingleSampleReveals() {
    // 1 sigma over 64 samples: invisible at M=1 (6 sigma), obvious at M=64 (6 / (4/3)^6 = 1.07).
    int n = 256;
    SplittableRandom rng = new SplittableRandom(9);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 0.1 * rng.nextGaussian() + (i >= 100 && i < 164 ? 1.2 : 0);
    }
    boolean[] mask = new boolean[n];
    boolean[] one = new boolean[n];
    int[] scratch = new int[2 * n + 1];
    assertEquals(
        0,
        SumThreshold.apply(
            x, mask, one, 0, 1, n, 1, SumThreshold.thresholdFor(1, 6, 4.0 / 3), scratch));
    boolean[] long64 = new boolean[n];
    int flagged =
        SumThreshold.apply(
            x, mask, long64, 0, 1, n, 64, SumThreshold.thresholdFor(64, 6, 4.0 / 3), scratch);
    // Every line sample, plus the known spreading of one window length: a window still exceeds
    // chi_64 = 1.07 while it holds k > 64 x 1.07 / 1.2 = 57 line samples, so up to 7 noise samples
    // on each side (one more for the 0.1-sigma noise).
    assertTrue(flagged >= 64 && flagged <= 64 + 2 * 8, "flagged " + flagged);
    for (int i = 0; i < n; i++) {
      if (i >= 100 && i < 164) {
        assertTrue(long64[i], "line sample " + i);
      } else if (i < 92 || i >= 172) {
        assertEquals(false, long64[i], "far sample " + i);
      }
    }
  }

  @Test
  void windowsSpanMaskedSamples() {
    // Three strong samples separated by masked ones form one run of 3 unmasked samples.
    double[] x = {0, 2, 99, 2, 99, 2, 0, 0};
    boolean[] mask = {false, false, true, false, true, false, false, false};
    boolean[] out = mask.clone();
    SumThreshold.apply(x, mask, out, 0, 1, x.length, 3, 1.5, new int[17]);
    assertArrayEquals(new boolean[] {false, true, true, true, true, true, false, false}, out);
  }

  @Test
  void negativeExcursionsCountToo() {
    double[] x = {0, -5, -5, 0};
    boolean[] out = new boolean[4];
    SumThreshold.apply(x, new boolean[4], out, 0, 1, 4, 2, 4, new int[9]);
    assertArrayEquals(new boolean[] {false, true, true, false}, out);
  }

  @Test
  void thresholdScheduleFollowsTheGeometricLaw() {
    assertEquals(6.0, SumThreshold.thresholdFor(1, 6, 1.5), 1e-15);
    assertEquals(4.0, SumThreshold.thresholdFor(2, 6, 1.5), 1e-12);
    // AOFlagger's form chi_1 1.5^log2(M) / M equals rho = 4/3.
    for (int m = 1; m <= 256; m *= 2) {
      double aoflagger = 6 * Math.pow(1.5, Math.log(m) / Math.log(2)) / m;
      assertEquals(aoflagger, SumThreshold.thresholdFor(m, 6, 4.0 / 3), 1e-12 * aoflagger);
    }
    assertTrue(SumThreshold.thresholdFor(64, 6, 1.5) < SumThreshold.thresholdFor(64, 6, 4.0 / 3));
  }
}
