package org.radiospark.kernels.gridding;

import java.util.Arrays;
import org.radiospark.kernels.fft.ParallelFor;

/**
 * The 2-D float loops of {@link WGridder} (no w term, {@link Precision#FLOAT}), for plans built
 * with {@link GridPlan#onTheFly}: ducc0's scheme of per-tile buffers of {@code (16 + W)^2} cells,
 * with the visibilities read in place ({@link GridPlan#onTheFly}).
 *
 * <p>Per batch of {@link #BATCH} sorted samples the kernel values of both axes are evaluated by
 * {@link KernelBatch} (vectorised, even/odd symmetric, float) from the plan's offsets, and the
 * weighted values gathered from the caller's array (independent loads the core overlaps). Each
 * sample then adds {@code W} rows of {@code 2W} floats to the tile buffer ({@link
 * FloatGridOps#addRows}); interpolation is the adjoint ({@link FloatGridOps#sumRows}) and writes
 * each weighted result straight to the caller's position. The image is real, so the FFTs are the
 * half-cost real-image transforms of {@link org.radiospark.kernels.fft.Fft2D}.
 *
 * <p>Layouts: grid {@code grid[2 (iv nu + iu)]} re, {@code +1} im, u fastest; visibilities in the
 * caller's order {@code vis[2 i]} re, {@code vis[2 i + 1]} im with {@code i = row nChan + chan}.
 * Threads: runs of tiles per task, buffers added to the grid under per-row locks.
 */
final class Float2dOps {
  private Float2dOps() {}

  /** Samples per kernel-evaluation batch (long enough for the vector loops, small for L1). */
  static final int BATCH = 256;

  /**
   * Dirty image before normalisation, {@code img[y nx + x]}, from visibilities in the caller's
   * order weighted by {@link GridPlan#weights} (1 when null).
   */
  static double[] ms2dirty(GridPlan plan, float[] vis) {
    int nx = plan.nx;
    int ny = plan.ny;
    int nu = plan.nu;
    int nv = plan.nv;
    int nThreads = plan.params.nThreads();
    float[] grid = new float[2 * nu * nv];
    Object[] locks = FloatGridOps.newLocks(nv);
    int nt = plan.tiles.length;
    int nChunks = FloatGridOps.chunks(nThreads, nt);
    boolean lock = nThreads > 1;
    ParallelFor.run(
        nThreads,
        nChunks,
        c -> {
          int k0 = (int) ((long) nt * c / nChunks);
          int k1 = (int) ((long) nt * (c + 1) / nChunks);
          spreadTiles(plan, vis, k0, k1, grid, locks, lock);
        });
    // Only the ny image rows of the transform are read, only its real part, and only the
    // occupied columns are non-zero.
    int firstRow = Math.floorMod(-(ny / 2), nv);
    plan.fft.backwardSomeRowsRealPart(grid, nThreads, firstRow, ny, plan.firstCol, plan.nCols);
    double[] img = new double[nx * ny];
    int[] col = FloatGridOps.gridColumns(nx, nu);
    double[] corr = plan.correction;
    ParallelFor.run(
        nThreads,
        ny,
        y -> {
          int iv = Math.floorMod(y - ny / 2, nv);
          int q0 = Math.abs(y - ny / 2) * plan.qx;
          int o = y * nx;
          int g0 = 2 * iv * nu;
          for (int x = 0; x < nx; x++) {
            img[o + x] = grid[g0 + 2 * col[x]] * corr[q0 + Math.abs(x - nx / 2)];
          }
        });
    return img;
  }

  /**
   * Adjoint of {@link #ms2dirty}: {@code out[2 i]} re, {@code +1} im for every sample i in the
   * caller's order, times its weight; 0 for inactive samples.
   *
   * @param dirty {@code double[ny nx]}, checked by the caller
   */
  static float[] dirty2ms(GridPlan plan, double[] dirty) {
    int nx = plan.nx;
    int ny = plan.ny;
    int nu = plan.nu;
    int nv = plan.nv;
    int nThreads = plan.params.nThreads();
    float[] grid = new float[2 * nu * nv];
    int[] col = FloatGridOps.gridColumns(nx, nu);
    double[] corr = plan.correction;
    ParallelFor.run(
        nThreads,
        ny,
        y -> {
          int iv = Math.floorMod(y - ny / 2, nv);
          int q0 = Math.abs(y - ny / 2) * plan.qx;
          int o = y * nx;
          int g0 = 2 * iv * nu;
          for (int x = 0; x < nx; x++) {
            grid[g0 + 2 * col[x]] = (float) (dirty[o + x] * corr[q0 + Math.abs(x - nx / 2)]);
          }
        });
    // Only the ny image rows are non-zero; only occupied columns are read.
    int firstRow = Math.floorMod(-(ny / 2), nv);
    plan.fft.forwardRealRows(grid, nThreads, firstRow, ny, plan.firstCol, plan.nCols);
    float[] out = new float[2 * plan.nRows * plan.nChan];
    int nt = plan.tiles.length;
    int nChunks = FloatGridOps.chunks(nThreads, nt);
    ParallelFor.run(
        nThreads,
        nChunks,
        c -> {
          int k0 = (int) ((long) nt * c / nChunks);
          int k1 = (int) ((long) nt * (c + 1) / nChunks);
          interpolateTiles(plan, grid, k0, k1, out);
        });
    return out;
  }

  /** Per-thread work arrays: the tile buffer and one batch of samples. */
  private static final class Work {
    final float[] buf;
    final float[] su = new float[BATCH];
    final float[] sv = new float[BATCH];
    final float[] vr = new float[BATCH];
    final float[] vi = new float[BATCH];

