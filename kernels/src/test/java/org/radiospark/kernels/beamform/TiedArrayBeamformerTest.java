package org.radiospark.kernels.beamform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.coords.Horizon;
import org.radiospark.kernels.coords.Precession;
import org.radiospark.kernels.coords.SiderealTime;
import org.radiospark.kernels.io.layout.LayoutReader;

class TiedArrayBeamformerTest {

  /** Brute force in double: every beam, sample and Stokes product from the definitions. */
  private static double[][][] brute(float[][] re, float[][] im, float[][] w, int d, boolean autos) {
    int n = re.length / 2;
    int nT = re[0].length;
    double[][][] out = new double[w.length][4][nT / d];
    for (int b = 0; b < w.length; b++) {
      for (int t = 0; t < nT; t++) {
        double[] bx = new double[2];
        double[] by = new double[2];
        double[] au = new double[4];
        for (int j = 0; j < n; j++) {
          double[] x = {re[2 * j][t], im[2 * j][t]};
          double[] y = {re[2 * j + 1][t], im[2 * j + 1][t]};
          bx[0] += w[b][4 * j] * x[0] - w[b][4 * j + 1] * x[1];
          bx[1] += w[b][4 * j] * x[1] + w[b][4 * j + 1] * x[0];
          by[0] += w[b][4 * j + 2] * y[0] - w[b][4 * j + 3] * y[1];
          by[1] += w[b][4 * j + 2] * y[1] + w[b][4 * j + 3] * y[0];
          double[] s = stokes(x, y);
          for (int k = 0; k < 4; k++) {
            au[k] += s[k] / ((double) n * n);
          }
        }
        double[] s = stokes(bx, by);
        for (int k = 0; k < 4; k++) {
          out[b][k][t / d] += (s[k] - (autos ? au[k] : 0)) / d;
        }
      }
    }
    return out;
  }

  private static double[] stokes(double[] x, double[] y) {
    double xx = x[0] * x[0] + x[1] * x[1];
    double yy = y[0] * y[0] + y[1] * y[1];
    // X* Y
    double cr = x[0] * y[0] + x[1] * y[1];
    double ci = x[0] * y[1] - x[1] * y[0];
    return new double[] {xx + yy, xx - yy, 2 * cr, 2 * ci};
  }

  @Test
  void equalsBruteForceForEveryStokesAndBlockBoundary() {
    Random r = new Random(7);
    int n = 5;
    int nT = 600; // crosses the 256-sample blocks
    int d = 3;
    float[][] re = new float[2 * n][nT];
    float[][] im = new float[2 * n][nT];
    for (int k = 0; k < 2 * n; k++) {
      for (int t = 0; t < nT; t++) {
        re[k][t] = r.nextInt(16) - 8;
        im[k][t] = r.nextInt(16) - 8;
      }
    }
    // six beams: one group of four formed together and two alone
    float[][] w = new float[6][4 * n];
    for (float[] wb : w) {
      for (int i = 0; i < wb.length; i++) {
        wb[i] = (float) r.nextGaussian() / n;
      }
    }
    for (boolean autos : new boolean[] {false, true}) {
      float[][][] out = new float[6][4][nT / d + 2];
      TiedArrayBeamformer.form(re, im, w, new BeamformParams(d, true, autos), out, 2);
      double[][][] ref = brute(re, im, w, d, autos);
      for (int b = 0; b < 6; b++) {
        for (int s = 0; s < 4; s++) {
          for (int t = 0; t < nT / d; t++) {
            // float accumulation of n terms of size ~ 64 / n^2 ... relative error ~ n eps
            double tol = 1e-5 * (1 + Math.abs(ref[b][0][t])) * 64;
            assertEquals(ref[b][s][t], out[b][s][t + 2], tol, "b " + b + " s " + s + " t " + t);
          }
        }
      }
      float[][][] onlyI = new float[6][1][nT / d];
      TiedArrayBeamformer.form(re, im, w, new BeamformParams(d, false, autos), onlyI, 0);
      for (int t = 0; t < nT / d; t++) {
        assertEquals(out[1][0][t + 2], onlyI[1][0][t], 1e-6 * (1 + Math.abs(out[1][0][t + 2])));
      }
    }
  }

  @Test
  void incoherentIsTheMeanDetectedPower() {
    float[][] re = {{1, 2, 3, 4}, {0, 0, 0, 0}, {1, 1, 1, 1}, {2, 2, 2, 2}};
    float[][] im = {{0, 0, 0, 0}, {1, 1, 1, 1}, {0, 0, 0, 0}, {0, 0, 0, 0}};
    float[] out = new float[2];
    TiedArrayBeamformer.incoherent(re, im, 2, out, 0);
    // tile 0: |x|^2 + |y|^2 = (1,4,9,16) + 1; tile 1: 1 + 4 = 5; mean over 2 tiles and 2 samples
    assertEquals(((2 + 5) / 2.0 + (5 + 5) / 2.0) / 2, out[0], 1e-6);
    assertEquals(((10 + 5) / 2.0 + (17 + 5) / 2.0) / 2, out[1], 1e-6);
  }

