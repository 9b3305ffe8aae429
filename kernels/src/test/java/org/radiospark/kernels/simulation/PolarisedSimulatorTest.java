package org.radiospark.kernels.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

class PolarisedSimulatorTest {
  private static final double C = 299_792_458.0;

  @Test
  void faradayThinSourceRotatesWithLambdaSquared() {
    FaradayThinSource s =
        new FaradayThinSource(0, 0, 2.0, 1e9, -0.7, 0.4, Math.toRadians(20), 35, 0.1);
    for (double f : new double[] {0.8e9, 1e9, 1.3e9}) {
      double[] v = s.stokesAt(f);
      double i = 2.0 * Math.pow(f / 1e9, -0.7);
      double l2 = (C / f) * (C / f);
      assertEquals(i, v[0], 1e-12);
      assertEquals(0.4 * i, Math.hypot(v[1], v[2]), 1e-12);
      double chi = 0.5 * Math.atan2(v[2], v[1]);
      double want = Math.IEEEremainder(Math.toRadians(20) + 35 * l2, Math.PI);
      assertEquals(0, Math.IEEEremainder(chi - want, Math.PI), 1e-12);
      assertEquals(0.1 * i, v[3], 1e-12);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> new FaradayThinSource(0, 0, 1, 1e9, 0, 0.9, 0, 0, 0.5));
  }

  /** Three antennas on the equator: a source at the phase centre gives real, constant products. */
  private static AntennaConfiguration array() {
    double r = 6378137.0;
    return new AntennaConfiguration(
        "T",
        new String[] {"a", "b", "c"},
        new double[] {r, r, r},
        new double[] {0, 100, 0},
        new double[] {0, 0, 150},
        new double[] {10, 10, 10},
        new boolean[3]);
  }

  @Test
  void correlationsFollowTheFeedRelationsChannelByChannel() {
    PhaseCentre centre = PhaseCentre.ofDegrees(0, 0);
    FaradayThinSource src =
        new FaradayThinSource(0, 0, 1.5, 1e9, 0, 0.5, Math.toRadians(10), -20, 0.05);
    for (Stokes[] pols :
        new Stokes[][] {SimulationParameters.LINEAR, SimulationParameters.CIRCULAR}) {
      SimulationParameters p =
          SimulationParameters.builder(centre, 5e9)
              .channels(0.9e9, 50e6, 4)
              .pols(pols)
              .elevationLimitRad(-Math.PI / 2)
              .build();
      VisibilityBlock b = PolarisedSimulator.simulate(array(), List.of(src), p).visibilities();
      for (int c = 0; c < b.nChan(); c++) {
        double[] s = src.stokesAt(b.freqHz()[c]);
        for (int r = 0; r < b.nRows(); r++) {
          for (int k = 0; k < 4; k++) {
            // Phase centre: the kernel is 1, so each product is its Stokes combination.
            double re;
            double im;
            switch (pols[k]) {
              case XX -> {
                re = s[0] + s[1];
                im = 0;
              }
              case YY -> {
                re = s[0] - s[1];
                im = 0;
              }
              case XY -> {
                re = s[2];
                im = s[3];
              }
              case YX -> {
                re = s[2];
                im = -s[3];
              }
              case RR -> {
                re = s[0] + s[3];
                im = 0;
              }
              case LL -> {
                re = s[0] - s[3];
                im = 0;
              }
              case RL -> {
                re = s[1];
                im = s[2];
              }
              default -> {
                re = s[1];
                im = -s[2];
              }
            }
            int i = b.index(r, c, k);
            assertEquals(re, b.vis()[2 * i], 1e-6, pols[k] + " channel " + c);
            assertEquals(im, b.vis()[2 * i + 1], 1e-6, pols[k] + " channel " + c);
          }
        }
      }
    }
  }
}
