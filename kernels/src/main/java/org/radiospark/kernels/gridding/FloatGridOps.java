package org.radiospark.kernels.gridding;

import java.util.Arrays;
import org.radiospark.kernels.fft.ParallelFor;

/**
 * The float-precision loops of {@link WGridder} with w-gridding (2-D float is {@link Float2dOps}):
 * spreading sorted visibilities onto each w-plane through per-tile buffers, interpolating back, and
 * moving between uv planes and the image. The row loops {@link #addRows} and {@link #sumRows} and
 * the tile helpers serve both.
 *
 * <p>Grid plane layout: {@code grid[2 (iv nu + iu)]} re, {@code +1} im, u fastest. Prepared
 * visibilities: {@code vis[2 s], vis[2 s + 1]} for sorted sample s of the {@link GridPlan}.
 *
 * <p>Hot loops (measured on the 2-D JMH workload, {@code GriddingBenchmark}): kernel values are
 * evaluated for batches of {@link #BATCH} samples at once ({@link EsKernel#valuesBatch}, a loop the
 * JIT vectorises), a sample's contribution to one buffer row is 2W precomputed floats times one v
 * kernel value ({@link #addRows}, unrolled for W = 4..8), and interpolation is its adjoint ({@link
 * #sumRows}).
 *
 * <p>Thread safety of the spread: each task takes a run of tiles, spreads each tile's samples into
 * its own (TILE + W)^2 buffer and adds the buffer to the shared plane row by row under a per-row
 * lock (ducc0's scheme). Interpolation only reads the plane.
 */
final class FloatGridOps {
  private FloatGridOps() {}

