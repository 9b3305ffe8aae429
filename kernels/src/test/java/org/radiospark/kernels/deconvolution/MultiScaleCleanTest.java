package org.radiospark.kernels.deconvolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MultiScaleCleanTest {
  static final int N = 128;
  static double[] psf;
  static double beamPx;

  @BeforeAll
  static void makePsf() {
    psf = Planted.uvPsf(N, 300, 4.0, 21);
    beamPx = BeamFitter.fitPixels(psf, N, N).majorFwhmPx();
  }

  /** A Gaussian source of FWHM {@code fwhm} pixels and integrated flux {@code flux} Jy. */
  static double[] gaussianSky(double fwhm, double flux, int cx, int cy) {
    double[] g = Planted.gaussian(N, N, cx, cy, fwhm, fwhm, 0);
    double s = Planted.sum(g);
    for (int i = 0; i < g.length; i++) {
      g[i] *= flux / s;
    }
    return g;
  }

  @Test
  void scaleConvolvedPsfPeaksMatchDirectSumAndScalesFollowTheBeam() {
    MultiScaleClean ms =
        new MultiScaleClean(psf, N, N, null, MultiScaleParameters.defaults(), beamPx);
    double[] scales = ms.scalesPx();
    assertArrayEquals(
        ScaleKernels.autoScales(beamPx, N, 0).stream().mapToDouble(Double::doubleValue).toArray(),
        scales);
    assertTrue(scales.length >= 3, "beam " + beamPx + " gives scales " + scales.length);
    double[] peaks = ms.scaleConvolvedPsfPeaks();
    assertEquals(1.0, peaks[0], 1e-15);
    for (int s = 1; s < scales.length; s++) {
      double[] k = ScaleKernels.taperedQuadratic(scales[s]);
      int n = ScaleKernels.kernelSize(scales[s]);
      double direct = 0;
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          // (psf * k)(0) = sum k(d) psf(-d), both centred.
          direct += k[j * n + i] * psf[(N / 2 - (j - n / 2)) * N + N / 2 - (i - n / 2)];
        }
      }
      assertEquals(direct, peaks[s], 1e-12, "scale " + scales[s]);
      assertEquals(
          ScaleKernels.biasFactor(scales[s], beamPx, 0.6, scales.length), ms.biasFactors()[s]);
    }
  }

  @Test
  void recoversIntegratedFluxOfGaussianSourceWhereHogbomLeavesWorseResidual() {
    double flux = 10.0;
    double[] sky = gaussianSky(12.0, flux, 64, 60);
    double[] dirty = new FftConvolver(N, N, psf).apply(sky);
    double tau = 0.002 * Planted.maxAbs(dirty);

    // The same budget of 300 components for both algorithms.
    long niter = 300;
    double[] msResidual = dirty.clone();
    double[] msModel = new double[N * N];
    MultiScaleClean ms =
        new MultiScaleClean(psf, N, N, null, MultiScaleParameters.defaults(), beamPx);
    ms.minorCycle(msResidual, msModel, new MinorCycleLimits(tau, 1.0, 0.1, niter, true));
    double[] hResidual = dirty.clone();
    double[] hModel = new double[N * N];
    new HogbomClean(psf, N, N, null)
        .minorCycle(hResidual, hModel, new MinorCycleLimits(tau, 1.0, 0.1, niter, true));

    assertEquals(flux, Planted.sum(msModel), 0.03 * flux, "multiscale model flux");
    long extended = 0;
    for (int s = 1; s < ms.componentsPerScale().length; s++) {
      extended += ms.componentsPerScale()[s];
    }
    assertTrue(extended > 0, "extended scales were used");
    double msRms = Planted.rms(msResidual);
    double hRms = Planted.rms(hResidual);
    assertTrue(hRms > 3 * msRms, "Hogbom residual rms " + hRms + " vs multiscale " + msRms);
    assertTrue(Planted.sum(hModel) < 0.9 * flux, "Hogbom flux " + Planted.sum(hModel));

    // Run to the threshold: multi-scale keeps the flux and needs fewer components than Hogbom.
    double[] r2 = dirty.clone();
    double[] m2 = new double[N * N];
    MinorCycleOutcome msOut =
        new MultiScaleClean(psf, N, N, null, MultiScaleParameters.defaults(), beamPx)
            .minorCycle(r2, m2, new MinorCycleLimits(tau, 1.0, 0.1, 20000, true));
    double[] r3 = dirty.clone();
    double[] m3 = new double[N * N];
    MinorCycleOutcome hOut =
        new HogbomClean(psf, N, N, null)
            .minorCycle(r3, m3, new MinorCycleLimits(tau, 1.0, 0.1, 20000, true));
    assertTrue(msOut.finalThresholdReached() && hOut.finalThresholdReached());
    assertTrue(Planted.maxAbs(r2) <= tau);
    assertEquals(flux, Planted.sum(m2), 0.03 * flux);
    assertTrue(
        msOut.iterations() < hOut.iterations(),
        "multiscale " + msOut.iterations() + " vs Hogbom " + hOut.iterations() + " components");
  }

  @Test
  void pointSourceIsCleanedAtScaleZero() {
    double[] sky = new double[N * N];
    sky[70 * N + 50] = 4.0;
    double[] residual = Planted.convolveDirect(sky, psf, N, N);
    double[] model = new double[N * N];
    MultiScaleClean ms =
        new MultiScaleClean(psf, N, N, null, MultiScaleParameters.defaults(), beamPx);
    ms.minorCycle(residual, model, new MinorCycleLimits(1e-3, 1.0, 0.1, 10000, true));
    assertEquals(4.0, Planted.sum(model), 0.01);
    // Most flux sits within a beam of the true position.
    double near = 0;
    for (int y = 66; y <= 74; y++) {
      for (int x = 46; x <= 54; x++) {
        near += model[y * N + x];
      }
    }
    assertEquals(4.0, near, 0.05);
    assertTrue(ms.componentsPerScale()[0] > 0);
  }

  @Test
  void autoMaskPhaseOnlyCleansInsideTheRecordedPerScaleMasks() {
    double[] sky = gaussianSky(12.0, 10.0, 50, 70);
    sky[40 * N + 80] += 3.0;
    double[] residual = new FftConvolver(N, N, psf).apply(sky);
    double[] noise = Planted.noise(N * N, 0.01, 99);
    for (int i = 0; i < residual.length; i++) {
      residual[i] += noise[i];
    }
    double[] model = new double[N * N];
    MultiScaleClean ms =
        new MultiScaleClean(psf, N, N, null, MultiScaleParameters.defaults(), beamPx);
    MinorCycleOutcome first =
        ms.minorCycle(residual, model, new MinorCycleLimits(0.1, 1.0, 0.1, 100000, true));
    assertTrue(first.finalThresholdReached());
    int nScales = ms.scalesPx().length;
    boolean[][] masks = new boolean[nScales][];
    long[] counts = ms.componentsPerScale();
    for (int s = 0; s < nScales; s++) {
      masks[s] = ms.scaleMask(s);
    }
    ms.useAutoMask(model);
    MinorCycleOutcome second =
        ms.minorCycle(residual, model, new MinorCycleLimits(0.02, 1.0, 0.2, 100000, true));
    assertTrue(second.iterations() > 0);
    long added = 0;
    for (int s = 0; s < nScales; s++) {
      // Components are recorded where they are placed: unchanged masks mean every new component
      // of scale s sat inside the phase-one mask of scale s.
      assertArrayEquals(masks[s], ms.scaleMask(s), "scale " + s);
      added += ms.componentsPerScale()[s] - counts[s];
    }
    assertEquals(second.iterations(), added);
  }

  @Test
  void stopsOnlyWhenEveryScaleIsBelowTheThreshold() {
    // Inactive scales are not re-measured during the cycle; the final check must still see them.
    double[] sky = gaussianSky(12.0, 10.0, 64, 60);
    sky[30 * N + 90] += 2.0;
    double[] residual = new FftConvolver(N, N, psf).apply(sky);
    double tau = 0.01 * Planted.maxAbs(residual);
    double[] model = new double[N * N];
    MultiScaleClean ms =
        new MultiScaleClean(psf, N, N, null, MultiScaleParameters.defaults(), beamPx);
    MinorCycleOutcome out =
        ms.minorCycle(residual, model, new MinorCycleLimits(tau, 1.0, 0.1, 100000, true));
    assertTrue(out.finalThresholdReached());
    double[] scales = ms.scalesPx();
    for (int s = 0; s < scales.length; s++) {
      int n = ScaleKernels.kernelSize(scales[s]);
      double[] conv =
          FftConvolver.ofSmallKernel(N, N, ScaleKernels.taperedQuadratic(scales[s]), n)
              .apply(residual);
      int b = n / 2;
      double peak = 0;
      for (int y = b; y < N - b; y++) {
        for (int x = b; x < N - b; x++) {
          peak = Math.max(peak, Math.abs(conv[y * N + x]));
        }
      }
      // FFT rounding of the reference convolution only: 1e-12 relative.
      assertTrue(
          peak * ms.biasFactors()[s] <= tau * (1 + 1e-12),
          "scale " + scales[s] + ": biased peak " + peak * ms.biasFactors()[s] + " > " + tau);
    }
  }
}
