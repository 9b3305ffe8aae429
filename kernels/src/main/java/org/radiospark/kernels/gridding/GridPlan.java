package org.radiospark.kernels.gridding;

import java.util.List;
import org.radiospark.kernels.fft.Fft2D;
import org.radiospark.kernels.fft.ParallelFor;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Everything about one gridding call that does not depend on the visibility values: the kernel and
 * grid sizes, the w-planes, the active samples sorted by (uv tile, first w-plane) with their grid
 * coordinates, and the image-plane correction. Built once per call by {@link WGridder}; the
 * precision-specific loops live in {@link DoubleGridOps} and {@link FloatGridOps}.
 *
 * <p>Conventions (see {@link WGridder}): a sample with {@code w < 0} is flipped to {@code (-u, -v,
 * -w)} with its value conjugated, which is exact for a real image and halves the w range (ducc0's
 * trick). Grid coordinate along u is {@code pu = frac(-u dx) nu}, along v {@code pv = frac(v dy)
 * nv}, so that a backward (+i) FFT puts image pixel {@code x} at frequency index {@code x - nx/2}.
 * Along w, {@code pw = (w - w0) / dw} in plane units.
 *
 * <p>Memory: about 45 bytes per active sample with w-gridding (24 without: no w, flip or plane
 * arrays, and a direct counting sort by tile; 14 in 2-D float, plus 4 for sorted weights), plus one
 * grid plane, six doubles per quadrant cell (a quarter of the pixels), and with w-gridding at most
 * 256 MB of cached u/v kernel values.
 */
final class GridPlan {
  /**
   * Tile edge in grid cells: visibilities are bucketed by tile and spread through a local buffer.
   */
  static final int TILE = 16;

  final GridderParams params;
  final EsKernel kernel;
  final int support;
  final double sigma;
  final int nu;
  final int nv;
  final int nx;
  final int ny;
  final int nRows;
  final int nChan;
  final boolean wGridding;
  final int nPlanes;
  final double w0;
  final double dw;
  final double nShift;

  /** Active samples in sorted order. */
  final int nActive;

  // Per sorted sample: index into the caller's arrays, grid coordinates u, v (cells) and, with
  // w-gridding only (null otherwise), w (planes), flip flag and first plane.

  final int[] sampleIndex;
  final double[] pu;
  final double[] pv;
  final double[] pw;
  final boolean[] flipped;

  /** Number of samples whose first w-plane is p, as a prefix sum: count = planeStart[p+1] - [p]. */
  final int[] planeStart;

  /** First w-plane of each sorted sample (0 without w-gridding). */
  final int[] firstPlane;

  /** Tiles holding samples, as tile ids {@code tv * ntu + tu}, in sorted order. */
  final int[] tiles;

  /** Samples of tile {@code tiles[k]} occupy [tileBegin[k], tileBegin[k+1]), sorted by plane. */
  final int[] tileBegin;

  /** Number of tiles along u. */
  final int ntu;

  /** The grid columns (u) any sample touches lie in [firstCol, firstCol + nCols) cyclically. */
  final int firstCol;

  final int nCols;

  /**
   * Correction 1/(psi_u psi_v) and, with w, 1/psi_w, per quadrant cell {@code q = |y - ny/2| qx +
   * |x - nx/2|} (every factor depends on those two distances only, which saves 3/4 of the memory
   * and of the per-plane phase work).
   */
  final double[] correction;

  /** Width of a quadrant row: {@code nx/2 + 1}. */
  final int qx;

  /** (n - 1 - nShift) per quadrant cell, only with w-gridding. */
  final double[] nm1Shifted;

  final Fft2D fft;

  /**
   * True for 2-D float plans ({@link Float2dOps}), which sort runs of channels instead of samples
   * (ducc0's scheme): a run is up to {@link #MAX_RUN} consecutive active channels of one row that
   * fall in the same uv tile, so the sort moves a fraction of the samples, and a second pass in
   * sorted order writes each sample's compact spreading data ({@link #sortedIndex}, {@link
   * #kernelU}, {@link #kernelV}, {@link #cellOffset}) sequentially, reading a row's u, v once per
   * run. {@link #sampleIndex}, {@link #pu} and {@link #pv} are then null.
   */
  final boolean onTheFly;

  /** Longest run of channels sorted as one unit. */
  static final int MAX_RUN = 64;

