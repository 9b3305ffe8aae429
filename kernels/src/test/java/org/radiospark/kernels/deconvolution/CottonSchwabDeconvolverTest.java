package org.radiospark.kernels.deconvolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.InvalidInputException;

class CottonSchwabDeconvolverTest {
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

  static double[] dirtyWithNoise(double sigma, long seed) {
    double[] d = new FftConvolver(N, N, psf).apply(truth());
    if (sigma > 0) {
      double[] noise = Planted.noise(N * N, sigma, seed);
      for (int i = 0; i < d.length; i++) {
        d[i] += noise[i];
      }
    }
    return d;
  }

  static Image img(double[] p) {
    return Planted.image(N, p, "JY/BEAM");
  }

  @Test
  void majorCyclesWithFakeOperatorConvergeToPlantedSources() {
    double[] dirty = dirtyWithNoise(0, 0);
    Planted.FakeOperator op = new Planted.FakeOperator(dirty, psf, N);
    double tau = 1e-3;
    CleanParameters p =
        CleanParameters.defaults()
            .withMajorLoopGain(0.8)
            .withMaxIterations(100000)
            .withAbsoluteThreshold(tau);
    DeconvolutionResult r =
        new CottonSchwabDeconvolver(p).deconvolve(img(dirty), img(psf), op, null);
    assertEquals(StopReason.THRESHOLD, r.stopReason());
    assertTrue(r.majorCycles() >= 2, "cycles " + r.majorCycles());
    assertEquals(r.majorCycles(), op.calls, "one predict/re-image per major cycle");
    assertEquals(r.majorCycles(), r.cycles().size());
    List<MajorCycleStats> c = r.cycles();
    for (int i = 0; i < c.size(); i++) {
      MajorCycleStats s = c.get(i);
      // Each cycle stops at (1 - mgain) of its start peak or at the threshold.
      assertTrue(s.endPeakJy() <= Math.max(0.2 * s.startPeakJy(), tau) + 1e-12, s.toString());
      if (i > 0) {
        assertTrue(s.startPeakJy() < c.get(i - 1).startPeakJy(), "peaks decrease");
      }
    }
    assertEquals(r.iterations(), c.stream().mapToLong(MajorCycleStats::iterations).sum());
    // The operator's residual agrees with the minor cycle's, so the final residual is below the
    // threshold up to FFT rounding; the fluxes follow as for a single Hogbom run.
    assertTrue(Planted.maxAbs(r.residual().pixels()) <= tau + 1e-9);
    double[] m = r.model().pixels();
    for (int k = 0; k < POS.length; k++) {
      assertEquals(FLUX[k], m[POS[k][1] * N + POS[k][0]], 2 * tau, "source " + k);
    }
    assertEquals("JY/PIXEL", r.model().unit());
    assertEquals(r.beam(), r.restored().beam());
    // Restored = model (*) beam + residual: at a source, flux + residual + beam-wings of others.
    assertEquals(5.0, r.restored().pixels()[40 * N + 30], 0.05);
  }

  @Test
  void imagePlaneOnlyWithUnitMajorGainNeedsNoOperator() {
    double[] dirty = dirtyWithNoise(0, 0);
    CleanParameters p =
        CleanParameters.defaults().withMaxIterations(100000).withAbsoluteThreshold(1e-3);
    DeconvolutionResult r = new CottonSchwabDeconvolver(p).deconvolve(img(dirty), img(psf));
    assertEquals(1, r.majorCycles());
    assertEquals(StopReason.THRESHOLD, r.stopReason());
    assertEquals(5.0, r.model().pixels()[40 * N + 30], 2e-3);
  }

  @Test
  void capsOnMajorCyclesAndIterations() {
    double[] dirty = dirtyWithNoise(0, 0);
    CleanParameters base = CleanParameters.defaults().withMaxIterations(100000);
    Planted.FakeOperator op = new Planted.FakeOperator(dirty, psf, N);
    DeconvolutionResult r =
        new CottonSchwabDeconvolver(base.withMajorLoopGain(0.3).withMaxMajorCycles(2))
            .deconvolve(img(dirty), img(psf), op, null);
    assertEquals(StopReason.MAX_MAJOR_CYCLES, r.stopReason());
    assertEquals(2, r.majorCycles());

    DeconvolutionResult r2 =
        new CottonSchwabDeconvolver(base.withMajorLoopGain(0.8).withMaxIterations(25))
            .deconvolve(img(dirty), img(psf), new Planted.FakeOperator(dirty, psf, N), null);
    assertEquals(StopReason.MAX_ITERATIONS, r2.stopReason());
    assertEquals(25, r2.iterations());

    DeconvolutionResult r3 =
        new CottonSchwabDeconvolver(base.withMaxIterations(0)).deconvolve(img(dirty), img(psf));
    assertEquals(StopReason.NO_CLEANING, r3.stopReason());
    assertEquals(0.0, Planted.maxAbs(r3.model().pixels()));
  }

