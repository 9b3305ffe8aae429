package org.radiospark.kernels.coords;

/**
 * A two-part Julian date as used by IAU SOFA: the date is {@code jd1 + jd2} days, split so that
 * precision is kept (here {@code jd1 = 2400000.5}, {@code jd2} = MJD in days).
 *
 * @param jd1 first part, days
 * @param jd2 second part, days
 */
public record JulianDate(double jd1, double jd2) {
  /** JD of MJD 0. */
  public static final double MJD_ZERO = 2400000.5;

  /** Seconds per day. */
  public static final double DAY_SEC = 86400.0;

  public JulianDate {
    if (!Double.isFinite(jd1) || !Double.isFinite(jd2)) {
      throw new IllegalArgumentException("Julian date parts must be finite: " + jd1 + ", " + jd2);
    }
  }

  /** The date of {@code mjdSec} seconds since MJD 0 (in whatever time scale it is given). */
  public static JulianDate ofMjdSec(double mjdSec) {
    return new JulianDate(MJD_ZERO, mjdSec / DAY_SEC);
  }

  /** Seconds since MJD 0, i.e. {@code (jd1 + jd2 - 2400000.5) * 86400}, summed with care. */
  public double toMjdSec() {
    return ((jd1 - MJD_ZERO) + jd2) * DAY_SEC;
  }

  /** Julian centuries since J2000.0 (JD 2451545.0) in this date's time scale. */
  public double centuriesSinceJ2000() {
    return ((jd1 - 2451545.0) + jd2) / 36525.0;
  }
}