  /**
   * A noise-free plane wave from the pointing, with the cable delays, adds up exactly: the beam
   * holds the source's own power; a beam elsewhere does not.
   */
  @Test
  void planeWaveFromThePointingIsCoherentAndNotElsewhere() {
    Random r = new Random(11);
    int n = 40;
    double[] e = new double[n];
    double[] no = new double[n];
    double[] u = new double[n];
    double[][] cable = new double[n][2];
    int[][] idx = new int[n][2];
    for (int a = 0; a < n; a++) {
      e[a] = r.nextGaussian() * 1500;
      no[a] = r.nextGaussian() * 1500;
      u[a] = r.nextGaussian() * 3;
      cable[a][0] = 100 + 500 * r.nextDouble();
      cable[a][1] = cable[a][0] + r.nextDouble();
    }
    TiedArray arr =
        new TiedArray(
            e,
            no,
            u,
            cable,
            new boolean[n],
            idx,
            LayoutReader.MWA_CENTRE.lonRad(),
            LayoutReader.MWA_CENTRE.latRad(),
            0);
    double utc = 1.5e9;
    Pointing target = new Pointing("t", 30, -26);
    double[] dir = target.directionEnu(utc, arr.site());
    // one beam (lambda / D ~ 1.77 m / 3 km ~ 2 arcmin) is far smaller than 0.1 deg
    Pointing away = new Pointing("a", 30, -25.9);
    double nu = 169.6e6;
    int nT = 64;
    float[] sr = new float[nT];
    float[] si = new float[nT];
    float[][] re = new float[2 * n][nT];
    float[][] im = new float[2 * n][nT];
    for (int t = 0; t < nT; t++) {
      sr[t] = (float) r.nextGaussian();
      si[t] = (float) r.nextGaussian();
    }
    double power = 0;
    for (int t = 0; t < nT; t++) {
      power += 2 * (sr[t] * sr[t] + si[t] * si[t]); // X and Y carry the same wave here
    }
    power /= nT;
    for (int a = 0; a < n; a++) {
      for (int p = 0; p < 2; p++) {
        double th = 2 * Math.PI * BeamWeights.delayTurns(arr, a, p, dir, nu);
        for (int t = 0; t < nT; t++) {
          re[2 * a + p][t] = (float) (sr[t] * Math.cos(th) - si[t] * Math.sin(th));
          im[2 * a + p][t] = (float) (sr[t] * Math.sin(th) + si[t] * Math.cos(th));
        }
      }
    }
    int[] tiles = arr.activeTiles();
    float[][] w = {
      BeamWeights.compute(arr, tiles, dir, nu),
      BeamWeights.compute(arr, tiles, away.directionEnu(utc, arr.site()), nu)
    };
    float[][][] out = new float[2][1][1];
    TiedArrayBeamformer.form(re, im, w, new BeamformParams(nT, false, false), out, 0);
    assertEquals(power, out[0][0][0], 1e-5 * power);
    assertTrue(out[1][0][0] < 0.2 * power, "off-beam " + out[1][0][0] / power);
    // with autos removed the on-beam power is (1 - 1/N) of it
    TiedArrayBeamformer.form(re, im, w, new BeamformParams(nT, false, true), out, 0);
    assertEquals(power * (1 - 1.0 / n), out[0][0][0], 1e-5 * power);
  }

  @Test
  void directionAgreesWithTheHorizonElevation() {
    GeodeticPosition site = LayoutReader.MWA_CENTRE;
    double utc = 1.6e9;
    double mjdSec = utc + Pointing.MJD_UNIX_OFFSET_SEC;
    for (double[] radec : new double[][] {{10, -30}, {200, 5}, {300, -70}}) {
      double[] s = new Pointing("p", radec[0], radec[1]).directionEnu(utc, site);
      assertEquals(1.0, s[0] * s[0] + s[1] * s[1] + s[2] * s[2], 1e-12);
      double[] app =
          Precession.j2000ToApparent(Math.toRadians(radec[0]), Math.toRadians(radec[1]), mjdSec);
      double h = SiderealTime.lastRad(mjdSec, 0, site.lonRad()) - app[0];
      double el = Horizon.elevationRad(h, app[1], site.latRad());
      assertEquals(Math.sin(el), s[2], 1e-12);
    }
    // the zenith: Dec = latitude at the apparent RA of the meridian
    double last = SiderealTime.lastRad(mjdSec, 0, site.lonRad());
    double[] j2000 = Precession.apparentToJ2000(last, site.latRad(), mjdSec);
    double[] z =
        new Pointing("z", Math.toDegrees(j2000[0]), Math.toDegrees(j2000[1]))
            .directionEnu(utc, site);
    assertEquals(1.0, z[2], 1e-12);
  }

  @Test
  void inverseJonesUndoesTheGain() {
    double[] g = {1.1, 0.3, 0.05, -0.02, 0.03, 0.01, 0.9, -0.4};
    double[] inv = CalibrationJones.inverse(g);
    float[] xr = {1, -2};
    float[] xi = {0.5f, 3};
    float[] yr = {-1, 0};
    float[] yi = {2, 1};
    float[][] v = {xr.clone(), xi.clone(), yr.clone(), yi.clone()};
    // apply g (as the inverse of inv) then inv: identity
    CalibrationJones.apply(g, v[0], v[1], v[2], v[3]);
    CalibrationJones.apply(inv, v[0], v[1], v[2], v[3]);
    for (int t = 0; t < 2; t++) {
      assertEquals(xr[t], v[0][t], 1e-5);
      assertEquals(xi[t], v[1][t], 1e-5);
      assertEquals(yr[t], v[2][t], 1e-5);
      assertEquals(yi[t], v[3][t], 1e-5);
    }
    assertNull(CalibrationJones.inverse(new double[] {Double.NaN, 0, 0, 0, 0, 0, 1, 0}));
    assertNull(CalibrationJones.inverse(new double[] {1, 0, 1, 0, 1, 0, 1, 0}));
  }
}
