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
 *   <li>Input flags are kept; samples that are exactly 0 or not finite are flagged (a correlator
 *       never produces an exact zero for valid data: those are dropouts or dead inputs, such as
 *       Tile015 of the shared 1133866760.uvfits).
 *   <li>Autoflag: every baseline with an antenna on {@link FlagParameters#badAntennas()} is
 *       flagged.
 *   <li>Per baseline, the rows sorted by time form time x frequency planes of {@code |V|}, one per
 *       polarisation, flagged by {@link TimeFrequencyFlagger} (SumThreshold, rms thresholds, SIR;
 *       Offringa et al. 2010, 2012); the flags are OR-ed over polarisations.
 *   <li>uvflag: cross-correlation baselines that are outliers among baselines of similar uv
 *       distance are flagged entirely ({@link BaselineOutlierFlagger}), per polarisation and over
 *       the unflagged samples: an rms amplitude too high (a spurious or interfering signal; only
 *       excesses, because the sky makes some baselines legitimately faint), or a noise level (from
 *       differences of adjacent channels, where the smooth sky cancels) too high or too low (a
 *       noisy or dead correlator input).
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
    float[] vis = block.vis();
    for (int i = 0; i < flags.length; i++) {
      if (flags[i]) {
        reasons[i] = (byte) FlagReason.INPUT.ordinal();
      } else if (invalid(vis[2 * i], vis[2 * i + 1])) {
        flags[i] = true;
        reasons[i] = (byte) FlagReason.INVALID.ordinal();
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

  /** Exactly zero (both parts) or not finite. */
  private static boolean invalid(float re, float im) {
    return (re == 0 && im == 0) || !Float.isFinite(re) || !Float.isFinite(im);
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
    // Per cell, the reason of its first polarisation flagged before this step (-1 if none): the
    // OR over polarisations spreads that reason, not a detection, to the others.
    byte[] cellReason = new byte[nTime * nChan];
    Arrays.fill(cellReason, (byte) -1);
    for (int t = 0; t < nTime; t++) {
      for (int c = 0; c < nChan; c++) {
        int cell = t * nChan + c;
        int base = (rows[t] * nChan + c) * nPol;
        for (int p = 0; p < nPol; p++) {
          int i = base + p;
          double re = vis[2 * i];
          double im = vis[2 * i + 1];
          // Not Math.hypot: float inputs cannot overflow in double, and hypot is several times
          // slower.
          amp[p][cell] = Math.sqrt(re * re + im * im);
          in[p][cell] = flags[i];
          if (flags[i] && cellReason[cell] < 0) {
            cellReason[cell] = reasons[i];
          }
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
            cellReason[cell] >= 0
                ? FlagReason.values()[cellReason[cell]]
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
    int nb = candidates.size();
    double[][] rms = new double[nb][];
    double[][] rmsFloor = new double[nb][nPol];
    double[][] noise = new double[nb][];
    double[][] noiseFloor = new double[nb][nPol];
    for (int k = 0; k < nb; k++) {
      int[] rows = baselines.get(candidates.get(k));
      for (int r : rows) {
        uvDist[k] += Math.hypot(block.uMetres()[r], block.vMetres()[r]) / rows.length;
      }
      long[] nRms = new long[nPol];
      long[] nNoise = new long[nPol];
      rms[k] = rmsAmplitude(block, rows, flags, nRms);
      noise[k] = differenceNoise(block, rows, flags, nNoise);
      for (int p = 0; p < nPol; p++) {
        // Noise alone: the rms of N complex differences of adjacent samples (correlation 1/4
        // between neighbouring |d|^2) scatters by sigma sqrt(1.5 / N) / 2; the rms amplitude A of
        // N samples V = S + n scatters by sigma sqrt(A^2 - sigma^2) / (A sqrt N).
        double sigma = noise[k][p];
        noiseFloor[k][p] = sigma * Math.sqrt(1.5 / Math.max(1, nNoise[p])) / 2;
        double a = rms[k][p];
        rmsFloor[k][p] =
            a > sigma ? sigma * Math.sqrt(a * a - sigma * sigma) / (a * Math.sqrt(nRms[p])) : 0;
      }
    }
    boolean[] loud =
        BaselineOutlierFlagger.outliers(
            uvDist, rms, rmsFloor, params.uvflagSigma(), params.uvflagNeighbours(), true);
    boolean[] noisy =
        BaselineOutlierFlagger.outliers(
            uvDist, noise, noiseFloor, params.uvflagSigma(), params.uvflagNeighbours(), false);
    boolean[] outlier = new boolean[loud.length];
    for (int k = 0; k < outlier.length; k++) {
      outlier[k] = loud[k] || noisy[k];
    }
    for (int k = 0; k < outlier.length; k++) {
      if (outlier[k]) {
        for (int r : baselines.get(candidates.get(k))) {
          markRow(flags, reasons, r * nChan * nPol, nChan * nPol, FlagReason.BASELINE_OUTLIER);
        }
      }
    }
  }

  /**
   * Per polarisation, rms amplitude of the unflagged samples of {@code rows} (NaN if none); their
   * numbers go to {@code n}.
   */
  private static double[] rmsAmplitude(
      VisibilityBlock block, int[] rows, boolean[] flags, long[] n) {
    int nChan = block.nChan();
    int nPol = block.nPol();
    float[] vis = block.vis();
    double[] sum2 = new double[nPol];
    for (int r : rows) {
      for (int c = 0; c < nChan; c++) {
        for (int p = 0; p < nPol; p++) {
          int i = (r * nChan + c) * nPol + p;
          if (!flags[i]) {
            sum2[p] += (double) vis[2 * i] * vis[2 * i] + (double) vis[2 * i + 1] * vis[2 * i + 1];
            n[p]++;
          }
        }
      }
    }
    double[] out = new double[nPol];
    for (int p = 0; p < nPol; p++) {
      out[p] = n[p] == 0 ? Double.NaN : Math.sqrt(sum2[p] / n[p]);
    }
    return out;
  }

  /**
   * Per polarisation, the noise per real/imaginary part estimated from differences of adjacent
   * unflagged channels ({@code sqrt(<|V_c+1 - V_c|^2> / 4)}), or of adjacent time steps when there
   * is one channel: the smooth sky cancels, so baselines can be compared whatever their sky. The
   * numbers of differences go to {@code n}.
   */
  private static double[] differenceNoise(
      VisibilityBlock block, int[] rows, boolean[] flags, long[] n) {
    int nChan = block.nChan();
    int nPol = block.nPol();
    float[] vis = block.vis();
    double[] sum2 = new double[nPol];
    for (int k = 0; k < rows.length; k++) {
      for (int c = 0; c < nChan; c++) {
        // The neighbour: the next channel, or with a single channel the same one at the next time.
        int other;
        if (nChan > 1) {
          if (c + 1 >= nChan) {
            continue;
          }
          other = rows[k] * nChan + c + 1;
        } else {
          if (k + 1 >= rows.length) {
            continue;
          }
          other = rows[k + 1] * nChan + c;
        }
        for (int p = 0; p < nPol; p++) {
          int i = (rows[k] * nChan + c) * nPol + p;
          int j = other * nPol + p;
          if (!flags[i] && !flags[j]) {
            double dr = (double) vis[2 * j] - vis[2 * i];
            double di = (double) vis[2 * j + 1] - vis[2 * i + 1];
            sum2[p] += dr * dr + di * di;
            n[p]++;
          }
        }
      }
    }
    double[] out = new double[nPol];
    for (int p = 0; p < nPol; p++) {
      out[p] = n[p] == 0 ? Double.NaN : Math.sqrt(sum2[p] / (4.0 * n[p]));
    }
    return out;
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
