package org.radiospark.kernels.flagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaskedGaussianSmootherTest {
  /** Direct 2-D normalised convolution. */
  private static double bruteForce(
      double[] v, boolean[] m, int nT, int nC, int t, int f, double st, int ht, double sf, int hf) {
    double num = 0;
    double den = 0;
    for (int s = Math.max(0, t - ht); s <= Math.min(nT - 1, t + ht); s++) {
      for (int c = Math.max(0, f - hf); c <= Math.min(nC - 1, f + hf); c++) {
        if (!m[s * nC + c]) {
          double g =
              Math.exp(-0.5 * ((s - t) * (s - t) / (st * st) + (c - f) * (c - f) / (sf * sf)));
          num += g * v[s * nC + c];
          den += g;
        }
      }
    }
    return num / den;
  }

  @Test
  void equalsTheDirectNormalisedConvolution() {
    int nT = 23;
    int nC = 17;
    SplittableRandom rng = new SplittableRandom(1);
    double[] v = new double[nT * nC];
    boolean[] m = new boolean[nT * nC];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextGaussian();
      m[i] = rng.nextDouble() < 0.3;
    }
    MaskedGaussianSmoother s = new MaskedGaussianSmoother(2.0, 5, 1.5, 3);
    double[] out = new double[v.length];
    s.smooth(v, m, nT, nC, out, Double.NaN);
    for (int t = 0; t < nT; t++) {
      for (int f = 0; f < nC; f++) {
        double ref = bruteForce(v, m, nT, nC, t, f, 2.0, 5, 1.5, 3);
        // Two summation orders of O(100) terms of size O(1).
        assertEquals(ref, out[t * nC + f], 1e-12, "t=" + t + " f=" + f);
      }
    }
  }

  @Test
  void reproducesASmoothPlaneThroughAnyMaskAndFallsBackWhenAllIsMasked() {
    int nT = 12;
    int nC = 9;
    double[] v = new double[nT * nC];
    boolean[] m = new boolean[nT * nC];
    for (int i = 0; i < v.length; i++) {
      v[i] = 3.25;
      m[i] = i % 3 == 0;
    }
    double[] out = new double[v.length];
    new MaskedGaussianSmoother(3, 6, 2, 4).smooth(v, m, nT, nC, out, -1);
    for (double o : out) {
      assertEquals(3.25, o, 1e-14);
    }
    java.util.Arrays.fill(m, true);
    new MaskedGaussianSmoother(3, 6, 2, 4).smooth(v, m, nT, nC, out, -1);
    for (double o : out) {
      assertEquals(-1, o);
    }
  }

  @Test
  void rejectsBadKernels() {
    assertThrows(IllegalArgumentException.class, () -> new MaskedGaussianSmoother(0, 3, 1, 3));
    assertThrows(IllegalArgumentException.class, () -> new MaskedGaussianSmoother(1, -1, 1, 3));
  }
}
