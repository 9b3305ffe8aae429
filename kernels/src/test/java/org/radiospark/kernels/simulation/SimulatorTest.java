package org.radiospark.kernels.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.coords.EnuFrame;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.coords.UvwCalculator;
import org.radiospark.kernels.io.layout.LayoutReader;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.testing.SharedData;

class SimulatorTest {
  private static final GeodeticPosition MWA =
      GeodeticPosition.ofDegrees(116.67081523611111, -26.703319405555554, 377.827);

  /** 2013-08-23 18:04:40 UTC, when RA 0 transits the MWA (1061316296.uvfits). */
  private static final double START = 56527.753240 * 86400;

  private static final PhaseCentre EOR0 = PhaseCentre.ofDegrees(359.85, -26.78);

  /** {@code n} antennas scattered over 1.5 km around the MWA centre. */
  static AntennaConfiguration array(int n, long seed) {
    EnuFrame f = new EnuFrame(MWA);
    Random rnd = new Random(seed);
    double[] x = new double[n];
    double[] y = new double[n];
    double[] z = new double[n];
    String[] names = new String[n];
    for (int a = 0; a < n; a++) {
      double[] p =
          f.enuToItrf(
              new double[] {
                1500 * (rnd.nextDouble() - 0.5),
                1500 * (rnd.nextDouble() - 0.5),
                3 * rnd.nextGaussian()
              });
      x[a] = p[0];
      y[a] = p[1];
      z[a] = p[2];
      names[a] = "T" + a;
    }
    return new AntennaConfiguration("TEST", names, x, y, z, new double[n], new boolean[n]);
  }

  private static SimulationParameters.Builder base() {
    return SimulationParameters.builder(EOR0, START).times(3, 8).channels(150e6, 1.28e6, 3);
  }

  @Test
  void noiselessPerfectGainsEqualTheDftAndUvwComeFromTheArray() {
    AntennaConfiguration config = array(12, 1);
    SkyComponent src =
        new SkyComponent(
            EOR0.raRad() + 0.05,
            EOR0.decRad() - 0.08,
            new double[] {3, 0.4, -0.2, 0.1},
            150e6,
            -0.7,
            0,
            0,
            0);
    SimulatedObservation obs = Simulator.simulate(config, List.of(src), base().nThreads(2).build());
    VisibilityBlock b = obs.visibilities();
    assertEquals(3 * 66, b.nRows());
    UvwCalculator calc = new UvwCalculator(EOR0, UvwCalculator.Frame.J2000, 0);
    double[] s = {
      Math.cos(src.decRad()) * Math.cos(src.raRad()),
      Math.cos(src.decRad()) * Math.sin(src.raRad()),
      Math.sin(src.decRad())
    };
    for (int r = 0; r < b.nRows(); r++) {
      assertTrue(b.antenna1()[r] < b.antenna2()[r], "no autocorrelations, p < q");
      // The block holds pos_q - pos_p: baselineUvw (the UVFITS convention) with p and q swapped.
      double[] uvw = calc.baselineUvw(config, b.antenna2()[r], b.antenna1()[r], b.timeMjdSec()[r]);
      assertEquals(uvw[0], b.uMetres()[r], 1e-6);
      assertEquals(uvw[1], b.vMetres()[r], 1e-6);
      assertEquals(uvw[2], b.wMetres()[r], 1e-6);
      // Independent DFT from the J2000 baseline vector B: phase = -2 pi B.(s - s0) / lambda.
      double[][] axes = UvwCalculator.uvwAxes(EOR0.raRad(), EOR0.decRad());
      double bs = 0;
      double bs0 = 0;
      for (int i = 0; i < 3; i++) {
        double bi =
            axes[0][i] * b.uMetres()[r] + axes[1][i] * b.vMetres()[r] + axes[2][i] * b.wMetres()[r];
        bs += bi * s[i];
        bs0 += bi * axes[2][i];
      }
      for (int ch = 0; ch < 3; ch++) {
        double f = b.freqHz()[ch];
        double sc = Math.pow(f / 150e6, -0.7);
        double ph = -2 * Math.PI * (bs - bs0) * f / VisibilityBlock.C;
        int i = 2 * b.index(r, ch, 0);
        // XX = (I + Q) exp(i phase).
        assertEquals(3.4 * sc * Math.cos(ph), b.vis()[i], 3.4 * 1e-6);
        assertEquals(3.4 * sc * Math.sin(ph), b.vis()[i + 1], 3.4 * 1e-6);
      }
    }
    assertFalse(anyFlag(b), "the EoR0 field is near the zenith");
  }

