package org.radiospark.kernels.flagging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScaleInvariantRankTest {
  /** The definition: flagged if some interval containing it is at least (1 - eta) flagged. */
  private static boolean[] bruteForce(boolean[] in, double eta) {
    int n = in.length;
    boolean[] out = in.clone();
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b <= n; b++) {
        int flagged = 0;
        for (int k = a; k < b; k++) {
          flagged += in[k] ? 1 : 0;
        }
        // Exact integer comparison of flagged >= (1 - eta)(b - a), eta a multiple of 1/20.
        if (20 * flagged >= Math.round(20 * (1 - eta)) * (b - a)) {
          for (int k = a; k < b; k++) {
            out[k] = true;
          }
        }
      }
    }
    return out;
  }

  @Test
  void matchesTheDefinitionOnRandomMasks() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] scratch = new double[2 * 41];
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + rng.nextInt(40);
      double density = rng.nextDouble() * 0.6;
      boolean[] mask = new boolean[n];
      for (int i = 0; i < n; i++) {
        mask[i] = rng.nextDouble() < density;
      }
      double eta = rng.nextInt(21) / 20.0;
      boolean[] fast = mask.clone();
      ScaleInvariantRank.apply(fast, 0, 1, n, eta, scratch);
      assertArrayEquals(bruteForce(mask, eta), fast, "n=" + n + " eta=" + eta);
    }
  }

  @Test
  void stridedSequencesLeaveOtherSamplesAlone() {
    // Column 1 of a 5 x 3 plane; columns 0 and 2 must not change.
    boolean[] plane = new boolean[15];
    plane[1] = true;
    plane[7] = true;
    plane[2] = true;
    ScaleInvariantRank.apply(plane, 1, 3, 5, 0.5, new double[12]);
    boolean[] expected = new boolean[15];
    expected[1] = true;
    expected[4] = true; // between two flags: [1, 4, 7] is 2/3 flagged >= 0.5
    expected[7] = true;
    expected[10] = true; // [7, 10] is 1/2 flagged
    expected[2] = true;
    assertArrayEquals(expected, plane);
  }

  @Test
  void etaZeroIsIdentityAndOneFlagsAll() {
    boolean[] m = {false, true, false, false, true, false};
    boolean[] zero = m.clone();
    ScaleInvariantRank.apply(zero, 0, 1, m.length, 0, new double[14]);
    assertArrayEquals(m, zero);
    boolean[] one = m.clone();
    ScaleInvariantRank.apply(one, 0, 1, m.length, 1, new double[14]);
    assertArrayEquals(new boolean[] {true, true, true, true, true, true}, one);
  }

  @Test
  void rejectsBadEta() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ScaleInvariantRank.apply(new boolean[3], 0, 1, 3, 1.5, new double[8]));
  }
}
