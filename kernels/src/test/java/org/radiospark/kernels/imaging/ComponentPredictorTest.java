package org.radiospark.kernels.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

class ComponentPredictorTest {
  static final Stokes[] LINEAR = {Stokes.XX, Stokes.XY, Stokes.YX, Stokes.YY};
  static final Stokes[] CIRCULAR = {Stokes.RR, Stokes.RL, Stokes.LR, Stokes.LL};

  /** float32 storage: relative precision 6e-8, a few ulps of accumulated rounding allowed. */
  static final double FLOAT_TOL = 5e-7;

  private static final PhaseCentre CENTRE = PhaseCentre.ofDegrees(359.85, -26.78);

  /** Rows with random uvw (metres, up to ~3 km, |w| up to 500 m) between 8 antennas. */
  static VisibilityBlock randomBlock(
      int nRows, double[] freqHz, Stokes[] pols, PhaseCentre c, long seed) {
    Random rnd = new Random(seed);
    double[] u = new double[nRows];
    double[] v = new double[nRows];
    double[] w = new double[nRows];
    int[] a1 = new int[nRows];
    int[] a2 = new int[nRows];
    double[] t = new double[nRows];
    double[] dt = new double[nRows];
    for (int r = 0; r < nRows; r++) {
      u[r] = 3000 * (rnd.nextDouble() - 0.5);
      v[r] = 3000 * (rnd.nextDouble() - 0.5);
      w[r] = 1000 * (rnd.nextDouble() - 0.5);
      a1[r] = rnd.nextInt(7);
      a2[r] = a1[r] + 1 + rnd.nextInt(7 - a1[r]);
      t[r] = 4.88e9 + r % 3;
      dt[r] = 1;
    }
    double[] width = new double[freqHz.length];
    java.util.Arrays.fill(width, 40e3);
    return VisibilityBlock.zeros(u, v, w, a1, a2, t, dt, freqHz, width, pols, c);
  }

  private static double[] sample(VisibilityBlock b, int r, int ch, int p) {
    int i = 2 * b.index(r, ch, p);
    return new double[] {b.vis()[i], b.vis()[i + 1]};
  }

  @Test
  void unitPointAtTheCentrePredictsOneInParallelHandsAndZeroInCrossHands() {
    double[] freq = {150e6, 200e6};
    SkyComponent src = SkyComponent.point(CENTRE.raRad(), CENTRE.decRad(), 1.0, 150e6, 0);
    for (Stokes[] pols : new Stokes[][] {LINEAR, CIRCULAR, {Stokes.I}}) {
      VisibilityBlock b = randomBlock(50, freq, pols, CENTRE, 1);
      new ComponentPredictor(1).predict(b, List.of(src), null);
      for (int r = 0; r < b.nRows(); r++) {
        for (int ch = 0; ch < 2; ch++) {
          for (int p = 0; p < pols.length; p++) {
            double expect = pols[p].isParallelHand() || pols[p] == Stokes.I ? 1 : 0;
            assertArrayEquals(new double[] {expect, 0}, sample(b, r, ch, p), 1e-15);
          }
        }
      }
    }
  }

  @Test
  void offsetPolarisedSourceHasTheAnalyticPhaseAndSpectrum() {
    double[] freq = {120e6, 160e6, 230e6};
    // 5 deg east and 7 deg south of the centre: w (n - 1) is far from negligible.
    double ra = CENTRE.raRad() + Math.toRadians(5);
    double dec = CENTRE.decRad() - Math.toRadians(7);
    SkyComponent src =
        new SkyComponent(ra, dec, new double[] {2, 0.3, -0.2, 0.1}, 150e6, -0.8, 0, 0, 0);
    VisibilityBlock b = randomBlock(40, freq, LINEAR, CENTRE, 2);
    new ComponentPredictor(2).predict(b, List.of(src), null);
    // Independent geometry: unit vectors and dot products.
    double[] s = unit(ra, dec);
    double[] s0 = unit(CENTRE.raRad(), CENTRE.decRad());
    double[] east = {-Math.sin(CENTRE.raRad()), Math.cos(CENTRE.raRad()), 0};
    double[] north = cross(s0, east);
    double l = dot(s, east);
    double m = dot(s, north);
    double n = dot(s, s0);
    for (int r = 0; r < b.nRows(); r++) {
      for (int ch = 0; ch < 3; ch++) {
        double k = freq[ch] / VisibilityBlock.C;
        double phase =
            -2 * Math.PI * k * (b.uMetres()[r] * l + b.vMetres()[r] * m + b.wMetres()[r] * (n - 1));
        double sc = Math.pow(freq[ch] / 150e6, -0.8);
        double i = 2 * sc;
        double q = 0.3 * sc;
        double u = -0.2 * sc;
        double v = 0.1 * sc;
        double cr = Math.cos(phase);
        double ci = Math.sin(phase);
        // XX = (I + Q) K, XY = (U + iV) K, YX = (U - iV) K, YY = (I - Q) K.
        double[][] expect = {
          {(i + q) * cr, (i + q) * ci},
          {u * cr - v * ci, u * ci + v * cr},
          {u * cr + v * ci, u * ci - v * cr},
          {(i - q) * cr, (i - q) * ci},
        };
        for (int p = 0; p < 4; p++) {
          // Phases reach 2 pi x 1e4 rad: double rounding of the phase is ~1e-12 rad.
          assertArrayEquals(expect[p], sample(b, r, ch, p), FLOAT_TOL * 3);
        }
      }
    }
  }

