package org.radiospark.kernels.simulation.vcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.radiospark.kernels.beamform.BeamWeights;
import org.radiospark.kernels.beamform.BeamformParams;
import org.radiospark.kernels.beamform.CalibrationJones;
import org.radiospark.kernels.beamform.Pointing;
import org.radiospark.kernels.beamform.TiedArray;
import org.radiospark.kernels.beamform.VcsBeamformer;
import org.radiospark.kernels.io.mwa.AoCalSolutions;
import org.radiospark.kernels.io.mwa.Metafits;
import org.radiospark.kernels.io.mwa.MetafitsReader;
import org.radiospark.kernels.io.vcs.VcsFormat;
import org.radiospark.kernels.io.vcs.VcsSecond;
import org.radiospark.kernels.testing.SharedData;

/**
 * The simulator against the real Phase II extended metafits, and the beamformer on its output: a
 * planted plane wave is coherent in its own beam, not in one a beam away, and tile gains are undone
 * by the simulated MWAOCAL solutions.
 */
class VcsSimulatorTest {
  private static final double RA = 0.0;
  private static final double DEC = -27.0;

  private static Metafits metafits() {
    return MetafitsReader.read(SharedData.require("layouts/1196175296.metafits"));
  }

  private static VcsSimulationParams params(PulsarSignal psr, double gainRms, int coarse) {
    return new VcsSimulationParams(
        psr, 2.0, new VcsFormat(1), 1, new int[] {coarse}, gainRms, gainRms / 4, 9);
  }

  @Test
  void gaussTableHasUnitVariance() {
    float[] g = VcsSimulator.gaussTable(16);
    double m = 0;
    double v = 0;
    for (float x : g) {
      m += x;
      v += x * x;
    }
    assertEquals(0, m / g.length, 1e-9);
    assertEquals(1, v / g.length, 1e-6);
  }

  @Test
  void noiseIsDeterministicAndHasTheAskedVariance() {
    Metafits m = metafits();
    VcsSimulator sim = new VcsSimulator(m, params(null, 0, 121));
    VcsSecond a = sim.simulateSecond(0, 0);
    assertArrayEquals(a.data(), sim.simulateSecond(0, 0).data());
    double sum = 0;
    double sum2 = 0;
    float[] re = new float[10_000];
    float[] im = new float[10_000];
    for (int k = 0; k < 256; k++) {
      a.unpack(0, k, re, im);
      for (int t = 0; t < re.length; t++) {
        sum += re[t] + im[t];
        sum2 += re[t] * re[t] + im[t] * im[t];
      }
    }
    double n = 2.0 * 256 * 10_000;
    // rounding adds 1/12 to the variance of sigma = 2 noise; the rails clip 0.006 of it
    assertEquals(0, sum / n, 0.01);
    assertEquals(4 + 1.0 / 12, sum2 / n, 0.05);
    assertEquals("1196175296_1196175297_ch121.dat", sim.fileName(121, 1).toString());
  }

  /** Mean coherent power (tiles' own power removed) of beams toward {@code dirs}. */
  private static double[] beamPowers(
      VcsSimulator sim,
      Metafits m,
      VcsSecond data,
      int coarse,
      AoCalSolutions cal,
      Pointing... ps) {
    TiedArray arr = sim.array();
    int[] tiles = arr.activeTiles();
    double t = m.startUnixSec() + 0.5;
    double nu = new VcsFormat(1).slotFrequencyHz(coarse, 0);
    float[][][] w = new float[1][ps.length][];
    for (int b = 0; b < ps.length; b++) {
      w[0][b] = BeamWeights.compute(arr, tiles, ps[b].directionEnu(t, arr.site()), nu);
    }
    double[][][] inv =
        cal == null ? null : new double[][][] {CalibrationJones.forChannel(cal, tiles, 0, 1)};
    int d = 100;
    float[][][][] out = new float[ps.length][1][1][10_000 / d];
    VcsBeamformer.formSecond(
        data, arr, tiles, w, inv, new BeamformParams(d, false, true), out, null, 0);
    double[] mean = new double[ps.length];
    for (int b = 0; b < ps.length; b++) {
      for (float v : out[b][0][0]) {
        mean[b] += v / out[b][0][0].length;
      }
    }
    return mean;
  }

  @Test
  void plantedWaveIsCoherentInItsBeamOnly() {
    Metafits m = metafits();
    // nearly continuous emission: a pulse as wide as 0.9 of the period
    PulsarSignal psr = new PulsarSignal(RA, DEC, 0.01, 0, 0.009, 0.05, 0);
    VcsSimulator sim = new VcsSimulator(m, params(psr, 0, 121));
    VcsSecond data = sim.simulateSecond(0, 0);
    double[] p =
        beamPowers(
            sim,
            m,
            data,
            121,
            null,
            new Pointing("on", RA, DEC),
            new Pointing("off", RA, DEC + 0.5));
    // the pulsar's mean power per polarisation: snr x 2 sigma^2 x mean profile; two pols
    double profileMean = 0;
    for (int i = 0; i < 1000; i++) {
      profileMean += psr.profile(i * 1e-5, 155e6) / 1000;
    }
    double expected = 2 * 0.05 * 8 * profileMean;
    // 4-bit quantisation of sigma = 2 noise keeps ~0.99 of the signal (rounding adds noise only)
    assertEquals(expected, p[0], 0.1 * expected, "on-beam power");
    assertTrue(Math.abs(p[1]) < 0.05 * p[0], "off-beam " + p[1] + " vs on " + p[0]);
  }

  @Test
  void simulatedGainsAreUndoneByTheirSolutions() {
    Metafits m = metafits();
    PulsarSignal psr = new PulsarSignal(RA, DEC, 0.01, 0, 0.009, 0.05, 0);
    VcsSimulator sim = new VcsSimulator(m, params(psr, 0.2, 121));
    VcsSecond data = sim.simulateSecond(0, 0);
    AoCalSolutions cal = sim.solutions();
    Pointing on = new Pointing("on", RA, DEC);
    double calibrated = beamPowers(sim, m, data, 121, cal, on)[0];
    double raw = beamPowers(sim, m, data, 121, null, on)[0];
    assertTrue(calibrated > 0.5, "calibrated beam power " + calibrated);
    assertTrue(Math.abs(raw) < 0.1 * calibrated, "uncalibrated " + raw + " vs " + calibrated);
  }
}
