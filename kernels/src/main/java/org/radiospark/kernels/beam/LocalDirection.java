package org.radiospark.kernels.beam;

import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.coords.Precession;
import org.radiospark.kernels.coords.SiderealTime;

/**
 * A sky direction seen from a site at one time: azimuth, elevation and the unit vectors, in the
 * local east-north-up (ENU) frame, of the direction and of its sky polarisation basis.
 *
 * <p>From J2000 (RA, Dec): the apparent place of date ({@link Precession#j2000ToApparent}, jsofa
 * IAU 2006/2000A), the hour angle {@code H = LAST - RA_app} ({@link SiderealTime#lastRad}), then
 * with latitude phi the equatorial unit vectors ({@code x} to H = 0 on the equator, {@code y} east,
 * {@code z} to the celestial pole) {@code s = (cos d cos H, -cos d sin H, sin d)}, {@code e_dec =
 * ds/dd = (-sin d cos H, sin d sin H, cos d)} and {@code e_ra = -(ds/dH) / cos d = (sin H, cos H,
 * 0)}, rotated to ENU by {@code E = y, N = -sin(phi) x + cos(phi) z, U = cos(phi) x + sin(phi) z}.
 * No refraction. The basis is that of the apparent equator; the difference from J2000 (a rotation
 * by the precession angle, ~0.2 degrees in 2014) is ignored for polarisation. O(1) plus one
 * precession-nutation evaluation.
 *
 * @param azRad azimuth, north through east, radians
 * @param elRad elevation, radians
 * @param directionEnu unit vector to the source, ENU
 * @param northEnu unit vector of increasing declination at the source (IAU polarisation X)
 * @param eastEnu unit vector of increasing right ascension at the source (IAU polarisation Y)
 */
public record LocalDirection(
    double azRad, double elRad, double[] directionEnu, double[] northEnu, double[] eastEnu) {

  /** Copies the vectors. */
  public LocalDirection {
    directionEnu = directionEnu.clone();
    northEnu = northEnu.clone();
    eastEnu = eastEnu.clone();
  }

  /**
   * The direction of J2000 ({@code raRad}, {@code decRad}) from {@code site} at UTC {@code
   * utcMjdSec}, with UT1 - UTC = {@code dut1Sec}.
   */
  public static LocalDirection of(
      double raRad, double decRad, double utcMjdSec, GeodeticPosition site, double dut1Sec) {
    double[] app = Precession.j2000ToApparent(raRad, decRad, utcMjdSec);
    double last = SiderealTime.lastRad(utcMjdSec, dut1Sec, site.lonRad());
    return ofHourAngle(SiderealTime.hourAngleRad(last, app[0]), app[1], site.latRad());
  }

  /** The direction of hour angle {@code haRad} and declination {@code decRad} at latitude. */
  public static LocalDirection ofHourAngle(double haRad, double decRad, double latRad) {
    double ch = Math.cos(haRad);
    double sh = Math.sin(haRad);
    double cd = Math.cos(decRad);
    double sd = Math.sin(decRad);
    double[] s = enu(cd * ch, -cd * sh, sd, latRad);
    double[] north = enu(-sd * ch, sd * sh, cd, latRad);
    double[] east = enu(sh, ch, 0, latRad);
    double el = Math.asin(Math.max(-1, Math.min(1, s[2])));
    double az = Math.atan2(s[0], s[1]);
    if (az < 0) {
      az += 2 * Math.PI;
    }
    return new LocalDirection(az, el, s, north, east);
  }

  private static double[] enu(double x, double y, double z, double lat) {
    double sl = Math.sin(lat);
    double cl = Math.cos(lat);
    return new double[] {y, -sl * x + cl * z, cl * x + sl * z};
  }

  /** Zenith angle, radians. */
  public double zenithAngleRad() {
    return Math.PI / 2 - elRad;
  }

  @Override
  public double[] directionEnu() {
    return directionEnu.clone();
  }

  @Override
  public double[] northEnu() {
    return northEnu.clone();
  }

  @Override
  public double[] eastEnu() {
    return eastEnu.clone();
  }
}
