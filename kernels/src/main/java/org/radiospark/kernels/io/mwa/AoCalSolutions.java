package org.radiospark.kernels.io.mwa;

/**
 * Calibration solutions in André Offringa's binary format ({@code MWAOCAL}, written by {@code
 * calibrate} and hyperdrive): a complex 2x2 Jones matrix per interval, antenna and channel.
 *
 * <p>Layout of {@code jones}: 8 doubles per matrix, {@code [J00re, J00im, J01re, J01im, J10re,
 * J10im, J11re, J11im]} (rows X, Y), matrices ordered interval, antenna, channel (channel fastest):
 * element {@code ((i x nAntennas + a) x nChannels + c) x 8 + k}. Antennas are in metafits {@code
 * Antenna} order, channels ascending in frequency. NaN marks a flagged solution. A solution is the
 * antenna's gain: data = {@code J} x true signal, so calibration applies {@code J^-1}.
 *
 * @param nIntervals solution intervals
 * @param nAntennas antennas
 * @param nChannels channels
 * @param startTime start time as written (AIPS time or GPS seconds, or 0)
 * @param endTime end time as written
 * @param jones the matrices, length {@code nIntervals x nAntennas x nChannels x 8}; shared, not
 *     copied
 */
public record AoCalSolutions(
    int nIntervals,
    int nAntennas,
    int nChannels,
    double startTime,
    double endTime,
    double[] jones) {

  /** Checks the sizes. */
  public AoCalSolutions {
    if (nIntervals < 1 || nAntennas < 1 || nChannels < 1) {
      throw new IllegalArgumentException(
          "need >= 1 interval, antenna and channel: "
              + nIntervals
              + ", "
              + nAntennas
              + ", "
              + nChannels);
    }
    if (jones.length != (long) nIntervals * nAntennas * nChannels * 8) {
      throw new IllegalArgumentException(
          "jones needs "
              + (long) nIntervals * nAntennas * nChannels * 8
              + " doubles: "
              + jones.length);
    }
  }

  /**
   * Index of the first double of the matrix of ({@code interval}, {@code antenna}, {@code chan}).
   */
  public int index(int interval, int antenna, int channel) {
    return ((interval * nAntennas + antenna) * nChannels + channel) * 8;
  }

  /** A copy of one matrix, 8 doubles as in {@link #jones}. */
  public double[] matrix(int interval, int antenna, int channel) {
    int i = index(interval, antenna, channel);
    return java.util.Arrays.copyOfRange(jones, i, i + 8);
  }

  /** True if any element of the matrix is NaN (flagged). */
  public boolean flagged(int interval, int antenna, int channel) {
    int i = index(interval, antenna, channel);
    for (int k = 0; k < 8; k++) {
      if (Double.isNaN(jones[i + k])) {
        return true;
      }
    }
    return false;
  }
}
