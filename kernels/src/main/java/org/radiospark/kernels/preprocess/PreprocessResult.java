package org.radiospark.kernels.preprocess;

import java.util.Objects;
import org.radiospark.kernels.io.mwa.Metafits;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * What {@link Preprocessor#run} produces.
 *
 * @param block the visibilities: rows time-major then baseline {@code (a1 <= a2)} by metafits
 *     {@code Antenna}; pols XX, YY, XY, YX (Cotter's order)
 * @param antennas the tiles, indexed like {@code block.antenna1/2}
 * @param metafits the observation metadata
 * @param appliedCableDelay whether the cable phase was applied here
 * @param appliedGeometric whether the geometric phase was applied here
 */
public record PreprocessResult(
    VisibilityBlock block,
    AntennaConfiguration antennas,
    Metafits metafits,
    boolean appliedCableDelay,
    boolean appliedGeometric) {

  /** Checks for nulls. */
  public PreprocessResult {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(antennas, "antennas");
    Objects.requireNonNull(metafits, "metafits");
  }
}
