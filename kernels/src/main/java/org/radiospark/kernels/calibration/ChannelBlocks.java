package org.radiospark.kernels.calibration;

import org.radiospark.kernels.model.InvalidInputException;

/**
 * Assignment of channels to gain-solution channel blocks, as {@code int[] chanToBlock} with {@code
 * chanToBlock[ch]} the block of channel {@code ch}.
 */
public final class ChannelBlocks {
  private ChannelBlocks() {}

  /**
   * Consecutive blocks of {@code chansPerBlock} channels (the last may be shorter); {@code
   * chansPerBlock <= 0} puts every channel in block 0. O(nChan).
   */
  public static int[] regular(int nChan, int chansPerBlock) {
    int[] map = new int[nChan];
    if (chansPerBlock > 0) {
      for (int c = 0; c < nChan; c++) {
        map[c] = c / chansPerBlock;
      }
    }
    return map;
  }

  /** Number of blocks in a mapping: 1 + its largest entry (0 for no channels). */
  public static int count(int[] chanToBlock) {
    int n = 0;
    for (int b : chanToBlock) {
      n = Math.max(n, b + 1);
    }
    return n;
  }

  /**
   * Mean frequency of each block, Hz.
   *
   * @param freqHz channel centres, Hz
   * @param chanToBlock block of each channel
   */
  public static double[] blockFreqHz(double[] freqHz, int[] chanToBlock) {
    int n = count(chanToBlock);
    double[] sum = new double[n];
    int[] cnt = new int[n];
    for (int c = 0; c < freqHz.length; c++) {
      sum[chanToBlock[c]] += freqHz[c];
      cnt[chanToBlock[c]]++;
    }
    for (int b = 0; b < n; b++) {
      sum[b] = cnt[b] > 0 ? sum[b] / cnt[b] : Double.NaN;
    }
    return sum;
  }

  /**
   * Each channel to the gain block whose centre frequency is nearest (first such block on a tie),
   * for applying a table to a block whose channels differ from the one it was solved on. O(nChan x
   * nBlocks).
   *
   * @throws InvalidInputException if the table has no channel blocks
   */
  public static int[] nearest(double[] freqHz, double[] blockFreqHz) {
    if (blockFreqHz.length == 0) {
      throw new InvalidInputException(
          "gain table", "blockFreqHz", "expected at least one channel block, found none");
    }
    int[] map = new int[freqHz.length];
    for (int c = 0; c < freqHz.length; c++) {
      double best = Double.POSITIVE_INFINITY;
      for (int b = 0; b < blockFreqHz.length; b++) {
        double d = Math.abs(freqHz[c] - blockFreqHz[b]);
        if (d < best) {
          best = d;
          map[c] = b;
        }
      }
    }
    return map;
  }
}
