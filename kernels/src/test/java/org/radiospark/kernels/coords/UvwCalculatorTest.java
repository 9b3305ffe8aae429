package org.radiospark.kernels.coords;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.testing.SharedData;

class UvwCalculatorTest {
  private static final double C = 299_792_458.0;
  private static final double MJD_SEC_2020 = 58849.0 * 86400 + 3600 * 7.3;

  /**
   * Real data: uvw from the AN table of 1061316296.uvfits (STABXYZ rotated by the array longitude,
   * see REFERENCE.md) against the file's own UU VV WW, for every 3rd row of both times. Measured
   * (J2000 frame): rms 0.055 m, max 0.33 m (in w) over baselines up to 3 km.
   */
  @Test
  void reproducesMwaFileUvwWithItsSignConvention() throws Exception {
    MwaUvfitsFixture f = new MwaUvfitsFixture(SharedData.require("mwa/1061316296.uvfits"));
    AntennaConfiguration config = positions(f);
    UvwCalculator calc =
        new UvwCalculator(PhaseCentre.ofDegrees(f.raDeg, f.decDeg), UvwCalculator.Frame.J2000, 0);
    double sum2 = 0;
    double sumReversed2 = 0;
    double[] maxErr = new double[3];
    int count = 0;
    java.util.Map<Double, double[][]> matrices = new java.util.HashMap<>();
    for (int r = 0; r < f.jd.length; r += 3) {
      if (f.ant1[r] == f.ant2[r]) {
        continue;
      }
      double t = (f.jd[r] - 2400000.5) * 86400;
      // One nutation series per integration, not per row.
      double[][] m = matrices.computeIfAbsent(t, calc::itrfToUvw);
      int p = f.ant1[r];
      int q = f.ant2[r];
      double[] b = {
        config.xMetres()[p] - config.xMetres()[q],
        config.yMetres()[p] - config.yMetres()[q],
        config.zMetres()[p] - config.zMetres()[q],
      };
      double[] uvw = apply(m, b);
      if (r % 999 == 0) {
        assertArrayEquals(uvw, calc.baselineUvw(config, p, q, t), 1e-9);
      }
      double[] file = {f.uSec[r] * C, f.vSec[r] * C, f.wSec[r] * C};
      for (int i = 0; i < 3; i++) {
        double e = uvw[i] - file[i];
        sum2 += e * e;
        sumReversed2 += (uvw[i] + file[i]) * (uvw[i] + file[i]);
        maxErr[i] = Math.max(maxErr[i], Math.abs(e));
      }
      count += 3;
    }
    double rms = Math.sqrt(sum2 / count);
    assertTrue(count > 10_000, "rows checked: " + count);
    assertTrue(rms < 0.1, "rms uvw error " + rms);
    assertTrue(
        maxErr[0] < 0.2 && maxErr[1] < 0.2, "max u, v error " + maxErr[0] + ", " + maxErr[1]);
    assertTrue(maxErr[2] < 0.4, "max w error " + maxErr[2]);
    // The opposite baseline sign is wrong by hundreds of metres.
    assertTrue(Math.sqrt(sumReversed2 / count) > 100);
  }

  /**
   * The AN table offsets are in the local equatorial frame of the array longitude: there the local
   * hour angle (LAST - ra) gives the same uvw as the Greenwich hour angle on ITRF axes.
   */
  @Test
  void localFrameWithLocalHourAngleEqualsItrfWithGreenwichHourAngle() throws Exception {
    MwaUvfitsFixture f = new MwaUvfitsFixture(SharedData.require("mwa/1061316296.uvfits"));
    AntennaConfiguration config = positions(f);
    PhaseCentre centre = PhaseCentre.ofDegrees(f.raDeg, f.decDeg);
    double t = (f.jd[0] - 2400000.5) * 86400;
    double[][] itrf = new UvwCalculator(centre, UvwCalculator.Frame.APPARENT, 0).itrfToUvw(t);
    double[] app = Precession.j2000ToApparent(centre.raRad(), centre.decRad(), t);
    double last = SiderealTime.lastRad(t, 0, Math.toRadians(f.lonDeg));
    double[][] local = UvwCalculator.hourAngleMatrix(last - app[0], app[1]);
    for (int p = 0; p < 20; p++) {
      int q = 127 - p;
      double[] a =
          apply(
              local,
              new double[] {
                f.stabxyz[p][0] - f.stabxyz[q][0],
                f.stabxyz[p][1] - f.stabxyz[q][1],
                f.stabxyz[p][2] - f.stabxyz[q][2]
              });
      double[] b =
          apply(
              itrf,
              new double[] {
                config.xMetres()[p] - config.xMetres()[q],
                config.yMetres()[p] - config.yMetres()[q],
                config.zMetres()[p] - config.zMetres()[q]
              });
      assertArrayEquals(b, a, 1e-6);
    }
  }

