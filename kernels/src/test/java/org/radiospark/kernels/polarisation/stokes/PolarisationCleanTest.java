package org.radiospark.kernels.polarisation.stokes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Image-plane planted truth: residuals made of PSF copies at known pixels must be cleaned back to
 * those components, in every Stokes image, in both modes.
 */
class PolarisationCleanTest {
  private static final int N = 64;
  // {x, y, I, Q, U, V}
  private static final double[][] SOURCES = {
    {20, 30, 2.0, 0.6, -0.8, 0.1}, {40, 41, 1.0, 0.0, 0.5, 0.0}, {12, 50, 0.5, -0.2, 0.1, -0.05}
  };

  private static double[] gaussianPsf(double sigmaPx) {
    double[] p = new double[N * N];
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        double dx = x - N / 2;
        double dy = y - N / 2;
        p[y * N + x] = Math.exp(-(dx * dx + 0.7 * dy * dy) / (2 * sigmaPx * sigmaPx));
      }
    }
    return p;
  }

  private static double[][] dirty(double[] psf) {
    double[][] r = new double[4][N * N];
    for (double[] s : SOURCES) {
      int sx = (int) s[0];
      int sy = (int) s[1];
      for (int y = 0; y < N; y++) {
        for (int x = 0; x < N; x++) {
          int px = x - sx + N / 2;
          int py = y - sy + N / 2;
          if (px < 0 || py < 0 || px >= N || py >= N) {
            continue;
          }
          for (int k = 0; k < 4; k++) {
            r[k][y * N + x] += s[2 + k] * psf[py * N + px];
          }
        }
      }
    }
    return r;
  }

  @ParameterizedTest
  @EnumSource(PolarisationCleanMode.class)
  void plantedComponentsAreRecoveredInEveryStokesImage(PolarisationCleanMode mode) {
    double[] psf = gaussianPsf(1.5);
    double[][] residual = dirty(psf);
    double[][] model = new double[4][N * N];
    PolarisationClean pc = new PolarisationClean(psf, N, N);
    double threshold = 1e-4;
    for (int[] g : mode.groups()) {
      PolarisationClean.Outcome o = pc.minorCycle(residual, model, g, 0.2, 1.0, threshold, 100000);
      assertTrue(o.thresholdReached(), "group reached the threshold: " + o);
    }
    for (int k = 0; k < 4; k++) {
      double total = 0;
      for (double v : model[k]) {
        total += v;
      }
      double planted = 0;
      for (double[] s : SOURCES) {
        // Components sit on the planted pixels: everything else is below threshold noise.
        double got = model[k][(int) s[1] * N + (int) s[0]];
        assertEquals(s[2 + k], got, 10 * threshold, "Stokes " + k + " at " + s[0] + "," + s[1]);
        planted += s[2 + k];
      }
      assertEquals(planted, total, 10 * threshold, "total flux of Stokes " + k);
      for (double v : residual[k]) {
        assertTrue(Math.abs(v) <= threshold * 1.0001, "residual " + v);
      }
    }
  }

  @Test
  void complexQuComponentsKeepThePolarisationAngle() {
    double[] psf = gaussianPsf(2);
    double[][] residual = new double[4][N * N];
    double chi = Math.toRadians(33);
    int k = 30 * N + 25;
    // A single polarised source: each component must carry the source's angle 2 chi exactly.
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        int px = x - 25 + N / 2;
        int py = y - 30 + N / 2;
        if (px >= 0 && py >= 0 && px < N && py < N) {
          residual[1][y * N + x] = Math.cos(2 * chi) * psf[py * N + px];
          residual[2][y * N + x] = Math.sin(2 * chi) * psf[py * N + px];
        }
      }
    }
    double[][] model = new double[4][N * N];
    new PolarisationClean(psf, N, N)
        .minorCycle(residual, model, new int[] {1, 2}, 0.1, 1, 1e-6, 1000);
    assertEquals(
        Math.toDegrees(chi), Math.toDegrees(0.5 * Math.atan2(model[2][k], model[1][k])), 1e-9);
    assertEquals(1.0, Math.hypot(model[1][k], model[2][k]), 1e-5);
  }

  @Test
  void joinedPeakIsTheQuadratureSumNotStokesI() {
    double[] psf = gaussianPsf(1.0);
    double[][] residual = new double[4][N * N];
    int a = 10 * N + 10; // I = 1, unpolarised
    int b = 40 * N + 40; // I = 0.2, P = 1.27: sqrt(0.04 + 0.81 + 0.81) = 1.29 > 1
    residual[0][a] = 1;
    residual[0][b] = 0.2;
    residual[1][b] = 0.9;
    residual[2][b] = 0.9;
    double[][] joined = new double[4][N * N];
    new PolarisationClean(psf, N, N)
        .minorCycle(residual, joined, PolarisationCleanMode.JOINED_IQUV.groups()[0], 0.1, 1, 0, 1);
    assertEquals(0.02, joined[0][b], 1e-12, "first component at the polarised pixel");
    assertEquals(0.09, joined[1][b], 1e-12);
    assertEquals(0, joined[0][a]);
  }

  @Test
  void majorLoopGainStopsTheCycleEarly() {
    double[] psf = gaussianPsf(1.5);
    double[][] residual = dirty(psf);
    PolarisationClean.Outcome o =
        new PolarisationClean(psf, N, N)
            .minorCycle(
                residual, new double[4][N * N], new int[] {0, 1, 2, 3}, 0.1, 0.5, 0, 100000);
    assertTrue(o.finalPeakJy() <= 0.5 * o.startPeakJy(), o.toString());
    assertTrue(o.finalPeakJy() > 0.4 * o.startPeakJy(), o.toString());
    assertTrue(!o.thresholdReached());
  }
}