  /** Per sorted sample (only when {@link #onTheFly}): index {@code r nChan + c} of the sample. */
  final int[] sortedIndex;

  /**
   * Per sorted sample: the kernel offsets s in [-1, 1] along u and v ({@link EsKernel#values}),
   * stored in float (an error of 2^-24 of a cell, far below a float grid's).
   */
  final float[] kernelU;

  final float[] kernelV;

  /**
   * Per sorted sample: {@code 2 ((i0v - ov) (TILE + W) + i0u - ou)}, the float offset of its first
   * cell in its tile's buffer of origin {@code (ou, ov) = 16 (tu, tv) - W}.
   */
  final char[] cellOffset;

  /**
   * Per sorted sample: its float weight, when {@link #onTheFly} and float weights were given, else
   * null (all 1, or double weights the caller applies).
   */
  final float[] sortedWeight;

  private GridPlan(Builder b) {
    this.params = b.params;
    this.kernel = b.kernel;
    this.support = b.kernel.support();
    this.sigma = b.sigma;
    this.nu = b.nu;
    this.nv = b.nv;
    this.nx = params.nx();
    this.ny = params.ny();
    this.nRows = b.nRows;
    this.nChan = b.nChan;
    this.wGridding = params.wGridding();
    this.nPlanes = b.nPlanes;
    this.w0 = b.w0;
    this.dw = b.dw;
    this.nShift = b.nShift;
    this.nActive = b.nActive;
    this.sampleIndex = b.sampleIndex;
    this.pu = b.pu;
    this.pv = b.pv;
    this.pw = b.pw;
    this.flipped = b.flipped;
    this.planeStart = b.planeStart;
    this.firstPlane = b.firstPlane;
    this.tiles = b.tiles;
    this.tileBegin = b.tileBegin;
    this.ntu = b.ntu;
    this.firstCol = b.firstCol;
    this.nCols = b.nCols;
    this.correction = b.correction;
    this.qx = params.nx() / 2 + 1;
    this.nm1Shifted = b.nm1Shifted;
    this.fft = Fft2D.of(nv, nu);
    this.onTheFly = b.onTheFly;
    this.sortedWeight = b.sortedWeight;
    this.sortedIndex = b.sortedIndex;
    this.kernelU = b.kernelU;
    this.kernelV = b.kernelV;
    this.cellOffset = b.cellOffset;
  }

  /** Quadrant cell of pixel (x, y); see {@link #correction}. */
  int quadrant(int x, int y) {
    return Math.abs(y - ny / 2) * qx + Math.abs(x - nx / 2);
  }

  /** w in wavelengths of sorted sample s after flipping (so w &gt;= 0 with w-gridding). */
  double wOf(int s) {
    return w0 + pw[s] * dw;
  }

  /** Whether any sample touches plane p. */
  boolean planeHasData(int p) {
    return planeStart[p + 1] > planeStart[Math.max(0, p - support + 1)];
  }

  /** First index in [from, to) whose first plane is &gt;= plane (the run is sorted by plane). */
  int lowerBound(int from, int to, int plane) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (firstPlane[mid] < plane) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Builds the plan.
   *
   * @param uvwMetres {@code uvw[3 r + k]}, k = 0, 1, 2 for u, v, w of row r, metres
   * @param freqHz channel frequencies
   * @param weightsF per-sample weights {@code [r * nChan + c]} or null
   * @param weightsD the same in double, or null (at most one of the two is non-null)
   */
  static GridPlan build(
      GridderParams params,
      double[] uvwMetres,
      double[] freqHz,
      float[] weightsF,
      double[] weightsD,
      int expectedSamples) {
    return new GridPlan(
        new Builder(params, uvwMetres, freqHz, weightsF, weightsD, expectedSamples));
  }

  private static final class Builder {
    final GridderParams params;
    EsKernel kernel;
    double sigma;
    int nu;
    int nv;
    int nRows;
    int nChan;
    int nPlanes = 1;
    double w0;
    double dw = 1;
    double nShift;
    int nActive;
    int[] sampleIndex;
    double[] pu;
    double[] pv;
    double[] pw;
    boolean[] flipped;
    int[] planeStart;
    int[] firstPlane;
    int[] tiles;
    int[] tileBegin;
    int ntu;
    int firstCol;
    int nCols;
    double[] correction;
    double[] nm1Shifted;
    boolean onTheFly;
    float[] sortedWeight;
    int[] sortedIndex;
    float[] kernelU;
    float[] kernelV;
    char[] cellOffset;

