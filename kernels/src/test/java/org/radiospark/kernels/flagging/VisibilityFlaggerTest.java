package org.radiospark.kernels.flagging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Acceptance point 2 of issue 4: on simulated RFI in noise, at least 95% of RFI samples flagged and
 * at most 1% of clean samples. An "RFI sample" is a (row, channel, polarisation) with injected RFI
 * of amplitude >= 3 sigma (sigma: noise per real/imaginary part) or on one of the two bad
 * baselines; a "clean sample" has no injected RFI at all. Samples with weaker RFI (0 < a < 3 sigma)
 * belong to neither set; their recall is printed for information.
 */
class VisibilityFlaggerTest {
  private static final int ANTENNAS = 10;
  private static final int TIMES = 64;
  private static final int CHANNELS = 128;

  /** Recall and false-positive rate of {@code flags} against the simulation's truth. */
  private static double[] score(RfiSimulation.Scenario s, boolean[] flags) {
    long rfi = 0;
    long rfiHit = 0;
    long clean = 0;
    long cleanHit = 0;
    long weak = 0;
    long weakHit = 0;
    for (int i = 0; i < flags.length; i++) {
      double a = s.rfiSigma()[i];
      if (s.badBaseline()[i] || a >= 3) {
        rfi++;
        rfiHit += flags[i] ? 1 : 0;
      } else if (a == 0) {
        clean++;
        cleanHit += flags[i] ? 1 : 0;
      } else {
        weak++;
        weakHit += flags[i] ? 1 : 0;
      }
    }
    return new double[] {
      (double) rfiHit / rfi, (double) cleanHit / clean, weak == 0 ? 1 : (double) weakHit / weak, rfi
    };
  }

  @Test
  void flagsSimulatedRfiWithHighRecallAndFewFalsePositives() {
    RfiSimulation.Scenario s = RfiSimulation.withRfi(ANTENNAS, TIMES, CHANNELS, 42);
    boolean[] before = s.block().flag().clone();
    FlagResult result = VisibilityFlagger.flag(s.block(), FlagParameters.defaults());
    double[] sc = score(s, result.block().flag());
    System.out.printf(
        Locale.ROOT,
        "flagger acceptance: recall %.4f on %d RFI samples, false positives %.4f, weak-RFI recall"
            + " %.4f; %s%n",
        sc[0],
        (long) sc[3],
        sc[1],
        sc[2],
        result.statistics().report(0).replace('\n', ' '));
    assertTrue(sc[0] >= 0.95, "recall " + sc[0]);
    assertTrue(sc[1] <= 0.01, "false-positive rate " + sc[1]);
    // The input block is left alone and the result shares its samples.
    assertArrayEquals(before, s.block().flag());
    assertNotSame(s.block().flag(), result.block().flag());
    assertEquals(s.block().vis(), result.block().vis());
    assertTrue(result.statistics().count(FlagReason.BASELINE_OUTLIER) > 0);
  }

  @Test
  void cleanNoiseIsBarelyFlagged() {
    RfiSimulation.Scenario s = RfiSimulation.clean(ANTENNAS, TIMES, CHANNELS, 7);
    FlagResult result = VisibilityFlagger.flag(s.block(), FlagParameters.defaults());
    double fraction = result.statistics().flaggedFraction();
    System.out.printf(Locale.ROOT, "flagger on clean noise: %.5f flagged%n", fraction);
    assertTrue(fraction <= 0.01, "flagged " + fraction);
  }

  @Test
  void badAntennasAreFlaggedWholeAndReported() {
    RfiSimulation.Scenario s = RfiSimulation.clean(6, 32, 64, 3);
    FlagResult result =
        VisibilityFlagger.flag(s.block(), FlagParameters.defaults().withBadAntennas(2));
    VisibilityBlock b = result.block();
    for (int r = 0; r < b.nRows(); r++) {
      boolean bad = b.antenna1()[r] == 2 || b.antenna2()[r] == 2;
      for (int c = 0; c < b.nChan(); c++) {
        for (int p = 0; p < b.nPol(); p++) {
          if (bad) {
            assertTrue(b.flag()[b.index(r, c, p)]);
          }
        }
      }
    }
    assertEquals(1.0, result.statistics().antennaFraction(2));
    // 5 of the 15 baselines involve antenna 2.
    assertEquals(5.0 / 15, result.statistics().fraction(FlagReason.BAD_ANTENNA), 1e-12);
    assertTrue(result.statistics().antennaFraction(0) < 0.5);
  }

