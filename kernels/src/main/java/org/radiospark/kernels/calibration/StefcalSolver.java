package org.radiospark.kernels.calibration;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Antenna-based gain solver: StEFCal (Salvini and Wijnholds 2014, "Fast gain calibration in radio
 * astronomy using alternating direction implicit methods", A&amp;A 571, A97), which is the same
 * iteration as antsol and MitchCal, for scalar, diagonal or full 2x2 Jones gains (full form:
 * Hamaker 2000, A&amp;AS 143, 515, App. D).
 *
 * <p>Given observed visibilities V and model visibilities M (same rows, channels and correlations)
 * it minimises, per solution interval and channel block (a "cell"), {@code sum w ||V_pq - J_p M_pq
 * J_q^H||^2} over the unflagged, positively weighted cross-correlation samples inside the uv range,
 * using each baseline both as (p, q) and as its conjugate (q, p). Autocorrelations are skipped.
 *
 * <p>Weights: scalar and diagonal modes weight every correlation with its own weight; full mode
 * uses a 2x2 sample only when all four correlations are usable, with the mean of their four weights
 * (one weight per matrix is what makes the full-Jones update closed-form).
 *
 * <p>Phase reference: after convergence the gains of each cell are multiplied by a phase so that
 * the reference antenna has zero phase: per feed in diagonal mode when the model has no cross-hand
 * power (then the X-Y phase is not constrained by the data), otherwise one common phase from the
 * reference antenna's first feed (J00), which is the only remaining degeneracy.
 *
 * <p>Convergence: by default the plain StEFCal iteration with its damping every second iteration
 * (as ARL and hyperdrive). Near-degenerate problems - a weakly polarised model leaves the common
 * X-Y phase (diagonal) or a common unitary J -> J U (full Jones) almost free - then need hundreds
 * to thousands of iterations; {@link SolverParameters#withAnderson(int)} accelerates the same
 * fixed-point map (Walker and Ni 2011) and measured 14 instead of 420 (diagonal) and 34 instead of
 * 6820 (full) iterations to the same solution on a 15% polarised model (StefcalSolverTest).
 *
 * <p>Thread safety: immutable; {@link #solve} allocates its own work space, so one solver may be
 * shared by concurrent tasks.
 *
 * <p>Complexity: one O(samples) pass to reduce each cell to per-baseline sums (4 complex numbers
 * per baseline for scalar/diagonal, two 16-element complex tensors for full), then O(iterations x
 * baselines) to iterate, so 200 antennas x 4 correlations solve in milliseconds. Memory
 * O(baselines) per cell, one cell at a time. Single-threaded: parallelism belongs to the caller
 * (Spark tasks).
 */
public final class StefcalSolver {
  /** Cross-hand model power below this fraction of parallel-hand power counts as none. */
  private static final double NO_CROSS_HAND = 1e-6;

  private final SolverParameters params;

  /** A solver with the given (already validated) parameters. */
  public StefcalSolver(SolverParameters params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  /** The parameters. */
  public SolverParameters parameters() {
    return params;
  }

  /**
   * Solves for gains.
   *
   * <p>Solution intervals start at the earliest row's start ({@code time - integration/2}) and last
   * {@code solintSec}; the last one is extended to the end of the data. Channel blocks are {@link
   * ChannelBlocks#regular}. Cells without data, and antennas (or, in diagonal mode, a feed of an
   * antenna) without data in a cell, are flagged in the table and hold identity Jones. The table's
   * {@code refAnt()} is the requested antenna (or, when none was requested, the one with the most
   * unflagged weight); {@link SolveDiagnostics#refAnt()} gives the antenna actually used in each
   * cell, which differs where the requested one had no data.
   *
   * @param data observed visibilities (not modified)
   * @param model model visibilities with the data's rows, channels and correlations; the model's
   *     own flags are honoured too
   * @param nAnt number of antennas (table size); every antenna index must be below it
   * @return gains, channel map and diagnostics
   * @throws InvalidInputException if the blocks do not match, hold no rows, use Stokes products,
   *     lack the correlations the mode needs, or name antennas outside [0, nAnt)
   */
  public CalibrationSolution solve(VisibilityBlock data, VisibilityBlock model, int nAnt) {
    return solve(data, model, nAnt, new boolean[nAnt < 0 ? 0 : nAnt]);
  }

  /**
   * Solves for gains of the antennas of {@code antennas}; antennas flagged there contribute no
   * samples and are flagged in the result. Otherwise as {@link #solve(VisibilityBlock,
   * VisibilityBlock, int)}.
   */
  public CalibrationSolution solve(
      VisibilityBlock data, VisibilityBlock model, AntennaConfiguration antennas) {
    return solve(data, model, antennas.nAntennas(), antennas.flagged().clone());
  }

  private CalibrationSolution solve(
      VisibilityBlock data, VisibilityBlock model, int nAnt, boolean[] antennaFlagged) {
    int[] elem = validate(data, model, nAnt);
    int nRows = data.nRows();
    int nChan = data.nChan();

    // Solution intervals.
    double[] t = data.timeMjdSec();
    double[] dt = data.integrationSec();
    double t0 = Double.POSITIVE_INFINITY;
    double t1 = Double.NEGATIVE_INFINITY;
    double tMax = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < nRows; r++) {
      t0 = Math.min(t0, t[r] - 0.5 * dt[r]);
      t1 = Math.max(t1, t[r] + 0.5 * dt[r]);
      tMax = Math.max(tMax, t[r]);
    }
    if (!(t1 > tMax)) {
      t1 = Math.nextUp(tMax);
    }
    int nSlots;
    double[] slotStart;
    double[] slotEnd;
    if (params.wholeObservation()) {
      nSlots = 1;
      slotStart = new double[] {t0};
      slotEnd = new double[] {t1};
    } else {
      double s = params.solintSec();
      nSlots = (int) Math.max(1, Math.ceil((t1 - t0) / s));
      slotStart = new double[nSlots];
      slotEnd = new double[nSlots];
      for (int k = 0; k < nSlots; k++) {
        slotStart[k] = t0 + k * s;
        slotEnd[k] = t0 + (k + 1) * s;
      }
      slotEnd[nSlots - 1] = Math.max(slotEnd[nSlots - 1], t1);
    }
    int[][] rowsOfSlot = rowsPerSlot(t, slotStart, slotEnd);

    int[] chanToBlock = ChannelBlocks.regular(nChan, params.chansPerBlock());
    int nBlocks = ChannelBlocks.count(chanToBlock);
    double[] blockFreq = ChannelBlocks.blockFreqHz(data.freqHz(), chanToBlock);
    int[][] chansOfBlock = new int[nBlocks][];
    for (int b = 0; b < nBlocks; b++) {
      final int blk = b;
      chansOfBlock[b] = IntStream.range(0, nChan).filter(c -> chanToBlock[c] == blk).toArray();
    }

    int globalRef =
        params.refAnt() >= 0 ? params.refAnt() : busiestAntenna(data, nAnt, antennaFlagged);
    boolean full = params.mode() == JonesMode.FULL;
    if (8L * nSlots * nBlocks * nAnt > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException(
          "calibration parameters",
          "solintSec/chansPerBlock",
          nSlots
              + " intervals x "
              + nBlocks
              + " channel blocks x "
              + nAnt
              + " antennas do not fit one gain table; use longer intervals or wider blocks");
    }
    int nCells = nSlots * nBlocks;
    double[] jones = new double[8 * nCells * nAnt];
    boolean[] flagged = new boolean[nCells * nAnt];
    int[] iterations = new int[nCells];
    boolean[] converged = new boolean[nCells];
    double[] chi2Before = new double[nCells];
    double[] chi2After = new double[nCells];
    long[] nSamples = new long[nCells];
    int[] refUsed = new int[nCells];

    CellSystem sys = new CellSystem(nAnt, full);
    SampleReader reader = new SampleReader(data, model, elem, nAnt, antennaFlagged, params);
    double[] cellJones = new double[8 * nAnt];
    for (int slot = 0; slot < nSlots; slot++) {
      for (int blk = 0; blk < nBlocks; blk++) {
        int cell = slot * nBlocks + blk;
        sys.reset();
        reader.accumulate(rowsOfSlot[slot], chansOfBlock[blk], sys);
        nSamples[cell] = sys.nSamples;
        chi2Before[cell] = sys.chi2Before;
        boolean[] antFlag = new boolean[nAnt];
        int ref = solveCell(sys, globalRef, cellJones, antFlag, cell, iterations, converged);
        refUsed[cell] = ref;
        for (int a = 0; a < nAnt; a++) {
          int tc = cell * nAnt + a;
          if (antFlag[a] || !finite(cellJones, 8 * a)) {
            flagged[tc] = true;
            Jones.setIdentity(jones, 8 * tc);
          } else {
            System.arraycopy(cellJones, 8 * a, jones, 8 * tc, 8);
          }
        }
        chi2After[cell] =
            reader.chi2(rowsOfSlot[slot], chansOfBlock[blk], jones, 8 * cell * nAnt, flagged, cell);
      }
    }
    GainTable.JonesType type =
        full
            ? GainTable.JonesType.FULL
            : (params.mode() == JonesMode.SCALAR && params.phaseOnly()
                ? GainTable.JonesType.PHASE
                : GainTable.JonesType.DIAGONAL);
    GainTable table =
        new GainTable(type, nAnt, slotStart, slotEnd, blockFreq, jones, flagged, globalRef);
    SolveDiagnostics diag =
        new SolveDiagnostics(
            nBlocks, iterations, converged, chi2Before, chi2After, nSamples, refUsed);
    return new CalibrationSolution(table, chanToBlock, diag, params);
  }

  /**
   * Solves one accumulated cell into {@code out} (8 doubles per antenna) and flags antennas without
   * data; returns the reference antenna used (-1 if the cell is empty).
   */
  private int solveCell(
      CellSystem sys,
      int globalRef,
      double[] out,
      boolean[] antFlag,
      int cell,
      int[] iterations,
      boolean[] converged) {
    int nAnt = sys.nAnt;
    boolean full = params.mode() == JonesMode.FULL;
    boolean scalar = params.mode() == JonesMode.SCALAR;
    double[] pow = sys.antPower;
    // Which antennas (feeds) the data constrain.
    boolean[] feedOk = new boolean[2 * nAnt];
    int ref = -1;
    double best = 0;
    for (int a = 0; a < nAnt; a++) {
      boolean any = pow[2 * a] > 0 || pow[2 * a + 1] > 0;
      if (scalar || full) {
        feedOk[2 * a] = any;
        feedOk[2 * a + 1] = any;
      } else {
        feedOk[2 * a] = pow[2 * a] > 0;
        feedOk[2 * a + 1] = pow[2 * a + 1] > 0;
      }
      antFlag[a] = !(feedOk[2 * a] && feedOk[2 * a + 1]);
      double p = pow[2 * a] + pow[2 * a + 1];
      if (!antFlag[a] && p > best) {
        best = p;
        ref = a;
      }
    }
    for (int a = 0; a < nAnt; a++) {
      Jones.setIdentity(out, 8 * a);
    }
    if (ref < 0) {
      return -1;
    }
    if (globalRef >= 0 && globalRef < nAnt && !antFlag[globalRef]) {
      ref = globalRef;
    }
    CellSystem.Run run;
    if (full) {
      boolean[] solvable = new boolean[nAnt];
      for (int a = 0; a < nAnt; a++) {
        solvable[a] = !antFlag[a];
      }
      run =
          sys.solveFull(
              out, solvable, params.maxIterations(), params.tolerance(), params.andersonDepth());
      double[] j = out;
      double ph = Math.atan2(j[8 * ref + 1], j[8 * ref]);
      if (Math.hypot(j[8 * ref], j[8 * ref + 1]) < Math.hypot(j[8 * ref + 6], j[8 * ref + 7])) {
        ph = Math.atan2(j[8 * ref + 7], j[8 * ref + 6]);
      }
      rotate(out, nAnt, ph, ph, new int[] {0, 1, 2, 3}, new int[] {0, 0, 1, 1});
    } else {
      double[] g = new double[4 * nAnt];
      for (int a = 0; a < nAnt; a++) {
        g[4 * a] = 1;
        g[4 * a + 2] = 1;
      }
      run =
          sys.solveDiagonal(
              g,
              feedOk,
              scalar,
              params.phaseOnly(),
              params.maxIterations(),
              params.tolerance(),
              params.andersonDepth());
      double phx = Math.atan2(g[4 * ref + 1], g[4 * ref]);
      double phy = Math.atan2(g[4 * ref + 3], g[4 * ref + 2]);
      if (scalar || hasCrossHandPower(sys)) {
        phy = phx;
      }
      for (int a = 0; a < nAnt; a++) {
        out[8 * a] = g[4 * a];
        out[8 * a + 1] = g[4 * a + 1];
        out[8 * a + 6] = g[4 * a + 2];
        out[8 * a + 7] = g[4 * a + 3];
      }
      rotate(out, nAnt, phx, phy, new int[] {0, 3}, new int[] {0, 1});
    }
    iterations[cell] = run.iterations();
    converged[cell] = run.converged();
    return ref;
  }

  /**
   * Multiplies elements {@code elems[k]} of every Jones matrix by {@code exp(-i ph_row)}, where row
   * {@code rows[k]} selects {@code phx} (0) or {@code phy} (1).
   */
  private static void rotate(
      double[] j, int nAnt, double phx, double phy, int[] elems, int[] rows) {
    for (int k = 0; k < elems.length; k++) {
      double ph = rows[k] == 0 ? phx : phy;
      double cr = Math.cos(ph);
      double ci = -Math.sin(ph);
      for (int a = 0; a < nAnt; a++) {
        int o = 8 * a + 2 * elems[k];
        double re = j[o] * cr - j[o + 1] * ci;
        double im = j[o] * ci + j[o + 1] * cr;
        j[o] = re;
        j[o + 1] = im;
      }
    }
  }

  private static boolean hasCrossHandPower(CellSystem sys) {
    double par = 0;
    double cross = 0;
    for (int b = 0; b < sys.nBaselines(); b++) {
      par += sys.pw[4 * b] + sys.pw[4 * b + 3];
      cross += sys.pw[4 * b + 1] + sys.pw[4 * b + 2];
    }
    return cross > NO_CROSS_HAND * par;
  }

  private static boolean finite(double[] a, int o) {
    for (int k = 0; k < 8; k++) {
      if (!Double.isFinite(a[o + k])) {
        return false;
      }
    }
    return true;
  }

  /** Rows of each slot, using the same half-open comparisons as {@link GainTable#slotOf}. */
  private static int[][] rowsPerSlot(double[] t, double[] start, double[] end) {
    int n = start.length;
    int[] slotOfRow = new int[t.length];
    int[] count = new int[n];
    double s = n > 1 ? start[1] - start[0] : 1;
    for (int r = 0; r < t.length; r++) {
      int k = n == 1 ? 0 : (int) Math.floor((t[r] - start[0]) / s);
      k = Math.max(0, Math.min(n - 1, k));
      while (k > 0 && t[r] < start[k]) {
        k--;
      }
      while (k < n - 1 && t[r] >= end[k]) {
        k++;
      }
      slotOfRow[r] = k;
      count[k]++;
    }
    int[][] rows = new int[n][];
    for (int k = 0; k < n; k++) {
      rows[k] = new int[count[k]];
      count[k] = 0;
    }
    for (int r = 0; r < t.length; r++) {
      int k = slotOfRow[r];
      rows[k][count[k]++] = r;
    }
    return rows;
  }

  /** The antenna with the largest total unflagged cross-correlation weight, or -1. */
  private static int busiestAntenna(VisibilityBlock data, int nAnt, boolean[] antennaFlagged) {
    double[] w = new double[nAnt];
    int per = data.nChan() * data.nPol();
    float[] wt = data.weight();
    boolean[] fl = data.flag();
    for (int r = 0; r < data.nRows(); r++) {
      int a1 = data.antenna1()[r];
      int a2 = data.antenna2()[r];
      if (a1 == a2 || antennaFlagged[a1] || antennaFlagged[a2]) {
        continue;
      }
      double s = 0;
      for (int i = r * per; i < (r + 1) * per; i++) {
        if (!fl[i] && wt[i] > 0) {
          s += wt[i];
        }
      }
      w[a1] += s;
      w[a2] += s;
    }
    int best = -1;
    for (int a = 0; a < nAnt; a++) {
      if (w[a] > 0 && (best < 0 || w[a] > w[best])) {
        best = a;
      }
    }
    return best;
  }

  private int[] validate(VisibilityBlock data, VisibilityBlock model, int nAnt) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(model, "model");
    if (nAnt < 1) {
      throw new InvalidInputException("gain solve", "nAnt", "expected >= 1 antenna, got " + nAnt);
    }
    if (params.refAnt() >= nAnt) {
      throw new InvalidInputException(
          "calibration parameters",
          "refAnt",
          "reference antenna " + params.refAnt() + " is not below the antenna count " + nAnt);
    }
    if (data.nRows() == 0) {
      throw new InvalidInputException("data visibilities", "nRows", "expected rows, found none");
    }
    if (model.nRows() != data.nRows()
        || model.nChan() != data.nChan()
        || !Arrays.equals(model.pols(), data.pols())) {
      throw new InvalidInputException(
          "model visibilities",
          "layout",
          "expected the data's "
              + data.nRows()
              + " rows x "
              + data.nChan()
              + " channels x "
              + Arrays.toString(data.pols())
              + ", found "
              + model.nRows()
              + " x "
              + model.nChan()
              + " x "
              + Arrays.toString(model.pols()));
    }
    if (!Arrays.equals(model.antenna1(), data.antenna1())
        || !Arrays.equals(model.antenna2(), data.antenna2())) {
      throw new InvalidInputException(
          "model visibilities", "antenna1/antenna2", "expected the same baselines as the data");
    }
    for (int r = 0; r < data.nRows(); r++) {
      if (!Double.isFinite(data.timeMjdSec()[r])
          || !(data.integrationSec()[r] >= 0)
          || Double.isInfinite(data.integrationSec()[r])) {
        throw new InvalidInputException(
            "data visibilities",
            "timeMjdSec/integrationSec",
            "row "
                + r
                + " has time "
                + data.timeMjdSec()[r]
                + " s and integration "
                + data.integrationSec()[r]
                + " s, expected finite values, integration >= 0");
      }
      int a1 = data.antenna1()[r];
      int a2 = data.antenna2()[r];
      if (a1 < 0 || a1 >= nAnt || a2 < 0 || a2 >= nAnt) {
        throw new InvalidInputException(
            "data visibilities",
            "antenna1/antenna2",
            "row " + r + " has antennas " + a1 + ", " + a2 + ", expected [0, " + nAnt + ")");
      }
    }
    int[] elem = Correlations.elements(data.pols(), "data visibilities");
    boolean parallel = Correlations.has(elem, 0) && Correlations.has(elem, 3);
    if (params.mode() == JonesMode.DIAGONAL && !parallel) {
      throw new InvalidInputException(
          "data visibilities",
          "pols",
          "diagonal gains need both parallel hands, found " + Arrays.toString(data.pols()));
    }
    if (params.mode() == JonesMode.FULL && elem.length != 4) {
      throw new InvalidInputException(
          "data visibilities",
          "pols",
          "full-Jones gains need all four correlations, found " + Arrays.toString(data.pols()));
    }
    return elem;
  }
}