    Builder(
        GridderParams params,
        double[] uvw,
        double[] freqHz,
        float[] weightsF,
        double[] weightsD,
        int expectedSamples) {
      this.params = params;
      if (uvw == null || uvw.length % 3 != 0) {
        throw new InvalidInputException(
            null, "uvwMetres", "expected 3 values (u, v, w in metres) per row");
      }
      if (freqHz == null || freqHz.length == 0) {
        throw new InvalidInputException(null, "freqHz", "expected at least one channel");
      }
      for (double f : freqHz) {
        if (!(f > 0) || !Double.isFinite(f)) {
          throw new InvalidInputException(null, "freqHz", "expected positive frequencies: " + f);
        }
      }
      nRows = uvw.length / 3;
      nChan = freqHz.length;
      long nSamples = (long) nRows * nChan;
      if (nSamples != expectedSamples) {
        throw new InvalidInputException(
            null,
            "vis",
            "expected " + nSamples + " samples (" + nRows + " rows x " + nChan + " channels)");
      }
      int wl = weightsF != null ? weightsF.length : weightsD != null ? weightsD.length : -1;
      if (wl >= 0 && wl != nSamples) {
        throw new InvalidInputException(
            null, "weights", "expected " + nSamples + " weights, got " + wl);
      }
      for (double c : uvw) {
        if (!Double.isFinite(c)) {
          throw new InvalidInputException(null, "uvwMetres", "expected finite coordinates");
        }
      }
      boolean w = params.wGridding();
      // Pass 1: count active samples and the range of |w| (wavelengths).
      double wMin = Double.POSITIVE_INFINITY;
      double wMax = Double.NEGATIVE_INFINITY;
      int active = 0;
      for (int r = 0; r < nRows; r++) {
        double wm = Math.abs(uvw[3 * r + 2]);
        for (int c = 0; c < nChan; c++) {
          int i = r * nChan + c;
          if (!isActive(weightsF, weightsD, i)) {
            continue;
          }
          active++;
          double ww = wm * freqHz[c] / VisibilityBlock.C;
          wMin = Math.min(wMin, ww);
          wMax = Math.max(wMax, ww);
        }
      }
      nActive = active;
      if (active == 0) {
        wMin = 0;
        wMax = 0;
      }
      int nx = params.nx();
      int ny = params.ny();
      double lMax = 0.5 * nx * params.pixSizeXRad();
      double mMax = 0.5 * ny * params.pixSizeYRad();
      double r2 = lMax * lMax + mMax * mMax;
      // n - 1 over the image: 0 at the centre pixel, most negative at the far corner.
      double nm1Min = -r2 / (Math.sqrt(1 - r2) + 1);
      double nm1Max = 0;
      nShift = 0.5 * (nm1Min + nm1Max);
      double halfRange = 0.5 * (nm1Max - nm1Min);

      choose(active, w, wMax - wMin, halfRange);
      int wSupp = kernel.support();
      if (w) {
        // Plane spacing from the Nyquist rate of exp(2 pi i w (n-1-nShift)) with oversampling.
        dw = halfRange > 0 ? 0.5 / (sigma * halfRange) : 1.0;
        nPlanes = (int) Math.ceil((wMax - wMin) / dw) + wSupp;
        w0 = 0.5 * (wMin + wMax) - 0.5 * dw * (nPlanes - 1);
      }
      sortSamples(uvw, freqHz, weightsF, weightsD);
      buildCorrection();
    }

    private static boolean isActive(float[] wf, double[] wd, int i) {
      if (wf != null) {
        return wf[i] != 0;
      }
      if (wd != null) {
        return wd[i] != 0;
      }
      return true;
    }

