package org.radiospark.kernels.io.mwa;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.PhaseCentre;

/**
 * The observation metadata of an MWA metafits file: the primary header keywords a preprocessor
 * needs and the {@code TILEDATA} rows.
 *
 * @param file where it was read from (for messages)
 * @param gpsTime {@code GPSTIME}: the observation id, GPS seconds
 * @param dateObs {@code DATE-OBS}: scheduled start, UTC ISO-8601 without zone
 * @param obsName {@code FILENAME}: observation name
 * @param centreChannel {@code CENTCHAN}: centre receiver coarse channel
 * @param coarseChannels {@code CHANNELS}: receiver coarse channel numbers (1.28 MHz each), in file
 *     order; copied
 * @param fineChanWidthHz {@code FINECHAN} (kHz in the file) in Hz
 * @param intTimeSec {@code INTTIME}: correlator integration, seconds
 * @param nFineChannels {@code NCHANS}: fine channels over all coarse channels
 * @param nScans {@code NSCANS}: integrations in the observation
 * @param pointingRaDeg {@code RA}: pointing centre, J2000 degrees
 * @param pointingDecDeg {@code DEC}
 * @param phaseRaDeg {@code RAPHASE}, or {@code RA} when absent (older metafits)
 * @param phaseDecDeg {@code DECPHASE}, or {@code DEC} when absent
 * @param cableDelaysApplied {@code CABLEDEL} non-zero (MWAX correlator applied cable delays)
 * @param geometricDelaysApplied {@code GEODEL} non-zero (MWAX correlator phase-tracked)
 * @param calibrationDelaysApplied {@code CALIBDEL} non-zero
 * @param quackTimeSec {@code QUACKTIM}: seconds of bad data after the start (0 when absent)
 * @param inputs the {@code TILEDATA} rows in file order
 */
public record Metafits(
    String file,
    long gpsTime,
    String dateObs,
    String obsName,
    int centreChannel,
    int[] coarseChannels,
    double fineChanWidthHz,
    double intTimeSec,
    int nFineChannels,
    int nScans,
    double pointingRaDeg,
    double pointingDecDeg,
    double phaseRaDeg,
    double phaseDecDeg,
    boolean cableDelaysApplied,
    boolean geometricDelaysApplied,
    boolean calibrationDelaysApplied,
    double quackTimeSec,
    List<MwaRfInput> inputs) {

  /** Receiver coarse channel width, Hz. */
  public static final double COARSE_CHANNEL_WIDTH_HZ = 1.28e6;

  /** Copies the arrays and checks the sizes. */
  public Metafits {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(dateObs, "dateObs");
    Objects.requireNonNull(obsName, "obsName");
    coarseChannels = coarseChannels.clone();
    inputs = List.copyOf(inputs);
    if (coarseChannels.length == 0) {
      throw new IllegalArgumentException("no coarse channels");
    }
    if (!(fineChanWidthHz > 0) || !(intTimeSec > 0)) {
      throw new IllegalArgumentException("fine channel width and integration time must be > 0");
    }
  }

  @Override
  public int[] coarseChannels() {
    return coarseChannels.clone();
  }

  /** Fine channels per coarse channel ({@code NCHANS / number of CHANNELS}). */
  public int fineChannelsPerCoarse() {
    return nFineChannels / coarseChannels.length;
  }

  /** Number of antennas (tiles): half the number of inputs. */
  public int nAntennas() {
    return inputs.size() / 2;
  }

  /** The phase centre ({@code RAPHASE/DECPHASE}, else the pointing), J2000. */
  public PhaseCentre phaseCentre() {
    return PhaseCentre.ofDegrees(phaseRaDeg, phaseDecDeg);
  }

  /** {@code DATE-OBS} as Unix seconds (UTC). */
  public double startUnixSec() {
    return LocalDateTime.parse(dateObs).toEpochSecond(ZoneOffset.UTC);
  }

  /**
   * Electrical lengths, metres, indexed {@code [antenna][pol]} (pol 0 = X, 1 = Y) by the {@code
   * Antenna} column.
   */
  public double[][] electricalLengthsM() {
    double[][] out = new double[nAntennas()][2];
    for (MwaRfInput in : inputs) {
      out[in.antenna()][in.polIndex()] = in.electricalLengthM();
    }
    return out;
  }

  /** Whether any input of each antenna is flagged, indexed by the {@code Antenna} column. */
  public boolean[] flaggedAntennas() {
    boolean[] out = new boolean[nAntennas()];
    for (MwaRfInput in : inputs) {
      out[in.antenna()] |= in.flagged();
    }
    return out;
  }

  /** Tile names indexed by the {@code Antenna} column. */
  public String[] tileNames() {
    String[] out = new String[nAntennas()];
    for (MwaRfInput in : inputs) {
      out[in.antenna()] = in.tileName();
    }
    return out;
  }

  /**
   * The antenna positions (ITRF), via {@link
   * org.radiospark.kernels.io.layout.LayoutReader#readMetafits}: ordered by {@code Antenna}.
   */
  public AntennaConfiguration antennas() {
    return org.radiospark.kernels.io.layout.LayoutReader.readMetafits(java.nio.file.Path.of(file));
  }

  /**
   * Receiver coarse channel of legacy gpubox file number {@code n} (1-based): the channels sorted
   * ascending, those above 128 in reverse order after the others (the legacy receiver's frequency
   * inversion above channel 128, as mwalib and Cotter document).
   */
  public int legacyGpuboxChannel(int n) {
    int[] order = legacyGpuboxOrder(coarseChannels);
    if (n < 1 || n > order.length) {
      throw new IllegalArgumentException(
          "gpubox number " + n + " outside 1.." + order.length + " of CHANNELS");
    }
    return order[n - 1];
  }

  /** The legacy gpubox order of receiver channels (see {@link #legacyGpuboxChannel}). */
  static int[] legacyGpuboxOrder(int[] channels) {
    int[] sorted = channels.clone();
    java.util.Arrays.sort(sorted);
    int[] out = new int[sorted.length];
    int k = 0;
    for (int c : sorted) {
      if (c <= 128) {
        out[k++] = c;
      }
    }
    for (int i = sorted.length - 1; i >= 0; i--) {
      if (sorted[i] > 128) {
        out[k++] = sorted[i];
      }
    }
    return out;
  }
}
