package org.radiospark.kernels.coords;

import org.jastronomy.jsofa.JSOFA;

/**
 * Greenwich and local sidereal times and hour angles (IAU 2006/2000A, SOFA {@code gmst06} and
 * {@code gst06a}).
 *
 * <p>Inputs are UTC instants in MJD seconds with {@code dut1Sec = UT1 - UTC}; outputs are angles in
 * radians in [0, 2 pi) (sidereal times) or (-pi, pi] (hour angles). Longitudes are east-positive.
 * All methods are O(1); {@code gst06a} evaluates the full nutation series (about 20 us).
 */
public final class SiderealTime {
  private static final double TWO_PI = 2 * Math.PI;

  private SiderealTime() {}

  /** Greenwich mean sidereal time (IAU 2006), radians. */
  public static double gmstRad(double utcMjdSec, double dut1Sec) {
    JulianDate ut1 = TimeScales.utcToUt1(utcMjdSec, dut1Sec);
    JulianDate tt = TimeScales.utcToTt(utcMjdSec);
    return JSOFA.jauGmst06(ut1.jd1(), ut1.jd2(), tt.jd1(), tt.jd2());
  }

  /** Greenwich apparent sidereal time (IAU 2006/2000A), radians. */
  public static double gastRad(double utcMjdSec, double dut1Sec) {
    JulianDate ut1 = TimeScales.utcToUt1(utcMjdSec, dut1Sec);
    JulianDate tt = TimeScales.utcToTt(utcMjdSec);
    return JSOFA.jauGst06a(ut1.jd1(), ut1.jd2(), tt.jd1(), tt.jd2());
  }

  /** Local mean sidereal time at east longitude {@code lonRad}, radians. */
  public static double lmstRad(double utcMjdSec, double dut1Sec, double lonRad) {
    return normalise(gmstRad(utcMjdSec, dut1Sec) + lonRad);
  }

  /** Local apparent sidereal time at east longitude {@code lonRad}, radians. */
  public static double lastRad(double utcMjdSec, double dut1Sec, double lonRad) {
    return normalise(gastRad(utcMjdSec, dut1Sec) + lonRad);
  }

  /**
   * Hour angle {@code H = LST - RA} wrapped to (-pi, pi]; positive west of the meridian. The right
   * ascension must be referred to the same equinox as the sidereal time (apparent RA with LAST).
   */
  public static double hourAngleRad(double lstRad, double raRad) {
    double h = normalise(lstRad - raRad);
    return h > Math.PI ? h - TWO_PI : h;
  }

  /** An angle wrapped to [0, 2 pi). */
  public static double normalise(double a) {
    double r = a % TWO_PI;
    return r < 0 ? r + TWO_PI : r;
  }
}