    /** Kernel and grid choice: cheapest candidate under a simple cost model (ducc0's approach). */
    private void choose(int active, boolean w, double wRange, double halfRange) {
      int ndim = w ? 3 : 2;
      List<KernelTable.Entry> cands =
          KernelTable.candidates(params.epsilon(), ndim, params.sigmaMin(), params.sigmaMax());
      // Round-off in the grid and the FFTs is amplified at the image corners by the correction's
      // dynamic range to the power ndim (1/psi per axis, w included). Wide, barely oversampled
      // kernels meet epsilon in exact arithmetic but not in float: W = 11 at sigma 1.15 amplifies
      // by 4e8 at the corners of a w-gridded image, far beyond 1 / 2^-24. Keep the candidates
      // whose amplified unit round-off stays within epsilon; if none does, the one that comes
      // closest.
      double unitRoundoff = params.precision() == Precision.FLOAT ? 0x1p-24 : 0x1p-53;
      List<KernelTable.Entry> safe = new java.util.ArrayList<>();
      KernelTable.Entry leastAmplified = null;
      double leastAmp = Double.POSITIVE_INFINITY;
      for (KernelTable.Entry e : cands) {
        double amp = Math.pow(EsKernel.correctionRange(e.support(), e.beta(), e.sigma()), ndim);
        if (amp * unitRoundoff <= params.epsilon()) {
          safe.add(e);
        }
        if (amp < leastAmp) {
          leastAmp = amp;
          leastAmplified = e;
        }
      }
      if (safe.isEmpty()) {
        safe.add(leastAmplified);
      }
      double bestCost = Double.POSITIVE_INFINITY;
      KernelTable.Entry best = null;
      int bestNu = 0;
      int bestNv = 0;
      for (KernelTable.Entry e : safe) {
        int wS = e.support();
        double planes = w ? Math.ceil(wRange * 2 * e.sigma() * halfRange) + wS : 1;
        // Relative costs profiled on this code (JFR, 1 M visibilities, 1024^2): a kernel tap or a
        // polynomial term ~ 0.6 ns, an FFT point per log2 ~ 0.9 ns (1.4 units), per-pixel phase
        // work per plane ~ 6 units. With w-gridding the u/v kernel values are cached, so a sample
        // costs W^3 taps, 2 W (D+1) terms once and W (D+1) for its w values (D ~ W + 3).
        double taps = w ? (double) wS * wS * wS + 3.0 * wS * (wS + 3) : wS * (wS + 2.0 * (wS + 3));
        double fftUnits = 1.4;
        if (!w && params.precision() == Precision.FLOAT) {
          // 2-D float (real-image FFTs), measured with JMH's workload at 1024^2 and 1 M samples
          // for W = 6, 7, 8 on the former loops: ~28 ns per sample plus ~0.75 ns per tap, i.e.
          // 47 + 1.25 W^2 units; the half-column FFTs cost ~0.65 ns per point per log2 (1.08
          // units) on a 1500^2 grid. Float2dOps (runs, float kernel batches) spends ~0.6 ns per
          // tap and less per sample; its measured best on that workload (prepared calls, CPU
          // time: W = 7 on 1536^2 85-99 ms, W = 6 on 2048^2 98-103 ms, W = 8 on 1350^2 107-120
          // ms) is still the choice these units make.
          taps = 47 + 1.25 * wS * wS;
          fftUnits = 1.08;
        }
        // The FFT units above were measured on mixed-radix sizes (relative cost 1.5); a larger
        // grid of a faster size (a power of two is ~1.5 times faster per point-log2 in
        // JTransforms) can cost less than the smallest one, so every 5-smooth size up to
        // sigmaMax is a candidate; a larger grid only lowers the kernel's error and correction
        // range (both fall as the oversampling grows at fixed W and beta).
        int[] us = candidateSizes(params.nx(), e.sigma(), wS);
        int[] vs = candidateSizes(params.ny(), e.sigma(), wS);
        double sampleCost = (double) active * taps;
        double imageCost = 6.0 * params.nx() * params.ny();
        for (int gu : us) {
          for (int gv : vs) {
            // Rows of length gu, gv of them, and columns of length gv, gu of them.
            double fftPointLog =
                (double) gu
                    * gv
                    * (Fft2D.relativeCost(gu) * log2(gu) + Fft2D.relativeCost(gv) * log2(gv))
                    / 1.5;
            double cost = sampleCost + planes * (fftUnits * fftPointLog + imageCost);
            if (cost < bestCost) {
              bestCost = cost;
              best = e;
              bestNu = gu;
              bestNv = gv;
            }
          }
        }
      }
      sigma = best.sigma();
      double polyTol =
          Math.max(
              params.epsilon() / (10.0 * ndim), params.precision() == Precision.FLOAT ? 1e-8 : 0);
      kernel = new EsKernel(best.support(), best.beta(), polyTol);
      nu = bestNu;
      nv = bestNv;
    }

