package org.radiospark.kernels.model;

/**
 * An elliptical Gaussian restoring beam (FITS BMAJ/BMIN/BPA).
 *
 * @param majorRad full width at half maximum of the major axis, radians
 * @param minorRad full width at half maximum of the minor axis, radians
 * @param paRad position angle of the major axis, radians, north through east
 */
public record Beam(double majorRad, double minorRad, double paRad) {
  public Beam {
    if (!(majorRad >= 0) || !(minorRad >= 0) || !Double.isFinite(paRad)) {
      throw new IllegalArgumentException(
          "beam axes must be non-negative and finite: "
              + majorRad
              + ", "
              + minorRad
              + ", "
              + paRad);
    }
  }
}
