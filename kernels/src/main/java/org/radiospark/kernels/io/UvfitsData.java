package org.radiospark.kernels.io;

import java.util.Objects;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * The content of a UVFITS file.
 *
 * @param block all groups of the file as rows, in file order; {@code antenna1/2} are 0-based
 *     indices into {@code antennaTable} (and {@code antennas}) order
 * @param antennas positions {@code ARRAYXYZ + STABXYZ} (see {@link AipsAntennaTable} for the MWA
 *     frame quirk), none flagged
 * @param antennaTable the raw AIPS AN table
 * @param object {@code OBJECT} keyword, "" when absent
 * @param telescope {@code TELESCOP}, falling back to the AN table's {@code ARRNAM}
 * @param instrument {@code INSTRUME}, "" when absent
 * @param equinox {@code EPOCH} or {@code EQUINOX} of the phase centre, years (2000 when absent)
 * @param dateObs {@code DATE-OBS} as written in the file, "" when absent
 */
public record UvfitsData(
    VisibilityBlock block,
    AntennaConfiguration antennas,
    AipsAntennaTable antennaTable,
    String object,
    String telescope,
    String instrument,
    double equinox,
    String dateObs) {

  /** Checks that the antenna table and configuration have the same antennas. */
  public UvfitsData {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(antennas, "antennas");
    Objects.requireNonNull(antennaTable, "antennaTable");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(telescope, "telescope");
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(dateObs, "dateObs");
    if (antennaTable.size() != antennas.nAntennas()) {
      throw new IllegalArgumentException(
          "antenna table has "
              + antennaTable.size()
              + " rows but the configuration "
              + antennas.nAntennas());
    }
  }

  /**
   * Data to be written: the AN table is derived from {@code antennas} ({@link
   * AipsAntennaTable#fromConfiguration}), equinox 2000, DATE-OBS from the first row.
   */
  public static UvfitsData of(
      VisibilityBlock block, AntennaConfiguration antennas, String object, String instrument) {
    return new UvfitsData(
        block,
        antennas,
        AipsAntennaTable.fromConfiguration(antennas),
        object,
        antennas.telescope(),
        instrument,
        2000.0,
        "");
  }
}