    private static double log2(int n) {
      return Math.log(n) / Math.log(2);
    }

    /**
     * Grid sizes for an axis of n pixels with kernel (W, sigma): the smallest admissible one
     * ({@link #gridSize}) and every larger even 5-smooth size up to {@code sigmaMax n}.
     */
    private int[] candidateSizes(int n, double sig, int supp) {
      int min = gridSize(n, sig, supp);
      int max = Math.max(min, (int) Math.floor(params.sigmaMax() * n));
      return Fft2D.goodEvenSizes(min, max);
    }

    static int gridSize(int n, double sigma, int supp) {
      return Fft2D.goodEvenSize(Math.max((int) Math.ceil(sigma * n), 2 * (TILE + supp)));
    }

    private void sortSamples(double[] uvw, double[] freqHz, float[] weightsF, double[] weightsD) {
      if (!params.wGridding()) {
        if (params.precision() == Precision.FLOAT) {
          sortRuns2d(uvw, freqHz, weightsF, weightsD);
        } else {
          sortSamples2d(uvw, freqHz, weightsF, weightsD);
        }
        return;
      }
      int wSupp = kernel.support();
      double halfW = 0.5 * wSupp;
      double dx = params.pixSizeXRad();
      double dy = params.pixSizeYRad();
      boolean w = params.wGridding();
      ntu = (nu + 2 * wSupp) / TILE + 2;
      int ntv = (nv + 2 * wSupp) / TILE + 2;
      long maxKey = (long) nPlanes * ntv * ntu;
      if (maxKey > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "too many w-planes x tiles (" + maxKey + "): reduce the image or the w range");
      }
      int n = nActive;
      int[] keys = new int[n];
      double[] apu = new double[n];
      double[] apv = new double[n];
      double[] apw = new double[n];
      boolean[] aflip = new boolean[n];
      int[] aidx = new int[n];
      int[] planeCount = new int[nPlanes + 1];
      boolean[] colStart = new boolean[nu];
      int a = 0;
      for (int r = 0; r < nRows; r++) {
        double ur = uvw[3 * r];
        double vr = uvw[3 * r + 1];
        double wr = uvw[3 * r + 2];
        boolean flip = w && wr < 0;
        if (flip) {
          ur = -ur;
          vr = -vr;
          wr = -wr;
        }
        for (int c = 0; c < nChan; c++) {
          int i = r * nChan + c;
          if (!isActive(weightsF, weightsD, i)) {
            continue;
          }
          double scale = freqHz[c] / VisibilityBlock.C;
          // Grid coordinates wrap: the image is sampled on pixel centres, so u dx is periodic
          // with period 1 and wrapping is exact.
          double fu = -ur * scale * dx;
          fu -= Math.floor(fu);
          double fv = vr * scale * dy;
          fv -= Math.floor(fv);
          double gu = fu * nu;
          double gv = fv * nv;
          int i0u = (int) Math.ceil(gu - halfW);
          int i0v = (int) Math.ceil(gv - halfW);
          int tu = (i0u + wSupp) / TILE;
          int tv = (i0v + wSupp) / TILE;
          int p0 = 0;
          double gw = 0;
          if (w) {
            gw = (wr * scale - w0) / dw;
            p0 = Math.max(0, Math.min(nPlanes - wSupp, (int) Math.ceil(gw - halfW)));
          }
          // Tile-major, then first plane: each tile's samples for any plane are contiguous.
          keys[a] = (tv * ntu + tu) * nPlanes + p0;
          apu[a] = gu;
          apv[a] = gv;
          apw[a] = gw;
          aflip[a] = flip;
          aidx[a] = i;
          planeCount[p0 + 1]++;
          // i0u lies in [-W/2, nu]: one conditional wrap instead of a modulo.
          colStart[i0u < 0 ? i0u + nu : i0u >= nu ? i0u - nu : i0u] = true;
          a++;
        }
      }
      int[] perm = RadixSort.sortedOrder(keys, maxKey);
      sampleIndex = new int[n];
      pu = new double[n];
      pv = new double[n];
      pw = new double[n];
      flipped = new boolean[n];
      firstPlane = new int[n];
      int[] tileTmp = new int[n];
      int[] beginTmp = new int[n + 1];
      int nTiles = 0;
      int lastTile = -1;
      for (int s = 0; s < n; s++) {
        int src = perm[s];
        int key = keys[src];
        int tile = nPlanes == 1 ? key : key / nPlanes;
        firstPlane[s] = key - tile * nPlanes;
        if (tile != lastTile) {
          tileTmp[nTiles] = tile;
          beginTmp[nTiles] = s;
          nTiles++;
          lastTile = tile;
        }
        sampleIndex[s] = aidx[src];
        pu[s] = apu[src];
        pv[s] = apv[src];
        pw[s] = apw[src];
        flipped[s] = aflip[src];
      }
      beginTmp[nTiles] = n;
      occupiedColumns(colStart, wSupp);
      tiles = java.util.Arrays.copyOf(tileTmp, nTiles);
      tileBegin = java.util.Arrays.copyOf(beginTmp, nTiles + 1);
      planeStart = new int[nPlanes + 1];
      for (int p = 0; p < nPlanes; p++) {
        planeStart[p + 1] = planeStart[p] + planeCount[p + 1];
      }
    }

