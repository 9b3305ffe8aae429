package org.radiospark.kernels.flagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselineOutlierFlaggerTest {
  @Test
  void findsPlantedOutliersOnASkyThatFallsWithUvDistance() {
    // rms = 10 / (1 + uv/1000) + 1 with 2% scatter: a 40% excess (20 sigmas of the scatter) would
    // hide in the global distribution (values 3.5 to 11) but not among similar uv distances,
    // where 30 neighbours span ~90 m and the sky changes by at most ~4% across them.
    int n = 1000;
    SplittableRandom rng = new SplittableRandom(6);
    double[] uv = new double[n];
    double[][] stat = new double[n][2];
    for (int b = 0; b < n; b++) {
      uv[b] = 3000 * rng.nextDouble();
      for (int p = 0; p < 2; p++) {
        stat[b][p] = (10 / (1 + uv[b] / 1000) + 1) * (1 + 0.02 * rng.nextGaussian());
      }
    }
    int noisy = 17;
    int dead = 620;
    int onePol = 850;
    stat[noisy][0] *= 1.5;
    stat[noisy][1] *= 1.5;
    stat[dead][0] = 0;
    stat[dead][1] = 0;
    stat[onePol][1] *= 1.4;
    stat[3][0] = Double.NaN;
    boolean[] out = BaselineOutlierFlagger.outliers(uv, stat, null, 5, 30, false);
    assertTrue(out[noisy]);
    assertTrue(out[dead]);
    assertTrue(out[onePol]);
    int count = 0;
    for (boolean o : out) {
      count += o ? 1 : 0;
    }
    // Others: P(|z| > 5) ~ 6e-7 each, but the MAD of 30 values is itself uncertain by ~20%.
    assertEquals(3, count);
    assertFalse(out[3]);
    boolean[] excess = BaselineOutlierFlagger.outliers(uv, stat, null, 5, 30, true);
    assertTrue(excess[noisy] && excess[onePol]);
    assertFalse(excess[dead], "a deficit is not an excess");
    // A noise floor of 25% of the values hides the 40% excess of one polarisation (1.6 floors).
    double[][] floor = new double[n][2];
    for (int b = 0; b < n; b++) {
      floor[b][0] = 0.25 * stat[b][0];
      floor[b][1] = 0.25 * stat[b][1];
    }
    floor[3][0] = 0;
    boolean[] floored = BaselineOutlierFlagger.outliers(uv, stat, floor, 5, 30, false);
    assertFalse(floored[onePol]);
    assertTrue(floored[dead], "the floor is that of the baseline tested: 0 for a dead one");
  }

  @Test
  void validatesArguments() {
    assertThrows(
        IllegalArgumentException.class,
        () -> BaselineOutlierFlagger.outliers(new double[2], new double[3][1], null, 5, 30, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> BaselineOutlierFlagger.outliers(new double[2], new double[2][1], null, 5, 3, false));
    assertEquals(
        0,
        BaselineOutlierFlagger.outliers(new double[0], new double[0][], null, 5, 30, false).length);
  }
}
