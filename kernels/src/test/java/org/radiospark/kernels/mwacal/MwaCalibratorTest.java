package org.radiospark.kernels.mwacal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.calibration.JonesMode;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.skymodel.CatalogueComponent;
import org.radiospark.kernels.skymodel.FluxDensity;
import org.radiospark.kernels.skymodel.SpectralModel;

class MwaCalibratorTest {
  private static MwaSimulation sim;

  @BeforeAll
  static void simulate() throws Exception {
    sim = new MwaSimulation(2, 2, 0.1, 7);
  }

  private static double sq(double x) {
    return x * x;
  }

  @Test
  void apparentStokesIsTheCoherencyThroughTheJones() {
    Random rnd = new Random(3);
    double[] j = new double[8];
    for (int k = 0; k < 8; k++) {
      j[k] = rnd.nextGaussian();
    }
    double[] iquv = {3, 0.4, -0.2, 0.1};
    double[] s = ApparentSky.apparentStokes(iquv, j);
    // Direct: A_XX = sum_ab J_Xa B_ab conj(J_Xb) etc. with B = [[I+Q, U+iV], [U-iV, I-Q]].
    double[][] bRe = {{3.4, -0.2}, {-0.2, 2.6}};
    double[][] bIm = {{0, 0.1}, {-0.1, 0}};
    double[][] aRe = new double[2][2];
    double[][] aIm = new double[2][2];
    for (int x = 0; x < 2; x++) {
      for (int y = 0; y < 2; y++) {
        for (int a = 0; a < 2; a++) {
          for (int b = 0; b < 2; b++) {
            double jr = j[2 * (2 * x + a)];
            double ji = j[2 * (2 * x + a) + 1];
            double kr = j[2 * (2 * y + b)];
            double ki = -j[2 * (2 * y + b) + 1];
            double pr = jr * bRe[a][b] - ji * bIm[a][b];
            double pi = jr * bIm[a][b] + ji * bRe[a][b];
            aRe[x][y] += pr * kr - pi * ki;
            aIm[x][y] += pr * ki + pi * kr;
          }
        }
      }
    }
    assertEquals(aRe[0][0], s[0] + s[1], 1e-12, "XX = I' + Q'");
    assertEquals(aRe[1][1], s[0] - s[1], 1e-12, "YY = I' - Q'");
    assertEquals(aRe[0][1], s[2], 1e-12, "Re XY = U'");
    assertEquals(aIm[0][1], s[3], 1e-12, "Im XY = V'");
    assertEquals(aRe[1][0], s[2], 1e-12, "YX = conj XY");
    assertEquals(-aIm[1][0], s[3], 1e-12);
  }

  @Test
  void modelPredictMatchesTheSimulatedSkyThroughTheBeam() {
    VisibilityBlock m = MwaCalibrator.predictModel(sim.data, sim.sky, sim.beam, sim.site, 2);
    float[] a = m.vis();
    float[] b = sim.trueModel.vis();
    double diff = 0;
    double pow = 0;
    for (int i = 0; i < a.length; i++) {
      diff += sq(a[i] - b[i]);
      pow += sq(b[i]);
    }
    double rel = Math.sqrt(diff / pow);
    System.out.printf("apparent-sky predict vs J M J^H simulation: relative rms %.2e%n", rel);
    // Both in float32 after double accumulation over ~50 components: float rounding.
    assertTrue(rel < 1e-6, "relative difference " + rel);
    // Without the beam the model is far off: the beam matters at this level.
    VisibilityBlock bare = MwaCalibrator.predictModel(sim.data, sim.sky, null, sim.site, 2);
    double d2 = 0;
    for (int i = 0; i < a.length; i++) {
      d2 += sq(bare.vis()[i] - b[i]);
    }
    assertTrue(Math.sqrt(d2 / pow) > 0.1);
  }

