package org.radiospark.kernels.polarisation.faraday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RmSynthesisTest {
  private static final double[] FREQ = FaradaySpectra.channels(800e6, 1088e6, 288);

  /** BdB05 eq. 25 evaluated term by term with a fresh cos/sin for every sample. */
  private static double[] bruteForce(
      double[] l2, double[] w, double l0, double[] q, double[] u, double phi) {
    double sr = 0;
    double si = 0;
    double sw = 0;
    for (int i = 0; i < l2.length; i++) {
      double a = -2 * phi * (l2[i] - l0);
      sr += w[i] * (q[i] * Math.cos(a) - u[i] * Math.sin(a));
      si += w[i] * (q[i] * Math.sin(a) + u[i] * Math.cos(a));
      sw += w[i];
    }
    return new double[] {sr / sw, si / sw};
  }

  @Test
  void fdfEqualsTheBruteForceSumAtEverySample() {
    Random rng = new Random(3);
    double[] l2 = RmSynthesis.lambdaSquared(FREQ);
    double[] w = new double[FREQ.length];
    double[] q = new double[FREQ.length];
    double[] u = new double[FREQ.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.5 + rng.nextDouble();
      q[i] = rng.nextGaussian();
      u[i] = rng.nextGaussian();
    }
    // 1001 samples: the phase recurrence runs 64 steps between re-seeds many times over.
    PhiAxis axis = PhiAxis.centred(3000, 6);
    RmSynthesis plan = RmSynthesis.plan(l2, w, axis);
    ComplexSpectrum f = plan.fdf(q, u);
    double sumAbs = 0;
    for (int i = 0; i < w.length; i++) {
      sumAbs += w[i] * Math.hypot(q[i], u[i]);
    }
    double tol = 1e-13 * 64 * sumAbs; // rounding of up to 64 chained rotations per term
    for (int j = 0; j < axis.n(); j++) {
      double[] ref = bruteForce(l2, w, plan.lambda0SqM2(), q, u, axis.value(j));
      assertEquals(ref[0], f.re()[j], tol);
      assertEquals(ref[1], f.im()[j], tol);
    }
  }

  @Test
  void uniformLambda2RmsfIsTheDirichletKernelAndHasTheExpectedWidth() {
    // Channels uniform in lambda^2, uniform weights: R(phi) = sin(N phi d) / (N sin(phi d)) with d
    // the lambda^2 spacing (a geometric series), real because lambda0^2 is the centre.
    int n = 200;
    double d = 2.5e-4;
    double[] l2 = new double[n];
    for (int i = 0; i < n; i++) {
      l2[i] = 0.05 + i * d;
    }
    PhiAxis axis = PhiAxis.centred(400, 0.5);
    Rmsf r = RmSynthesis.plan(l2, FaradaySpectra.filled(n, 1), axis).rmsf(true);
    for (int j = 0; j < r.axis().n(); j++) {
      double phi = r.axis().value(j);
      double expected = phi == 0 ? 1 : Math.sin(n * phi * d) / (n * Math.sin(phi * d));
      assertEquals(expected, r.response().re()[j], 1e-12);
      assertEquals(0, r.response().im()[j], 1e-12);
    }
    // Width of the continuous-coverage limit |sinc(phi Dl2)| at half maximum: x = 1.89549 -> FWHM
    // = 3.79099 / Dl2 (RM-Tools rounds to 3.8); Dl2 here is (n-1) d of samples spanning n d.
    double range = (n - 1) * d;
    assertEquals(3.8 / range, r.fwhmAnalyticRadM2(), 1e-12);
    double halfMax = halfMaximumWidth(r);
    assertEquals(3.79099 / (n * d), halfMax, 0.01 * halfMax);
    // A Gaussian fitted to a sinc main lobe is a little wider than its half-maximum width.
    assertEquals(halfMax, r.fwhmFittedRadM2(), 0.05 * halfMax);
  }

  private static double halfMaximumWidth(Rmsf r) {
    double[] a = r.response().amplitudes();
    int c = (r.axis().n() - 1) / 2;
    int j = c;
    while (a[j + 1] >= 0.5) {
      j++;
    }
    double frac = (a[j] - 0.5) / (a[j] - a[j + 1]);
    return 2 * (j - c + frac) * r.axis().stepRadM2();
  }

  @Test
  void rmsfIsOneAtZeroAndHermitian() {
    double[] l2 = RmSynthesis.lambdaSquared(FREQ);
    Random rng = new Random(5);
    double[] w = new double[l2.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = rng.nextDouble();
    }
    Rmsf r = RmSynthesis.plan(l2, w, PhiAxis.centred(500, 5)).rmsf(false);
    int c = (r.axis().n() - 1) / 2;
    assertEquals(0, r.axis().value(c), 1e-12);
    assertEquals(1, r.response().re()[c], 1e-15);
    assertEquals(0, r.response().im()[c], 1e-15);
    for (int k = 1; k <= c; k++) {
      assertEquals(r.response().re()[c + k], r.response().re()[c - k], 1e-12);
      assertEquals(r.response().im()[c + k], -r.response().im()[c - k], 1e-12);
    }
    assertTrue(Double.isNaN(r.fwhmFittedRadM2()));
    assertEquals(r.fwhmAnalyticRadM2(), r.fwhmRadM2());
  }

  @Test
  void dirtyFdfOfAPointSourceIsTheShiftedRmsf() {
    // F(phi) = p e^{2i(chi0 + phi0 lambda0^2)} R(phi - phi0): the convolution relation of BdB05.
    double[] q = new double[FREQ.length];
    double[] u = new double[FREQ.length];
    FaradaySpectra.addThin(FREQ, q, u, 0.8, 30, 120);
    double[] l2 = RmSynthesis.lambdaSquared(FREQ);
    PhiAxis axis = PhiAxis.centred(600, 3);
    RmSynthesis plan = RmSynthesis.plan(l2, FaradaySpectra.filled(l2.length, 1), axis);
    ComplexSpectrum f = plan.fdf(q, u);
    Rmsf r = plan.rmsf(false);
    double ang = 2 * (Math.toRadians(30) + 120 * plan.lambda0SqM2());
    double cr = 0.8 * Math.cos(ang);
    double ci = 0.8 * Math.sin(ang);
    int shift = 40; // 120 / 3
    for (int j = 0; j < axis.n(); j++) {
      int m = j + axis.padding() - shift;
      double rr = r.response().re()[m];
      double ri = r.response().im()[m];
      assertEquals(cr * rr - ci * ri, f.re()[j], 1e-12);
      assertEquals(cr * ri + ci * rr, f.im()[j], 1e-12);
    }
  }

  @Test
  void floatCubeAgreesWithTheDoublePathAndHandlesFlaggedVoxels() {
    Random rng = new Random(9);
    int nPix = 37; // not a multiple of the block size
    int nc = FREQ.length;
    double[] l2 = RmSynthesis.lambdaSquared(FREQ);
    double[] w = new double[nc];
    for (int i = 0; i < nc; i++) {
      w[i] = 0.2 + rng.nextDouble();
    }
    PhiAxis axis = PhiAxis.centred(500, 5);
    RmSynthesis plan = RmSynthesis.plan(l2, w, axis);
    float[] q = new float[nPix * nc];
    float[] u = new float[nPix * nc];
    for (int k = 0; k < q.length; k++) {
      q[k] = (float) rng.nextGaussian();
      u[k] = (float) rng.nextGaussian();
    }
    q[5 * nc + 17] = Float.NaN; // one flagged voxel: that pixel's K excludes channel 17
    java.util.Arrays.fill(u, 7 * nc, 8 * nc, Float.NaN); // a fully flagged pixel
    FdfCube cube = plan.cubeTransform();
    int np = axis.n();
    float[] re = new float[nPix * np];
    float[] im = new float[nPix * np];
    cube.transform(q, u, nPix, re, im);
    for (int p = 0; p < nPix; p++) {
      double[] qd = new double[nc];
      double[] ud = new double[nc];
      double sumAbs = 0;
      double sw = 0;
      for (int i = 0; i < nc; i++) {
        qd[i] = q[p * nc + i];
        ud[i] = u[p * nc + i];
        if (Double.isFinite(qd[i]) && Double.isFinite(ud[i])) {
          sumAbs += w[i] * Math.hypot(qd[i], ud[i]);
          sw += w[i];
        }
      }
      if (p == 7) {
        assertTrue(Float.isNaN(re[p * np]), "a pixel with no valid channel has a NaN FDF");
        continue;
      }
      ComplexSpectrum ref = plan.fdf(qd, ud);
      // float tables and sums: a few float epsilons per term of the sum, relative to sum |w P|.
      double tol = 8 * Math.ulp(1f) * Math.sqrt(nc) * sumAbs / sw;
      for (int j = 0; j < np; j++) {
        assertEquals(ref.re()[j], re[p * np + j], tol);
        assertEquals(ref.im()[j], im[p * np + j], tol);
      }
    }
  }

  @Test
  void rmToolsAxisAndPublishedLimits() {
    PhiAxis a = PhiAxis.centred(600, 3);
    assertEquals(401, a.n());
    assertEquals(-600, a.startRadM2(), 1e-12);
    assertEquals(600, a.endRadM2(), 1e-12);
    PhiAxis d = a.doubled();
    assertEquals(401 + 2 * 201, d.n());
    assertEquals(a.value(0), d.value(201), 1e-12);
    double[] l2 = RmSynthesis.lambdaSquared(FREQ);
    double lmin = Math.pow(299792458.0 / 1088e6, 2);
    double lmax = Math.pow(299792458.0 / 800e6, 2);
    assertEquals(Math.PI / lmin, RmSynthesis.maxScale(l2), 1e-9);
    assertEquals(2 * Math.sqrt(3) / (lmax - lmin), RmSynthesis.fwhmBrentjens(l2), 1e-9);
    double widest = lmax - Math.pow(299792458.0 / FREQ[1], 2);
    assertEquals(Math.sqrt(3) / widest, RmSynthesis.maxPhi(l2), 1e-6);
    assertThrows(IllegalArgumentException.class, () -> PhiAxis.centred(1, 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> RmSynthesis.plan(l2, new double[l2.length], PhiAxis.centred(10, 1)));
  }
}
