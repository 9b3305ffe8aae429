package org.radiospark.kernels.beamform;

import java.io.Serializable;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.coords.Precession;
import org.radiospark.kernels.coords.SiderealTime;

/**
 * A beam direction, J2000.
 *
 * @param name label used in output file names
 * @param raDeg right ascension, degrees
 * @param decDeg declination, degrees
 */
public record Pointing(String name, double raDeg, double decDeg) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Unix seconds at MJD 0 (1858-11-17) are {@code -MJD_UNIX_OFFSET_SEC}. */
  public static final double MJD_UNIX_OFFSET_SEC = 40587.0 * 86400.0;

  /** Validates the declination. */
  public Pointing {
    if (!(decDeg >= -90 && decDeg <= 90) || !Double.isFinite(raDeg)) {
      throw new IllegalArgumentException("need a finite RA and Dec in [-90, 90]: " + decDeg);
    }
  }

  /**
   * The unit vector toward this direction in the site's East/North/Up frame at {@code utcUnixSec}:
   * J2000 to apparent place of date (IAU 2006/2000A precession-nutation, jsofa), hour angle from
   * the local apparent sidereal time (UT1 = UTC), then the spherical triangle at the site's
   * geodetic latitude. Aberration and refraction are neglected (they shift every tile alike to
   * first order).
   *
   * @return {@code {east, north, up}}
   */
  public double[] directionEnu(double utcUnixSec, GeodeticPosition site) {
    double mjdSec = utcUnixSec + MJD_UNIX_OFFSET_SEC;
    double[] app =
        Precession.j2000ToApparent(Math.toRadians(raDeg), Math.toRadians(decDeg), mjdSec);
    double h = SiderealTime.lastRad(mjdSec, 0.0, site.lonRad()) - app[0];
    double dec = app[1];
    double lat = site.latRad();
    double cd = Math.cos(dec);
    return new double[] {
      -cd * Math.sin(h),
      Math.sin(dec) * Math.cos(lat) - cd * Math.cos(h) * Math.sin(lat),
      Math.sin(dec) * Math.sin(lat) + cd * Math.cos(h) * Math.cos(lat)
    };
  }
}
