package org.radiospark.kernels.io;

import java.util.Objects;

/**
 * Metadata and policy for {@link FitsImageWriter}.
 *
 * @param overwrite whether an existing file may be replaced
 * @param dateObs FITS {@code DATE-OBS} (ISO 8601 UTC, e.g. "2013-08-23T18:04:40.0"), or "" when not
 *     known (then not written)
 * @param referenceFrame {@code RADESYS}: "FK5" (with {@code EQUINOX 2000}) or "ICRS"
 * @param spectralFrame {@code SPECSYS}, e.g. "TOPOCENT" (WSClean's choice) or "LSRK"
 * @param object {@code OBJECT}, or "" (not written)
 * @param telescope {@code TELESCOP}, or "" (not written)
 */
public record FitsImageOptions(
    boolean overwrite,
    String dateObs,
    String referenceFrame,
    String spectralFrame,
    String object,
    String telescope) {

  /** Validates the frames. */
  public FitsImageOptions {
    Objects.requireNonNull(dateObs, "dateObs");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(telescope, "telescope");
    if (!"FK5".equals(referenceFrame) && !"ICRS".equals(referenceFrame)) {
      throw new IllegalArgumentException("RADESYS must be FK5 or ICRS: " + referenceFrame);
    }
    if (Objects.requireNonNull(spectralFrame, "spectralFrame").isBlank()) {
      throw new IllegalArgumentException("SPECSYS must not be blank");
    }
  }

  /** No overwrite, no DATE-OBS, FK5 J2000, topocentric frequencies. */
  public static FitsImageOptions defaults() {
    return new FitsImageOptions(false, "", "FK5", "TOPOCENT", "", "");
  }

  /** These options with {@code overwrite} set. */
  public FitsImageOptions withOverwrite(boolean ow) {
    return new FitsImageOptions(ow, dateObs, referenceFrame, spectralFrame, object, telescope);
  }

  /** These options with a known observation date. */
  public FitsImageOptions withDateObs(String date) {
    return new FitsImageOptions(overwrite, date, referenceFrame, spectralFrame, object, telescope);
  }

  /** These options with an object and telescope name. */
  public FitsImageOptions withNames(String obj, String tel) {
    return new FitsImageOptions(overwrite, dateObs, referenceFrame, spectralFrame, obj, tel);
  }
}