    /** Kernel values as evaluated: {@code rows[j][k]}, cell j of batch sample k. */
    final float[][] rows;

    /**
     * The same, flat for the row loops ({@link FloatGridOps#addRows}): {@code ku[j BATCH + k]}
     * (likewise kv). Copied row by row: the vector loops of {@link KernelBatch} need separate
     * arrays, the row loops a stride.
     */
    final float[] ku;

    final float[] kv;

    final KernelBatch kernel;

    /** One sample's 2W weighted u values (re, im interleaved). */
    final float[] q;

    /** The batch holds sorted samples [start, end). */
    int start;

    int end;

    Work(GridPlan plan) {
      int w = plan.support;
      int bw = GridPlan.TILE + w;
      buf = new float[2 * bw * bw];
      rows = new float[w][BATCH];
      ku = new float[w * BATCH];
      kv = new float[w * BATCH];
      kernel = new KernelBatch(plan.kernel, BATCH);
      q = new float[2 * w];
    }

    /**
     * Kernel values of sorted samples [s, s + n) and, with vis, their weighted values. The gather's
     * loads are independent from sample to sample, so the core overlaps their cache misses.
     */
    void evaluate(GridPlan plan, int s, int n, float[] vis) {
      start = s;
      end = s + n;
      // Copies first: the vector loops need every operand at the same index.
      System.arraycopy(plan.kernelU, s, su, 0, n);
      System.arraycopy(plan.kernelV, s, sv, 0, n);
      kernel.eval(su, n, rows);
      for (int j = 0; j < rows.length; j++) {
        System.arraycopy(rows[j], 0, ku, j * BATCH, n);
      }
      kernel.eval(sv, n, rows);
      for (int j = 0; j < rows.length; j++) {
        System.arraycopy(rows[j], 0, kv, j * BATCH, n);
      }
      if (vis != null) {
        int[] idx = plan.sortedIndex;
        float[] wts = plan.weights;
        for (int k = 0; k < n; k++) {
          int i = idx[s + k];
          float wt = wts == null ? 1f : wts[i];
          vr[k] = vis[2 * i] * wt;
          vi[k] = vis[2 * i + 1] * wt;
        }
      }
    }
  }

  private static void spreadTiles(
      GridPlan plan, float[] vis, int k0, int k1, float[] grid, Object[] locks, boolean lock) {
    int w = plan.support;
    int tile = GridPlan.TILE;
    int bw = tile + w;
    Work work = new Work(plan);
    float[] buf = work.buf;
    float[] q = work.q;
    float[] ku = work.ku;
    float[] kv = work.kv;
    char[] cells = plan.cellOffset;
    // The samples of consecutive tiles are contiguous: batches run across tiles.
    int limit = plan.tileBegin[k1];
    for (int k = k0; k < k1; k++) {
      int s0 = plan.tileBegin[k];
      int s1 = plan.tileBegin[k + 1];
      Arrays.fill(buf, 0f);
      for (int s = s0; s < s1; s++) {
        if (s >= work.end || s < work.start) {
          work.evaluate(plan, s, Math.min(BATCH, limit - s), vis);
        }
        int j = s - work.start;
        float vr = work.vr[j];
        float vi = work.vi[j];
        // The sample's contribution to one buffer row, 2W floats: each row then takes one
        // multiply-add per float.
        for (int b = 0; b < w; b++) {
          float kb = ku[j + b * BATCH];
          q[2 * b] = vr * kb;
          q[2 * b + 1] = vi * kb;
        }
        FloatGridOps.addRows(buf, cells[s], 2 * bw, w, kv, j, BATCH, q);
      }
      int ou = (plan.tiles[k] % plan.ntu) * tile - w;
      int ov = (plan.tiles[k] / plan.ntu) * tile - w;
      FloatGridOps.flush(plan, buf, bw, ou, ov, grid, locks, lock);
    }
  }

  private static void interpolateTiles(GridPlan plan, float[] grid, int k0, int k1, float[] out) {
    int w = plan.support;
    int tile = GridPlan.TILE;
    int bw = tile + w;
    Work work = new Work(plan);
    float[] buf = work.buf;
    float[] q = work.q;
    float[] ku = work.ku;
    float[] kv = work.kv;
    float[] wts = plan.weights;
    char[] cells = plan.cellOffset;
    int[] idx = plan.sortedIndex;
    int limit = plan.tileBegin[k1];
    for (int k = k0; k < k1; k++) {
      int s0 = plan.tileBegin[k];
      int s1 = plan.tileBegin[k + 1];
      int ou = (plan.tiles[k] % plan.ntu) * tile - w;
      int ov = (plan.tiles[k] / plan.ntu) * tile - w;
      FloatGridOps.load(plan, buf, bw, ou, ov, grid);
      for (int s = s0; s < s1; s++) {
        if (s >= work.end || s < work.start) {
          work.evaluate(plan, s, Math.min(BATCH, limit - s), null);
        }
        int j = s - work.start;
        // Rows weighted by the v kernel first (2W partial sums), then the columns by the u
        // kernel: the adjoint of the spreading order.
        FloatGridOps.sumRows(buf, cells[s], 2 * bw, w, kv, j, BATCH, q);
        float sr = 0f;
        float si = 0f;
        for (int b = 0; b < w; b++) {
          float kb = ku[j + b * BATCH];
          sr += q[2 * b] * kb;
          si += q[2 * b + 1] * kb;
        }
        int i = idx[s];
        float wt = wts == null ? 1f : wts[i];
        out[2 * i] = sr * wt;
        out[2 * i + 1] = si * wt;
      }
    }
  }
}