  /**
   * Dirty image (before normalisation) from prepared visibilities: {@code img[y nx + x] = corr *
   * Re(sum_p exp(2 pi i w_p d(x,y)) FFT+(spread_p(vis)))}.
   */
  static double[] ms2dirty(GridPlan plan, float[] vis) {
    int nx = plan.nx;
    int ny = plan.ny;
    int nThreads = plan.params.nThreads();
    double[] img = new double[nx * ny];
    float[] grid = new float[2 * plan.nu * plan.nv];
    Phasors ph = new Phasors(plan, +1);
    Object[] locks = newLocks(plan.nv);
    float[] cache = kernelCache(plan);
    double[] corr = plan.correction;
    // A new array is already zero: clear it only before the second plane with data.
    boolean used = false;
    for (int p = 0; p < plan.nPlanes; p++) {
      if (!plan.planeHasData(p)) {
        continue;
      }
      if (used) {
        Arrays.fill(grid, 0f);
      }
      used = true;
      spread(plan, p, vis, grid, locks, cache);
      // Only the ny image rows of the transform are read; only occupied columns are non-zero.
      int firstRow = Math.floorMod(-(ny / 2), plan.nv);
      plan.fft.backwardSomeRows(grid, nThreads, firstRow, ny, plan.firstCol, plan.nCols);
      ph.moveTo(p, nThreads);
      int nu = plan.nu;
      int nv = plan.nv;
      int[] col = gridColumns(nx, nu);
      ParallelFor.run(
          nThreads,
          ny,
          y -> {
            int iv = Math.floorMod(y - ny / 2, nv);
            for (int x = 0; x < nx; x++) {
              int g = 2 * (iv * nu + col[x]);
              int q = plan.quadrant(x, y);
              img[y * nx + x] += grid[g] * ph.re[q] - grid[g + 1] * ph.im[q];
            }
          });
    }
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        img[y * nx + x] *= corr[plan.quadrant(x, y)];
      }
    }
    return img;
  }

  /**
   * Adjoint of {@link #ms2dirty}: accumulated visibility per sorted sample, {@code out[2 s]} re,
   * {@code +1} im, before the per-sample phase, conjugation and weight.
   */
  static float[] dirty2ms(GridPlan plan, double[] dirty) {
    int nx = plan.nx;
    int ny = plan.ny;
    int nThreads = plan.params.nThreads();
    double[] img = new double[nx * ny];
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        img[y * nx + x] = dirty[y * nx + x] * plan.correction[plan.quadrant(x, y)];
      }
    }
    float[] out = new float[2 * plan.nActive];
    float[] grid = new float[2 * plan.nu * plan.nv];
    Phasors ph = new Phasors(plan, -1);
    float[] cache = kernelCache(plan);
    // A new array is already zero: clear it only before the second plane with data.
    boolean used = false;
    for (int p = 0; p < plan.nPlanes; p++) {
      if (!plan.planeHasData(p)) {
        continue;
      }
      if (used) {
        Arrays.fill(grid, 0f);
      }
      used = true;
      ph.moveTo(p, nThreads);
      int nu = plan.nu;
      int nv = plan.nv;
      int[] col = gridColumns(nx, nu);
      ParallelFor.run(
          nThreads,
          ny,
          y -> {
            int iv = Math.floorMod(y - ny / 2, nv);
            for (int x = 0; x < nx; x++) {
              int g = 2 * (iv * nu + col[x]);
              int i = y * nx + x;
              int q = plan.quadrant(x, y);
              grid[g] = (float) (img[i] * ph.re[q]);
              grid[g + 1] = (float) (img[i] * ph.im[q]);
            }
          });
      // Only the ny image rows of the grid are non-zero; only occupied columns are read.
      int firstRow = Math.floorMod(-(ny / 2), plan.nv);
      plan.fft.forwardSparseRows(grid, nThreads, firstRow, ny, plan.firstCol, plan.nCols);
      interpolate(plan, p, grid, out, cache);
    }
    return out;
  }

  /** Grid column of each image column x: {@code (x - nx/2) mod nu}. */
  static int[] gridColumns(int nx, int nu) {
    int[] col = new int[nx];
    for (int x = 0; x < nx; x++) {
      col[x] = Math.floorMod(x - nx / 2, nu);
    }
    return col;
  }

  static Object[] newLocks(int n) {
    Object[] locks = new Object[n];
    for (int i = 0; i < n; i++) {
      locks[i] = new Object();
    }
    return locks;
  }

  /** Memory allowed for the per-sample kernel cache of w-gridding. */
  private static final long CACHE_BYTES = 256L << 20;

  /**
   * With w-gridding every sample is visited once per plane it touches (W times) with the same u and
   * v kernel values: compute them once, {@code cache[2 W s + j]} for u and {@code + W} for v, when
   * that fits in {@link #CACHE_BYTES}; null otherwise (values are then recomputed per visit).
   */
  static float[] kernelCache(GridPlan plan) {
    int w = plan.support;
    if (!plan.wGridding || 2L * w * plan.nActive * Float.BYTES > CACHE_BYTES) {
      return null;
    }
    float[] cache = new float[2 * w * plan.nActive];
    int n = plan.nActive;
    int nThreads = plan.params.nThreads();
    int nChunks = nThreads == 1 ? 1 : 8 * nThreads;
    double halfW = 0.5 * w;
    ParallelFor.run(
        nThreads,
        nChunks,
        c -> {
          float[] ku = new float[w];
          float[] kv = new float[w];
          int a = (int) ((long) n * c / nChunks);
          int b = (int) ((long) n * (c + 1) / nChunks);
          for (int s = a; s < b; s++) {
            double gu = plan.pu[s];
            double gv = plan.pv[s];
            int i0u = (int) Math.ceil(gu - halfW);
            int i0v = (int) Math.ceil(gv - halfW);
            plan.kernel.values(2 * (i0u - gu + halfW) - 1, 2 * (i0v - gv + halfW) - 1, ku, kv);
            System.arraycopy(ku, 0, cache, 2 * w * s, w);
            System.arraycopy(kv, 0, cache, 2 * w * s + w, w);
          }
        });
    return cache;
  }

  static int chunks(int nThreads, int nTiles) {
    return nThreads == 1 ? 1 : Math.max(1, Math.min(nTiles, 16 * nThreads));
  }

  /** Spreads every sample touching {@code plane} onto the plane grid, tile by tile. */
  static void spread(
      GridPlan plan, int plane, float[] vis, float[] grid, Object[] locks, float[] cache) {
    int nThreads = plan.params.nThreads();
    int nt = plan.tiles.length;
    int nChunks = chunks(nThreads, nt);
    boolean lock = nThreads > 1;
    ParallelFor.run(
        nThreads,
        nChunks,
        c -> {
          int k0 = (int) ((long) nt * c / nChunks);
          int k1 = (int) ((long) nt * (c + 1) / nChunks);
          spreadTiles(plan, plane, vis, k0, k1, grid, locks, lock, cache);
        });
  }

  /**
   * Samples whose kernel values are evaluated together (one vectorised Horner pass per batch); the
   * JIT's vector loop needs well over 32 iterations to pay, and 256 x 2W floats stay in L1.
   */
  static final int BATCH = 256;

  /**
   * Per-thread work arrays of the tile loops: the tile buffer and a batch of kernel values, {@code
   * ku[j BATCH + k]} for cell j of batch sample k (the same for v).
   */
  private static final class Work {
    final float[] buf;
    final double[] su = new double[BATCH];
    final double[] sv = new double[BATCH];
    final double[] acc = new double[BATCH];
    final int[] i0u = new int[BATCH];
    final int[] i0v = new int[BATCH];
    final float[] ku;
    final float[] kv;
    final float[] q;

    /** The batch holds sorted samples [start, end). */
    int start;

    int end;

    Work(int w, int bw) {
      buf = new float[2 * bw * bw];
      ku = new float[w * BATCH];
      kv = new float[w * BATCH];
      q = new float[2 * w];
    }

    /**
     * Kernel values of sorted samples [s, s + n) into ku/kv, or nothing with a w-gridding cache;
     * first grid cells into i0u/i0v.
     */
    void evaluate(GridPlan plan, int s, int n, float[] cache) {
      start = s;
      end = s + n;
      double halfW = 0.5 * plan.support;
      double[] pu = plan.pu;
      double[] pv = plan.pv;
      for (int k = 0; k < n; k++) {
        double gu = pu[s + k];
        double gv = pv[s + k];
        int iu = (int) Math.ceil(gu - halfW);
        int iv = (int) Math.ceil(gv - halfW);
        i0u[k] = iu;
        i0v[k] = iv;
        su[k] = 2 * (iu - gu + halfW) - 1;
        sv[k] = 2 * (iv - gv + halfW) - 1;
      }
      if (cache == null) {
        plan.kernel.valuesBatch(su, n, acc, ku, BATCH);
        plan.kernel.valuesBatch(sv, n, acc, kv, BATCH);
      }
    }
  }

  private static void spreadTiles(
      GridPlan plan,
      int plane,
      float[] vis,
      int k0,
      int k1,
      float[] grid,
      Object[] locks,
      boolean lock,
      float[] cache) {
    EsKernel kernel = plan.kernel;
    int w = plan.support;
    int w2 = 2 * w;
    double halfW = 0.5 * w;
    int tile = GridPlan.TILE;
    int bw = tile + w;
    Work work = new Work(w, bw);
    float[] buf = work.buf;
    float[] q = work.q;
    boolean wg = plan.wGridding;
    for (int k = k0; k < k1; k++) {
      int from = plan.tileBegin[k];
      int to = plan.tileBegin[k + 1];
      // Within a tile the samples are sorted by first plane: those touching this plane are a run.
      int s0 = wg ? plan.lowerBound(from, to, plane - w + 1) : from;
      int s1 = wg ? plan.lowerBound(s0, to, plane + 1) : to;
      if (s0 == s1) {
        continue;
      }
      int ou = (plan.tiles[k] % plan.ntu) * tile - w;
      int ov = (plan.tiles[k] / plan.ntu) * tile - w;
      Arrays.fill(buf, 0f);
      // Without w the samples of consecutive tiles are contiguous: batches run across tiles.
      int limit = wg ? s1 : plan.tileBegin[k1];
      for (int s = s0; s < s1; s++) {
        if (s >= work.end || s < work.start) {
          work.evaluate(plan, s, Math.min(BATCH, limit - s), cache);
        }
        int j = s - work.start;
        float[] kuA = work.ku;
        float[] kvA = work.kv;
        int kuO = j;
        int kvO = j;
        int stride = BATCH;
        if (cache != null) {
          kuA = cache;
          kvA = cache;
          kuO = w2 * s;
          kvO = kuO + w;
          stride = 1;
        }
        float vr = vis[2 * s];
        float vi = vis[2 * s + 1];
        if (wg) {
          int p0 = plan.firstPlane[s];
          float f = (float) kernel.value(plane - p0, 2 * (p0 - plan.pw[s] + halfW) - 1);
          vr *= f;
          vi *= f;
        }
        // The sample's contribution to one buffer row, as 2W interleaved floats: each row then
        // takes one multiply-add per float ({@link #addRows}).
        for (int b = 0; b < w; b++) {
          float kb = kuA[kuO + b * stride];
          q[2 * b] = vr * kb;
          q[2 * b + 1] = vi * kb;
        }
        int base = 2 * ((work.i0v[j] - ov) * bw + work.i0u[j] - ou);
        addRows(buf, base, 2 * bw, w, kvA, kvO, stride, q);
      }
      flush(plan, buf, bw, ou, ov, grid, locks, lock);
    }
  }

  /** Supports with unrolled row loops ({@link #addRows}, {@link #sumRows}); others use a loop. */
  static final int UNROLLED_MIN = 4;

  static final int UNROLLED_MAX = 8;

  /**
   * {@code buf[o + a rs + t] += kv[kvO + a stride] q[t]} for rows {@code a < W} and {@code t < 2W}:
   * one sample's contribution to the tile buffer. Fully unrolled for W = 4..8 with the 2W values of
   * q in registers; the JIT does not vectorise a 2W-trip loop and the unrolled form measured twice
   * as fast (Zen, JDK 17).
   */
  static void addRows(
      float[] buf, int o, int rs, int w, float[] kv, int kvO, int stride, float[] q) {
    switch (w) {
      case 4 -> addRows4(buf, o, rs, kv, kvO, stride, q);
      case 5 -> addRows5(buf, o, rs, kv, kvO, stride, q);
      case 6 -> addRows6(buf, o, rs, kv, kvO, stride, q);
      case 7 -> addRows7(buf, o, rs, kv, kvO, stride, q);
      case 8 -> addRows8(buf, o, rs, kv, kvO, stride, q);
      default -> {
        int w2 = 2 * w;
        for (int a = 0; a < w; a++, o += rs) {
          float ka = kv[kvO + a * stride];
          for (int t = 0; t < w2; t++) {
            buf[o + t] += ka * q[t];
          }
        }
      }
    }
  }

  /**
   * {@code q[t] = sum_a kv[kvO + a stride] buf[o + a rs + t]} for {@code t < 2W}: the adjoint of
   * {@link #addRows}, unrolled the same way.
   */
  static void sumRows(
      float[] buf, int o, int rs, int w, float[] kv, int kvO, int stride, float[] q) {
    switch (w) {
      case 4 -> sumRows4(buf, o, rs, kv, kvO, stride, q);
      case 5 -> sumRows5(buf, o, rs, kv, kvO, stride, q);
      case 6 -> sumRows6(buf, o, rs, kv, kvO, stride, q);
      case 7 -> sumRows7(buf, o, rs, kv, kvO, stride, q);
      case 8 -> sumRows8(buf, o, rs, kv, kvO, stride, q);
      default -> {
        int w2 = 2 * w;
        Arrays.fill(q, 0, w2, 0f);
        for (int a = 0; a < w; a++, o += rs) {
          float ka = kv[kvO + a * stride];
          for (int t = 0; t < w2; t++) {
            q[t] += ka * buf[o + t];
          }
        }
      }
    }
  }

  private static void addRows4(
      float[] buf, int o, int rs, float[] kv, int kvO, int stride, float[] q) {
    float q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4], q5 = q[5], q6 = q[6], q7 = q[7];
    for (int a = 0; a < 4; a++, o += rs) {
      float ka = kv[kvO + a * stride];
      buf[o + 0] += ka * q0;
      buf[o + 1] += ka * q1;
      buf[o + 2] += ka * q2;
      buf[o + 3] += ka * q3;
      buf[o + 4] += ka * q4;
      buf[o + 5] += ka * q5;
      buf[o + 6] += ka * q6;
      buf[o + 7] += ka * q7;
    }
  }

  private static void sumRows4(
      float[] buf, int o, int rs, float[] kv, int kvO, int stride, float[] q) {
    float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
    for (int a = 0; a < 4; a++, o += rs) {
      float ka = kv[kvO + a * stride];
      s0 += ka * buf[o + 0];
      s1 += ka * buf[o + 1];
      s2 += ka * buf[o + 2];
      s3 += ka * buf[o + 3];
      s4 += ka * buf[o + 4];
      s5 += ka * buf[o + 5];
      s6 += ka * buf[o + 6];
      s7 += ka * buf[o + 7];
    }
    q[0] = s0;
    q[1] = s1;
    q[2] = s2;
    q[3] = s3;
    q[4] = s4;
    q[5] = s5;
    q[6] = s6;
    q[7] = s7;
  }

  private static void addRows5(
      float[] buf, int o, int rs, float[] kv, int kvO, int stride, float[] q) {
    float q0 = q[0],
        q1 = q[1],
        q2 = q[2],
        q3 = q[3],
        q4 = q[4],
        q5 = q[5],
        q6 = q[6],
        q7 = q[7],
        q8 = q[8],
        q9 = q[9];
    for (int a = 0; a < 5; a++, o += rs) {
      float ka = kv[kvO + a * stride];
      buf[o + 0] += ka * q0;
      buf[o + 1] += ka * q1;
      buf[o + 2] += ka * q2;
      buf[o + 3] += ka * q3;
      buf[o + 4] += ka * q4;
      buf[o + 5] += ka * q5;
      buf[o + 6] += ka * q6;
      buf[o + 7] += ka * q7;
      buf[o + 8] += ka * q8;
      buf[o + 9] += ka * q9;
    }
  }

  private static void sumRows5(
      float[] buf, int o, int rs, float[] kv, int kvO, int stride, float[] q) {
    float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f, s8 = 0f, s9 = 0f;
    for (int a = 0; a < 5; a++, o += rs) {
      float ka = kv[kvO + a * stride];
      s0 += ka * buf[o + 0];
      s1 += ka * buf[o + 1];
      s2 += ka * buf[o + 2];
      s3 += ka * buf[o + 3];
      s4 += ka * buf[o + 4];
      s5 += ka * buf[o + 5];
      s6 += ka * buf[o + 6];
      s7 += ka * buf[o + 7];
      s8 += ka * buf[o + 8];
      s9 += ka * buf[o + 9];
    }
    q[0] = s0;
    q[1] = s1;
    q[2] = s2;
    q[3] = s3;
    q[4] = s4;
    q[5] = s5;
    q[6] = s6;
    q[7] = s7;
    q[8] = s8;
    q[9] = s9;
  }

  private static void addRows6(
      float[] buf, int o, int rs, float[] kv, int kvO, int stride, float[] q) {
    float q0 = q[0],
        q1 = q[1],
        q2 = q[2],
        q3 = q[3],
        q4 = q[4],
        q5 = q[5],
        q6 = q[6],
        q7 = q[7],
        q8 = q[8],
        q9 = q[9],
        q10 = q[10],
        q11 = q[11];
    for (int a = 0; a < 6; a++, o += rs) {
      float ka = kv[kvO + a * stride];
      buf[o + 0] += ka * q0;
      buf[o + 1] += ka * q1;
      buf[o + 2] += ka * q2;
      buf[o + 3] += ka * q3;
      buf[o + 4] += ka * q4;
      buf[o + 5] += ka * q5;
      buf[o + 6] += ka * q6;
      buf[o + 7] += ka * q7;
      buf[o + 8] += ka * q8;
      buf[o + 9] += ka * q9;
      buf[o + 10] += ka * q10;
      buf[o + 11] += ka * q11;
    }
  }

  private static void sumRows6(
      float[] buf, int o, int rs, float[] kv, int kvO, int stride, float[] q) {
    float s0 = 0f,
        s1 = 0f,
        s2 = 0f,
        s3 = 0f,
        s4 = 0f,
        s5 = 0f,
        s6 = 0f,
        s7 = 0f,
        s8 = 0f,
        s9 = 0f,
        s10 = 0f,
        s11 = 0f;
    for (int a = 0; a < 6; a++, o += rs) {
      float ka = kv[kvO + a * stride];
      s0 += ka * buf[o + 0];
      s1 += ka * buf[o + 1];
      s2 += ka * buf[o + 2];
      s3 += ka * buf[o + 3];
      s4 += ka * buf[o + 4];
      s5 += ka * buf[o + 5];
      s6 += ka * buf[o + 6];
      s7 += ka * buf[o + 7];
      s8 += ka * buf[o + 8];
      s9 += ka * buf[o + 9];
      s10 += ka * buf[o + 10];
      s11 += ka * buf[o + 11];
    }
    q[0] = s0;
    q[1] = s1;
    q[2] = s2;
    q[3] = s3;
    q[4] = s4;
    q[5] = s5;
    q[6] = s6;
    q[7] = s7;
    q[8] = s8;
    q[9] = s9;
    q[10] = s10;
    q[11] = s11;
  }

  private static void addRows7(
      float[] buf, int o, int rs, float[] kv, int kvO, int stride, float[] q) {
    float q0 = q[0],
        q1 = q[1],
        q2 = q[2],
        q3 = q[3],
        q4 = q[4],
        q5 = q[5],
        q6 = q[6],
        q7 = q[7],
        q8 = q[8],
        q9 = q[9],
        q10 = q[10],
        q11 = q[11],
        q12 = q[12],
        q13 = q[13];
    for (int a = 0; a < 7; a++, o += rs) {
      float ka = kv[kvO + a * stride];
      buf[o + 0] += ka * q0;
      buf[o + 1] += ka * q1;
      buf[o + 2] += ka * q2;
      buf[o + 3] += ka * q3;
      buf[o + 4] += ka * q4;
      buf[o + 5] += ka * q5;
      buf[o + 6] += ka * q6;
      buf[o + 7] += ka * q7;
      buf[o + 8] += ka * q8;
      buf[o + 9] += ka * q9;
      buf[o + 10] += ka * q10;
      buf[o + 11] += ka * q11;
      buf[o + 12] += ka * q12;
      buf[o + 13] += ka * q13;
    }
  }

  private static void sumRows7(
      float[] buf, int o, int rs, float[] kv, int kvO, int stride, float[] q) {
    float s0 = 0f,
        s1 = 0f,
        s2 = 0f,
        s3 = 0f,
        s4 = 0f,
        s5 = 0f,
        s6 = 0f,
        s7 = 0f,
        s8 = 0f,
        s9 = 0f,
        s10 = 0f,
        s11 = 0f,
        s12 = 0f,
        s13 = 0f;
    for (int a = 0; a < 7; a++, o += rs) {
      float ka = kv[kvO + a * stride];
      s0 += ka * buf[o + 0];
      s1 += ka * buf[o + 1];
      s2 += ka * buf[o + 2];
      s3 += ka * buf[o + 3];
      s4 += ka * buf[o + 4];
      s5 += ka * buf[o + 5];
      s6 += ka * buf[o + 6];
      s7 += ka * buf[o + 7];
      s8 += ka * buf[o + 8];
      s9 += ka * buf[o + 9];
      s10 += ka * buf[o + 10];
      s11 += ka * buf[o + 11];
      s12 += ka * buf[o + 12];
      s13 += ka * buf[o + 13];
    }
    q[0] = s0;
    q[1] = s1;
    q[2] = s2;
    q[3] = s3;
    q[4] = s4;
    q[5] = s5;
    q[6] = s6;
    q[7] = s7;
    q[8] = s8;
    q[9] = s9;
    q[10] = s10;
    q[11] = s11;
    q[12] = s12;
    q[13] = s13;
  }

  private static void addRows8(
      float[] buf, int o, int rs, float[] kv, int kvO, int stride, float[] q) {
    float q0 = q[0],
        q1 = q[1],
        q2 = q[2],
        q3 = q[3],
        q4 = q[4],
        q5 = q[5],
        q6 = q[6],
        q7 = q[7],
        q8 = q[8],
        q9 = q[9],
        q10 = q[10],
        q11 = q[11],
        q12 = q[12],
        q13 = q[13],
        q14 = q[14],
        q15 = q[15];
    for (int a = 0; a < 8; a++, o += rs) {
      float ka = kv[kvO + a * stride];
      buf[o + 0] += ka * q0;
      buf[o + 1] += ka * q1;
      buf[o + 2] += ka * q2;
      buf[o + 3] += ka * q3;
      buf[o + 4] += ka * q4;
      buf[o + 5] += ka * q5;
      buf[o + 6] += ka * q6;
      buf[o + 7] += ka * q7;
      buf[o + 8] += ka * q8;
      buf[o + 9] += ka * q9;
      buf[o + 10] += ka * q10;
      buf[o + 11] += ka * q11;
      buf[o + 12] += ka * q12;
      buf[o + 13] += ka * q13;
      buf[o + 14] += ka * q14;
      buf[o + 15] += ka * q15;
    }
  }

  private static void sumRows8(
      float[] buf, int o, int rs, float[] kv, int kvO, int stride, float[] q) {
    float s0 = 0f,
        s1 = 0f,
        s2 = 0f,
        s3 = 0f,
        s4 = 0f,
        s5 = 0f,
        s6 = 0f,
        s7 = 0f,
        s8 = 0f,
        s9 = 0f,
        s10 = 0f,
        s11 = 0f,
        s12 = 0f,
        s13 = 0f,
        s14 = 0f,
        s15 = 0f;
    for (int a = 0; a < 8; a++, o += rs) {
      float ka = kv[kvO + a * stride];
      s0 += ka * buf[o + 0];
      s1 += ka * buf[o + 1];
      s2 += ka * buf[o + 2];
      s3 += ka * buf[o + 3];
      s4 += ka * buf[o + 4];
      s5 += ka * buf[o + 5];
      s6 += ka * buf[o + 6];
      s7 += ka * buf[o + 7];
      s8 += ka * buf[o + 8];
      s9 += ka * buf[o + 9];
      s10 += ka * buf[o + 10];
      s11 += ka * buf[o + 11];
      s12 += ka * buf[o + 12];
      s13 += ka * buf[o + 13];
      s14 += ka * buf[o + 14];
      s15 += ka * buf[o + 15];
    }
    q[0] = s0;
    q[1] = s1;
    q[2] = s2;
    q[3] = s3;
    q[4] = s4;
    q[5] = s5;
    q[6] = s6;
    q[7] = s7;
    q[8] = s8;
    q[9] = s9;
    q[10] = s10;
    q[11] = s11;
    q[12] = s12;
    q[13] = s13;
    q[14] = s14;
    q[15] = s15;
  }

  /** Adds a bw x bw buffer with origin (ou, ov) into the periodic grid. */
  static void flush(
      GridPlan plan,
      float[] buf,
      int bw,
      int ou,
      int ov,
      float[] grid,
      Object[] locks,
      boolean lock) {
    int nu = plan.nu;
    int nv = plan.nv;
    int u0 = Math.floorMod(ou, nu);
    // The buffer row wraps at most once because bw <= nu.
    int first = Math.min(bw, nu - u0);
    for (int a = 0; a < bw; a++) {
      int gv = Math.floorMod(ov + a, nv);
      int src = 2 * a * bw;
      int dst = 2 * gv * nu;
      if (lock) {
        synchronized (locks[gv]) {
          addRow(buf, src, grid, dst, u0, first, bw);
        }
      } else {
        addRow(buf, src, grid, dst, u0, first, bw);
      }
    }
  }

  private static void addRow(
      float[] buf, int src, float[] grid, int dst, int u0, int first, int bw) {
    int d = dst + 2 * u0;
    for (int b = 0; b < 2 * first; b++) {
      grid[d + b] += buf[src + b];
    }
    for (int b = 2 * first; b < 2 * bw; b++) {
      grid[dst + b - 2 * first] += buf[src + b];
    }
  }

  /** Adds, for every sample touching {@code plane}, its interpolated plane value to out. */
  static void interpolate(GridPlan plan, int plane, float[] grid, float[] out, float[] cache) {
    int nThreads = plan.params.nThreads();
    int nt = plan.tiles.length;
    int nChunks = chunks(nThreads, nt);
    ParallelFor.run(
        nThreads,
        nChunks,
        c -> {
          int k0 = (int) ((long) nt * c / nChunks);
          int k1 = (int) ((long) nt * (c + 1) / nChunks);
          interpolateTiles(plan, plane, grid, k0, k1, out, cache);
        });
  }

  private static void interpolateTiles(
      GridPlan plan, int plane, float[] grid, int k0, int k1, float[] out, float[] cache) {
    EsKernel kernel = plan.kernel;
    int w = plan.support;
    int w2 = 2 * w;
    double halfW = 0.5 * w;
    int tile = GridPlan.TILE;
    int bw = tile + w;
    Work work = new Work(w, bw);
    float[] buf = work.buf;
    float[] q = work.q;
    boolean wg = plan.wGridding;
    for (int k = k0; k < k1; k++) {
      int from = plan.tileBegin[k];
      int to = plan.tileBegin[k + 1];
      int s0 = wg ? plan.lowerBound(from, to, plane - w + 1) : from;
      int s1 = wg ? plan.lowerBound(s0, to, plane + 1) : to;
      if (s0 == s1) {
        continue;
      }
      int ou = (plan.tiles[k] % plan.ntu) * tile - w;
      int ov = (plan.tiles[k] / plan.ntu) * tile - w;
      load(plan, buf, bw, ou, ov, grid);
      // Without w the samples of consecutive tiles are contiguous: batches run across tiles.
      int limit = wg ? s1 : plan.tileBegin[k1];
      for (int s = s0; s < s1; s++) {
        if (s >= work.end || s < work.start) {
          work.evaluate(plan, s, Math.min(BATCH, limit - s), cache);
        }
        int j = s - work.start;
        float[] kuA = work.ku;
        float[] kvA = work.kv;
        int kuO = j;
        int kvO = j;
        int stride = BATCH;
        if (cache != null) {
          kuA = cache;
          kvA = cache;
          kuO = w2 * s;
          kvO = kuO + w;
          stride = 1;
        }
        // Sum the W rows weighted by the v kernel first (2W interleaved partial sums), then
        // weight the columns by the u kernel once: the adjoint of the spreading order.
        int base = 2 * ((work.i0v[j] - ov) * bw + work.i0u[j] - ou);
        sumRows(buf, base, 2 * bw, w, kvA, kvO, stride, q);
        float sr = 0f;
        float si = 0f;
        for (int b = 0; b < w; b++) {
          float kb = kuA[kuO + b * stride];
          sr += q[2 * b] * kb;
          si += q[2 * b + 1] * kb;
        }
        if (wg) {
          int p0 = plan.firstPlane[s];
          float f = (float) kernel.value(plane - p0, 2 * (p0 - plan.pw[s] + halfW) - 1);
          sr *= f;
          si *= f;
        }
        out[2 * s] += sr;
        out[2 * s + 1] += si;
      }
    }
  }

  /** Copies the bw x bw window with origin (ou, ov) of the periodic grid into buf. */
  static void load(GridPlan plan, float[] buf, int bw, int ou, int ov, float[] grid) {
    int nu = plan.nu;
    int nv = plan.nv;
    int u0 = Math.floorMod(ou, nu);
    int first = Math.min(bw, nu - u0);
    for (int a = 0; a < bw; a++) {
      int gv = Math.floorMod(ov + a, nv);
      int dst = 2 * a * bw;
      int src = 2 * gv * nu;
      System.arraycopy(grid, src + 2 * u0, buf, dst, 2 * first);
      if (first < bw) {
        System.arraycopy(grid, src, buf, dst + 2 * first, 2 * (bw - first));
      }
    }
  }
}
