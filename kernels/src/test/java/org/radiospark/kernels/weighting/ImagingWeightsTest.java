package org.radiospark.kernels.weighting;

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

  /**
   * Independent reference of WSClean's weighting grid: the padded image size {@code ceil(1.2 n)}
   * rounded up to a multiple of 4 written out by hand (77 x 58 for 64 x 48), cells keyed by (ix,
   * iy) in a hash map, samples with v &lt; 0 counted once at (-u, -v), cell edges (not centres) on
   * the axes.
   */
  Map<Long, Double> cellSums(long[] keyOf) {
    int gx = 80; // ceil(76.8) = 77 -> 80
    int gy = 60; // ceil(57.6) = 58 -> 60
    Map<Long, Double> m = new HashMap<>();
    for (int r = 0; r < uvw.length / 3; r++) {
      for (int c = 0; c < FREQ.length; c++) {
        int i = r * FREQ.length + c;
        keyOf[i] = Long.MIN_VALUE;
        if (w[i] == 0) {
          continue;
        }
        double s = FREQ[c] / VisibilityBlock.C;
        double u = uvw[3 * r] * s;
        double v = uvw[3 * r + 1] * s;
        if (v < 0) {
          u = -u;
          v = -v;
        }
        // Cell widths 1/(g cell) wavelengths; the grid spans u in [-1/(2 cell), 1/(2 cell)).
        long ix = (long) Math.floor(u * gx * CELL) + gx / 2;
        long iy = (long) Math.floor(v * gy * CELL);
        if (ix < 0 || ix >= gx || iy >= gy / 2) {
          continue;
        }
        keyOf[i] = ix * 100000 + iy;
        m.merge(keyOf[i], (double) w[i], Double::sum);
      }
    }
    return m;
  }

  @Test
  void naturalKeepsWeightsInsideTheNyquistBox() {
    long[] key = new long[w.length];
    cellSums(key);
    float[] nat = ImagingWeights.compute(Weighting.natural(), NX, NY, CELL, uvw, FREQ, w);
    int dropped = 0;
    for (int i = 0; i < w.length; i++) {
      if (key[i] == Long.MIN_VALUE && w[i] != 0) {
        dropped++;
        assertEquals(0f, nat[i]);
      } else {
        assertEquals(w[i], nat[i]);
      }
    }
    // The data must reach beyond the Nyquist box 1/(2 cell) = 500 wavelengths.
    org.junit.jupiter.api.Assertions.assertTrue(dropped > 0);
  }

  @Test
  void paddedGridSizeIsWscleans() {
    assertEquals(1232, Weighting.uniform().gridCells(1024));
    assertEquals(80, Weighting.uniform().gridCells(64));
    assertEquals(64, Weighting.uniform().withPadding(1).gridCells(64));
    assertEquals(2048, Weighting.briggs(0).withPadding(2).gridCells(1024));
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
    float[] uni = ImagingWeights.compute(UNIFORM_NO_FILTER, NX, NY, CELL, uvw, FREQ, w);
    float[] bri =
        ImagingWeights.compute(
            Weighting.briggs(0.5).withRankFilter(0, 16), NX, NY, CELL, uvw, FREQ, w);
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
    float[] uni = ImagingWeights.compute(UNIFORM_NO_FILTER, NX, NY, CELL, uvw, FREQ, w);
    Map<Long, Double> total = new HashMap<>();
    for (int i = 0; i < w.length; i++) {
      if (key[i] != Long.MIN_VALUE) {
        total.merge(key[i], (double) uni[i], Double::sum);
      }
    }
    for (Map.Entry<Long, Double> e : total.entrySet()) {
      assertEquals(1.0, e.getValue(), 1e-5, "cell " + e.getKey());
    }
    assertEquals(cells.size(), total.size());
  }

  static final Weighting UNIFORM_NO_FILTER = Weighting.uniform().withRankFilter(0, 16);

  /**
   * The rank filter against a brute-force reference: window means summed cell by cell over
   * WSClean's window [x - 8, x + 8) x [y - 8, y + 8), clipped to the half plane.
   */
  @Test
  void rankFilterClipsToThreeTimesTheLocalMean() {
    int gx = 80;
    int gy = 30;
    Random r = new Random(4);
    double[] grid = new double[gx * gy];
    for (int k = 0; k < grid.length; k++) {
      // Sparse cells, a few far above their neighbours.
      grid[k] = r.nextInt(3) == 0 ? (r.nextInt(25) == 0 ? 20 : 1) * (0.5 + r.nextDouble()) : 0;
    }
    double[] expected = grid.clone();
    int nClipped = 0;
    for (int y = 0; y < gy; y++) {
      for (int x = 0; x < gx; x++) {
        double g = grid[y * gx + x];
        if (g == 0) {
          continue;
        }
        double sum = 0;
        int n = 0;
        for (int yy = Math.max(0, y - 8); yy < Math.min(gy, y + 8); yy++) {
          for (int xx = Math.max(0, x - 8); xx < Math.min(gx, x + 8); xx++) {
            if (grid[yy * gx + xx] != 0) {
              sum += grid[yy * gx + xx];
              n++;
            }
          }
        }
        if (g > 3 * sum / n) {
          expected[y * gx + x] = 3 * sum / n;
          nClipped++;
        }
      }
    }
    double[] got = grid.clone();
    ImagingWeights.rankFilter(got, gx, gy, 3, 16);
    for (int k = 0; k < grid.length; k++) {
      assertEquals(expected[k], got[k], 1e-12 * Math.max(1, expected[k]), "cell " + k);
    }
    org.junit.jupiter.api.Assertions.assertTrue(nClipped > 10, "clipped " + nClipped);
  }

  @Test
  void uniformWithTheDefaultRankFilterNeverExceedsThreeTimesTheLocalMeanFactor() {
    float[] plain = ImagingWeights.compute(UNIFORM_NO_FILTER, NX, NY, CELL, uvw, FREQ, w);
    float[] filtered = ImagingWeights.compute(Weighting.uniform(), NX, NY, CELL, uvw, FREQ, w);
    int changed = 0;
    for (int i = 0; i < w.length; i++) {
      // Clipping only lowers weights, and never zeroes one.
      org.junit.jupiter.api.Assertions.assertTrue(filtered[i] <= plain[i] * (1 + 1e-6));
      org.junit.jupiter.api.Assertions.assertEquals(plain[i] == 0, filtered[i] == 0);
      if (filtered[i] < plain[i] * (1 - 1e-6)) {
        changed++;
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(changed > 0, "the filter must act on this data");
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