  /**
   * Diagonal gains per channel to the noise limit: for each antenna and feed the Cramer-Rao-like
   * variance {@code E|dg_p|^2 = 2 sigma^2 / sum_q |g_q M_pq|^2} (complex noise of variance {@code 2
   * sigma^2} per sample, the form of StefcalSolverTest), after aligning the arbitrary common phase
   * of each feed and channel by least squares.
   */
  @Test
  void diagonalGainsRecoveredPerChannelAtTheNoiseLimit() {
    MwaCalParameters p = MwaCalParameters.defaults().withMode(JonesMode.DIAGONAL).withThreads(2);
    MwaCalibrator.Result r =
        MwaCalibrator.calibrate(sim.data, sim.antennas, sim.site, sim.sky, sim.beam, p);
    GainTable sol = r.solution().table();
    GainTable truth = sim.gains;
    int nAnt = sim.antennas.nAntennas();
    boolean[] antFlag = sim.antennas.flagged();
    assertEquals(2, sol.nChanBlocks(), "one solution per channel");
    double err = 0;
    double bound = 0;
    int n = 0;
    for (int c = 0; c < 2; c++) {
      for (int feed = 0; feed < 2; feed++) {
        int e = feed == 0 ? 0 : 3;
        int pol = feed; // XX at 0, YY at 1 in the simulated order XX YY XY YX
        double[] info = new double[nAnt];
        VisibilityBlock m = sim.trueModel;
        for (int row = 0; row < m.nRows(); row++) {
          int a1 = m.antenna1()[row];
          int a2 = m.antenna2()[row];
          if (antFlag[a1] || antFlag[a2] || m.flag()[m.index(row, c, pol)]) {
            continue;
          }
          double uv = Math.hypot(m.uMetres()[row], m.vMetres()[row]) * m.freqHz()[c] / 2.99792458e8;
          if (uv < p.uvMinLambda()) {
            continue;
          }
          int i = m.index(row, c, pol);
          double pm = sq(m.vis()[2 * i]) + sq(m.vis()[2 * i + 1]);
          info[a1] += pm * amp2(truth, c, a2, e);
          info[a2] += pm * amp2(truth, c, a1, e);
        }
        // Common phase: arg sum_p truth_p conj(sol_p).
        double cr = 0;
        double ci = 0;
        for (int a = 0; a < nAnt; a++) {
          if (antFlag[a]) {
            continue;
          }
          double[] t = g(truth, c, a, e);
          double[] s = g(sol, c, a, e);
          cr += t[0] * s[0] + t[1] * s[1];
          ci += t[1] * s[0] - t[0] * s[1];
        }
        double ph = Math.atan2(ci, cr);
        for (int a = 0; a < nAnt; a++) {
          if (antFlag[a]) {
            continue;
          }
          assertTrue(!sol.flagged()[sol.cell(0, c, a)], "antenna " + a + " solved");
          double[] t = g(truth, c, a, e);
          double[] s = g(sol, c, a, e);
          double sr = s[0] * Math.cos(ph) - s[1] * Math.sin(ph);
          double si = s[0] * Math.sin(ph) + s[1] * Math.cos(ph);
          err += sq(sr - t[0]) + sq(si - t[1]);
          bound += 2 * sim.sigma * sim.sigma / info[a];
          n++;
        }
      }
    }
    double rms = Math.sqrt(err / n);
    double expected = Math.sqrt(bound / n);
    System.out.printf(
        "MWA diagonal per-channel: rms gain error %.3e, Cramer-Rao %.3e, ratio %.2f;"
            + " residual/model power %.3f before, %.3f after (%d components)%n",
        rms,
        expected,
        rms / expected,
        r.residualRatioBefore(),
        r.residualRatioAfter(),
        r.nComponents());
    assertTrue(rms < 1.3 * expected && rms > 0.7 * expected, rms + " vs " + expected);
    assertTrue(rms < 0.2 * 0.1, "5x below the planted 10% amplitude errors");
    assertTrue(r.residualRatioAfter() < r.residualRatioBefore());
  }

