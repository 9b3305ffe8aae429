package org.radiospark.partitioners;

import org.apache.spark.Partitioner;

/**
 * Places frequency channels in contiguous blocks: channel {@code c} of {@code nChannels} goes to
 * partition {@code floor(c * nBlocks / nChannels)}, so every partition holds a run of adjacent
 * channels and block sizes differ by at most one. Keys outside {@code [0, nChannels)} (and keys
 * that are not channel numbers) go to the overflow partition, the last one, which is empty for
 * well-formed data.
 *
 * <p>Keys are {@link Integer} channel numbers or {@link ChannelKeyed} values. {@code getPartition}
 * is a projection: it depends on the channel only, never on the rest of a key.
 */
public final class FrequencyPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;

  private final int nChannels;
  private final int nBlocks;

  /**
   * @param nChannels total number of channels (> 0)
   * @param nBlocks number of contiguous channel blocks, 1..nChannels
   */
  public FrequencyPartitioner(int nChannels, int nBlocks) {
    if (nChannels <= 0) {
      throw new IllegalArgumentException("nChannels must be positive: " + nChannels);
    }
    if (nBlocks <= 0 || nBlocks > nChannels) {
      throw new IllegalArgumentException(
          "nBlocks must be in 1.." + nChannels + " (one channel at least per block): " + nBlocks);
    }
    this.nChannels = nChannels;
    this.nBlocks = nBlocks;
  }

  /** A key that carries a channel number. */
  public interface ChannelKeyed {
    int channel();
  }

  /**
   * The partition of {@code channel}: its block, or {@code nBlocks} (overflow) when out of range.
   */
  public static int partitionOf(int channel, int nChannels, int nBlocks) {
    if (channel < 0 || channel >= nChannels) {
      return nBlocks;
    }
    return (int) ((long) channel * nBlocks / nChannels);
  }

  /** First channel of block {@code b} (inclusive). */
  public static int firstChannel(int b, int nChannels, int nBlocks) {
    // smallest c with floor(c * nBlocks / nChannels) >= b
    return (int) (((long) b * nChannels + nBlocks - 1) / nBlocks);
  }

  @Override
  public int numPartitions() {
    return nBlocks + 1;
  }

  @Override
  public int getPartition(Object key) {
    if (key instanceof Integer c) {
      return partitionOf(c, nChannels, nBlocks);
    }
    if (key instanceof ChannelKeyed k) {
      return partitionOf(k.channel(), nChannels, nBlocks);
    }
    return nBlocks;
  }

  public int nChannels() {
    return nChannels;
  }

  public int nBlocks() {
    return nBlocks;
  }

  /** Index of the overflow partition. */
  public int overflowPartition() {
    return nBlocks;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrequencyPartitioner p && p.nChannels == nChannels && p.nBlocks == nBlocks;
  }

  @Override
  public int hashCode() {
    return 31 * nChannels + nBlocks;
  }

  @Override
  public String toString() {
    return "FrequencyPartitioner(channels=" + nChannels + ", blocks=" + nBlocks + ")";
  }
}
