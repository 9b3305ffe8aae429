package org.radiospark.kernels.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * What a job needs of a UVFITS file before it distributes the file's channels ({@link
 * UvfitsReader#plan}): the channel axis, correlations, phase centre, antennas and names, and per
 * row only the time and integration time (16 bytes per row, what a solution-interval split needs).
 * The visibilities, weights, flags and uvw stay in the file until {@link #readChannels} reads one
 * channel block of them, wherever the file is readable (a Spark executor).
 *
 * <p>Driver memory: {@code 16 x rows + 16 x channels} bytes plus the antenna table, against {@code
 * rows x channels x pols x 13 + rows x 48} bytes for the whole {@link VisibilityBlock}.
 *
 * @param file the file, as given
 * @param options flag policy and channel selection; channel {@code c} of the plan is channel {@code
 *     options.firstChannel() + c} of the file
 * @param timeMjdSec time of each row, MJD seconds (as {@link VisibilityBlock#timeMjdSec})
 * @param integrationSec integration time of each row, seconds
 * @param freqHz centre frequency of each selected channel, Hz
 * @param chanWidthHz width of each selected channel, Hz
 * @param pols correlations
 * @param phaseCentre the phase centre
 * @param antennas positions, as {@link UvfitsData#antennas}
 * @param antennaTable the raw AIPS AN table
 * @param object {@code OBJECT}, "" when absent
 * @param telescope {@code TELESCOP}, falling back to the AN table's {@code ARRNAM}
 * @param instrument {@code INSTRUME}, "" when absent
 * @param equinox {@code EPOCH} or {@code EQUINOX}, years
 * @param dateObs {@code DATE-OBS} as written, "" when absent
 * @param groupDataBytes bytes of all random groups in the file (all channels)
 */
public record UvfitsPlan(
    String file,
    UvfitsReadOptions options,
    double[] timeMjdSec,
    double[] integrationSec,
    double[] freqHz,
    double[] chanWidthHz,
    Stokes[] pols,
    PhaseCentre phaseCentre,
    AntennaConfiguration antennas,
    AipsAntennaTable antennaTable,
    String object,
    String telescope,
    String instrument,
    double equinox,
    String dateObs,
    long groupDataBytes) {

  /** Checks that the per-row and per-channel arrays agree. */
  public UvfitsPlan {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    if (timeMjdSec.length != integrationSec.length) {
      throw new IllegalArgumentException("one time and one integration time per row");
    }
    if (freqHz.length != chanWidthHz.length || freqHz.length == 0) {
      throw new IllegalArgumentException("one width per channel, at least one channel");
    }
  }

  /** Rows (random groups). */
  public int nRows() {
    return timeMjdSec.length;
  }

  /** Selected channels. */
  public int nChan() {
    return freqHz.length;
  }

  /** Correlations. */
  public int nPol() {
    return pols.length;
  }

  /**
   * Bytes a {@link VisibilityBlock} of {@code channels} channels of this file occupies on a heap:
   * {@code rows x channels x pols x (8 vis + 4 weight + 1 flag)} plus {@code rows x (5 doubles + 2
   * ints)}.
   */
  public long blockBytes(int channels) {
    return (long) nRows() * channels * nPol() * 13 + (long) nRows() * 48;
  }

  /**
   * Reads channels {@code [first, first + count)} of the plan (not of the file: the plan's
   * selection is added) with the plan's flag policy: the same block {@link UvfitsReader#read} gives
   * for that selection. Reads the header and tables again and, of each group, its parameters and
   * the block's channels only. O(rows x count x pols) plus the header.
   *
   * @throws InvalidInputException as {@link UvfitsReader#read}, e.g. when the file changed since
   *     the plan was made
   */
  public VisibilityBlock readChannels(int first, int count) throws IOException {
    if (first < 0 || count < 1 || first + count > nChan()) {
      throw new IllegalArgumentException(
          "channels [" + first + ", " + (first + count) + ") outside the plan's " + nChan());
    }
    return UvfitsReader.read(
            Path.of(file), options.withChannels(options.firstChannel() + first, count))
        .block();
  }

  /** The file's content with {@code block} (read from it) as the visibilities. */
  public UvfitsData withBlock(VisibilityBlock block) {
    return new UvfitsData(
        block, antennas, antennaTable, object, telescope, instrument, equinox, dateObs);
  }
}
