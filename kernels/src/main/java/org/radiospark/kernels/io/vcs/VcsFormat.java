package org.radiospark.kernels.io.vcs;

/**
 * The shape of one MWA legacy VCS {@code .dat} file: one coarse channel, one second, no header.
 *
 * <p>A full file holds {@value #SAMPLES_PER_SECOND} samples x {@value #FULL_FINE_CHANNELS} fine
 * channels x {@value #INPUTS} inputs, one byte each (4+4-bit signed complex, see {@link
 * VcsSample}): 327,680,000 bytes. Byte order: {@code offset = (sample x nFine + fine) x 256 +
 * vcsIndex}, where {@code vcsIndex} is the PFB output order of the input ({@link VcsInputMap}).
 *
 * <p>The fine channels are 10 kHz wide and sampled at 10 kHz (complex), so a file always holds
 * 10,000 samples per fine channel. Fine channel {@code k} (0..127) of receiver coarse channel
 * {@code N} is centred at {@code N x 1.28 MHz + (k - 64) x 10 kHz} (channel 64 is the PFB's DC bin,
 * at the coarse channel centre).
 *
 * <p><b>Reduced "test" size.</b> For tests and small simulations a file may hold only {@code F}
 * fine channels, {@code F} a divisor of 128: slot {@code j} then holds fine channel {@code j x s +
 * s/2} with stride {@code s = 128 / F} (for {@code F = 128} every channel; for {@code F = 1} the
 * centre channel). The kept channels stay 10 kHz wide and sampled at 10 kHz, and are equally spaced
 * by {@code 1.28 MHz / F} across contiguous coarse channels, so merged outputs have a regular
 * frequency axis. Such files are {@code 10,000 x F x 256} bytes; readers infer {@code F} from the
 * file size.
 *
 * @param fineChannels fine channels in the file, a divisor of 128
 */
public record VcsFormat(int fineChannels) {
  /** Complex samples per fine channel per second (10 kHz sampling). */
  public static final int SAMPLES_PER_SECOND = 10_000;

  /** Fine channels of a full coarse channel. */
  public static final int FULL_FINE_CHANNELS = 128;

  /** Inputs (128 tiles x 2 polarisations). */
  public static final int INPUTS = 256;

  /** Fine channel width and sample rate, Hz. */
  public static final double FINE_CHANNEL_HZ = 10_000.0;

  /** Receiver coarse channel width, Hz. */
  public static final double COARSE_CHANNEL_HZ = 1.28e6;

  /** The real recorder's format: 128 fine channels. */
  public static final VcsFormat LEGACY = new VcsFormat(FULL_FINE_CHANNELS);

  /** Checks that {@code fineChannels} divides 128. */
  public VcsFormat {
    if (fineChannels < 1
        || fineChannels > FULL_FINE_CHANNELS
        || FULL_FINE_CHANNELS % fineChannels != 0) {
      throw new IllegalArgumentException("fine channels must divide 128: " + fineChannels);
    }
  }

  /** Bytes of one file: {@code 10,000 x fineChannels x 256}. */
  public long bytesPerFile() {
    return (long) SAMPLES_PER_SECOND * fineChannels * INPUTS;
  }

  /** Byte offset of ({@code sample}, fine slot {@code fine}, PFB position {@code vcsIndex}). */
  public int offset(int sample, int fine, int vcsIndex) {
    return (sample * fineChannels + fine) * INPUTS + vcsIndex;
  }

  /** The fine channel (0..127 of the full coarse channel) that slot {@code j} holds. */
  public int fineChannelOfSlot(int j) {
    int stride = FULL_FINE_CHANNELS / fineChannels;
    return j * stride + stride / 2;
  }

  /** Centre frequency, Hz, of slot {@code j} of receiver coarse channel {@code coarseChannel}. */
  public double slotFrequencyHz(int coarseChannel, int j) {
    return coarseChannel * COARSE_CHANNEL_HZ
        + (fineChannelOfSlot(j) - FULL_FINE_CHANNELS / 2) * FINE_CHANNEL_HZ;
  }

  /** Spacing of adjacent slots (also across contiguous coarse channels), Hz. */
  public double slotSpacingHz() {
    return COARSE_CHANNEL_HZ / fineChannels;
  }

  /**
   * The format of a file of {@code size} bytes, or null if no divisor of 128 gives that size.
   *
   * @param size file size, bytes
   */
  public static VcsFormat ofFileSize(long size) {
    long perChannel = (long) SAMPLES_PER_SECOND * INPUTS;
    if (size <= 0 || size % perChannel != 0) {
      return null;
    }
    long f = size / perChannel;
    if (f > FULL_FINE_CHANNELS || FULL_FINE_CHANNELS % f != 0) {
      return null;
    }
    return new VcsFormat((int) f);
  }
}
