package org.radiospark.kernels.gridding;

import java.util.Arrays;
import org.radiospark.kernels.fft.ParallelFor;

/**
 * The 2-D float loops of {@link WGridder} (no w term, {@link Precision#FLOAT}), for plans built
 * with {@link GridPlan#onTheFly}: ducc0's scheme of per-tile buffers of {@code (16 + W)^2} cells,
 * with the visibilities read in place. Cost per call: {@code O(M W^2)} for M samples plus the
 * half-cost FFT {@code O(nu nv log(nu nv))} and {@code O(nx ny)} image work.
 *
 * <p>Per batch of {@link #BATCH} sorted samples the kernel values of both axes are evaluated by
 * {@link KernelBatch} (vectorised, even/odd symmetric, float) from the plan's offsets, and the
 * weighted values gathered from the caller's array (independent loads the core overlaps). Each
 * sample then adds {@code W} rows of {@code 2W} floats to the tile buffer ({@link #addRows},
 * unrolled, the products of its u kernel and value in registers); interpolation is the adjoint
 * ({@link #sumRows}) and writes each weighted result straight to the caller's position. The image
 * is real, so the FFTs are the half-cost real-image transforms of {@link
 * org.radiospark.kernels.fft.Fft2D}.
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
   * order weighted by {@link GridPlan#sortedWeight} (1 when null).
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
     * The same, flat for the row loops ({@link #addRows}): {@code ku[j BATCH + k]} (likewise kv).
     * Copied row by row: the vector loops of {@link KernelBatch} need separate arrays, the row
     * loops a stride.
     */
    final float[] ku;

    final float[] kv;

    final KernelBatch kernel;

    /** One interpolated value (re, im). */
    final float[] q = new float[2];

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
        float[] wts = plan.sortedWeight;
        for (int k = 0; k < n; k++) {
          int i = idx[s + k];
          float wt = wts == null ? 1f : wts[s + k];
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
        addRows(buf, cells[s], 2 * bw, w, kv, ku, j, work.vr[j], work.vi[j]);
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
    float[] wts = plan.sortedWeight;
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
        sumRows(buf, cells[s], 2 * bw, w, kv, ku, j, q);
        int i = idx[s];
        float wt = wts == null ? 1f : wts[s];
        out[2 * i] = q[0] * wt;
        out[2 * i + 1] = q[1] * wt;
      }
    }
  }

  /**
   * {@code buf[o + a rs + 2b] += kv[j + a B] ku[j + b B] vr} and {@code [.. + 1] += .. vi} for rows
   * {@code a < W} and cells {@code b < W} ({@code B} = {@link #BATCH}): one weighted sample's
   * contribution to the tile buffer, the kernel values read from the flat batches. Unrolled for W =
   * 4..8 with the 2W products {@code ku vr}, {@code ku vi} in registers (the JIT does not vectorise
   * a 2W-trip loop, and a scalar unrolled row measured twice as fast as a loop).
   */
  static void addRows(
      float[] buf, int o, int rs, int w, float[] kv, float[] ku, int j, float vr, float vi) {
    switch (w) {
      case 4 -> addRows4(buf, o, rs, kv, ku, j, vr, vi);
      case 5 -> addRows5(buf, o, rs, kv, ku, j, vr, vi);
      case 6 -> addRows6(buf, o, rs, kv, ku, j, vr, vi);
      case 7 -> addRows7(buf, o, rs, kv, ku, j, vr, vi);
      case 8 -> addRows8(buf, o, rs, kv, ku, j, vr, vi);
      default -> {
        for (int a = 0; a < w; a++, o += rs) {
          float ka = kv[j + a * BATCH];
          for (int b = 0; b < w; b++) {
            float kb = ku[j + b * BATCH];
            buf[o + 2 * b] += ka * (vr * kb);
            buf[o + 2 * b + 1] += ka * (vi * kb);
          }
        }
      }
    }
  }

  /**
   * The adjoint of {@link #addRows(float[], int, int, int, float[], float[], int, float, float)}
   * without the value: {@code out[0] = sum_{a,b} kv[j + a B] ku[j + b B] buf[o + a rs + 2b]} (re)
   * and {@code out[1]} likewise for the odd slots (im); rows first, then the u kernel.
   */
  static void sumRows(
      float[] buf, int o, int rs, int w, float[] kv, float[] ku, int j, float[] out) {
    switch (w) {
      case 4 -> sumRows4(buf, o, rs, kv, ku, j, out);
      case 5 -> sumRows5(buf, o, rs, kv, ku, j, out);
      case 6 -> sumRows6(buf, o, rs, kv, ku, j, out);
      case 7 -> sumRows7(buf, o, rs, kv, ku, j, out);
      case 8 -> sumRows8(buf, o, rs, kv, ku, j, out);
      default -> {
        float sr = 0f;
        float si = 0f;
        for (int b = 0; b < w; b++) {
          float tr = 0f;
          float ti = 0f;
          for (int a = 0; a < w; a++) {
            float ka = kv[j + a * BATCH];
            tr += ka * buf[o + a * rs + 2 * b];
            ti += ka * buf[o + a * rs + 2 * b + 1];
          }
          float kb = ku[j + b * BATCH];
          sr += tr * kb;
          si += ti * kb;
        }
        out[0] = sr;
        out[1] = si;
      }
    }
  }

  private static void addRows4(
      float[] buf, int o, int rs, float[] kv, float[] ku, int j, float vr, float vi) {
    float k0 = ku[j + 0 * BATCH];
    float k1 = ku[j + 1 * BATCH];
    float k2 = ku[j + 2 * BATCH];
    float k3 = ku[j + 3 * BATCH];
    float r0 = vr * k0;
    float i0 = vi * k0;
    float r1 = vr * k1;
    float i1 = vi * k1;
    float r2 = vr * k2;
    float i2 = vi * k2;
    float r3 = vr * k3;
    float i3 = vi * k3;
    for (int a = 0; a < 4; a++, o += rs) {
      float ka = kv[j + a * BATCH];
      buf[o + 0] += ka * r0;
      buf[o + 1] += ka * i0;
      buf[o + 2] += ka * r1;
      buf[o + 3] += ka * i1;
      buf[o + 4] += ka * r2;
      buf[o + 5] += ka * i2;
      buf[o + 6] += ka * r3;
      buf[o + 7] += ka * i3;
    }
  }

  private static void sumRows4(
      float[] buf, int o, int rs, float[] kv, float[] ku, int j, float[] out) {
    float r0 = 0f;
    float i0 = 0f;
    float r1 = 0f;
    float i1 = 0f;
    float r2 = 0f;
    float i2 = 0f;
    float r3 = 0f;
    float i3 = 0f;
    for (int a = 0; a < 4; a++, o += rs) {
      float ka = kv[j + a * BATCH];
      r0 += ka * buf[o + 0];
      i0 += ka * buf[o + 1];
      r1 += ka * buf[o + 2];
      i1 += ka * buf[o + 3];
      r2 += ka * buf[o + 4];
      i2 += ka * buf[o + 5];
      r3 += ka * buf[o + 6];
      i3 += ka * buf[o + 7];
    }
    out[0] =
        r0 * ku[j + 0 * BATCH]
            + r1 * ku[j + 1 * BATCH]
            + r2 * ku[j + 2 * BATCH]
            + r3 * ku[j + 3 * BATCH];
    out[1] =
        i0 * ku[j + 0 * BATCH]
            + i1 * ku[j + 1 * BATCH]
            + i2 * ku[j + 2 * BATCH]
            + i3 * ku[j + 3 * BATCH];
  }

  private static void addRows5(
      float[] buf, int o, int rs, float[] kv, float[] ku, int j, float vr, float vi) {
    float k0 = ku[j + 0 * BATCH];
    float k1 = ku[j + 1 * BATCH];
    float k2 = ku[j + 2 * BATCH];
    float k3 = ku[j + 3 * BATCH];
    float k4 = ku[j + 4 * BATCH];
    float r0 = vr * k0;
    float i0 = vi * k0;
    float r1 = vr * k1;
    float i1 = vi * k1;
    float r2 = vr * k2;
    float i2 = vi * k2;
    float r3 = vr * k3;
    float i3 = vi * k3;
    float r4 = vr * k4;
    float i4 = vi * k4;
    for (int a = 0; a < 5; a++, o += rs) {
      float ka = kv[j + a * BATCH];
      buf[o + 0] += ka * r0;
      buf[o + 1] += ka * i0;
      buf[o + 2] += ka * r1;
      buf[o + 3] += ka * i1;
      buf[o + 4] += ka * r2;
      buf[o + 5] += ka * i2;
      buf[o + 6] += ka * r3;
      buf[o + 7] += ka * i3;
      buf[o + 8] += ka * r4;
      buf[o + 9] += ka * i4;
    }
  }

  private static void sumRows5(
      float[] buf, int o, int rs, float[] kv, float[] ku, int j, float[] out) {
    float r0 = 0f;
    float i0 = 0f;
    float r1 = 0f;
    float i1 = 0f;
    float r2 = 0f;
    float i2 = 0f;
    float r3 = 0f;
    float i3 = 0f;
    float r4 = 0f;
    float i4 = 0f;
    for (int a = 0; a < 5; a++, o += rs) {
      float ka = kv[j + a * BATCH];
      r0 += ka * buf[o + 0];
      i0 += ka * buf[o + 1];
      r1 += ka * buf[o + 2];
      i1 += ka * buf[o + 3];
      r2 += ka * buf[o + 4];
      i2 += ka * buf[o + 5];
      r3 += ka * buf[o + 6];
      i3 += ka * buf[o + 7];
      r4 += ka * buf[o + 8];
      i4 += ka * buf[o + 9];
    }
    out[0] =
        r0 * ku[j + 0 * BATCH]
            + r1 * ku[j + 1 * BATCH]
            + r2 * ku[j + 2 * BATCH]
            + r3 * ku[j + 3 * BATCH]
            + r4 * ku[j + 4 * BATCH];
    out[1] =
        i0 * ku[j + 0 * BATCH]
            + i1 * ku[j + 1 * BATCH]
            + i2 * ku[j + 2 * BATCH]
            + i3 * ku[j + 3 * BATCH]
            + i4 * ku[j + 4 * BATCH];
  }

  private static void addRows6(
      float[] buf, int o, int rs, float[] kv, float[] ku, int j, float vr, float vi) {
    float k0 = ku[j + 0 * BATCH];
    float k1 = ku[j + 1 * BATCH];
    float k2 = ku[j + 2 * BATCH];
    float k3 = ku[j + 3 * BATCH];
    float k4 = ku[j + 4 * BATCH];
    float k5 = ku[j + 5 * BATCH];
    float r0 = vr * k0;
    float i0 = vi * k0;
    float r1 = vr * k1;
    float i1 = vi * k1;
    float r2 = vr * k2;
    float i2 = vi * k2;
    float r3 = vr * k3;
    float i3 = vi * k3;
    float r4 = vr * k4;
    float i4 = vi * k4;
    float r5 = vr * k5;
    float i5 = vi * k5;
    for (int a = 0; a < 6; a++, o += rs) {
      float ka = kv[j + a * BATCH];
      buf[o + 0] += ka * r0;
      buf[o + 1] += ka * i0;
      buf[o + 2] += ka * r1;
      buf[o + 3] += ka * i1;
      buf[o + 4] += ka * r2;
      buf[o + 5] += ka * i2;
      buf[o + 6] += ka * r3;
      buf[o + 7] += ka * i3;
      buf[o + 8] += ka * r4;
      buf[o + 9] += ka * i4;
      buf[o + 10] += ka * r5;
      buf[o + 11] += ka * i5;
    }
  }

  private static void sumRows6(
      float[] buf, int o, int rs, float[] kv, float[] ku, int j, float[] out) {
    float r0 = 0f;
    float i0 = 0f;
    float r1 = 0f;
    float i1 = 0f;
    float r2 = 0f;
    float i2 = 0f;
    float r3 = 0f;
    float i3 = 0f;
    float r4 = 0f;
    float i4 = 0f;
    float r5 = 0f;
    float i5 = 0f;
    for (int a = 0; a < 6; a++, o += rs) {
      float ka = kv[j + a * BATCH];
      r0 += ka * buf[o + 0];
      i0 += ka * buf[o + 1];
      r1 += ka * buf[o + 2];
      i1 += ka * buf[o + 3];
      r2 += ka * buf[o + 4];
      i2 += ka * buf[o + 5];
      r3 += ka * buf[o + 6];
      i3 += ka * buf[o + 7];
      r4 += ka * buf[o + 8];
      i4 += ka * buf[o + 9];
      r5 += ka * buf[o + 10];
      i5 += ka * buf[o + 11];
    }
    out[0] =
        r0 * ku[j + 0 * BATCH]
            + r1 * ku[j + 1 * BATCH]
            + r2 * ku[j + 2 * BATCH]
            + r3 * ku[j + 3 * BATCH]
            + r4 * ku[j + 4 * BATCH]
            + r5 * ku[j + 5 * BATCH];
    out[1] =
        i0 * ku[j + 0 * BATCH]
            + i1 * ku[j + 1 * BATCH]
            + i2 * ku[j + 2 * BATCH]
            + i3 * ku[j + 3 * BATCH]
            + i4 * ku[j + 4 * BATCH]
            + i5 * ku[j + 5 * BATCH];
  }

  private static void addRows7(
      float[] buf, int o, int rs, float[] kv, float[] ku, int j, float vr, float vi) {
    float k0 = ku[j + 0 * BATCH];
    float k1 = ku[j + 1 * BATCH];
    float k2 = ku[j + 2 * BATCH];
    float k3 = ku[j + 3 * BATCH];
    float k4 = ku[j + 4 * BATCH];
    float k5 = ku[j + 5 * BATCH];
    float k6 = ku[j + 6 * BATCH];
    float r0 = vr * k0;
    float i0 = vi * k0;
    float r1 = vr * k1;
    float i1 = vi * k1;
    float r2 = vr * k2;
    float i2 = vi * k2;
    float r3 = vr * k3;
    float i3 = vi * k3;
    float r4 = vr * k4;
    float i4 = vi * k4;
    float r5 = vr * k5;
    float i5 = vi * k5;
    float r6 = vr * k6;
    float i6 = vi * k6;
    for (int a = 0; a < 7; a++, o += rs) {
      float ka = kv[j + a * BATCH];
      buf[o + 0] += ka * r0;
      buf[o + 1] += ka * i0;
      buf[o + 2] += ka * r1;
      buf[o + 3] += ka * i1;
      buf[o + 4] += ka * r2;
      buf[o + 5] += ka * i2;
      buf[o + 6] += ka * r3;
      buf[o + 7] += ka * i3;
      buf[o + 8] += ka * r4;
      buf[o + 9] += ka * i4;
      buf[o + 10] += ka * r5;
      buf[o + 11] += ka * i5;
      buf[o + 12] += ka * r6;
      buf[o + 13] += ka * i6;
    }
  }

  private static void sumRows7(
      float[] buf, int o, int rs, float[] kv, float[] ku, int j, float[] out) {
    float r0 = 0f;
    float i0 = 0f;
    float r1 = 0f;
    float i1 = 0f;
    float r2 = 0f;
    float i2 = 0f;
    float r3 = 0f;
    float i3 = 0f;
    float r4 = 0f;
    float i4 = 0f;
    float r5 = 0f;
    float i5 = 0f;
    float r6 = 0f;
    float i6 = 0f;
    for (int a = 0; a < 7; a++, o += rs) {
      float ka = kv[j + a * BATCH];
      r0 += ka * buf[o + 0];
      i0 += ka * buf[o + 1];
      r1 += ka * buf[o + 2];
      i1 += ka * buf[o + 3];
      r2 += ka * buf[o + 4];
      i2 += ka * buf[o + 5];
      r3 += ka * buf[o + 6];
      i3 += ka * buf[o + 7];
      r4 += ka * buf[o + 8];
      i4 += ka * buf[o + 9];
      r5 += ka * buf[o + 10];
      i5 += ka * buf[o + 11];
      r6 += ka * buf[o + 12];
      i6 += ka * buf[o + 13];
    }
    out[0] =
        r0 * ku[j + 0 * BATCH]
            + r1 * ku[j + 1 * BATCH]
            + r2 * ku[j + 2 * BATCH]
            + r3 * ku[j + 3 * BATCH]
            + r4 * ku[j + 4 * BATCH]
            + r5 * ku[j + 5 * BATCH]
            + r6 * ku[j + 6 * BATCH];
    out[1] =
        i0 * ku[j + 0 * BATCH]
            + i1 * ku[j + 1 * BATCH]
            + i2 * ku[j + 2 * BATCH]
            + i3 * ku[j + 3 * BATCH]
            + i4 * ku[j + 4 * BATCH]
            + i5 * ku[j + 5 * BATCH]
            + i6 * ku[j + 6 * BATCH];
  }

  private static void addRows8(
      float[] buf, int o, int rs, float[] kv, float[] ku, int j, float vr, float vi) {
    float k0 = ku[j + 0 * BATCH];
    float k1 = ku[j + 1 * BATCH];
    float k2 = ku[j + 2 * BATCH];
    float k3 = ku[j + 3 * BATCH];
    float k4 = ku[j + 4 * BATCH];
    float k5 = ku[j + 5 * BATCH];
    float k6 = ku[j + 6 * BATCH];
    float k7 = ku[j + 7 * BATCH];
    float r0 = vr * k0;
    float i0 = vi * k0;
    float r1 = vr * k1;
    float i1 = vi * k1;
    float r2 = vr * k2;
    float i2 = vi * k2;
    float r3 = vr * k3;
    float i3 = vi * k3;
    float r4 = vr * k4;
    float i4 = vi * k4;
    float r5 = vr * k5;
    float i5 = vi * k5;
    float r6 = vr * k6;
    float i6 = vi * k6;
    float r7 = vr * k7;
    float i7 = vi * k7;
    for (int a = 0; a < 8; a++, o += rs) {
      float ka = kv[j + a * BATCH];
      buf[o + 0] += ka * r0;
      buf[o + 1] += ka * i0;
      buf[o + 2] += ka * r1;
      buf[o + 3] += ka * i1;
      buf[o + 4] += ka * r2;
      buf[o + 5] += ka * i2;
      buf[o + 6] += ka * r3;
      buf[o + 7] += ka * i3;
      buf[o + 8] += ka * r4;
      buf[o + 9] += ka * i4;
      buf[o + 10] += ka * r5;
      buf[o + 11] += ka * i5;
      buf[o + 12] += ka * r6;
      buf[o + 13] += ka * i6;
      buf[o + 14] += ka * r7;
      buf[o + 15] += ka * i7;
    }
  }

  private static void sumRows8(
      float[] buf, int o, int rs, float[] kv, float[] ku, int j, float[] out) {
    float r0 = 0f;
    float i0 = 0f;
    float r1 = 0f;
    float i1 = 0f;
    float r2 = 0f;
    float i2 = 0f;
    float r3 = 0f;
    float i3 = 0f;
    float r4 = 0f;
    float i4 = 0f;
    float r5 = 0f;
    float i5 = 0f;
    float r6 = 0f;
    float i6 = 0f;
    float r7 = 0f;
    float i7 = 0f;
    for (int a = 0; a < 8; a++, o += rs) {
      float ka = kv[j + a * BATCH];
      r0 += ka * buf[o + 0];
      i0 += ka * buf[o + 1];
      r1 += ka * buf[o + 2];
      i1 += ka * buf[o + 3];
      r2 += ka * buf[o + 4];
      i2 += ka * buf[o + 5];
      r3 += ka * buf[o + 6];
      i3 += ka * buf[o + 7];
      r4 += ka * buf[o + 8];
      i4 += ka * buf[o + 9];
      r5 += ka * buf[o + 10];
      i5 += ka * buf[o + 11];
      r6 += ka * buf[o + 12];
      i6 += ka * buf[o + 13];
      r7 += ka * buf[o + 14];
      i7 += ka * buf[o + 15];
    }
    out[0] =
        r0 * ku[j + 0 * BATCH]
            + r1 * ku[j + 1 * BATCH]
            + r2 * ku[j + 2 * BATCH]
            + r3 * ku[j + 3 * BATCH]
            + r4 * ku[j + 4 * BATCH]
            + r5 * ku[j + 5 * BATCH]
            + r6 * ku[j + 6 * BATCH]
            + r7 * ku[j + 7 * BATCH];
    out[1] =
        i0 * ku[j + 0 * BATCH]
            + i1 * ku[j + 1 * BATCH]
            + i2 * ku[j + 2 * BATCH]
            + i3 * ku[j + 3 * BATCH]
            + i4 * ku[j + 4 * BATCH]
            + i5 * ku[j + 5 * BATCH]
            + i6 * ku[j + 6 * BATCH]
            + i7 * ku[j + 7 * BATCH];
  }
}
