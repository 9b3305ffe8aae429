package org.radiospark.kernels.coords;

import org.jastronomy.jsofa.JSOFA;
import org.jastronomy.jsofa.JSOFAIllegalParameter;
import org.jastronomy.jsofa.JSOFAInternalError;

/**
 * A position given by WGS84 geodetic longitude, latitude and ellipsoidal height.
 *
 * <p>Conversions to and from geocentric ITRF use SOFA {@code gd2gc}/{@code gc2gd} with the WGS84
 * ellipsoid (a = 6378137 m, f = 1/298.257223563); round trips are exact to well below a millimetre.
 *
 * @param lonRad east longitude, radians
 * @param latRad geodetic latitude, radians, [-pi/2, pi/2]
 * @param heightMetres height above the WGS84 ellipsoid, metres
 */
public record GeodeticPosition(double lonRad, double latRad, double heightMetres) {
  private static final int WGS84 = 1;

  public GeodeticPosition {
    if (!Double.isFinite(lonRad) || !Double.isFinite(latRad) || !Double.isFinite(heightMetres)) {
      throw new IllegalArgumentException("geodetic position must be finite");
    }
    if (Math.abs(latRad) > Math.PI / 2 + 1e-12) {
      throw new IllegalArgumentException("latitude out of range: " + Math.toDegrees(latRad));
    }
  }

  /** From degrees (longitude east, latitude) and metres. */
  public static GeodeticPosition ofDegrees(double lonDeg, double latDeg, double heightMetres) {
    return new GeodeticPosition(Math.toRadians(lonDeg), Math.toRadians(latDeg), heightMetres);
  }

  /** East longitude in degrees. */
  public double lonDeg() {
    return Math.toDegrees(lonRad);
  }

  /** Geodetic latitude in degrees. */
  public double latDeg() {
    return Math.toDegrees(latRad);
  }

  /** Geocentric ITRF {x, y, z} in metres. */
  public double[] toItrf() {
    try {
      return JSOFA.jauGd2gc(WGS84, lonRad, latRad, heightMetres);
    } catch (JSOFAIllegalParameter | JSOFAInternalError e) {
      throw new IllegalArgumentException("cannot convert " + this + " to ITRF", e);
    }
  }

  /** The geodetic position of geocentric ITRF {x, y, z} metres (not at the Earth's centre). */
  public static GeodeticPosition fromItrf(double[] xyzMetres) {
    if (xyzMetres.length != 3
        || Math.hypot(Math.hypot(xyzMetres[0], xyzMetres[1]), xyzMetres[2]) < 1) {
      throw new IllegalArgumentException("need a 3-vector away from the geocentre");
    }
    try {
      JSOFA.GeodeticCoord g = JSOFA.jauGc2gd(WGS84, xyzMetres.clone());
      return new GeodeticPosition(g.elong, g.phi, g.height);
    } catch (JSOFAIllegalParameter e) {
      throw new IllegalArgumentException("cannot convert ITRF position to geodetic", e);
    }
  }
}