  private static AntennaConfiguration positions(MwaUvfitsFixture f) {
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
    return new AntennaConfiguration("MWA", new String[n], x, y, z, new double[n], new boolean[n]);
  }

  @Test
  void apparentFrameEqualsTextbookHourAngleForm() {
    PhaseCentre centre = PhaseCentre.ofDegrees(201.365, -43.019);
    double[][] a =
        new UvwCalculator(centre, UvwCalculator.Frame.APPARENT, 0.1).itrfToUvw(MJD_SEC_2020);
    double[] app = Precession.j2000ToApparent(centre.raRad(), centre.decRad(), MJD_SEC_2020);
    double h = SiderealTime.gastRad(MJD_SEC_2020, 0.1) - app[0];
    double[][] b = UvwCalculator.hourAngleMatrix(h, app[1]);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(b[i][j], a[i][j], 1e-14);
      }
    }
  }

  @Test
  void framesDifferByARotationAboutW() {
    // Without aberration both frames see the same physical direction: w and |uvw| agree, while
    // (u, v) turn by the precession of the position angle (about 0.1 deg in 20 years here).
    PhaseCentre centre = PhaseCentre.ofDegrees(30, -60);
    double[][] j = new UvwCalculator(centre, UvwCalculator.Frame.J2000, 0).itrfToUvw(MJD_SEC_2020);
    double[][] a =
        new UvwCalculator(centre, UvwCalculator.Frame.APPARENT, 0).itrfToUvw(MJD_SEC_2020);
    double[] b = {1200.0, -350.0, 800.0};
    double[] uj = apply(j, b);
    double[] ua = apply(a, b);
    double norm = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
    assertEquals(ua[2], uj[2], 1e-9 * norm);
    assertEquals(Math.hypot(ua[0], ua[1]), Math.hypot(uj[0], uj[1]), 1e-9 * norm);
    double turn = Math.atan2(uj[1], uj[0]) - Math.atan2(ua[1], ua[0]);
    assertTrue(Math.abs(turn) > 1e-4 && Math.abs(turn) < 1e-2, "rotation about w " + turn);
  }

  @Test
  void matrixIsOrthonormalAndWPointsToTheSource() {
    PhaseCentre centre = PhaseCentre.ofDegrees(83.63, 22.01);
    double t = MJD_SEC_2020;
    double[][] m = new UvwCalculator(centre, UvwCalculator.Frame.APPARENT, 0).itrfToUvw(t);
    double[][] p = UvwCalculator.multiply(m, UvwCalculator.transpose(m));
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        assertEquals(i == k ? 1 : 0, p[i][k], 1e-14);
      }
    }
    // A baseline along the ITRF direction of the source has w = |b| and u = v = 0.
    double[] app = Precession.j2000ToApparent(centre.raRad(), centre.decRad(), t);
    double h = SiderealTime.gastRad(t, 0) - app[0];
    double[] s = {
      Math.cos(app[1]) * Math.cos(h), -Math.cos(app[1]) * Math.sin(h), Math.sin(app[1]),
    };
    double[] uvw = apply(m, new double[] {500 * s[0], 500 * s[1], 500 * s[2]});
    assertEquals(0, uvw[0], 1e-9);
    assertEquals(0, uvw[1], 1e-9);
    assertEquals(500, uvw[2], 1e-9);
  }

  @Test
  void baselineSignIsAntenna1MinusAntenna2() {
    AntennaConfiguration c =
        new AntennaConfiguration(
            "T",
            new String[] {"a", "b"},
            new double[] {0, 0},
            new double[] {0, 100},
            new double[] {6.4e6, 6.4e6},
            new double[2],
            new boolean[2]);
    UvwCalculator calc =
        new UvwCalculator(PhaseCentre.ofDegrees(10, 0), UvwCalculator.Frame.APPARENT, 0);
    double[][] m = calc.itrfToUvw(MJD_SEC_2020);
    double[] pq = calc.baselineUvw(c, 0, 1, MJD_SEC_2020);
    double[] expect = apply(m, new double[] {0, -100, 0});
    double[][] per = UvwCalculator.antennaUvw(m, c);
    for (int i = 0; i < 3; i++) {
      assertEquals(expect[i], pq[i], 1e-9);
      assertEquals(per[i][0] - per[i][1], pq[i], 1e-6);
    }
  }

  private static double[] apply(double[][] m, double[] b) {
    return new double[] {
      m[0][0] * b[0] + m[0][1] * b[1] + m[0][2] * b[2],
      m[1][0] * b[0] + m[1][1] * b[1] + m[1][2] * b[2],
      m[2][0] * b[0] + m[2][1] * b[1] + m[2][2] * b[2],
    };
  }
}