  @Test
  void gainsAreAppliedAsJpMJqH() {
    AntennaConfiguration config = array(20, 2);
    List<SkyComponent> sky =
        List.of(SkyComponent.point(EOR0.raRad() + 0.02, EOR0.decRad(), 2, 150e6, 0));
    SimulatedObservation clean = Simulator.simulate(config, sky, base().build());
    SimulatedObservation dirty =
        Simulator.simulate(config, sky, base().gainErrors(0.3, 0.1).leakageRms(0.02).build());
    GainTable g = dirty.trueGains();
    assertEquals(GainTable.JonesType.FULL, g.type());
    double[] j = g.jones();
    VisibilityBlock c = clean.visibilities();
    VisibilityBlock d = dirty.visibilities();
    // 2x2 coherency in row-major order XX XY YX YY, wherever the block keeps them
    int[] order = {
      c.polIndex(Stokes.XX), c.polIndex(Stokes.XY), c.polIndex(Stokes.YX), c.polIndex(Stokes.YY)
    };
    for (int r = 0; r < c.nRows(); r += 5) {
      int p = c.antenna1()[r];
      int q = c.antenna2()[r];
      for (int ch = 0; ch < 3; ch++) {
        double[] m = new double[8];
        for (int e = 0; e < 4; e++) {
          m[2 * e] = c.vis()[2 * c.index(r, ch, order[e])];
          m[2 * e + 1] = c.vis()[2 * c.index(r, ch, order[e]) + 1];
        }
        double[] expect = mul(mul(slice(j, 8 * p), m), herm(slice(j, 8 * q)));
        for (int e = 0; e < 4; e++) {
          assertEquals(expect[2 * e], d.vis()[2 * d.index(r, ch, order[e])], 1e-5);
          assertEquals(expect[2 * e + 1], d.vis()[2 * d.index(r, ch, order[e]) + 1], 1e-5);
        }
      }
    }
    // The drawn phases and amplitudes have the requested spread (40 draws each: 5 sigma of a
    // sample standard deviation is 5 / sqrt(80) = 56 %).
    double sp = 0;
    double sa = 0;
    for (int a = 0; a < 20; a++) {
      for (int e : new int[] {0, 3}) {
        sp += Math.pow(Math.atan2(j[8 * a + 2 * e + 1], j[8 * a + 2 * e]), 2);
        sa += Math.pow(Math.hypot(j[8 * a + 2 * e], j[8 * a + 2 * e + 1]) - 1, 2);
      }
    }
    assertEquals(0.3, Math.sqrt(sp / 40), 0.56 * 0.3);
    assertEquals(0.1, Math.sqrt(sa / 40), 0.56 * 0.1);
  }

  @Test
  void noiseHasTheRequestedStandardDeviation() {
    AntennaConfiguration config = array(30, 3);
    double sigma = 0.7;
    SimulatedObservation obs =
        Simulator.simulate(config, List.of(), base().noiseSigmaJy(sigma).build());
    float[] vis = obs.visibilities().vis();
    int n = vis.length;
    double sum = 0;
    double sum2 = 0;
    for (float v : vis) {
      sum += v;
      sum2 += v * (double) v;
    }
    double mean = sum / n;
    double std = Math.sqrt(sum2 / n - mean * mean);
    // n = 3 x 435 x 3 x 4 x 2 = 31320: 5 sigma tolerances of the sample mean and std.
    assertEquals(0, mean, 5 * sigma / Math.sqrt(n));
    assertEquals(sigma, std, 5 * sigma / Math.sqrt(2.0 * n));
  }

  @Test
  void deterministicWithTheSeedAndThreadCount() {
    AntennaConfiguration config = array(10, 4);
    List<SkyComponent> sky =
        List.of(SkyComponent.point(EOR0.raRad() - 0.03, EOR0.decRad() + 0.01, 1, 150e6, -0.8));
    SimulationParameters p = base().noiseSigmaJy(0.1).gainErrors(0.2, 0.05).seed(42).build();
    float[] a = Simulator.simulate(config, sky, p).visibilities().vis();
    float[] b =
        Simulator.simulate(config, sky, p.toBuilder().nThreads(3).build()).visibilities().vis();
    float[] c =
        Simulator.simulate(config, sky, p.toBuilder().seed(43).build()).visibilities().vis();
    assertArrayEquals(a, b, 0f);
    assertFalse(java.util.Arrays.equals(a, c));
  }

  @Test
  void samplesBelowTheElevationLimitAreFlagged() {
    AntennaConfiguration config = array(5, 5);
    // Dec +70 never rises at latitude -26.7.
    SimulationParameters north =
        SimulationParameters.builder(PhaseCentre.ofDegrees(0, 70), START).times(2, 10).build();
    VisibilityBlock b = Simulator.simulate(config, List.of(), north).visibilities();
    for (boolean f : b.flag()) {
      assertTrue(f);
    }
    // The EoR0 field passes near the zenith: a 60 deg limit keeps it, an 89.99 deg limit does not
    // (precessed to 2013 the field passes 0.02 deg from the zenith).
    assertFalse(
        anyFlag(
            Simulator.simulate(
                    config, List.of(), base().elevationLimitRad(Math.toRadians(60)).build())
                .visibilities()));
    assertTrue(
        anyFlag(
            Simulator.simulate(
                    config, List.of(), base().elevationLimitRad(Math.toRadians(89.99)).build())
                .visibilities()));
  }

