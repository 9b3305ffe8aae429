package org.radiospark.kernels.flagging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * RFI flagging of a {@link VisibilityBlock}: the GLEAM-X "flag" step.
 *
 * <ol>
 *   <li>Input flags are kept.
 *   <li>Autoflag: every baseline with an antenna on {@link FlagParameters#badAntennas()} is
 *       flagged.
 *   <li>Per baseline, the rows sorted by time form time x frequency planes of {@code |V|}, one per
 *       polarisation, flagged by {@link TimeFrequencyFlagger} (SumThreshold, rms thresholds, SIR;
 *       Offringa et al. 2010, 2012); the flags are OR-ed over polarisations.
 *   <li>uvflag: cross-correlation baselines whose rms amplitude (unflagged samples, per
 *       polarisation) is an outlier among baselines of similar uv distance are flagged entirely
 *       ({@link BaselineOutlierFlagger}).
 * </ol>
 *
 * <p>Rows may come in any order; rows of one baseline ({@code antenna1, antenna2}) are its time
 * steps. Cost O(samples (iterations (log2 maxWindow + kernel widths)) ) plus a sort of the rows;
 * baselines run on {@link FlagParameters#threads()} threads. Stateless: every call is independent.
 */
public final class VisibilityFlagger {
  private VisibilityFlagger() {}

  /**
   * Flags {@code block}.
   *
   * @return a new block sharing {@code block}'s row, sample and weight arrays with a new flag array
   *     (the input block is not modified), and the statistics
   */
  public static FlagResult flag(VisibilityBlock block, FlagParameters params) {
    int nChan = block.nChan();
    int nPol = block.nPol();
    boolean[] flags = block.flag().clone();
    byte[] reasons = new byte[flags.length];
    Arrays.fill(reasons, (byte) -1);
    for (int i = 0; i < flags.length; i++) {
      if (flags[i]) {
        reasons[i] = (byte) FlagReason.INPUT.ordinal();
      }
    }
    List<int[]> baselines = baselines(block);
    boolean[] bad = new boolean[baselines.size()];
    for (int b = 0; b < baselines.size(); b++) {
      int r0 = baselines.get(b)[0];
      bad[b] =
          params.isBadAntenna(block.antenna1()[r0]) || params.isBadAntenna(block.antenna2()[r0]);
      if (bad[b]) {
        for (int r : baselines.get(b)) {
          markRow(flags, reasons, r * nChan * nPol, nChan * nPol, FlagReason.BAD_ANTENNA);
        }
      }
    }
    TimeFrequencyFlagger tf = new TimeFrequencyFlagger(params.strategy());
    runParallel(
        params.threads(),
        baselines.size(),
        b -> {
          if (!bad[b]) {
            flagBaseline(block, baselines.get(b), tf, flags, reasons);
          }
        });
    if (params.uvflagSigma() > 0) {
      flagOutlierBaselines(block, baselines, bad, params, flags, reasons);
    }
    VisibilityBlock out =
        new VisibilityBlock(
            block.uMetres(),
            block.vMetres(),
            block.wMetres(),
            block.antenna1(),
            block.antenna2(),
            block.timeMjdSec(),
            block.integrationSec(),
            block.freqHz(),
            block.chanWidthHz(),
            block.pols(),
            block.vis(),
            block.weight(),
            flags,
            block.phaseCentre());
    return new FlagResult(out, FlagStatistics.of(block, reasons));
  }

  /** Row indices of each baseline, sorted by time, in order of first appearance. */
  static List<int[]> baselines(VisibilityBlock block) {
    Map<Long, List<Integer>> byBaseline = new LinkedHashMap<>();
    for (int r = 0; r < block.nRows(); r++) {
      long key = ((long) block.antenna1()[r] << 32) | (block.antenna2()[r] & 0xffffffffL);
      byBaseline.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    double[] time = block.timeMjdSec();
    List<int[]> out = new ArrayList<>(byBaseline.size());
    for (List<Integer> rows : byBaseline.values()) {
      rows.sort(Comparator.comparingDouble(r -> time[r]));
      out.add(rows.stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  private static void flagBaseline(
      VisibilityBlock block, int[] rows, TimeFrequencyFlagger tf, boolean[] flags, byte[] reasons) {
    int nChan = block.nChan();
    int nPol = block.nPol();
    int nTime = rows.length;
    float[] vis = block.vis();
    double[][] amp = new double[nPol][nTime * nChan];
    boolean[][] in = new boolean[nPol][nTime * nChan];
    boolean[] anyInput = new boolean[nTime * nChan];
    for (int t = 0; t < nTime; t++) {
      for (int c = 0; c < nChan; c++) {
        int cell = t * nChan + c;
        int base = (rows[t] * nChan + c) * nPol;
        for (int p = 0; p < nPol; p++) {
          int i = base + p;
          amp[p][cell] = Math.hypot(vis[2 * i], vis[2 * i + 1]);
          in[p][cell] = flags[i];
          anyInput[cell] |= flags[i];
        }
      }
    }
    TimeFrequencyFlagger.BaselineFlags bf = tf.flag(amp, in, nTime, nChan);
    for (int t = 0; t < nTime; t++) {
      for (int c = 0; c < nChan; c++) {
        int cell = t * nChan + c;
        if (!bf.mask()[cell]) {
          continue;
        }
        FlagReason why =
            anyInput[cell]
                ? FlagReason.INPUT
                : bf.thresholdMask()[cell] ? FlagReason.THRESHOLD : FlagReason.DILATION;
        markRow(flags, reasons, (rows[t] * nChan + c) * nPol, nPol, why);
      }
    }
  }

  private static void flagOutlierBaselines(
      VisibilityBlock block,
      List<int[]> baselines,
      boolean[] bad,
      FlagParameters params,
      boolean[] flags,
      byte[] reasons) {
    int nChan = block.nChan();
    int nPol = block.nPol();
    float[] vis = block.vis();
    List<Integer> candidates = new ArrayList<>();
    for (int b = 0; b < baselines.size(); b++) {
      int r0 = baselines.get(b)[0];
      if (!bad[b] && block.antenna1()[r0] != block.antenna2()[r0]) {
        candidates.add(b);
      }
    }
    double[] uvDist = new double[candidates.size()];
    double[][] rms = new double[candidates.size()][nPol];
    for (int k = 0; k < candidates.size(); k++) {
      int[] rows = baselines.get(candidates.get(k));
      double[] sum2 = new double[nPol];
      long[] n = new long[nPol];
      for (int r : rows) {
        uvDist[k] += Math.hypot(block.uMetres()[r], block.vMetres()[r]) / rows.length;
        for (int c = 0; c < nChan; c++) {
          for (int p = 0; p < nPol; p++) {
            int i = (r * nChan + c) * nPol + p;
            if (!flags[i]) {
              sum2[p] +=
                  (double) vis[2 * i] * vis[2 * i] + (double) vis[2 * i + 1] * vis[2 * i + 1];
              n[p]++;
            }
          }
        }
      }
      for (int p = 0; p < nPol; p++) {
        rms[k][p] = n[p] == 0 ? Double.NaN : Math.sqrt(sum2[p] / n[p]);
      }
    }
    boolean[] outlier =
        BaselineOutlierFlagger.outliers(
            uvDist, rms, params.uvflagSigma(), params.uvflagNeighbours());
    for (int k = 0; k < outlier.length; k++) {
      if (outlier[k]) {
        for (int r : baselines.get(candidates.get(k))) {
          markRow(flags, reasons, r * nChan * nPol, nChan * nPol, FlagReason.BASELINE_OUTLIER);
        }
      }
    }
  }

  /** Flags {@code [from, from + n)}, recording {@code why} for samples not flagged before. */
  private static void markRow(boolean[] flags, byte[] reasons, int from, int n, FlagReason why) {
    for (int i = from; i < from + n; i++) {
      if (!flags[i]) {
        flags[i] = true;
        reasons[i] = (byte) why.ordinal();
      }
    }
  }

  private static void runParallel(int threads, int n, java.util.function.IntConsumer task) {
    if (threads == 1 || n < 2) {
      for (int i = 0; i < n; i++) {
        task.accept(i);
      }
      return;
    }
    // A private pool: the caller's thread budget, not the common pool's (one Spark task per core).
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      pool.submit(() -> IntStream.range(0, n).parallel().forEach(task)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("flagging interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(c);
    } finally {
      pool.shutdown();
    }
  }
}