  /**
   * Full Jones: the solution is unique only up to a common 2x2 matrix U (J -> J U with U unitary
   * for an unpolarised sky), so compare {@code J_p J_ref^-1}, which does not depend on it; the
   * corrected data's residual is then thermal noise corrected by the true gains: {@code 2 sigma^2 /
   * (|g_p|^2 |g_q|^2)} per sample, over the model power.
   */
  @Test
  void fullJonesSolutionsLeaveOnlyNoise() {
    MwaCalParameters p = MwaCalParameters.defaults().withThreads(2);
    MwaCalibrator.Result r =
        MwaCalibrator.calibrate(sim.data, sim.antennas, sim.site, sim.sky, sim.beam, p);
    double noiseOnly = 0;
    double pow = 0;
    VisibilityBlock m = r.model();
    VisibilityBlock d = sim.data;
    for (int row = 0; row < d.nRows(); row++) {
      double uvM = Math.hypot(d.uMetres()[row], d.vMetres()[row]);
      for (int c = 0; c < d.nChan(); c++) {
        if (uvM * d.freqHz()[c] / VisibilityBlock.C < p.uvMinLambda()) {
          continue;
        }
        for (int q = 0; q < d.nPol(); q++) {
          int i = d.index(row, c, q);
          if (!d.flag()[i]) {
            int ep = q == 0 || q == 2 ? 0 : 3; // XX YY XY YX: feed of antenna1
            int eq = q == 0 || q == 3 ? 0 : 3; // feed of antenna2
            noiseOnly +=
                2
                    * sim.sigma
                    * sim.sigma
                    / (amp2(sim.gains, c, d.antenna1()[row], ep)
                        * amp2(sim.gains, c, d.antenna2()[row], eq));
            pow += sq(m.vis()[2 * i]) + sq(m.vis()[2 * i + 1]);
          }
        }
      }
    }
    double expected = noiseOnly / pow;
    System.out.printf(
        "MWA full-Jones: residual/model power %.3f before, %.4f after, noise alone %.4f%n",
        r.residualRatioBefore(), r.residualRatioAfter(), expected);
    // Fitting 8 real parameters per antenna and channel out of 2 x 127 x 4 complex samples
    // absorbs ~1% of the noise power; the sum over ~10^5 samples fluctuates by ~0.3%.
    assertEquals(expected, r.residualRatioAfter(), 0.02 * expected);
    assertTrue(r.solution().diagnostics().allConverged(), "Anderson-accelerated StEFCal converged");
  }

  @Test
  void componentsBehindThePhaseCentreAreLeftOut() {
    CatalogueComponent behind =
        CatalogueComponent.point(
            "far",
            Math.PI,
            Math.toRadians(30),
            new SpectralModel.PowerLaw(FluxDensity.stokesI(150e6, 100), 0));
    VisibilityBlock m = MwaCalibrator.predictModel(sim.data, List.of(behind), null, sim.site, 1);
    for (float x : m.vis()) {
      assertEquals(0f, x);
    }
  }

  @Test
  void uvCutRemovesShortBaselinesFromTheSolve() {
    MwaCalParameters p =
        MwaCalParameters.defaults().withMode(JonesMode.DIAGONAL).withUvRange(150, 1e9);
    MwaCalibrator.Result r =
        MwaCalibrator.calibrate(sim.data, sim.antennas, sim.site, sim.sky, sim.beam, p);
    VisibilityBlock d = sim.data;
    long expected = 0;
    for (int row = 0; row < d.nRows(); row++) {
      double uvM = Math.hypot(d.uMetres()[row], d.vMetres()[row]);
      if (uvM * d.freqHz()[0] / VisibilityBlock.C >= 150 && !d.flag()[d.index(row, 0, 0)]) {
        expected++;
      }
    }
    // Diagonal mode counts each of XX, YY, XY, YX sample with its conjugate baseline: x 4 x 2.
    long used = r.solution().diagnostics().nSamples()[0];
    assertEquals(0, used % expected, used + " samples from " + expected + " rows");
    assertTrue(used / expected <= 8, used + " vs " + expected);
  }

  private static double[] g(GainTable t, int block, int ant, int e) {
    int o = 8 * t.cell(0, block, ant) + 2 * e;
    return new double[] {t.jones()[o], t.jones()[o + 1]};
  }

  private static double amp2(GainTable t, int block, int ant, int e) {
    double[] v = g(t, block, ant, e);
    return v[0] * v[0] + v[1] * v[1];
  }
}
