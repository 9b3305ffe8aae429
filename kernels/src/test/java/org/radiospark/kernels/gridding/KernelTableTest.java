package org.radiospark.kernels.gridding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KernelTableTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 40, 100, 200, 250, 333, 433})
  void tabulatedErrorsAreReproduced(int row) {
    KernelTable.Entry e = KernelTable.entry(row);
    double measured = KernelAccuracy.error1d(e.support(), e.sigma(), e.beta());
    // The table holds beta to 4 decimals and the error to 3 significant digits.
    // Below ~1e-14 the measurement itself is at double round-off (a sum of W terms).
    assertEquals(e.error1d(), measured, 0.05 * e.error1d() + 1e-15);
  }

  @Test
  void errorsFallWithSupportAndOversampling() {
    for (int i = 1; i < KernelTable.size(); i++) {
      KernelTable.Entry a = KernelTable.entry(i - 1);
      KernelTable.Entry b = KernelTable.entry(i);
      if (a.support() == b.support()) {
        assertTrue(b.error1d() <= a.error1d() * 1.2, a + " -> " + b);
      }
    }
    // Published ducc0 figures at sigma = 2 (REFERENCE.md), within a factor of 3.
    double[][] pub = {{4, 1e-3}, {6, 1.3e-5}, {8, 1.6e-7}, {12, 2.5e-11}, {16, 2.5e-14}};
    for (double[] p : pub) {
      for (int i = 0; i < KernelTable.size(); i++) {
        KernelTable.Entry e = KernelTable.entry(i);
        if (e.support() == (int) p[0] && Math.abs(e.sigma() - 2.0) < 1e-9) {
          assertTrue(e.error1d() < 3 * p[1] && e.error1d() > p[1] / 3, e.toString());
        }
      }
    }
  }

  @Test
  void candidatesMeetTheBudgetWithTheSmallestSigma() {
    List<KernelTable.Entry> c = KernelTable.candidates(1e-5, 2, 1.1, 2.6);
    assertTrue(c.size() > 3);
    for (KernelTable.Entry e : c) {
      assertTrue(e.error1d() <= 0.5e-5);
      for (int i = 0; i < KernelTable.size(); i++) {
        KernelTable.Entry o = KernelTable.entry(i);
        if (o.support() == e.support() && o.sigma() < e.sigma() - 1e-9) {
          assertTrue(o.error1d() > 0.5e-5);
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> KernelTable.candidates(1e-17, 3, 1.1, 2.6));
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 6, 9, 12, 16})
  void polynomialMatchesTheExactKernel(int w) {
    KernelTable.Entry e = null;
    for (int i = 0; i < KernelTable.size(); i++) {
      KernelTable.Entry o = KernelTable.entry(i);
      if (o.support() == w && Math.abs(o.sigma() - 2.0) < 1e-9) {
        e = o;
      }
    }
    EsKernel k = new EsKernel(w, e.beta(), 1e-15);
    // The sqrt edge (kernel value exp(-beta W) there) limits polynomial convergence; what matters
    // is that the polynomial error stays well below the kernel's own aliasing error.
    assertTrue(
        k.polynomialError() < 0.05 * e.error1d() + 3e-15,
        "poly error " + k.polynomialError() + " vs kernel error " + e.error1d());
    double[] vals = new double[w];
    for (int i = 0; i <= 100; i++) {
      double p = 10 + i / 101.0;
      int i0 = (int) Math.ceil(p - 0.5 * w);
      k.values(2 * (i0 - p + 0.5 * w) - 1, vals);
      for (int j = 0; j < w; j++) {
        double x = 2 * (i0 + j - p) / w;
        assertEquals(k.phi(x), vals[j], 2 * k.polynomialError() + 1e-15);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 6, 7, 16})
  void batchedValuesEqualSingleValuesBitForBit(int w) {
    EsKernel k = new EsKernel(w, 2.2, 1e-7);
    java.util.Random r = new java.util.Random(w);
    int n = 37;
    int stride = 40;
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = 2 * r.nextDouble() - 1;
    }
    s[0] = -1;
    float[] out = new float[w * stride];
    k.valuesBatch(s, n, new double[n], out, stride);
    float[] one = new float[w];
    for (int i = 0; i < n; i++) {
      k.values(s[i], one);
      for (int j = 0; j < w; j++) {
        assertEquals(one[j], out[j * stride + i], 0f, "sample " + i + " cell " + j);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 8, 12, 16})
  void fourierInterpolantMatchesQuadrature(int w) {
    EsKernel k = new EsKernel(w, 2.3, 1e-6);
    java.util.function.DoubleUnaryOperator psi = k.fourierInterpolant(0.45);
    java.util.Random r = new java.util.Random(w);
    for (int i = 0; i < 200; i++) {
      double f = 0.45 * (2 * r.nextDouble() - 1);
      assertEquals(k.fourier(f), psi.applyAsDouble(f), 2e-15 * k.fourier(f));
    }
  }

  @Test
  void fourierTransformMatchesFineRiemannSum() {
    EsKernel k = new EsKernel(8, 2.3, 1e-10);
    for (double f : new double[] {0, 0.1, 0.25, 0.4}) {
      // Midpoint rule with 200000 points on [-W/2, W/2]: error O(h^2 phi'') ~ 1e-10.
      int n = 200000;
      double h = 8.0 / n;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double t = -4 + (i + 0.5) * h;
        sum += k.phi(t / 4) * Math.cos(2 * Math.PI * f * t) * h;
      }
      assertEquals(sum, k.fourier(f), 1e-9 * Math.abs(sum));
    }
    double[] c = k.correction(5, 20);
    assertEquals(1 / k.fourier(0.15), c[3], 1e-15 / k.fourier(0.15));
  }
}
