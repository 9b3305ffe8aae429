package org.radiospark.kernels.io.mwa;

import java.util.Objects;

/**
 * One row of the metafits {@code TILEDATA} table: one polarisation of one tile.
 *
 * @param input {@code Input}: the correlator input number (0..255 for 128 tiles)
 * @param antenna {@code Antenna}: 0-based antenna index, the order of the output baselines
 * @param tile {@code Tile}: the tile number (e.g. 104)
 * @param tileName {@code TileName} (e.g. "Tile104")
 * @param pol {@code Pol}: 'X' or 'Y'
 * @param receiver {@code Rx}: receiver number
 * @param slot {@code Slot}: receiver slot
 * @param flagged {@code Flag} non-zero
 * @param electricalLengthM electrical cable length, metres: the number after {@code EL_} in {@code
 *     Length}, or a physical length times {@link MetafitsReader#COAX_VELOCITY_FACTOR}
 * @param northM {@code North}, metres from the array centre
 * @param eastM {@code East}, metres from the array centre
 * @param heightM {@code Height}, metres above the ellipsoid
 * @param dipoleDelays {@code Delays}: 16 beamformer delays (32 = dead dipole); copied
 */
public record MwaRfInput(
    int input,
    int antenna,
    int tile,
    String tileName,
    char pol,
    int receiver,
    int slot,
    boolean flagged,
    double electricalLengthM,
    double northM,
    double eastM,
    double heightM,
    int[] dipoleDelays) {

  /** Validates the polarisation and indices; copies the delays. */
  public MwaRfInput {
    Objects.requireNonNull(tileName, "tileName");
    if (pol != 'X' && pol != 'Y') {
      throw new IllegalArgumentException("pol must be X or Y: " + pol);
    }
    if (input < 0 || antenna < 0) {
      throw new IllegalArgumentException("input and antenna must be >= 0");
    }
    if (!Double.isFinite(electricalLengthM)) {
      throw new IllegalArgumentException("electrical length must be finite");
    }
    dipoleDelays = dipoleDelays == null ? new int[0] : dipoleDelays.clone();
  }

  /** 0 for X, 1 for Y: the polarisation index of the correlation products. */
  public int polIndex() {
    return pol == 'X' ? 0 : 1;
  }

  /** A copy of the 16 dipole delays. */
  @Override
  public int[] dipoleDelays() {
    return dipoleDelays.clone();
  }
}