    /**
     * 2-D case of {@link #sortSamples}: one plane, so the key is the tile alone and a counting sort
     * places each sample directly. Pass 1 computes the keys and counts them; pass 2 recomputes the
     * grid coordinates (cheaper than storing and gathering them) and writes each sample to its
     * sorted slot. No w, flip or plane arrays: they are only read with w-gridding. Double precision
     * only: float sorts runs ({@link #sortRuns2d}).
     */
    private void sortSamples2d(double[] uvw, double[] freqHz, float[] weightsF, double[] weightsD) {
      int wSupp = kernel.support();
      double halfW = 0.5 * wSupp;
      ntu = (nu + 2 * wSupp) / TILE + 2;
      int ntv = (nv + 2 * wSupp) / TILE + 2;
      int nKeys = ntu * ntv;
      int n = nActive;
      int[] keys = new int[n];
      int[] count = new int[nKeys + 1];
      boolean[] colStart = new boolean[nu];
      double[] su = channelScales(freqHz, -params.pixSizeXRad());
      double[] sv = channelScales(freqHz, params.pixSizeYRad());
      boolean all = weightsF == null && weightsD == null;
      int a = 0;
      for (int r = 0; r < nRows; r++) {
        double ur = uvw[3 * r];
        double vr = uvw[3 * r + 1];
        for (int c = 0; c < nChan; c++) {
          if (!all && !isActive(weightsF, weightsD, r * nChan + c)) {
            continue;
          }
          // Pass 2 repeats this arithmetic exactly, so a sample's cells match its tile key.
          double fu = ur * su[c];
          fu -= Math.floor(fu);
          double fv = vr * sv[c];
          fv -= Math.floor(fv);
          int i0u = (int) Math.ceil(fu * nu - halfW);
          int i0v = (int) Math.ceil(fv * nv - halfW);
          int key = ((i0v + wSupp) / TILE) * ntu + (i0u + wSupp) / TILE;
          keys[a++] = key;
          count[key + 1]++;
          colStart[i0u < 0 ? i0u + nu : i0u >= nu ? i0u - nu : i0u] = true;
        }
      }
      tilesFromCounts(count, nKeys, n);
      sampleIndex = new int[n];
      pu = new double[n];
      pv = new double[n];
      a = 0;
      for (int r = 0; r < nRows; r++) {
        double ur = uvw[3 * r];
        double vr = uvw[3 * r + 1];
        for (int c = 0; c < nChan; c++) {
          int i = r * nChan + c;
          if (!all && !isActive(weightsF, weightsD, i)) {
            continue;
          }
          double fu = ur * su[c];
          fu -= Math.floor(fu);
          double fv = vr * sv[c];
          fv -= Math.floor(fv);
          int dst = count[keys[a++]]++;
          pu[dst] = fu * nu;
          pv[dst] = fv * nv;
          sampleIndex[dst] = i;
        }
      }
      occupiedColumns(colStart, wSupp);
      planeStart = new int[] {0, n};
    }