  @Test
  void gaussianMatchesNumericalFourierIntegral() {
    double fwhmMaj = Math.toRadians(0.2);
    double fwhmMin = Math.toRadians(0.08);
    double pa = Math.toRadians(30);
    SkyComponent g =
        new SkyComponent(
            CENTRE.raRad(),
            CENTRE.decRad(),
            new double[] {3, 0, 0, 0},
            1e8,
            0,
            fwhmMaj,
            fwhmMin,
            pa);
    double[] freq = {VisibilityBlock.C}; // one wavelength is one metre
    double[][] uv = {{0, 0}, {150, 0}, {0, 150}, {120, 90}, {-60, 200}, {300, -40}};
    int n = uv.length;
    VisibilityBlock b =
        VisibilityBlock.zeros(
            column(uv, 0),
            column(uv, 1),
            new double[n],
            new int[n],
            new int[n],
            new double[n],
            new double[n],
            freq,
            new double[] {1},
            new Stokes[] {Stokes.I},
            CENTRE);
    new ComponentPredictor(1).predict(b, List.of(g), null);
    double sa = fwhmMaj / (2 * Math.sqrt(2 * Math.log(2)));
    double sb = fwhmMin / (2 * Math.sqrt(2 * Math.log(2)));
    double h = sb / 8;
    int half = (int) Math.ceil(8 * sa / h);
    for (int k = 0; k < n; k++) {
      double re = 0;
      double im = 0;
      for (int iy = -half; iy <= half; iy++) {
        for (int ix = -half; ix <= half; ix++) {
          double l = ix * h;
          double m = iy * h;
          double xMaj = l * Math.sin(pa) + m * Math.cos(pa);
          double xMin = l * Math.cos(pa) - m * Math.sin(pa);
          double img =
              3
                  / (2 * Math.PI * sa * sb)
                  * Math.exp(-0.5 * (xMaj * xMaj / (sa * sa) + xMin * xMin / (sb * sb)));
          double ph = -2 * Math.PI * (uv[k][0] * l + uv[k][1] * m);
          re += img * Math.cos(ph) * h * h;
          im += img * Math.sin(ph) * h * h;
        }
      }
      // The midpoint rule on a smooth, well-sampled Gaussian is accurate far below float32.
      assertArrayEquals(new double[] {re, im}, sample(b, k, 0, 0), 3 * FLOAT_TOL);
    }
    // The source really is resolved on these baselines (the test is not comparing ones).
    assertTrue(sample(b, 5, 0, 0)[0] < 0.5 * 3);
  }