  @Test
  void inputFlagsAreKeptAndCountedAsInput() {
    RfiSimulation.Scenario s = RfiSimulation.clean(5, 32, 64, 11);
    VisibilityBlock in = s.block();
    // Flag one channel of every row in XX only: the flags are OR-ed over polarisations.
    for (int r = 0; r < in.nRows(); r++) {
      in.flag()[in.index(r, 20, 0)] = true;
    }
    FlagResult result = VisibilityFlagger.flag(in, FlagParameters.defaults().withUvflagSigma(0));
    for (int r = 0; r < in.nRows(); r++) {
      for (int p = 0; p < in.nPol(); p++) {
        assertTrue(result.block().flag()[in.index(r, 20, p)]);
      }
    }
    assertEquals(
        in.nRows() * in.nPol(),
        result.statistics().count(FlagReason.INPUT),
        "input flags and their OR over polarisations");
    assertEquals(1.0, result.statistics().channelFraction(20));
  }

  @Test
  void zeroAndNonFiniteSamplesAreFlaggedAsInvalid() {
    RfiSimulation.Scenario s = RfiSimulation.clean(5, 32, 64, 13);
    VisibilityBlock in = s.block();
    float[] vis = in.vis();
    // Antenna 3 dead (all zeros) and one NaN sample in YY.
    for (int r = 0; r < in.nRows(); r++) {
      if (in.antenna1()[r] == 3 || in.antenna2()[r] == 3) {
        java.util.Arrays.fill(vis, 2 * in.index(r, 0, 0), 2 * in.index(r + 1, 0, 0), 0f);
      }
    }
    vis[2 * in.index(0, 5, 1)] = Float.NaN;
    FlagResult result = VisibilityFlagger.flag(in, FlagParameters.defaults());
    assertEquals(1.0, result.statistics().antennaFraction(3));
    // 4 of the 10 baselines are dead, plus one NaN sample and its 3 other polarisations.
    long dead = 4L * 32 * 64 * 4;
    assertEquals(dead + 4, result.statistics().count(FlagReason.INVALID));
    assertTrue(result.block().flag()[in.index(0, 5, 0)]);
  }

  @Test
  void threadsDoNotChangeTheAnswer() {
    RfiSimulation.Scenario s = RfiSimulation.withRfi(8, 48, 64, 5);
    FlagResult one = VisibilityFlagger.flag(s.block(), FlagParameters.defaults());
    FlagResult four = VisibilityFlagger.flag(s.block(), FlagParameters.defaults().withThreads(4));
    assertArrayEquals(one.block().flag(), four.block().flag());
    assertEquals(one.statistics(), four.statistics());
  }

  @Test
  void rowOrderDoesNotChangeTheAnswer() {
    RfiSimulation.Scenario s = RfiSimulation.withRfi(6, 40, 48, 9);
    VisibilityBlock b = s.block();
    int n = b.nRows();
    int[] perm = new int[n];
    for (int r = 0; r < n; r++) {
      perm[r] = (int) ((r * 7919L) % n);
    }
    VisibilityBlock shuffled = permute(b, perm);
    boolean[] f1 = VisibilityFlagger.flag(b, FlagParameters.defaults()).block().flag();
    boolean[] f2 = VisibilityFlagger.flag(shuffled, FlagParameters.defaults()).block().flag();
    int per = b.nChan() * b.nPol();
    for (int r = 0; r < n; r++) {
      for (int k = 0; k < per; k++) {
        assertEquals(f1[perm[r] * per + k], f2[r * per + k]);
      }
    }
  }

  /** Row {@code r} of the result is row {@code perm[r]} of {@code b}. */
  private static VisibilityBlock permute(VisibilityBlock b, int[] perm) {
    int n = b.nRows();
    int per = b.nChan() * b.nPol();
    double[] u = new double[n];
    double[] v = new double[n];
    double[] w = new double[n];
    int[] a1 = new int[n];
    int[] a2 = new int[n];
    double[] t = new double[n];
    double[] it = new double[n];
    float[] vis = new float[2 * n * per];
    float[] wt = new float[n * per];
    boolean[] fl = new boolean[n * per];
    for (int r = 0; r < n; r++) {
      int s = perm[r];
      u[r] = b.uMetres()[s];
      v[r] = b.vMetres()[s];
      w[r] = b.wMetres()[s];
      a1[r] = b.antenna1()[s];
      a2[r] = b.antenna2()[s];
      t[r] = b.timeMjdSec()[s];
      it[r] = b.integrationSec()[s];
      System.arraycopy(b.vis(), 2 * s * per, vis, 2 * r * per, 2 * per);
      System.arraycopy(b.weight(), s * per, wt, r * per, per);
      System.arraycopy(b.flag(), s * per, fl, r * per, per);
    }
    return new VisibilityBlock(
        u,
        v,
        w,
        a1,
        a2,
        t,
        it,
        b.freqHz(),
        b.chanWidthHz(),
        b.pols(),
        vis,
        wt,
        fl,
        b.phaseCentre());
  }
}
