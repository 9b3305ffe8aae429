package org.radiospark.kernels.flagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeFrequencyFlaggerTest {
  private static final int T = 64;
  private static final int C = 128;

  /** |1 + n| with complex Gaussian noise of sigma 1 per part, plus RFI of amplitude rfi[i]. */
  private static double[] plane(double[] rfi, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[T * C];
    for (int i = 0; i < v.length; i++) {
      double ph = 2 * Math.PI * rng.nextDouble();
      double re = 1 + rng.nextGaussian() + rfi[i] * Math.cos(ph);
      double im = rng.nextGaussian() + rfi[i] * Math.sin(ph);
      v[i] = Math.sqrt(re * re + im * im);
    }
    return v;
  }

  @Test
  void recoversAPlantedLineAndBurstInOnePolarisation() {
    double[] rfi = new double[T * C];
    for (int t = 0; t < T; t++) {
      rfi[t * C + 40] = 4; // 4 sigma per sample, every time step
    }
    for (int f = 0; f < C; f++) {
      rfi[20 * C + f] = 4; // 4 sigma per sample, every channel
    }
    double[] xx = plane(rfi, 1);
    double[] yy = plane(new double[T * C], 2);
    TimeFrequencyFlagger tf = new TimeFrequencyFlagger(AoFlaggerStrategy.defaults());
    TimeFrequencyFlagger.BaselineFlags flags =
        tf.flag(
            new double[][] {xx, yy},
            new boolean[][] {new boolean[T * C], new boolean[T * C]},
            T,
            C);
    int clean = 0;
    int falsePositives = 0;
    for (int i = 0; i < T * C; i++) {
      if (rfi[i] > 0) {
        assertTrue(flags.mask()[i], "RFI sample " + i + " (flags are OR-ed over polarisations)");
      } else {
        clean++;
        falsePositives += flags.mask()[i] ? 1 : 0;
      }
    }
    assertTrue(falsePositives <= 0.01 * clean, falsePositives + " of " + clean);
  }

  @Test
  void inputFlagsDoNotGrowIntoTheirNeighbours() {
    // Band edges flagged on input: 4 flagged channels and one more would be 80% flagged, which
    // the SIR operator at eta 0.2 dilates when flags count as detections.
    boolean[] in = new boolean[T * C];
    for (int t = 0; t < T; t++) {
      for (int f : new int[] {0, 1, 2, 3, 62, 63, 64, 65}) {
        in[t * C + f] = true;
      }
    }
    double[] v = plane(new double[T * C], 3);
    TimeFrequencyFlagger tf = new TimeFrequencyFlagger(AoFlaggerStrategy.defaults());
    boolean[] mask = tf.flag(new double[][] {v}, new boolean[][] {in}, T, C).mask();
    int neighbours = 0;
    for (int t = 0; t < T; t++) {
      assertTrue(mask[t * C + 2] && mask[t * C + 63]);
      for (int f : new int[] {4, 61, 66}) {
        neighbours += mask[t * C + f] ? 1 : 0;
      }
    }
    // Noise alone flags well under 1% of samples; allow a few whole timesteps.
    assertTrue(neighbours <= 3 * 3, "neighbours of input flags flagged: " + neighbours);
  }

  @Test
  void nonFiniteSamplesAreFlaggedAndDoNotPoisonTheRest() {
    double[] v = plane(new double[T * C], 4);
    v[5 * C + 7] = Double.NaN;
    v[9 * C + 100] = Double.POSITIVE_INFINITY;
    boolean[] mask = new boolean[T * C];
    double[] residual =
        new TimeFrequencyFlagger(AoFlaggerStrategy.defaults()).flagPlane(v, mask, T, C);
    assertTrue(mask[5 * C + 7] && mask[9 * C + 100]);
    int flagged = 0;
    for (int i = 0; i < T * C; i++) {
      flagged += mask[i] ? 1 : 0;
      assertTrue(Double.isFinite(residual[i]));
    }
    assertTrue(flagged < 0.01 * T * C, "flagged " + flagged);
  }

  @Test
  void strategyDefaultsScheduleAndValidation() {
    AoFlaggerStrategy d = AoFlaggerStrategy.defaults();
    assertEquals(d, AoFlaggerStrategy.named("Default"));
    assertEquals(4.0, d.thresholdFactor(1));
    assertEquals(2.0, d.thresholdFactor(2));
    assertEquals(1.0, d.thresholdFactor(3));
    assertEquals(0.5, d.withBaseThreshold(0.5).baseThreshold());
    assertThrows(IllegalArgumentException.class, () -> AoFlaggerStrategy.named("lofar"));
    assertThrows(IllegalArgumentException.class, () -> d.withBaseThreshold(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AoFlaggerStrategy.SumThresholdParameters(6, 0.9, 64));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AoFlaggerStrategy.LowPassParameters(0, 30, 2, 15));
    assertThrows(
        IllegalArgumentException.class, () -> FlagParameters.defaults().withBadAntennas(-1));
    assertThrows(IllegalArgumentException.class, () -> FlagParameters.defaults().withThreads(0));
    assertTrue(FlagParameters.defaults().withBadAntennas(9, 3).isBadAntenna(3));
  }
}