  @Test
  void gainsCorruptAsJpMJqH() {
    double[] freq = {150e6, 151e6};
    int nAnt = 8;
    Random rnd = new Random(3);
    double[] jones = new double[8 * nAnt];
    for (int i = 0; i < jones.length; i++) {
      jones[i] = rnd.nextGaussian();
    }
    GainTable gains =
        new GainTable(
            GainTable.JonesType.FULL,
            nAnt,
            new double[] {0},
            new double[] {1e10},
            new double[] {150.5e6},
            jones,
            new boolean[nAnt],
            -1);
    List<SkyComponent> comps =
        List.of(
            new SkyComponent(
                CENTRE.raRad() + 0.01,
                CENTRE.decRad() + 0.02,
                new double[] {1, 0.2, 0.3, -0.1},
                150e6,
                -0.7,
                0,
                0,
                0),
            SkyComponent.point(CENTRE.raRad() - 0.03, CENTRE.decRad(), 2, 150e6, 0));
    for (Stokes[] pols : new Stokes[][] {LINEAR, CIRCULAR}) {
      VisibilityBlock clean = randomBlock(30, freq, pols, CENTRE, 4);
      VisibilityBlock dirty = clean.copy();
      new ComponentPredictor(1).predict(clean, comps, null);
      new ComponentPredictor(3).predict(dirty, comps, gains);
      for (int r = 0; r < clean.nRows(); r++) {
        for (int ch = 0; ch < 2; ch++) {
          double[] mm = new double[8];
          for (int p = 0; p < 4; p++) {
            double[] x = sample(clean, r, ch, p);
            mm[2 * p] = x[0];
            mm[2 * p + 1] = x[1];
          }
          double[] jp =
              java.util.Arrays.copyOfRange(
                  jones, 8 * clean.antenna1()[r], 8 * clean.antenna1()[r] + 8);
          double[] jq =
              java.util.Arrays.copyOfRange(
                  jones, 8 * clean.antenna2()[r], 8 * clean.antenna2()[r] + 8);
          double[] expect = mul(mul(jp, mm), herm(jq));
          for (int p = 0; p < 4; p++) {
            assertArrayEquals(
                new double[] {expect[2 * p], expect[2 * p + 1]}, sample(dirty, r, ch, p), 1e-5);
          }
        }
      }
    }
    // A subset of the products gets the same corrupted values as the full set.
    VisibilityBlock full = randomBlock(30, freq, LINEAR, CENTRE, 4);
    VisibilityBlock sub = randomBlock(30, freq, new Stokes[] {Stokes.YY, Stokes.XX}, CENTRE, 4);
    new ComponentPredictor(1).predict(full, comps, gains);
    new ComponentPredictor(1).predict(sub, comps, gains);
    for (int r = 0; r < 30; r++) {
      for (int ch = 0; ch < 2; ch++) {
        assertArrayEquals(sample(full, r, ch, 3), sample(sub, r, ch, 0), 0);
        assertArrayEquals(sample(full, r, ch, 0), sample(sub, r, ch, 1), 0);
      }
    }
    VisibilityBlock stokes = randomBlock(3, freq, new Stokes[] {Stokes.I}, CENTRE, 5);
    assertThrows(
        IllegalArgumentException.class,
        () -> new ComponentPredictor(1).predict(stokes, comps, gains));
  }

  @Test
  void threadCountDoesNotChangeTheResultAndAddAccumulates() {
    double[] freq = {150e6, 170e6};
    List<SkyComponent> comps =
        List.of(
            SkyComponent.point(CENTRE.raRad() + 0.05, CENTRE.decRad() - 0.02, 1.5, 150e6, -0.7),
            new SkyComponent(
                CENTRE.raRad() - 0.02,
                CENTRE.decRad() + 0.01,
                new double[] {1, 0, 0, 0},
                150e6,
                0,
                1e-3,
                5e-4,
                1.0));
    VisibilityBlock a = randomBlock(301, freq, LINEAR, CENTRE, 6);
    VisibilityBlock b = a.copy();
    new ComponentPredictor(1).predict(a, comps, null);
    new ComponentPredictor(3).predict(b, comps, null);
    assertArrayEquals(a.vis(), b.vis(), 0f);
    new ComponentPredictor(2).add(b, comps, null);
    for (int i = 0; i < a.vis().length; i++) {
      assertEquals(2 * a.vis()[i], b.vis()[i], 1e-6);
    }
  }

  static double[] column(double[][] a, int c) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i][c];
    }
    return r;
  }

  static double[] unit(double ra, double dec) {
    return new double[] {Math.cos(dec) * Math.cos(ra), Math.cos(dec) * Math.sin(ra), Math.sin(dec)};
  }

  static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  /** 2x2 complex product, interleaved row-major. */
  static double[] mul(double[] a, double[] b) {
    double[] r = new double[8];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        for (int k = 0; k < 2; k++) {
          double ar = a[2 * (2 * i + k)];
          double ai = a[2 * (2 * i + k) + 1];
          double br = b[2 * (2 * k + j)];
          double bi = b[2 * (2 * k + j) + 1];
          r[2 * (2 * i + j)] += ar * br - ai * bi;
          r[2 * (2 * i + j) + 1] += ar * bi + ai * br;
        }
      }
    }
    return r;
  }

  static double[] herm(double[] a) {
    return new double[] {a[0], -a[1], a[4], -a[5], a[2], -a[3], a[6], -a[7]};
  }
}
