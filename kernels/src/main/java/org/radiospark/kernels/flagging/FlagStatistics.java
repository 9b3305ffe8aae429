package org.radiospark.kernels.flagging;

import java.util.Arrays;
import java.util.Locale;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Counts of flagged samples (row, channel, polarisation) of a block: by reason, by antenna and by
 * channel.
 *
 * @param totalSamples rows x channels x polarisations
 * @param byReason flagged samples per {@link FlagReason}, indexed by ordinal
 * @param antennaFlagged flagged samples on baselines involving antenna {@code a} (autocorrelations
 *     counted once), indexed by 0-based antenna
 * @param antennaTotal all samples on baselines involving antenna {@code a}
 * @param channelFlagged flagged samples per channel (over rows and polarisations)
 * @param channelTotal samples per channel (rows x polarisations)
 */
public record FlagStatistics(
    long totalSamples,
    long[] byReason,
    long[] antennaFlagged,
    long[] antennaTotal,
    long[] channelFlagged,
    long channelTotal) {

  /** Checks the array lengths. */
  public FlagStatistics {
    if (byReason.length != FlagReason.values().length
        || antennaFlagged.length != antennaTotal.length) {
      throw new IllegalArgumentException("inconsistent statistics arrays");
    }
  }

  /**
   * Counts {@code block}'s samples by reason.
   *
   * @param reasons per sample, same layout as {@link VisibilityBlock#flag()}: the ordinal of the
   *     {@link FlagReason}, or -1 for an unflagged sample
   */
  static FlagStatistics of(VisibilityBlock block, byte[] reasons) {
    int nChan = block.nChan();
    int nPol = block.nPol();
    int nAnt = 0;
    for (int r = 0; r < block.nRows(); r++) {
      nAnt = Math.max(nAnt, Math.max(block.antenna1()[r], block.antenna2()[r]) + 1);
    }
    long[] byReason = new long[FlagReason.values().length];
    long[] antFlagged = new long[nAnt];
    long[] antTotal = new long[nAnt];
    long[] chanFlagged = new long[nChan];
    int perRow = nChan * nPol;
    for (int r = 0; r < block.nRows(); r++) {
      int a1 = block.antenna1()[r];
      int a2 = block.antenna2()[r];
      int rowFlagged = 0;
      for (int c = 0; c < nChan; c++) {
        for (int p = 0; p < nPol; p++) {
          byte why = reasons[(r * nChan + c) * nPol + p];
          if (why >= 0) {
            byReason[why]++;
            chanFlagged[c]++;
            rowFlagged++;
          }
        }
      }
      antFlagged[a1] += rowFlagged;
      antTotal[a1] += perRow;
      if (a2 != a1) {
        antFlagged[a2] += rowFlagged;
        antTotal[a2] += perRow;
      }
    }
    return new FlagStatistics(
        (long) block.nRows() * perRow,
        byReason,
        antFlagged,
        antTotal,
        chanFlagged,
        (long) block.nRows() * nPol);
  }

  /** Number of samples flagged for {@code reason}. */
  public long count(FlagReason reason) {
    return byReason[reason.ordinal()];
  }

  /** Fraction of all samples flagged for {@code reason}. */
  public double fraction(FlagReason reason) {
    return totalSamples == 0 ? 0 : (double) count(reason) / totalSamples;
  }

  /** Fraction of all samples flagged, for any reason. */
  public double flaggedFraction() {
    return totalSamples == 0 ? 0 : (double) Arrays.stream(byReason).sum() / totalSamples;
  }

  /** Fraction of the samples of antenna {@code a}'s baselines that are flagged (0 if none). */
  public double antennaFraction(int a) {
    return a >= antennaTotal.length || antennaTotal[a] == 0
        ? 0
        : (double) antennaFlagged[a] / antennaTotal[a];
  }

  /** Fraction of channel {@code c}'s samples that are flagged. */
  public double channelFraction(int c) {
    return channelTotal == 0 ? 0 : (double) channelFlagged[c] / channelTotal;
  }

  /**
   * A human-readable report: overall and per-reason percentages, then one line per antenna and per
   * channel (channels only when there are at most {@code maxChannelLines}).
   */
  public String report(int maxChannelLines) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT, "flagged %.3f%% of %d samples%n", 100 * flaggedFraction(), totalSamples));
    for (FlagReason r : FlagReason.values()) {
      b.append(String.format(Locale.ROOT, "  %-16s %8.3f%%%n", r, 100 * fraction(r)));
    }
    b.append("per antenna (% flagged):\n");
    for (int a = 0; a < antennaTotal.length; a++) {
      if (antennaTotal[a] > 0) {
        b.append(String.format(Locale.ROOT, "  %4d %8.3f%n", a, 100 * antennaFraction(a)));
      }
    }
    if (channelFlagged.length <= maxChannelLines) {
      b.append("per channel (% flagged):\n");
      for (int c = 0; c < channelFlagged.length; c++) {
        b.append(String.format(Locale.ROOT, "  %4d %8.3f%n", c, 100 * channelFraction(c)));
      }
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlagStatistics s
        && totalSamples == s.totalSamples
        && channelTotal == s.channelTotal
        && Arrays.equals(byReason, s.byReason)
        && Arrays.equals(antennaFlagged, s.antennaFlagged)
        && Arrays.equals(antennaTotal, s.antennaTotal)
        && Arrays.equals(channelFlagged, s.channelFlagged);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(byReason) * 31 + Long.hashCode(totalSamples);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "FlagStatistics[%.3f%% of %d flagged]", 100 * flaggedFraction(), totalSamples);
  }
}
