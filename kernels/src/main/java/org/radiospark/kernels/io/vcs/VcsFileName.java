package org.radiospark.kernels.io.vcs;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a recombined legacy VCS file, {@code <obsid>_<gps second>_ch<NNN>.dat} (vcstools'
 * naming: observation id, GPS second of the data, receiver coarse channel, three digits).
 *
 * @param obsId observation id (GPS start second)
 * @param gpsSecond GPS second of the data
 * @param coarseChannel receiver coarse channel, 0..255
 */
public record VcsFileName(long obsId, long gpsSecond, int coarseChannel) {
  private static final Pattern NAME = Pattern.compile("(\\d+)_(\\d+)_ch(\\d{1,3})\\.dat");

  /** Validates the channel. */
  public VcsFileName {
    if (coarseChannel < 0 || coarseChannel > 255) {
      throw new IllegalArgumentException("coarse channel must be in 0..255: " + coarseChannel);
    }
  }

  /** The file name. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d_%d_ch%03d.dat", obsId, gpsSecond, coarseChannel);
  }

  /** Parses a file name (without folder), or returns null if it is not one. */
  public static VcsFileName parse(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      return null;
    }
    return new VcsFileName(
        Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Integer.parseInt(m.group(3)));
  }
}
