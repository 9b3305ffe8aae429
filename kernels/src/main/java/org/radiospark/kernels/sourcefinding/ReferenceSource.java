package org.radiospark.kernels.sourcefinding;

/**
 * A source of a reference catalogue: position and flux density at the catalogue's frequency.
 *
 * @param name the catalogue name, or "" when the catalogue has none
 * @param raDeg right ascension J2000, degrees
 * @param decDeg declination J2000, degrees
 * @param fluxJy integrated flux density, Jy
 */
public record ReferenceSource(String name, double raDeg, double decDeg, double fluxJy) {
  /** Checks the values are finite and the declination in range. */
  public ReferenceSource {
    if (!Double.isFinite(raDeg) || !(Math.abs(decDeg) <= 90) || !Double.isFinite(fluxJy)) {
      throw new IllegalArgumentException(
          "reference source needs finite ra, |dec| <= 90 and a flux: " + raDeg + ", " + decDeg);
    }
    name = name == null ? "" : name;
  }
}
