package org.radiospark.kernels.weighting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.VisibilityBlock;

class ImagingWeightsTest {
  static final int NX = 64;
  static final int NY = 48;
  static final double CELL = 1e-3;
  static final double[] FREQ = {150e6, 160e6};

  final double[] uvw;
  final float[] w;

  ImagingWeightsTest() {
    Random r = new Random(9);
    int nRows = 800;
    uvw = new double[3 * nRows];
    double lambda = VisibilityBlock.C / 160e6;
    for (int i = 0; i < nRows; i++) {
      // Concentrated towards the centre like a real array, some beyond the grid edge (1/(2 cell)).
      uvw[3 * i] = r.nextGaussian() * 150 * lambda;
      uvw[3 * i + 1] = r.nextGaussian() * 150 * lambda;
      uvw[3 * i + 2] = r.nextGaussian() * 20;
    }
    w = new float[nRows * FREQ.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextInt(10) == 0 ? 0 : 0.5f + r.nextFloat();
    }
  }

  /** Independent reference: cells keyed by (iu, iv) in a hash map, conjugates added explicitly. */
  Map<Long, Double> cellSums(long[] keyOf) {
    Map<Long, Double> m = new HashMap<>();
    double du = 1.0 / (NX * CELL);
    double dv = 1.0 / (NY * CELL);
    for (int r = 0; r < uvw.length / 3; r++) {
      for (int c = 0; c < FREQ.length; c++) {
        int i = r * FREQ.length + c;
        keyOf[i] = Long.MIN_VALUE;
        if (w[i] == 0) {
          continue;
        }
        double s = FREQ[c] / VisibilityBlock.C;
        long iu = Math.round(uvw[3 * r] * s / du);
        long iv = Math.round(uvw[3 * r + 1] * s / dv);
        if (Math.abs(iu) >= NX / 2 || Math.abs(iv) >= NY / 2) {
          continue;
        }
        keyOf[i] = iu * 100000 + iv;
        m.merge(keyOf[i], (double) w[i], Double::sum);
        m.merge(-iu * 100000 - iv, (double) w[i], Double::sum);
      }
    }
    return m;
  }

  @Test
  void naturalKeepsWeights() {
    assertArrayEquals(w, ImagingWeights.compute(Weighting.natural(), NX, NY, CELL, uvw, FREQ, w));
  }

  @Test
  void uniformAndBriggsMatchTheFormula() {
    long[] key = new long[w.length];
    Map<Long, Double> cells = cellSums(key);
    double sumW = 0;
    double sumW2 = 0;
    for (double v : cells.values()) {
      sumW += v;
      sumW2 += v * v;
    }
    float[] uni = ImagingWeights.compute(Weighting.uniform(), NX, NY, CELL, uvw, FREQ, w);
    float[] bri = ImagingWeights.compute(Weighting.briggs(0.5), NX, NY, CELL, uvw, FREQ, w);
    double f2 = Math.pow(5 * Math.pow(10, -0.5), 2) / (sumW2 / sumW);
    int inside = 0;
    for (int i = 0; i < w.length; i++) {
      if (key[i] == Long.MIN_VALUE) {
        assertEquals(0f, uni[i]);
        assertEquals(0f, bri[i]);
        continue;
      }
      inside++;
      double wk = cells.get(key[i]);
      assertEquals(w[i] / wk, uni[i], 1e-6 * uni[i]);
      assertEquals(w[i] / (1 + wk * f2), bri[i], 1e-6 * bri[i]);
    }
    // The test data must exercise both branches.
    org.junit.jupiter.api.Assertions.assertTrue(inside > w.length / 2 && inside < w.length);
  }

  @Test
  void uniformGivesEachOccupiedCellUnitTotal() {
    long[] key = new long[w.length];
    Map<Long, Double> cells = cellSums(key);
    float[] uni = ImagingWeights.compute(Weighting.uniform(), NX, NY, CELL, uvw, FREQ, w);
    Map<Long, Double> total = new HashMap<>();
    for (int i = 0; i < w.length; i++) {
      if (key[i] != Long.MIN_VALUE) {
        total.merge(key[i], (double) uni[i], Double::sum);
        long iu = Math.floorDiv(key[i] + 50000, 100000);
        long iv = key[i] - iu * 100000;
        total.merge(-iu * 100000 - iv, (double) uni[i], Double::sum);
      }
    }
    for (Map.Entry<Long, Double> e : total.entrySet()) {
      assertEquals(1.0, e.getValue(), 1e-5, "cell " + e.getKey());
    }
    assertEquals(cells.size(), total.size());
  }

  @Test
  void briggsLimitsAreNaturalAndUniform() {
    float[] uni = ImagingWeights.compute(Weighting.uniform(), NX, NY, CELL, uvw, FREQ, w);
    float[] lo = ImagingWeights.compute(Weighting.briggs(-5), NX, NY, CELL, uvw, FREQ, w);
    float[] hi = ImagingWeights.compute(Weighting.briggs(5), NX, NY, CELL, uvw, FREQ, w);
    double ratio = 0;
    for (int i = 0; i < w.length; i++) {
      if (uni[i] > 0) {
        double q = lo[i] / uni[i];
        if (ratio == 0) {
          ratio = q;
        }
        // R = -5: W_k f^2 ~ 1e10 >> 1, so w/(1 + W f^2) = (w/W)/f^2 to 1e-9.
        assertEquals(ratio, q, 1e-5 * ratio);
        // R = 5: W_k f^2 ~ 1e-10, natural to float precision.
        assertEquals(w[i], hi[i], 1e-6 * w[i]);
      }
    }
  }

  @Test
  void negativeWeightIsBadInput() {
    float[] bad = w.clone();
    bad[3] = -1;
    assertThrows(
        InvalidInputException.class,
        () -> ImagingWeights.compute(Weighting.uniform(), NX, NY, CELL, uvw, FREQ, bad));
  }
}
