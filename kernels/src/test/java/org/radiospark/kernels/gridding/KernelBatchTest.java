package org.radiospark.kernels.gridding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The symmetric batch evaluation against {@link EsKernel#values(double, double[])}. */
class KernelBatchTest {

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 5, 7, 8, 11, 16})
  void symmetricEvaluationMatchesTheKernelPolynomial(int w) {
    EsKernel k = new EsKernel(w, 2.3, 1e-7);
    int n = 97;
    KernelBatch batch = new KernelBatch(k, 128);
    Random r = new Random(w);
    double[] s = new double[n];
    float[] sf = new float[n];
    for (int i = 0; i < n; i++) {
      sf[i] = (float) (2 * r.nextDouble() - 1);
      s[i] = sf[i];
    }
    s[0] = -1;
    sf[0] = -1;
    s[1] = 1;
    sf[1] = 1;
    double[][] outD = new double[w][n];
    float[][] outF = new float[w][n];
    batch.eval(s, n, outD);
    batch.eval(sf, n, outF);
    // Round-off scale of a monomial sum at |s| <= 1: 2^-53 times the sum of |coefficients|.
    double[] mono = new double[k.degree() + 1];
    double coeffSum = 0;
    for (int j = 0; j < w; j++) {
      k.monomials(j, mono);
      double sum = 0;
      for (double c : mono) {
        sum += Math.abs(c);
      }
      coeffSum = Math.max(coeffSum, sum);
    }
    double tolD = 64 * 0x1p-53 * coeffSum;
    double[] one = new double[w];
    for (int i = 0; i < n; i++) {
      k.values(s[i], one);
      for (int j = 0; j < w; j++) {
        // Double: the same polynomial regrouped (even and odd parts); the mirrored cells use
        // their partners' coefficients, equal to their own up to the fit's round-off.
        assertEquals(one[j], outD[j][i], tolD, "double, sample " + i + " cell " + j);
        // Float: within the tolerance the batch checks at construction (falling back to double
        // beyond it), plus the float rounding of the offset and of the value.
        assertEquals(
            one[j],
            outF[j][i],
            KernelBatch.FLOAT_TOLERANCE + 2 * 0x1p-24,
            "float, sample " + i + " cell " + j);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 7})
  void rejectsBatchesBeyondItsCapacity(int w) {
    KernelBatch batch = new KernelBatch(new EsKernel(w, 2.3, 1e-6), 8);
    assertThrows(
        IllegalArgumentException.class, () -> batch.eval(new double[9], 9, new double[w][9]));
    assertThrows(
        IllegalArgumentException.class, () -> batch.eval(new float[9], 9, new float[w][9]));
  }
}
