package org.radiospark.kernels.io.mwa;

/**
 * The flags of one Cotter mwaf file (one coarse channel).
 *
 * @param file where they were read from
 * @param gpuboxNumber {@code GPUBOXNO}: the legacy gpubox number of the coarse channel
 * @param nScans integrations in the table ({@code rows / nBaselines})
 * @param nBaselines baselines per integration (autocorrelations included, {@code a1 <= a2})
 * @param nChannels fine channels per row (the bit count of the {@code FLAGS} column)
 * @param flags {@code flags[(scan * nBaselines + baseline) * nChannels + channel]}; not copied
 */
public record MwafFlags(
    String file, int gpuboxNumber, int nScans, int nBaselines, int nChannels, boolean[] flags) {

  /** Checks the size of the flag array. */
  public MwafFlags {
    if ((long) nScans * nBaselines * nChannels != flags.length) {
      throw new IllegalArgumentException("flags has the wrong length");
    }
  }

  /** Whether (scan, baseline, channel) is flagged. */
  public boolean flagged(int scan, int baseline, int channel) {
    return flags[(scan * nBaselines + baseline) * nChannels + channel];
  }
}
