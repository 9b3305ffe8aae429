package org.radiospark.kernels.gridding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The unrolled row loops of {@link Float2dOps} against plain loops, and their adjointness. */
class Float2dOpsTest {
  private static final int B = Float2dOps.BATCH;

  /** Kernel values of batch sample j in flat batches {@code k[j + a B]}. */
  private static float[] batch(Random r, int w) {
    float[] k = new float[w * B];
    for (int i = 0; i < k.length; i++) {
      k[i] = r.nextFloat();
    }
    return k;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 9, 12})
  void addRowsMatchesPlainLoop(int w) {
    Random r = new Random(w);
    int rs = 2 * (w + 5);
    int o = 3;
    int j = 17;
    float[] buf = new float[rs * (w + 2)];
    for (int i = 0; i < buf.length; i++) {
      buf[i] = (float) r.nextGaussian();
    }
    float[] ku = batch(r, w);
    float[] kv = batch(r, w);
    float vr = (float) r.nextGaussian();
    float vi = (float) r.nextGaussian();
    float[] ref = buf.clone();
    for (int a = 0; a < w; a++) {
      for (int b = 0; b < w; b++) {
        float ka = kv[j + a * B];
        float kb = ku[j + b * B];
        ref[o + a * rs + 2 * b] += ka * (vr * kb);
        ref[o + a * rs + 2 * b + 1] += ka * (vi * kb);
      }
    }
    Float2dOps.addRows(buf, o, rs, w, kv, ku, j, vr, vi);
    for (int i = 0; i < buf.length; i++) {
      // Same float operations in the same order: equal bit for bit.
      assertEquals(ref[i], buf[i], 0f, "index " + i);
    }
  }

  /** {@code <addRows(v), g> = v_r s_r + v_i s_i} with {@code s = sumRows(g)}: the dot test. */
  @ParameterizedTest
  @ValueSource(ints = {2, 4, 5, 6, 7, 8, 11})
  void sumRowsIsTheAdjointOfAddRows(int w) {
    Random r = new Random(100 + w);
    int rs = 2 * (w + 3);
    int o = 2;
    int j = 5;
    float[] ku = batch(r, w);
    float[] kv = batch(r, w);
    float vr = (float) r.nextGaussian();
    float vi = (float) r.nextGaussian();
    float[] spread = new float[rs * (w + 1)];
    Float2dOps.addRows(spread, o, rs, w, kv, ku, j, vr, vi);
    float[] g = new float[spread.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) r.nextGaussian();
    }
    float[] s = new float[2];
    Float2dOps.sumRows(g, o, rs, w, kv, ku, j, s);
    double lhs = 0;
    for (int i = 0; i < g.length; i++) {
      lhs += (double) spread[i] * g[i];
    }
    double rhs = (double) vr * s[0] + (double) vi * s[1];
    // Float sums of 2 W^2 terms of order 1: a few 2^-24 times their number.
    assertEquals(lhs, rhs, 4 * 0x1p-24 * 2 * w * w * 4, "dot test");
  }
}
