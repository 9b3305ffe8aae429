package org.radiospark.kernels.deconvolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.testing.SharedData;

/**
 * Deconvolution with the snapshot PSF of the real SKA1-LOW core layout (shared data {@code
 * layouts/LOWBD2-CORE.csv}, 166 stations, local x y z metres): zenith snapshot at 150 MHz, natural
 * weighting, PSF by exact DFT over all 13695 baselines. Skipped when the shared data are absent.
 */
class RealArrayPsfTest {
  static final int N = 128;
  static final double LAMBDA_M = 299792458.0 / 150e6;
  static double cellRad;
  static double[] psf;
  static ImageGeometry geometry;

  @BeforeAll
  static void makePsf() throws IOException {
    Path csv = SharedData.require("layouts/LOWBD2-CORE.csv");
    List<String> lines = Files.readAllLines(csv);
    int n = 0;
    double[] ex = new double[lines.size()];
    double[] ny = new double[lines.size()];
    for (String line : lines) {
      String[] f = line.trim().split(",");
      if (f.length < 2 || line.isBlank()) {
        continue;
      }
      ex[n] = Double.parseDouble(f[0]);
      ny[n] = Double.parseDouble(f[1]);
      n++;
    }
    int nb = n * (n - 1) / 2;
    double[] u = new double[nb];
    double[] v = new double[nb];
    double maxUv = 0;
    int k = 0;
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        u[k] = (ex[b] - ex[a]) / LAMBDA_M;
        v[k] = (ny[b] - ny[a]) / LAMBDA_M;
        maxUv = Math.max(maxUv, Math.hypot(u[k], v[k]));
        k++;
      }
    }
    // About 4 pixels across the main lobe (FWHM ~ 1/maxUv for a centrally condensed array).
    cellRad = 1.0 / maxUv / 4.0;
    geometry =
        new ImageGeometry(N, N, cellRad, PhaseCentre.ofDegrees(0, -27), 150e6, 1e6, Stokes.I);
    // psf(l, m) = (1/nb) sum_k cos(2 pi (u l + v m)), separable in l and m via complex phasors.
    double[] re = new double[N * N];
    double[] cx = new double[N];
    double[] sx = new double[N];
    double[] cy = new double[N];
    double[] sy = new double[N];
    for (int j = 0; j < nb; j++) {
      for (int i = 0; i < N; i++) {
        double pl = 2 * Math.PI * u[j] * geometry.l(i);
        double pm = 2 * Math.PI * v[j] * geometry.m(i);
        cx[i] = Math.cos(pl);
        sx[i] = Math.sin(pl);
        cy[i] = Math.cos(pm);
        sy[i] = Math.sin(pm);
      }
      for (int y = 0; y < N; y++) {
        double c = cy[y];
        double s = sy[y];
        int row = y * N;
        for (int x = 0; x < N; x++) {
          re[row + x] += cx[x] * c - sx[x] * s;
        }
      }
    }
    for (int i = 0; i < re.length; i++) {
      re[i] /= nb;
    }
    psf = re;
  }

  static Image img(double[] p) {
    return new Image(geometry, p, null, "JY/BEAM");
  }

  @Test
  void fittedBeamMatchesThePsfAtHalfPower() {
    BeamFitter.FittedBeam b = BeamFitter.fitPixels(psf, N, N);
    // Sample the PSF at half the fitted FWHM along both fitted axes (bilinear interpolation).
    double pa = b.paRad();
    double[][] dirs = {{-Math.sin(pa), Math.cos(pa)}, {Math.cos(pa), Math.sin(pa)}};
    double[] half = {b.majorFwhmPx() / 2, b.minorFwhmPx() / 2};
    for (int a = 0; a < 2; a++) {
      for (int sign = -1; sign <= 1; sign += 2) {
        double hx = N / 2 + sign * half[a] * dirs[a][0];
        double hy = N / 2 + sign * half[a] * dirs[a][1];
        int x0 = (int) Math.floor(hx);
        int y0 = (int) Math.floor(hy);
        double tx = hx - x0;
        double ty = hy - y0;
        double val =
            (1 - tx) * (1 - ty) * psf[y0 * N + x0]
                + tx * (1 - ty) * psf[y0 * N + x0 + 1]
                + (1 - tx) * ty * psf[(y0 + 1) * N + x0]
                + tx * ty * psf[(y0 + 1) * N + x0 + 1];
        // A real main lobe is not exactly Gaussian; bilinear interpolation errs by ~ curvature/8.
        assertEquals(0.5, val, 0.08, "axis " + a + " side " + sign);
      }
    }
    assertTrue(b.majorFwhmPx() >= b.minorFwhmPx() && b.minorFwhmPx() > 2);
  }

  @Test
  void cottonSchwabHogbomRecoversPointsWithTheRealPsf() {
    int[][] pos = {{40, 50}, {80, 70}, {64, 64}, {90, 35}};
    double[] flux = {5.0, 2.0, 1.0, -0.7};
    double[] sky = new double[N * N];
    for (int k = 0; k < pos.length; k++) {
      sky[pos[k][1] * N + pos[k][0]] = flux[k];
    }
    double[] dirty = new FftConvolver(N, N, psf).apply(sky);
    double tau = 5e-3;
    CleanParameters p =
        CleanParameters.defaults()
            .withMajorLoopGain(0.8)
            .withMaxIterations(20000)
            .withAbsoluteThreshold(tau);
    DeconvolutionResult r =
        new CottonSchwabDeconvolver(p)
            .deconvolve(img(dirty), img(psf), new Planted.FakeOperator(dirty, psf, N), null);
    assertEquals(StopReason.THRESHOLD, r.stopReason());
    for (int k = 0; k < pos.length; k++) {
      assertEquals(flux[k], r.model().pixels()[pos[k][1] * N + pos[k][0]], 2 * tau, "source " + k);
    }
  }

  @Test
  void multiscaleKeepsTheFluxOfAnExtendedSourceWithTheRealPsf() {
    double[] sky = Planted.gaussian(N, N, 60, 66, 14, 9, Math.toRadians(30));
    double s = Planted.sum(sky);
    for (int i = 0; i < sky.length; i++) {
      sky[i] *= 8.0 / s;
    }
    double[] dirty = new FftConvolver(N, N, psf).apply(sky);
    CleanParameters p =
        CleanParameters.defaults()
            .withMajorLoopGain(0.8)
            .withMaxIterations(20000)
            .withAbsoluteThreshold(0.005 * Planted.maxAbs(dirty))
            .withMultiscale(MultiScaleParameters.defaults());
    DeconvolutionResult r =
        new CottonSchwabDeconvolver(p)
            .deconvolve(img(dirty), img(psf), new Planted.FakeOperator(dirty, psf, N), null);
    assertEquals(StopReason.THRESHOLD, r.stopReason());
    assertEquals(8.0, Planted.sum(r.model().pixels()), 0.03 * 8.0);
  }
}
