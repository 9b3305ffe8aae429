package org.radiospark.kernels.io;

import java.util.Objects;

/**
 * A FITS image as read by {@link FitsImageReader}.
 *
 * @param cube the planes with their geometry, beam and unit
 * @param dateObs {@code DATE-OBS}, "" when absent
 * @param referenceFrame {@code RADESYS}, "FK5" when absent (with EQUINOX 2000, the FITS default)
 * @param object {@code OBJECT}, "" when absent
 * @param telescope {@code TELESCOP}, "" when absent
 */
public record FitsImageData(
    ImageCube cube, String dateObs, String referenceFrame, String object, String telescope) {
  /** Checks that nothing is null. */
  public FitsImageData {
    Objects.requireNonNull(cube, "cube");
    Objects.requireNonNull(dateObs, "dateObs");
    Objects.requireNonNull(referenceFrame, "referenceFrame");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(telescope, "telescope");
  }
}