  @Test
  void autoThresholdStopsAtSigmaTimesMadRms() {
    double sigma = 0.01;
    double[] dirty = dirtyWithNoise(sigma, 42);
    CleanParameters p =
        CleanParameters.defaults()
            .withMajorLoopGain(0.8)
            .withMaxIterations(100000)
            .withAutoThreshold(3.0);
    DeconvolutionResult r =
        new CottonSchwabDeconvolver(p)
            .deconvolve(img(dirty), img(psf), new Planted.FakeOperator(dirty, psf, N), null);
    assertEquals(StopReason.THRESHOLD, r.stopReason());
    // The MAD of N^2 = 9216 noise pixels has a relative error ~1.65/sqrt(2 N^2) ~ 1.2%; the
    // sources add a little: 5% covers both.
    assertEquals(3 * sigma, r.finalThresholdJy(), 0.05 * 3 * sigma);
    MajorCycleStats last = r.cycles().get(r.cycles().size() - 1);
    assertEquals(3 * last.rmsJy(), r.finalThresholdJy(), 1e-15);
    assertTrue(Planted.maxAbs(r.residual().pixels()) <= r.finalThresholdJy() + 1e-9);
    // The noise is left: the residual rms is about sigma (components ate only the >3 sigma tips).
    assertEquals(sigma, RobustNoise.madRms(r.residual().pixels()), 0.05 * sigma);
    for (int k = 0; k < POS.length; k++) {
      assertEquals(FLUX[k], r.model().pixels()[POS[k][1] * N + POS[k][0]], 4 * sigma);
    }
  }

  @Test
  void autoMaskRestrictsSecondPhaseToFirstPhaseComponents() {
    double sigma = 0.01;
    double[] dirty = dirtyWithNoise(sigma, 43);
    // mgain < 1: the rms is re-estimated each major cycle, after the sources' sidelobes are gone
    // (with mgain 1 the single cycle keeps the first, sidelobe-dominated, rms).
    CleanParameters base =
        CleanParameters.defaults().withMaxIterations(100000).withMajorLoopGain(0.8);
    // Phase one alone: clean to 5 sigma.
    DeconvolutionResult phaseOne =
        new CottonSchwabDeconvolver(base.withAutoThreshold(5.0))
            .deconvolve(img(dirty), img(psf), new Planted.FakeOperator(dirty, psf, N), null);
    // Auto-mask 5 then auto-threshold 1: the first phase is identical, the second cleans deeper
    // but only at the pixels of the first.
    DeconvolutionResult masked =
        new CottonSchwabDeconvolver(base.withAutoMask(5.0).withAutoThreshold(1.0))
            .deconvolve(img(dirty), img(psf), new Planted.FakeOperator(dirty, psf, N), null);
    // Without a mask, cleaning to 1 sigma puts components on noise peaks all over the image (and
    // does not converge: measured 1587 such pixels after 1e5 iterations; capped here for speed).
    DeconvolutionResult unmasked =
        new CottonSchwabDeconvolver(base.withAutoThreshold(1.0).withMaxIterations(3000))
            .deconvolve(img(dirty), img(psf), new Planted.FakeOperator(dirty, psf, N), null);

    assertEquals(StopReason.THRESHOLD, masked.stopReason());
    assertTrue(masked.cycles().get(masked.cycles().size() - 1).autoMaskPhase());
    assertTrue(masked.iterations() > phaseOne.iterations());
    double[] m1 = phaseOne.model().pixels();
    double[] mm = masked.model().pixels();
    double[] mu = unmasked.model().pixels();
    int outsideUnmasked = 0;
    for (int i = 0; i < mm.length; i++) {
      if (m1[i] == 0.0) {
        assertEquals(0.0, mm[i], "masked run placed a component outside the mask at " + i);
        if (mu[i] != 0.0) {
          outsideUnmasked++;
        }
      }
    }
    assertTrue(outsideUnmasked > 100, "unmasked run has " + outsideUnmasked + " noise components");
    // In the masked phase the residual peak inside the mask is at most the final threshold.
    assertTrue(masked.finalThresholdJy() < 1.1 * sigma);
  }

