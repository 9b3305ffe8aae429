package org.radiospark.kernels.polarisation.stokes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

class StokesVisibilitiesTest {
  private static final int ROWS = 3;
  private static final int CHANS = 2;

  /** A block of the given products with zero samples; Stokes filled by {@link #plant}. */
  private static VisibilityBlock block(Stokes... pols) {
    double[] z = new double[ROWS];
    return VisibilityBlock.zeros(
        z,
        z.clone(),
        z.clone(),
        new int[] {0, 0, 1},
        new int[] {1, 2, 2},
        z.clone(),
        new double[] {1, 1, 1},
        new double[] {1e9, 1.1e9},
        new double[] {1e6, 1e6},
        pols,
        PhaseCentre.ofDegrees(10, -30));
  }

  /**
   * Writes the correlations of complex Stokes visibilities {@code iquv[sample][8]} by the feed
   * relations written out here (an independent reference for the converter).
   */
  private static void plant(VisibilityBlock b, double[][] iquv) {
    for (int s = 0; s < ROWS * CHANS; s++) {
      double[] v = iquv[s];
      for (int p = 0; p < b.nPol(); p++) {
        double re;
        double im;
        switch (b.pols()[p]) {
          case XX -> {
            re = v[0] + v[2];
            im = v[1] + v[3];
          }
          case YY -> {
            re = v[0] - v[2];
            im = v[1] - v[3];
          }
          case XY -> { // U + iV
            re = v[4] - v[7];
            im = v[5] + v[6];
          }
          case YX -> { // U - iV
            re = v[4] + v[7];
            im = v[5] - v[6];
          }
          case RR -> {
            re = v[0] + v[6];
            im = v[1] + v[7];
          }
          case LL -> {
            re = v[0] - v[6];
            im = v[1] - v[7];
          }
          case RL -> { // Q + iU
            re = v[2] - v[5];
            im = v[3] + v[4];
          }
          case LR -> { // Q - iU
            re = v[2] + v[5];
            im = v[3] - v[4];
          }
          default -> throw new IllegalStateException();
        }
        int i = s * b.nPol() + p;
        b.vis()[2 * i] = (float) re;
        b.vis()[2 * i + 1] = (float) im;
      }
    }
  }

  private static double[][] randomStokes(long seed) {
    Random r = new Random(seed);
    double[][] v = new double[ROWS * CHANS][8];
    for (double[] s : v) {
      for (int k = 0; k < 8; k++) {
        s[k] = r.nextGaussian();
      }
    }
    return v;
  }

  private static void assertRecovered(Stokes... pols) {
    VisibilityBlock b = block(pols);
    double[][] truth = randomStokes(pols[0].code());
    plant(b, truth);
    VisibilityBlock s = StokesVisibilities.convert(b);
    assertEquals(Stokes.I, s.pols()[0]);
    assertEquals(Stokes.V, s.pols()[3]);
    for (int k = 0; k < ROWS * CHANS; k++) {
      for (int j = 0; j < 8; j++) {
        // float32 samples: a few ulps of values of order 1.
        assertEquals(truth[k][j], s.vis()[8 * k + j], 1e-6, "sample " + k + " part " + j);
      }
    }
  }

  @Test
  void linearFeedsGiveBackThePlantedStokesInAnyProductOrder() {
    assertRecovered(Stokes.XX, Stokes.YY, Stokes.XY, Stokes.YX);
    assertRecovered(Stokes.XX, Stokes.XY, Stokes.YX, Stokes.YY);
  }

  @Test
  void circularFeedsGiveBackThePlantedStokes() {
    assertRecovered(Stokes.RR, Stokes.LL, Stokes.RL, Stokes.LR);
  }

  @Test
  void oneWeightFromTheNoisierPairAndFlagsSharedByAllFour() {
    VisibilityBlock b = block(Stokes.XX, Stokes.YY, Stokes.XY, Stokes.YX);
    float[] w = b.weight();
    for (int s = 0; s < ROWS * CHANS; s++) {
      w[4 * s] = 1;
      w[4 * s + 1] = 3;
      w[4 * s + 2] = 2;
      w[4 * s + 3] = 2;
    }
    b.flag()[4 * 5 + 2] = true; // sample 5, XY
    w[4 * 4 + 1] = 0; // sample 4, YY: zero weight means flagged
    VisibilityBlock s = StokesVisibilities.convert(b);
    // (XX, YY): 1/1 + 1/3 = 4/3 > (XY, YX): 1/2 + 1/2 = 1, so w = 4 / (4/3) = 3.
    for (int k = 0; k < 4; k++) {
      assertEquals(3f, s.weight()[4 * 0 + k], 1e-6f);
      assertTrue(s.flag()[4 * 5 + k], "flag of Stokes " + k + " in sample 5");
      assertTrue(s.flag()[4 * 4 + k], "flag of Stokes " + k + " in sample 4");
      assertEquals(0f, s.weight()[4 * 5 + k]);
    }
  }

  @Test
  void missingCorrelationIsReported() {
    VisibilityBlock b = block(Stokes.XX, Stokes.YY);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> StokesVisibilities.convert(b));
    assertTrue(e.getMessage().contains("XX XY YX YY"), e.getMessage());
  }
}
