package org.radiospark.kernels.gridding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The unrolled row kernels of {@link FloatGridOps} against plain loops, and their adjointness. */
class FloatGridOpsTest {

  /** Random buffer and q; the v kernel values are read at stride 3 from offset 1. */
  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 9, 12})
  void addRowsMatchesPlainLoop(int w) {
    Random r = new Random(w);
    int rs = 2 * (w + 5);
    int o = 3;
    float[] buf = new float[rs * (w + 2)];
    for (int i = 0; i < buf.length; i++) {
      buf[i] = (float) r.nextGaussian();
    }
    float[] kv = new float[1 + 3 * w];
    for (int i = 0; i < kv.length; i++) {
      kv[i] = r.nextFloat();
    }
    float[] q = new float[2 * w];
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) r.nextGaussian();
    }
    float[] ref = buf.clone();
    for (int a = 0; a < w; a++) {
      for (int t = 0; t < 2 * w; t++) {
        ref[o + a * rs + t] += kv[1 + 3 * a] * q[t];
      }
    }
    FloatGridOps.addRows(buf, o, rs, w, kv, 1, 3, q);
    for (int i = 0; i < buf.length; i++) {
      // Same float operations in the same order: equal bit for bit.
      assertEquals(ref[i], buf[i], 0f, "index " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4, 5, 6, 7, 8, 11})
  void sumRowsIsTheAdjointOfAddRows(int w) {
    Random r = new Random(100 + w);
    int rs = 2 * (w + 4);
    int o = 2;
    float[] kv = new float[w];
    for (int i = 0; i < w; i++) {
      kv[i] = r.nextFloat();
    }
    float[] q = new float[2 * w];
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) r.nextGaussian();
    }
    float[] g = new float[rs * (w + 1)];
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) r.nextGaussian();
    }
    // <addRows(q), g> = <q, sumRows(g)> up to float round-off of sums of ~2 W^2 terms.
    float[] spread = new float[g.length];
    FloatGridOps.addRows(spread, o, rs, w, kv, 0, 1, q);
    float[] gathered = new float[2 * w];
    FloatGridOps.sumRows(g, o, rs, w, kv, 0, 1, gathered);
    double lhs = 0;
    double scale = 0;
    for (int i = 0; i < g.length; i++) {
      lhs += (double) spread[i] * g[i];
      scale += Math.abs((double) spread[i] * g[i]);
    }
    double rhs = 0;
    for (int t = 0; t < 2 * w; t++) {
      rhs += (double) q[t] * gathered[t];
    }
    double tol = 4 * w * 0x1p-24 * scale;
    assertTrue(Math.abs(lhs - rhs) <= tol, lhs + " vs " + rhs + " tol " + tol);
    // And each gathered value is the plain weighted column sum.
    for (int t = 0; t < 2 * w; t++) {
      double ref = 0;
      double abs = 0;
      for (int a = 0; a < w; a++) {
        ref += (double) kv[a] * g[o + a * rs + t];
        abs += Math.abs((double) kv[a] * g[o + a * rs + t]);
      }
      assertEquals(ref, gathered[t], 2 * w * 0x1p-24 * abs + 1e-30);
    }
  }
}
