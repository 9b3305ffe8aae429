package org.radiospark.kernels.gridding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radiospark.kernels.fft.Fft2D;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * The gridder against the brute-force w-aware direct Fourier sums (relative L2 error within
 * epsilon, as ducc0's tests), and the adjointness of the pair.
 */
class WGridderTest {
  static final double[] FREQ = {100e6, 110e6, 125e6};

  /** Random problem: uvw in metres such that |u|,|v| reach uvMaxLambda and |w| wMaxLambda. */
  static final class Problem {
    final double[] uvw;
    final double[] vis;
    final double[] wgt;

    Problem(int nRows, double uvMaxLambda, double wMaxLambda, long seed) {
      Random r = new Random(seed);
      double lambda = VisibilityBlock.C / FREQ[FREQ.length - 1];
      uvw = new double[3 * nRows];
      for (int i = 0; i < nRows; i++) {
        uvw[3 * i] = (2 * r.nextDouble() - 1) * uvMaxLambda * lambda;
        uvw[3 * i + 1] = (2 * r.nextDouble() - 1) * uvMaxLambda * lambda;
        uvw[3 * i + 2] = (2 * r.nextDouble() - 1) * wMaxLambda * lambda;
      }
      int n = nRows * FREQ.length;
      vis = new double[2 * n];
      wgt = new double[n];
      for (int i = 0; i < n; i++) {
        vis[2 * i] = r.nextGaussian();
        vis[2 * i + 1] = r.nextGaussian();
        wgt[i] = r.nextDouble() < 0.1 ? 0 : r.nextDouble();
      }
    }

    float[] visF() {
      float[] f = new float[vis.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) vis[i];
      }
      return f;
    }

    float[] wgtF() {
      float[] f = new float[wgt.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) wgt[i];
      }
      return f;
    }
  }

  static double[] randomImage(int n, long seed) {
    Random r = new Random(seed);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextGaussian();
    }
    return a;
  }

  @ParameterizedTest(name = "{0}x{1} fov={2} eps={3} {4} w={5} threads={6}")
  @CsvSource({
    "32, 48, 0.05, 1e-3, FLOAT, false, 1",
    "33, 31, 0.05, 1e-5, FLOAT, false, 2",
    "40, 40, 0.05, 1e-5, DOUBLE, false, 1",
    "63, 65, 1.0, 1e-3, FLOAT, true, 1",
    "33, 31, 1.0, 1e-5, FLOAT, true, 2",
    "48, 40, 1.2, 1e-9, DOUBLE, true, 1",
    "17, 26, 1.0, 1e-12, DOUBLE, true, 2",
    "30, 30, 0.3, 1e-7, DOUBLE, true, 2",
    "40, 36, 0.05, 1e-6, FLOAT, false, 1",
    "24, 30, 0.8, 1e-6, FLOAT, true, 2"
  })
  void matchesDirectFourierSums(
      int nx, int ny, double fov, double eps, Precision prec, boolean w, int nThreads) {
    double cell = fov / Math.max(nx, ny);
    GridderParams p = GridderParams.of(nx, ny, cell, cell * 1.1, eps, w, prec, nThreads);
    // uv up to (and beyond) the Nyquist limit 1/(2 cell) exercises the periodic wrap; large w.
    Problem pr = new Problem(400, 0.7 / cell, w ? 40 / fov / fov : 0, nx * 31L + ny);
    WGridder g = new WGridder(p);
    double[] ref = DirectFourier.ms2dirty(p, pr.uvw, FREQ, pr.vis, pr.wgt, w);
    double[] dirty =
        prec == Precision.FLOAT
            ? g.ms2dirty(pr.uvw, FREQ, pr.visF(), pr.wgtF())
            : g.ms2dirty(pr.uvw, FREQ, pr.vis, pr.wgt);
    double err = DirectFourier.relL2(ref, dirty);
    assertTrue(err <= eps, "ms2dirty error " + err + " > " + eps);

    double[] img = randomImage(nx * ny, 7);
    double[] vref = DirectFourier.dirty2ms(p, pr.uvw, FREQ, img, pr.wgt, w);
    double[] v;
    if (prec == Precision.FLOAT) {
      float[] vf = g.dirty2ms(pr.uvw, FREQ, img, pr.wgtF());
      v = new double[vf.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = vf[i];
      }
    } else {
      v = g.dirty2msDouble(pr.uvw, FREQ, img, pr.wgt);
    }
    double verr = DirectFourier.relL2(vref, v);
    assertTrue(verr <= eps, "dirty2ms error " + verr + " > " + eps);
  }

  @ParameterizedTest(name = "narrow uv, w={0}")
  @CsvSource({"false, 1", "true, 2"})
  void narrowUvCoverageSkipsEmptyColumnsExactly(boolean w, int nThreads) {
    // uv inside 0.15 / cell: most grid columns stay empty and the FFTs skip them.
    int nx = 64;
    int ny = 50;
    double cell = 0.6 / nx;
    GridderParams p = GridderParams.of(nx, ny, cell, cell, 1e-7, w, Precision.DOUBLE, nThreads);
    Problem pr = new Problem(300, 0.15 / cell, w ? 20 : 0, 17);
    WGridder g = new WGridder(p);
    double[] ref = DirectFourier.ms2dirty(p, pr.uvw, FREQ, pr.vis, pr.wgt, w);
    double err = DirectFourier.relL2(ref, g.ms2dirty(pr.uvw, FREQ, pr.vis, pr.wgt));
    assertTrue(err <= 1e-7, "ms2dirty error " + err);
    double[] img = randomImage(nx * ny, 8);
    double[] vref = DirectFourier.dirty2ms(p, pr.uvw, FREQ, img, pr.wgt, w);
    double verr = DirectFourier.relL2(vref, g.dirty2msDouble(pr.uvw, FREQ, img, pr.wgt));
    assertTrue(verr <= 1e-7, "dirty2ms error " + verr);
  }

  /**
   * The regime of a real MWA snapshot imaged to the corners (1133866760.uvfits at 1024^2 x 1.5'):
   * l, m up to 0.22 at the corners (n - 1 ~ -0.05), |w| up to 400 wavelengths, |u|, |v| up to 1.3x
   * the Nyquist limit (the grid wraps), few visibilities (so the FFTs dominate the cost and tempt
   * the kernel choice towards wide kernels with little oversampling). The float gridder once chose
   * W = 11 at sigma 1.15, whose grid correction amplifies round-off by ~4e8 at the corners: PSF
   * corners off by 0.3 of the peak. Every pixel checked against the direct sum, relative to the
   * peak, and a few hundred random pixels too.
   */
  @ParameterizedTest(name = "{0} eps={1}")
  @CsvSource({"FLOAT, 1e-3", "FLOAT, 1e-4", "FLOAT, 1e-5", "DOUBLE, 1e-4", "DOUBLE, 1e-9"})
  void cornersOfAWideFieldImageWithWrappedUv(Precision prec, double eps) {
    int n = 256;
    double cell = 0.2234 / (n / 2);
    GridderParams p = GridderParams.of(n, n, cell, cell, eps, true, prec, 2);
    Problem pr = new Problem(1500, 1.3 * 0.5 / cell, 400, 99);
    int nVis = pr.wgt.length;
    double[] ones = new double[2 * nVis];
    float[] onesF = new float[2 * nVis];
    double peak = 0;
    for (int i = 0; i < nVis; i++) {
      ones[2 * i] = 1;
      onesF[2 * i] = 1;
      peak += pr.wgt[i];
    }
    WGridder g = new WGridder(p);
    double[] img =
        prec == Precision.FLOAT
            ? g.ms2dirty(pr.uvw, FREQ, onesF, pr.wgtF())
            : g.ms2dirty(pr.uvw, FREQ, ones, pr.wgt);
    Random r = new Random(5);
    int[][] pixels = new int[200][];
    int[][] fixed = {
      {0, 0}, {n - 1, n - 1}, {0, n - 1}, {n - 1, 0}, {n / 2, 0}, {0, n / 2}, {n / 2, n / 2}
    };
    for (int k = 0; k < pixels.length; k++) {
      pixels[k] = k < fixed.length ? fixed[k] : new int[] {r.nextInt(n), r.nextInt(n)};
    }
    double worst = 0;
    for (int[] q : pixels) {
      double ref = DirectFourier.pixel(p, pr.uvw, FREQ, ones, pr.wgt, q[0], q[1]);
      worst = Math.max(worst, Math.abs(img[q[1] * n + q[0]] - ref) / peak);
    }
    assertTrue(
        worst <= eps,
        "max |gridder - DFT| / peak = " + worst + " with " + g.setup(pr.uvw, FREQ, null));
  }

  @Test
  void wideFieldNeedsWCorrection() {
    int n = 48;
    double cell = 1.2 / n;
    GridderParams flat = GridderParams.of(n, n, cell, cell, 1e-5, false, Precision.DOUBLE, 1);
    GridderParams wide = GridderParams.of(n, n, cell, cell, 1e-5, true, Precision.DOUBLE, 1);
    Problem pr = new Problem(300, 0.5 / cell, 30, 5);
    double[] ref = DirectFourier.ms2dirty(wide, pr.uvw, FREQ, pr.vis, pr.wgt, true);
    double errW =
        DirectFourier.relL2(ref, new WGridder(wide).ms2dirty(pr.uvw, FREQ, pr.vis, pr.wgt));
    double err2d =
        DirectFourier.relL2(ref, new WGridder(flat).ms2dirty(pr.uvw, FREQ, pr.vis, pr.wgt));
    assertTrue(errW <= 1e-5, "w-gridding error " + errW);
    // Phases w (n-1) reach 2 pi x 30 x 0.2: the flat-sky image is wrong at order unity.
    assertTrue(err2d > 0.3, "2-D gridding should fail on this field, error " + err2d);
  }

  @ParameterizedTest(name = "{0}x{1} w={2} {3}")
  @CsvSource({
    "32, 32, false, DOUBLE, 1",
    "31, 45, true, DOUBLE, 2",
    "64, 50, true, DOUBLE, 1",
    "40, 33, true, FLOAT, 2"
  })
  void adjointDotTest(int nx, int ny, boolean w, Precision prec, int nThreads) {
    double cell = 0.8 / nx;
    GridderParams p = GridderParams.of(nx, ny, cell, cell, 1e-4, w, prec, nThreads);
    Problem pr = new Problem(500, 0.6 / cell, w ? 50 : 0, 11);
    WGridder g = new WGridder(p);
    double[] x = randomImage(nx * ny, 3);
    double lhs = 0;
    double rhs = 0;
    if (prec == Precision.DOUBLE) {
      double[] ax = g.dirty2msDouble(pr.uvw, FREQ, x, pr.wgt);
      double[] ahy = g.ms2dirty(pr.uvw, FREQ, pr.vis, pr.wgt);
      for (int i = 0; i < ax.length; i++) {
        lhs += ax[i] * pr.vis[i];
      }
      for (int i = 0; i < x.length; i++) {
        rhs += x[i] * ahy[i];
      }
      assertEquals(lhs, rhs, 1e-12 * Math.abs(lhs), "dot test <A x, y> vs <x, A^H y>");
    } else {
      float[] vf = pr.visF();
      float[] ax = g.dirty2ms(pr.uvw, FREQ, x, pr.wgtF());
      double[] ahy = g.ms2dirty(pr.uvw, FREQ, vf, pr.wgtF());
      for (int i = 0; i < ax.length; i++) {
        lhs += (double) ax[i] * vf[i];
      }
      for (int i = 0; i < x.length; i++) {
        rhs += x[i] * ahy[i];
      }
      // Float grid and FFT: round-off of a few float epsilons, amplified by cancellation.
      assertEquals(lhs, rhs, 1e-4 * Math.abs(lhs), "float dot test");
    }
  }

  @Test
  void threadCountDoesNotChangeTheResult() {
    int n = 96;
    double cell = 0.5 / n;
    Problem pr = new Problem(3000, 0.5 / cell, 40, 21);
    double[] img = randomImage(n * n, 4);
    GridderParams one = GridderParams.of(n, n, cell, cell, 1e-6, true, Precision.DOUBLE, 1);
    double[] d1 = new WGridder(one).ms2dirty(pr.uvw, FREQ, pr.vis, pr.wgt);
    double[] v1 = new WGridder(one).dirty2msDouble(pr.uvw, FREQ, img, pr.wgt);
    for (int t : new int[] {2, 3}) {
      WGridder g = new WGridder(one.withThreads(t));
      // Only the order of additions into the grid changes: round-off level.
      assertTrue(DirectFourier.relL2(d1, g.ms2dirty(pr.uvw, FREQ, pr.vis, pr.wgt)) < 1e-13);
      assertTrue(DirectFourier.relL2(v1, g.dirty2msDouble(pr.uvw, FREQ, img, pr.wgt)) < 1e-13);
    }
  }

  @Test
  void kernelChoiceHonoursTheOversamplingRange() {
    Problem pr = new Problem(200, 100, 10, 3);
    float[] w = pr.wgtF();
    for (double[] range : new double[][] {{1.1, 1.3}, {2.0, 2.0}, {2.4, 2.6}}) {
      GridderParams p =
          new GridderParams(
              64, 64, 1e-3, 1e-3, 1e-5, true, Precision.DOUBLE, 1, range[0], range[1]);
      WGridder.Setup s = new WGridder(p).setup(pr.uvw, FREQ, w);
      assertTrue(s.sigma() >= range[0] - 1e-9 && s.sigma() <= range[1] + 1e-9, s.toString());
      assertTrue(s.nu() >= s.sigma() * 64 && s.nu() % 2 == 0, s.toString());
      assertEquals(pr.wgt.length - countZeros(pr.wgt), s.nActive());
    }
  }

  /**
   * The grid size follows JTransforms' speed per length: at 1e-4 in 2-D float the cheapest kernel
   * is W = 7 at sigma 1.45, whose smallest grid for 1024 pixels is 1500 (mixed radix 2^2 3 5^3);
   * 1536 = 2^9 3 (one radix-3 pass, ~10% faster per point-log2, measured 27 vs 29 ms on the
   * gridding path) costs less in spite of 5% more points, and sigmaMax caps the search (1 M
   * samples, where the spreading cost makes W = 7 the cheapest kernel).
   */
  @Test
  void gridSizePrefersFasterFftLengthsWithinTheOversamplingRange() {
    // ~1 M samples, as in GriddingBenchmark: with few samples the FFT dominates and wider
    // kernels on smaller grids win.
    Problem pr = new Problem(350_000, 3000, 10, 4);
    float[] w = pr.wgtF();
    double cell = 1.0 / (2 * 3000 * 1.2);
    WGridder.Setup free =
        new WGridder(
                new GridderParams(
                    1024, 1024, cell, cell, 1e-4, false, Precision.FLOAT, 1, 1.1, 2.6))
            .setup(pr.uvw, FREQ, w);
    assertEquals(7, free.support(), free.toString());
    assertEquals(1536, free.nu(), free.toString());
    assertEquals(1536, free.nv(), free.toString());
    WGridder.Setup capped =
        new WGridder(
                new GridderParams(
                    1024, 1024, cell, cell, 1e-4, false, Precision.FLOAT, 1, 1.45, 1.49))
            .setup(pr.uvw, FREQ, w);
    assertEquals(1500, capped.nu(), capped.toString());
    for (WGridder.Setup s : new WGridder.Setup[] {free, capped}) {
      assertTrue(s.nu() >= s.sigma() * 1024 && s.nu() % 2 == 0, s.toString());
      assertEquals(s.nu(), Fft2D.goodSize(s.nu()), s.toString());
    }
  }

  static int countZeros(double[] a) {
    int n = 0;
    for (double d : a) {
      if (d == 0) {
        n++;
      }
    }
    return n;
  }

  @Test
  void zeroWeightsAreSkippedAndGiveZeroVisibilities() {
    GridderParams p = GridderParams.of(16, 16, 0.01, 0.01, 1e-6, true, Precision.DOUBLE, 1);
    Problem pr = new Problem(50, 30, 5, 2);
    java.util.Arrays.fill(pr.wgt, 0, 60, 0.0);
    double[] v = new WGridder(p).dirty2msDouble(pr.uvw, FREQ, randomImage(256, 1), pr.wgt);
    for (int i = 0; i < 60; i++) {
      assertEquals(0, v[2 * i]);
      assertEquals(0, v[2 * i + 1]);
    }
    double[] allZero = new double[pr.wgt.length];
    double[] img = new WGridder(p).ms2dirty(pr.uvw, FREQ, pr.vis, allZero);
    for (double d : img) {
      assertEquals(0, d);
    }
  }
}
