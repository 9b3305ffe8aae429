package org.radiospark.kernels.gridding;

import java.util.Arrays;
import org.radiospark.kernels.fft.ParallelFor;

/**
 * The double-precision loops of {@link WGridder}: spreading sorted visibilities onto a uv plane
 * through per-tile buffers, interpolating back, and moving between uv planes and the image.
 *
 * <p>Grid plane layout: {@code grid[2 (iv nu + iu)]} re, {@code +1} im, u fastest. Prepared
 * visibilities: {@code vis[2 s], vis[2 s + 1]} for sorted sample s of the {@link GridPlan}.
 *
 * <p>Thread safety of the spread: each task takes a run of tiles, spreads each tile's samples into
 * its own (TILE + W)^2 buffer and adds the buffer to the shared plane row by row under a per-row
 * lock (ducc0's scheme). Interpolation only reads the plane.
 */
final class DoubleGridOps {
  private DoubleGridOps() {}

  /**
   * Dirty image (before normalisation) from prepared visibilities: {@code img[y nx + x] = corr *
   * Re(sum_p exp(2 pi i w_p d(x,y)) FFT+(spread_p(vis)))}.
   */
  static double[] ms2dirty(GridPlan plan, double[] vis) {
    int nx = plan.nx;
    int ny = plan.ny;
    int nThreads = plan.params.nThreads();
    double[] img = new double[nx * ny];
    double[] grid = new double[2 * plan.nu * plan.nv];
    Phasors ph = plan.wGridding ? new Phasors(plan, +1) : null;
    Object[] locks = newLocks(plan.nv);
    double[] cache = kernelCache(plan);
    for (int p = 0; p < plan.nPlanes; p++) {
      if (!plan.planeHasData(p)) {
        continue;
      }
      Arrays.fill(grid, 0.0);
      spread(plan, p, vis, grid, locks, cache);
      // Only the ny image rows of the transform are read; only occupied columns are non-zero.
      plan.fft.backwardSomeRows(
          grid, nThreads, Math.floorMod(-(ny / 2), plan.nv), ny, plan.firstCol, plan.nCols);
      if (ph != null) {
        ph.moveTo(p, nThreads);
      }
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
              if (ph == null) {
                img[i] += grid[g];
              } else {
                int q = plan.quadrant(x, y);
                img[i] += grid[g] * ph.re[q] - grid[g + 1] * ph.im[q];
              }
            }
          });
    }
    double[] corr = plan.correction;
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
  static double[] dirty2ms(GridPlan plan, double[] dirty) {
    int nx = plan.nx;
    int ny = plan.ny;
    int nThreads = plan.params.nThreads();
    double[] img = new double[nx * ny];
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        img[y * nx + x] = dirty[y * nx + x] * plan.correction[plan.quadrant(x, y)];
      }
    }
    double[] out = new double[2 * plan.nActive];
    double[] grid = new double[2 * plan.nu * plan.nv];
    Phasors ph = plan.wGridding ? new Phasors(plan, -1) : null;
    double[] cache = kernelCache(plan);
    for (int p = 0; p < plan.nPlanes; p++) {
      if (!plan.planeHasData(p)) {
        continue;
      }
      Arrays.fill(grid, 0.0);
      if (ph != null) {
        ph.moveTo(p, nThreads);
      }
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
              if (ph == null) {
                grid[g] = (double) img[i];
              } else {
                int q = plan.quadrant(x, y);
                grid[g] = (double) (img[i] * ph.re[q]);
                grid[g + 1] = (double) (img[i] * ph.im[q]);
              }
            }
          });
      // Only the ny image rows of the grid are non-zero; only occupied columns are read.
      plan.fft.forwardSparseRows(
          grid, nThreads, Math.floorMod(-(ny / 2), plan.nv), ny, plan.firstCol, plan.nCols);
      interpolate(plan, p, grid, out, cache);
    }
    return out;
  }

  /** Grid column of each image column x: {@code (x - nx/2) mod nu}. */
  private static int[] gridColumns(int nx, int nu) {
    int[] col = new int[nx];
    for (int x = 0; x < nx; x++) {
      col[x] = Math.floorMod(x - nx / 2, nu);
    }
    return col;
  }

  private static Object[] newLocks(int n) {
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
  static double[] kernelCache(GridPlan plan) {
    int w = plan.support;
    if (!plan.wGridding || 2L * w * plan.nActive * Double.BYTES > CACHE_BYTES) {
      return null;
    }
    double[] cache = new double[2 * w * plan.nActive];
    int n = plan.nActive;
    int nThreads = plan.params.nThreads();
    int nChunks = nThreads == 1 ? 1 : 8 * nThreads;
    double halfW = 0.5 * w;
    ParallelFor.run(
        nThreads,
        nChunks,
        c -> {
          double[] ku = new double[w];
          double[] kv = new double[w];
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

  private static int chunks(int nThreads, int nTiles) {
    return nThreads == 1 ? 1 : Math.max(1, Math.min(nTiles, 16 * nThreads));
  }

  /** Spreads every sample touching {@code plane} onto the plane grid, tile by tile. */
  static void spread(
      GridPlan plan, int plane, double[] vis, double[] grid, Object[] locks, double[] cache) {
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

  private static void spreadTiles(
      GridPlan plan,
      int plane,
      double[] vis,
      int k0,
      int k1,
      double[] grid,
      Object[] locks,
      boolean lock,
      double[] cache) {
    EsKernel kernel = plan.kernel;
    int w = plan.support;
    double halfW = 0.5 * w;
    int tile = GridPlan.TILE;
    int bw = tile + w;
    double[] buf = new double[2 * bw * bw];
    double[] ku = new double[w];
    double[] kv = new double[w];
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
      Arrays.fill(buf, 0.0);
      for (int s = s0; s < s1; s++) {
        double gu = plan.pu[s];
        double gv = plan.pv[s];
        int i0u = (int) Math.ceil(gu - halfW);
        int i0v = (int) Math.ceil(gv - halfW);
        double[] kuA = ku;
        double[] kvA = kv;
        int kuO = 0;
        int kvO = 0;
        if (cache == null) {
          kernel.values(2 * (i0u - gu + halfW) - 1, 2 * (i0v - gv + halfW) - 1, ku, kv);
        } else {
          kuA = cache;
          kvA = cache;
          kuO = 2 * w * s;
          kvO = kuO + w;
        }
        double vr = vis[2 * s];
        double vi = vis[2 * s + 1];
        if (wg) {
          int p0 = plan.firstPlane[s];
          double f = (double) kernel.value(plane - p0, 2 * (p0 - plan.pw[s] + halfW) - 1);
          vr *= f;
          vi *= f;
        }
        int bu0 = i0u - ou;
        int bv0 = i0v - ov;
        for (int a = 0; a < w; a++) {
          double tr = vr * kvA[kvO + a];
          double ti = vi * kvA[kvO + a];
          int base = 2 * ((bv0 + a) * bw + bu0);
          for (int b = 0; b < w; b++) {
            double kb = kuA[kuO + b];
            buf[base + 2 * b] += tr * kb;
            buf[base + 2 * b + 1] += ti * kb;
          }
        }
      }
      flush(plan, buf, bw, ou, ov, grid, locks, lock);
    }
  }

  /** Adds a bw x bw buffer with origin (ou, ov) into the periodic grid. */
  private static void flush(
      GridPlan plan,
      double[] buf,
      int bw,
      int ou,
      int ov,
      double[] grid,
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
      double[] buf, int src, double[] grid, int dst, int u0, int first, int bw) {
    int d = dst + 2 * u0;
    for (int b = 0; b < 2 * first; b++) {
      grid[d + b] += buf[src + b];
    }
    for (int b = 2 * first; b < 2 * bw; b++) {
      grid[dst + b - 2 * first] += buf[src + b];
    }
  }

  /** Adds, for every sample touching {@code plane}, its interpolated plane value to out. */
  static void interpolate(GridPlan plan, int plane, double[] grid, double[] out, double[] cache) {
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
      GridPlan plan, int plane, double[] grid, int k0, int k1, double[] out, double[] cache) {
    EsKernel kernel = plan.kernel;
    int w = plan.support;
    double halfW = 0.5 * w;
    int tile = GridPlan.TILE;
    int bw = tile + w;
    double[] buf = new double[2 * bw * bw];
    double[] ku = new double[w];
    double[] kv = new double[w];
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
      for (int s = s0; s < s1; s++) {
        double gu = plan.pu[s];
        double gv = plan.pv[s];
        int i0u = (int) Math.ceil(gu - halfW);
        int i0v = (int) Math.ceil(gv - halfW);
        double[] kuA = ku;
        double[] kvA = kv;
        int kuO = 0;
        int kvO = 0;
        if (cache == null) {
          kernel.values(2 * (i0u - gu + halfW) - 1, 2 * (i0v - gv + halfW) - 1, ku, kv);
        } else {
          kuA = cache;
          kvA = cache;
          kuO = 2 * w * s;
          kvO = kuO + w;
        }
        int bu0 = i0u - ou;
        int bv0 = i0v - ov;
        double sr = 0.0;
        double si = 0.0;
        for (int a = 0; a < w; a++) {
          int base = 2 * ((bv0 + a) * bw + bu0);
          double rr = 0.0;
          double ri = 0.0;
          for (int b = 0; b < w; b++) {
            double kb = kuA[kuO + b];
            rr += buf[base + 2 * b] * kb;
            ri += buf[base + 2 * b + 1] * kb;
          }
          sr += rr * kvA[kvO + a];
          si += ri * kvA[kvO + a];
        }
        if (wg) {
          int p0 = plan.firstPlane[s];
          double f = (double) kernel.value(plane - p0, 2 * (p0 - plan.pw[s] + halfW) - 1);
          sr *= f;
          si *= f;
        }
        out[2 * s] += sr;
        out[2 * s + 1] += si;
      }
    }
  }

  /** Copies the bw x bw window with origin (ou, ov) of the periodic grid into buf. */
  private static void load(GridPlan plan, double[] buf, int bw, int ou, int ov, double[] grid) {
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