  @Test
  void multiscaleRunsInsideTheDriver() {
    double[] sky = Planted.gaussian(N, N, 48, 50, 10, 10, 0);
    double s = Planted.sum(sky);
    for (int i = 0; i < sky.length; i++) {
      sky[i] *= 4.0 / s;
    }
    double[] dirty = new FftConvolver(N, N, psf).apply(sky);
    CleanParameters p =
        CleanParameters.defaults()
            .withMajorLoopGain(0.8)
            .withMaxIterations(20000)
            .withAbsoluteThreshold(0.002 * Planted.maxAbs(dirty))
            .withMultiscale(MultiScaleParameters.defaults());
    DeconvolutionResult r =
        new CottonSchwabDeconvolver(p)
            .deconvolve(img(dirty), img(psf), new Planted.FakeOperator(dirty, psf, N), null);
    assertEquals(StopReason.THRESHOLD, r.stopReason());
    assertEquals(4.0, Planted.sum(r.model().pixels()), 0.03 * 4.0);
  }

  @Test
  void badInputIsRejectedWithTheFieldNamed() {
    double[] dirty = dirtyWithNoise(0, 0);
    CleanParameters p = CleanParameters.defaults().withMajorLoopGain(0.5).withMaxIterations(10);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> new CottonSchwabDeconvolver(p).deconvolve(img(dirty), img(psf)));
    assertEquals("mgain", e.field());
    InvalidInputException g =
        assertThrows(InvalidInputException.class, () -> CleanParameters.defaults().withGain(0));
    assertEquals("gain", g.field());
    assertThrows(
        InvalidInputException.class,
        () -> CleanParameters.defaults().withAutoThreshold(3).withAutoMask(2));
    double[] small = new double[48 * 48];
    assertThrows(
        InvalidInputException.class,
        () ->
            new CottonSchwabDeconvolver(CleanParameters.defaults())
                .deconvolve(img(dirty), Planted.image(48, small, "JY/BEAM")));
    double[] nan = dirty.clone();
    nan[5] = Double.NaN;
    assertThrows(
        InvalidInputException.class,
        () ->
            new CottonSchwabDeconvolver(CleanParameters.defaults()).deconvolve(img(nan), img(psf)));
  }

  @Test
  void divergenceLimitStopsCleanOnAnIndefinitePsf() {
    // A Gaussian main lobe with two -1.5 spikes 6 pixels east and west: not a valid PSF (its
    // transform is negative somewhere), so CLEAN moves 1.5 x the removed flux outwards each round.
    int n = 64;
    double[] bad = Planted.gaussian(n, n, n / 2, n / 2, 3, 3, 0);
    bad[(n / 2) * n + n / 2 + 6] = -1.5;
    bad[(n / 2) * n + n / 2 - 6] = -1.5;
    double[] sky = new double[n * n];
    sky[(n / 2) * n + n / 2] = 1.0;
    double[] dirty = Planted.convolveDirect(sky, bad, n, n);
    for (MultiScaleParameters ms :
        new MultiScaleParameters[] {null, MultiScaleParameters.defaults().withScales(0, 8)}) {
      CleanParameters p =
          CleanParameters.defaults()
              .withMaxIterations(100000)
              .withAbsoluteThreshold(1e-4)
              .withMultiscale(ms);
      DeconvolutionResult r =
          new CottonSchwabDeconvolver(p)
              .deconvolve(Planted.image(n, dirty, "JY/BEAM"), Planted.image(n, bad, "JY/BEAM"));
      assertEquals(StopReason.DIVERGED, r.stopReason(), "multiscale " + (ms != null));
      MajorCycleStats c = r.cycles().get(0);
      assertTrue(c.endPeakJy() > 4 * c.startPeakJy());
      // With the limit off the same run goes on until the iteration cap.
      DeconvolutionResult off =
          new CottonSchwabDeconvolver(p.withDivergenceLimit(0).withMaxIterations(3000))
              .deconvolve(Planted.image(n, dirty, "JY/BEAM"), Planted.image(n, bad, "JY/BEAM"));
      assertEquals(StopReason.MAX_ITERATIONS, off.stopReason());
    }
  }
}
