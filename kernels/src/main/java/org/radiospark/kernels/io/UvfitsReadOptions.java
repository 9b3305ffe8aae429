package org.radiospark.kernels.io;

/**
 * How {@link UvfitsReader} turns a UVFITS file into a {@link
 * org.radiospark.kernels.model.VisibilityBlock}.
 *
 * @param ignoreFlags when true every finite sample is unflagged and its weight is {@code |w|}, or 1
 *     where the file's weight is 0. Needed for files whose weights are an artefact of conversion
 *     (both shared MWA UVFITS files have all weights 0 or negative but real data). When false a
 *     weight {@code <= 0} (or NaN) flags the sample, and the stored weight is {@code |w|}.
 * @param firstChannel first channel to read, 0-based, counted after IFs have been flattened into
 *     channels ({@code channel = if * nFreqPerIf + freq})
 * @param channelCount number of channels to read, or {@link #ALL_CHANNELS} for all channels from
 *     {@code firstChannel} on
 */
public record UvfitsReadOptions(boolean ignoreFlags, int firstChannel, int channelCount) {
  /** {@code channelCount} meaning "to the last channel". */
  public static final int ALL_CHANNELS = -1;

  /** Validates the channel selection (its upper end is checked against the file when read). */
  public UvfitsReadOptions {
    if (firstChannel < 0) {
      throw new IllegalArgumentException("firstChannel must be >= 0: " + firstChannel);
    }
    if (channelCount == 0 || channelCount < ALL_CHANNELS) {
      throw new IllegalArgumentException(
          "channelCount must be positive or ALL_CHANNELS (-1): " + channelCount);
    }
  }

  /** Flags from the weights, all channels. */
  public static UvfitsReadOptions defaults() {
    return new UvfitsReadOptions(false, 0, ALL_CHANNELS);
  }

  /** This selection with flags ignored (see {@link #ignoreFlags()}). */
  public UvfitsReadOptions withIgnoreFlags(boolean ignore) {
    return new UvfitsReadOptions(ignore, firstChannel, channelCount);
  }

  /** This flag policy with channels {@code [first, first + count)}. */
  public UvfitsReadOptions withChannels(int first, int count) {
    return new UvfitsReadOptions(ignoreFlags, first, count);
  }
}