    /** {@code freq / c * pixelSize} per channel: grid coordinate u of a row is frac(u scale) nu. */
    private double[] channelScales(double[] freqHz, double pixelSize) {
      double[] s = new double[nChan];
      for (int c = 0; c < nChan; c++) {
        s[c] = freqHz[c] / VisibilityBlock.C * pixelSize;
      }
      return s;
    }

    /**
     * {@link #tiles} and {@link #tileBegin} from per-key sample counts ({@code count[key + 1]});
     * turns count into the exclusive prefix sum (the first sorted slot of each key).
     */
    private void tilesFromCounts(int[] count, int nKeys, int n) {
      int nTiles = 0;
      for (int k = 0; k < nKeys; k++) {
        if (count[k + 1] > 0) {
          nTiles++;
        }
        count[k + 1] += count[k];
      }
      tiles = new int[nTiles];
      tileBegin = new int[nTiles + 1];
      int t = 0;
      for (int k = 0; k < nKeys; k++) {
        if (count[k + 1] > count[k]) {
          tiles[t] = k;
          tileBegin[t] = count[k];
          t++;
        }
      }
      tileBegin[nTiles] = n;
    }

    /**
     * 2-D float case: bucket runs of channels ({@link GridPlan#onTheFly}) by tile with a counting
     * sort, stable, so a tile's runs keep the caller's order. One pass computes each active
     * sample's tile and closes a run where the tile changes, a sample is inactive, the row ends or
     * the run reaches {@link #MAX_RUN}; a second places the runs.
     */
    private void sortRuns2d(double[] uvw, double[] freqHz, float[] weightsF, double[] weightsD) {
      int wSupp = kernel.support();
      double halfW = 0.5 * wSupp;
      ntu = (nu + 2 * wSupp) / TILE + 2;
      int ntv = (nv + 2 * wSupp) / TILE + 2;
      int nKeys = ntu * ntv;
      int[] count = new int[nKeys + 1];
      boolean[] colStart = new boolean[nu];
      double[] su = channelScales(freqHz, -params.pixSizeXRad());
      double[] sv = channelScales(freqHz, params.pixSizeYRad());
      boolean all = weightsF == null && weightsD == null;
      int cap = Math.max(16, nActive / 4);
      int[] rKey = new int[cap];
      int[] rStart = new int[cap];
      int[] rLen = new int[cap];
      int nRuns = 0;
      for (int r = 0; r < nRows; r++) {
        double ur = uvw[3 * r];
        double vr = uvw[3 * r + 1];
        int open = -1;
        for (int c = 0; c < nChan; c++) {
          int i = r * nChan + c;
          if (!all && !isActive(weightsF, weightsD, i)) {
            open = -1;
            continue;
          }
          // Float2dOps repeats this arithmetic exactly, so a sample's cells match its tile key.
          double fu = ur * su[c];
          fu -= Math.floor(fu);
          double fv = vr * sv[c];
          fv -= Math.floor(fv);
          int i0u = (int) Math.ceil(fu * nu - halfW);
          int i0v = (int) Math.ceil(fv * nv - halfW);
          int key = ((i0v + wSupp) / TILE) * ntu + (i0u + wSupp) / TILE;
          count[key + 1]++;
          colStart[i0u < 0 ? i0u + nu : i0u >= nu ? i0u - nu : i0u] = true;
          if (open >= 0 && rKey[open] == key && rLen[open] < MAX_RUN) {
            rLen[open]++;
            continue;
          }
          if (nRuns == rKey.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, 2L * nRuns);
            rKey = java.util.Arrays.copyOf(rKey, grown);
            rStart = java.util.Arrays.copyOf(rStart, grown);
            rLen = java.util.Arrays.copyOf(rLen, grown);
          }
          open = nRuns++;
          rKey[open] = key;
          rStart[open] = i;
          rLen[open] = 1;
        }
      }
      tilesFromCounts(count, nKeys, nActive);
      // Pass 2, runs in the caller's order (u, v read in order, each run's samples written to
      // consecutive sorted slots): the arithmetic of pass 1, so each sample lands in its tile.
      int n = nActive;
      sortedIndex = new int[n];
      kernelU = new float[n];
      kernelV = new float[n];
      cellOffset = new char[n];
      // Double weights are applied by the caller (WGridder's double-visibility entry points).
      sortedWeight = weightsF != null ? new float[n] : null;
      int bw = TILE + wSupp;
      for (int q = 0; q < nRuns; q++) {
        int first = rStart[q];
        int len = rLen[q];
        int dst = count[rKey[q]];
        count[rKey[q]] = dst + len;
        int row = first / nChan;
        int c0 = first - row * nChan;
        double ur = uvw[3 * row];
        double vr = uvw[3 * row + 1];
        for (int t = 0; t < len; t++) {
          int c = c0 + t;
          double fu = ur * su[c];
          fu -= Math.floor(fu);
          double fv = vr * sv[c];
          fv -= Math.floor(fv);
          double gu = fu * nu;
          double gv = fv * nv;
          int i0u = (int) Math.ceil(gu - halfW);
          int i0v = (int) Math.ceil(gv - halfW);
          // The tile's origin is 16 t - W, so i0 + W - 16 t = (i0 + W) mod 16.
          int du = (i0u + wSupp) % TILE;
          int dv = (i0v + wSupp) % TILE;
          sortedIndex[dst + t] = first + t;
          kernelU[dst + t] = (float) (2 * (i0u - gu + halfW) - 1);
          kernelV[dst + t] = (float) (2 * (i0v - gv + halfW) - 1);
          cellOffset[dst + t] = (char) (2 * (dv * bw + du));
          if (sortedWeight != null) {
            sortedWeight[dst + t] = weightsF[first + t];
          }
        }
      }
      onTheFly = true;
      occupiedColumns(colStart, wSupp);
      planeStart = new int[] {0, nActive};
    }

    /**
     * The smallest cyclic column range holding every touched column: the complement of the longest
     * cyclic run of untouched columns. The FFTs skip the columns outside it (ducc0 does the same),
     * which pays when the uv coverage does not fill the grid (pixels smaller than 1/(2 u_max)).
     */
    private void occupiedColumns(boolean[] start, int wSupp) {
      boolean[] occ = new boolean[nu];
      for (int c = 0; c < nu; c++) {
        if (start[c]) {
          for (int j = 0; j < wSupp; j++) {
            occ[(c + j) % nu] = true;
          }
        }
      }
      int bestLen = 0;
      int bestEnd = 0;
      int run = 0;
      for (int k = 0; k < 2 * nu; k++) {
        if (!occ[k % nu]) {
          run++;
          if (run > bestLen && run <= nu) {
            bestLen = run;
            bestEnd = (k + 1) % nu;
          }
        } else {
          run = 0;
        }
      }
      if (bestLen >= nu) {
        firstCol = 0;
        nCols = 0;
      } else {
        firstCol = bestEnd;
        nCols = nu - bestLen;
      }
    }

    private void buildCorrection() {
      int nx = params.nx();
      int ny = params.ny();
      double[] cu = kernel.correction(nx / 2 + 1, nu);
      double[] cv = kernel.correction(ny / 2 + 1, nv);
      boolean w = params.wGridding();
      double dx = params.pixSizeXRad();
      double dy = params.pixSizeYRad();
      // Every factor depends on |x - nx/2| and |y - ny/2| only: one quadrant is enough.
      int qx = nx / 2 + 1;
      int qy = ny / 2 + 1;
      double[] qCorr = new double[qx * qy];
      double[] qNm1 = w ? new double[qx * qy] : null;
      // |d dw| <= 1/(2 sigma) by the choice of dw; the margin covers round-off.
      java.util.function.DoubleUnaryOperator psiW =
          w
              ? kernel.fourierInterpolant(1.01 * Math.abs(dw) * Math.max(nShift, -nShift) + 1e-300)
              : null;
      ParallelFor.run(
          params.nThreads(),
          qy,
          ky -> {
            double m = ky * dy;
            for (int kx = 0; kx < qx; kx++) {
              double c = cu[kx] * cv[ky];
              if (w) {
                double l = kx * dx;
                double r2 = l * l + m * m;
                double nn = Math.sqrt(1 - r2);
                // n - 1 = -r^2/(n + 1): no cancellation near the centre.
                double d = -r2 / (nn + 1) - nShift;
                qNm1[ky * qx + kx] = d;
                // No 1/n: images are in WSClean's convention (WGridder).
                c /= psiW.applyAsDouble(d * dw);
              }
              qCorr[ky * qx + kx] = c;
            }
          });
      correction = qCorr;
      nm1Shifted = qNm1;
    }
  }
}
