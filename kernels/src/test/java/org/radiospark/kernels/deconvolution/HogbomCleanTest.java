package org.radiospark.kernels.deconvolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HogbomCleanTest {
  static final int N = 96;
  static double[] psf;
  static final int[][] POS = {{30, 40}, {62, 55}, {48, 48}, {70, 25}};
  static final double[] FLUX = {5.0, 3.0, -1.5, 0.8};

  @BeforeAll
  static void makePsf() {
    psf = Planted.uvPsf(N, 250, 4.0, 7);
  }

  static double[] truth() {
    double[] t = new double[N * N];
    for (int k = 0; k < POS.length; k++) {
      t[POS[k][1] * N + POS[k][0]] = FLUX[k];
    }
    return t;
  }

  static boolean nearSource(int i, int radius) {
    for (int[] p : POS) {
      if (Math.abs(i % N - p[0]) <= radius && Math.abs(i / N - p[1]) <= radius) {
        return true;
      }
    }
    return false;
  }

  @Test
  void recoversPlantedPointFluxesAndPositions() {
    double[] residual = Planted.convolveDirect(truth(), psf, N, N);
    double[] model = new double[N * N];
    double tau = 1e-3;
    MinorCycleOutcome out =
        new HogbomClean(psf, N, N, null)
            .minorCycle(residual, model, new MinorCycleLimits(tau, 1.0, 0.1, 100000, true));
    assertTrue(out.finalThresholdReached());
    assertFalse(out.anotherIterationRequired());
    assertTrue(Planted.maxAbs(residual) <= tau, "residual peak " + Planted.maxAbs(residual));
    assertEquals(5.0, out.startPeakJy(), 0.5, "start peak is the brightest source plus sidelobes");
    // residual = e (*) psf with |residual| <= tau everywhere; at a source, e_j plus the sidelobes
    // of the other errors, so |e_j| <= tau / (1 - sum of |sidelobes| between sources) < 2 tau.
    for (int k = 0; k < POS.length; k++) {
      assertEquals(FLUX[k], model[POS[k][1] * N + POS[k][0]], 2 * tau, "source " + k);
    }
    double elsewhere = 0;
    for (int i = 0; i < model.length; i++) {
      if (!nearSource(i, 0)) {
        elsewhere += Math.abs(model[i]);
      }
    }
    assertTrue(elsewhere <= 2 * tau, "flux off the sources: " + elsewhere);
  }

  @Test
  void oneIterationTakesGainTimesPeakAtThePeak() {
    double[] residual = Planted.convolveDirect(truth(), psf, N, N);
    int peak = ImageOps.findPeak(residual, N, N, true, null, 0, 0);
    double peakValue = residual[peak];
    double[] before = residual.clone();
    double[] model = new double[N * N];
    MinorCycleOutcome out =
        new HogbomClean(psf, N, N, null)
            .minorCycle(residual, model, new MinorCycleLimits(0, 1.0, 0.25, 1, true));
    assertEquals(1, out.iterations());
    assertTrue(out.maxIterationsReached());
    assertEquals(0.25 * peakValue, model[peak], 1e-15);
    assertEquals(0.25 * peakValue, Planted.sum(model), 1e-15);
    // residual changed by exactly the shifted PSF.
    double[] expected = before.clone();
    ImageOps.subtractShifted(expected, N, N, psf, peak % N, peak / N, 0.25 * peakValue);
    for (int i = 0; i < residual.length; i++) {
      assertEquals(expected[i], residual[i], 1e-15);
    }
  }

  @Test
  void majorLoopGainStopsAtFractionOfStartPeak() {
    double[] residual = Planted.convolveDirect(truth(), psf, N, N);
    double[] model = new double[N * N];
    MinorCycleOutcome out =
        new HogbomClean(psf, N, N, null)
            .minorCycle(residual, model, new MinorCycleLimits(1e-4, 0.6, 0.1, 100000, true));
    assertTrue(out.anotherIterationRequired());
    assertTrue(out.finalPeakJy() <= 0.4 * out.startPeakJy());
    // One component removes at most gain x peak, so the last step crossed the level only just.
    assertTrue(out.finalPeakJy() > 0.4 * out.startPeakJy() * (1 - 0.1) - 1e-12);
  }

  @Test
  void maskRestrictsComponents() {
    double[] residual = Planted.convolveDirect(truth(), psf, N, N);
    double[] model = new double[N * N];
    boolean[] mask = new boolean[N * N];
    for (int y = 35; y <= 45; y++) {
      for (int x = 25; x <= 35; x++) {
        mask[y * N + x] = true;
      }
    }
    MinorCycleOutcome out =
        new HogbomClean(psf, N, N, mask)
            .minorCycle(residual, model, new MinorCycleLimits(1e-3, 1.0, 0.1, 100000, true));
    assertTrue(out.iterations() > 0);
    for (int i = 0; i < model.length; i++) {
      if (!mask[i]) {
        assertEquals(0.0, model[i], "component outside the mask at " + i);
      }
    }
    // The sources outside the mask are left in the residual.
    assertEquals(3.0, residual[55 * N + 62], 0.5);
    assertEquals(0.8, residual[25 * N + 70], 0.5);
  }

  @Test
  void positiveOnlyMatchesFullSearchOnPositiveSkyAndNeverGoesNegative() {
    double[] sky = truth();
    sky[48 * N + 48] = 0.0;
    double[] r1 = Planted.convolveDirect(sky, psf, N, N);
    double[] r2 = r1.clone();
    double[] m1 = new double[N * N];
    double[] m2 = new double[N * N];
    new HogbomClean(psf, N, N, null)
        .minorCycle(r1, m1, new MinorCycleLimits(1e-3, 1.0, 0.1, 100000, false));
    new HogbomClean(psf, N, N, null)
        .minorCycle(r2, m2, new MinorCycleLimits(1e-3, 1.0, 0.1, 100000, true));
    for (int i = 0; i < m1.length; i++) {
      assertTrue(m1[i] >= 0);
      assertEquals(m2[i], m1[i], 4e-3, "pixel " + i);
    }
    // With a negative source in the sky, positive-only CLEAN still places no negative flux (its
    // fit may use large positive components: a PSF of 250 visibilities is far from full rank).
    double[] r3 = Planted.convolveDirect(truth(), psf, N, N);
    double[] m3 = new double[N * N];
    new HogbomClean(psf, N, N, null)
        .minorCycle(r3, m3, new MinorCycleLimits(0.05, 1.0, 0.1, 2000, false));
    for (double v : m3) {
      assertTrue(v >= 0);
    }
  }

  @Test
  void activeSetCyclesReproduceFullImageHogbom() {
    // mgain 0.7: the cycle stops at 30% of the peak, few pixels are above it and the sub-minor
    // loop on the active set does the work; the reference is textbook Hogbom on the full image.
    double[] dirty = Planted.convolveDirect(truth(), psf, N, N);
    double[] residual = dirty.clone();
    double[] model = new double[N * N];
    MinorCycleOutcome out =
        new HogbomClean(psf, N, N, null)
            .minorCycle(residual, model, new MinorCycleLimits(0, 0.7, 0.1, 100000, true));
    double[] ref = dirty.clone();
    double[] refModel = new double[N * N];
    int p = ImageOps.findPeak(ref, N, N, true, null, 0, 0);
    double level = 0.3 * Math.abs(ref[p]);
    long iter = 0;
    while (Math.abs(ref[p]) > level) {
      double c = 0.1 * ref[p];
      refModel[p] += c;
      ImageOps.subtractShifted(ref, N, N, psf, p % N, p / N, c);
      iter++;
      p = ImageOps.findPeak(ref, N, N, true, null, 0, 0);
    }
    assertEquals(iter, out.iterations());
    // Same components in the same order; only the summation order of the updates differs.
    for (int i = 0; i < N * N; i++) {
      assertEquals(refModel[i], model[i], 1e-12, "model pixel " + i);
      assertEquals(ref[i], residual[i], 1e-12, "residual pixel " + i);
    }
  }
}