  @Test
  void realMwaLayoutWithFlaggedTiles() {
    AntennaConfiguration config =
        LayoutReader.read(SharedData.require("layouts/1196175296.metafits"));
    SimulationParameters p = base().times(1, 2).channels(154e6, 40e3, 1).build();
    VisibilityBlock b =
        Simulator.simulate(
                config, List.of(SkyComponent.point(EOR0.raRad(), EOR0.decRad(), 1, 154e6, 0)), p)
            .visibilities();
    assertEquals(128 * 127 / 2, b.nRows());
    int flaggedRows = 0;
    for (int r = 0; r < b.nRows(); r++) {
      boolean bad = config.flagged()[b.antenna1()[r]] || config.flagged()[b.antenna2()[r]];
      assertEquals(bad, b.flag()[b.index(r, 0, 0)]);
      flaggedRows += bad ? 1 : 0;
      // A source at the phase centre: XX = 1 on every baseline.
      assertEquals(1, b.vis()[2 * b.index(r, 0, 0)], 1e-6);
    }
    // 10 flagged tiles: 128*127/2 - 118*117/2 rows touch one.
    assertEquals(8128 - 6903, flaggedRows);
  }

  /**
   * Real geometry: re-simulating 1061316296.uvfits (its AN-table array, first 2 s integration and
   * phase centre) gives the file's uvw with the sign flipped (the kernel convention), to the 0.2 m
   * the uvw themselves reproduce to (measured rms 0.056 m over 8001 baselines).
   */
  @Test
  void reproducesTheGeometryOfARealMwaObservation() throws Exception {
    org.radiospark.kernels.coords.MwaUvfitsFixture f =
        new org.radiospark.kernels.coords.MwaUvfitsFixture(
            SharedData.require("mwa/1061316296.uvfits"));
    int n = f.stabxyz.length;
    double lon = Math.toRadians(f.lonDeg);
    double[] x = new double[n];
    double[] y = new double[n];
    double[] z = new double[n];
    for (int a = 0; a < n; a++) {
      double[] s = f.stabxyz[a];
      x[a] = f.arrayXyz[0] + Math.cos(lon) * s[0] - Math.sin(lon) * s[1];
      y[a] = f.arrayXyz[1] + Math.sin(lon) * s[0] + Math.cos(lon) * s[1];
      z[a] = f.arrayXyz[2] + s[2];
    }
    AntennaConfiguration config =
        new AntennaConfiguration("MWA", new String[n], x, y, z, new double[n], new boolean[n]);
    double centroid = (f.jd[0] - 2400000.5) * 86400;
    SimulationParameters p =
        SimulationParameters.builder(PhaseCentre.ofDegrees(f.raDeg, f.decDeg), centroid - 1)
            .times(1, 2)
            .build();
    VisibilityBlock b = Simulator.simulate(config, List.of(), p).visibilities();
    java.util.Map<Long, Integer> rowOf = new java.util.HashMap<>();
    for (int r = 0; r < b.nRows(); r++) {
      rowOf.put(b.antenna1()[r] * 1000L + b.antenna2()[r], r);
    }
    double sum2 = 0;
    int count = 0;
    for (int r = 0; r < f.jd.length; r++) {
      if (f.jd[r] != f.jd[0] || f.ant1[r] >= f.ant2[r]) {
        continue;
      }
      int k = rowOf.get(f.ant1[r] * 1000L + f.ant2[r]);
      double du = b.uMetres()[k] + f.uSec[r] * VisibilityBlock.C;
      double dv = b.vMetres()[k] + f.vSec[r] * VisibilityBlock.C;
      double dw = b.wMetres()[k] + f.wSec[r] * VisibilityBlock.C;
      sum2 += du * du + dv * dv + dw * dw;
      count += 3;
    }
    // 127 tiles carry data (README: 8128 rows with autocorrelations per time).
    assertEquals(127 * 126 / 2, count / 3);
    double rms = Math.sqrt(sum2 / count);
    assertTrue(rms < 0.1, "rms uvw difference " + rms);
  }

  private static boolean anyFlag(VisibilityBlock b) {
    for (boolean f : b.flag()) {
      if (f) {
        return true;
      }
    }
    return false;
  }

  private static double[] slice(double[] a, int off) {
    return java.util.Arrays.copyOfRange(a, off, off + 8);
  }

  private static double[] mul(double[] a, double[] b) {
    double[] r = new double[8];
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 2; k++) {
        for (int l = 0; l < 2; l++) {
          double ar = a[2 * (2 * i + l)];
          double ai = a[2 * (2 * i + l) + 1];
          double br = b[2 * (2 * l + k)];
          double bi = b[2 * (2 * l + k) + 1];
          r[2 * (2 * i + k)] += ar * br - ai * bi;
          r[2 * (2 * i + k) + 1] += ar * bi + ai * br;
        }
      }
    }
    return r;
  }

  private static double[] herm(double[] a) {
    return new double[] {a[0], -a[1], a[4], -a[5], a[2], -a[3], a[6], -a[7]};
  }
}
