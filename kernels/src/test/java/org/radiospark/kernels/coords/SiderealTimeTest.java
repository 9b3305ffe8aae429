package org.radiospark.kernels.coords;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SiderealTimeTest {
  /** One millisecond of time in radians: the IAU 1982 and 2006 GMST agree far better than this. */
  private static final double ONE_MS = 1e-3 * 2 * Math.PI / 86400;

  private static double hms(double h, double m, double s) {
    return (h + m / 60 + s / 3600) * Math.PI / 12;
  }

  @Test
  void gmstAtJ2000() {
    // GMST at 2000-01-01 12h UT1 = 18h 41m 50.54841s (Aoki et al. 1982, as in the Astronomical
    // Almanac); UT1 = UTC is forced with dut1 = 0.
    assertEquals(hms(18, 41, 50.54841), SiderealTime.gmstRad(51544.5 * 86400, 0), ONE_MS);
  }

  @Test
  void meeusExamples() {
    // Meeus, Astronomical Algorithms (1998), examples 12.a and 12.b: 1987 April 10, computed with
    // the IAU 1982 GMST. The IAU 2006 GMST departs from it by the change of the precession rate,
    // about 0.3 arcsec per century, i.e. 50 mas (3.3 ms of time) in 1987: we allow 5 ms.
    double day = 46895.0 * 86400;
    double tol = 5 * ONE_MS;
    assertEquals(hms(13, 10, 46.3668), SiderealTime.gmstRad(day, 0), tol);
    assertEquals(hms(13, 10, 46.1351), SiderealTime.gastRad(day, 0), tol);
    double t = day + 19 * 3600 + 21 * 60;
    assertEquals(hms(8, 34, 57.0896), SiderealTime.gmstRad(t, 0), tol);
    // The equation of the equinoxes (Meeus: -0.2317 s) is reproduced to 1 ms (Meeus truncates the
    // nutation series at 0.5 arcsec).
    double ee = SiderealTime.gastRad(day, 0) - SiderealTime.gmstRad(day, 0);
    assertEquals(-0.2317 * 2 * Math.PI / 86400, ee, ONE_MS);
  }

  @Test
  void localTimesAddTheLongitude() {
    double t = 56527.75 * 86400;
    double lon = Math.toRadians(116.67081523611111);
    double gmst = SiderealTime.gmstRad(t, 0.2);
    double lmst = SiderealTime.lmstRad(t, 0.2, lon);
    assertEquals(SiderealTime.normalise(gmst + lon), lmst, 1e-15);
    double last = SiderealTime.lastRad(t, 0.2, lon);
    // The equation of the equinoxes is below 1.2 s of time.
    assertEquals(0, SiderealTime.hourAngleRad(last, lmst), 1.2 * 2 * Math.PI / 86400);
    // dut1 advances the Earth rotation angle by 1.00273781191135448 turns per UT1 day. The
    // tolerance is the resolution of a two-part JD holding the MJD in its second part (about
    // 1 us, i.e. 7e-11 rad of rotation).
    double later = SiderealTime.gmstRad(t, 0.7);
    assertEquals(0.5 * 1.00273781191135448 * 2 * Math.PI / 86400, later - gmst, 1e-10);
  }

  @Test
  void hourAngleWraps() {
    assertEquals(-0.1, SiderealTime.hourAngleRad(0.1, 0.2), 1e-15);
    assertEquals(0.1, SiderealTime.hourAngleRad(0.05, 2 * Math.PI - 0.05), 1e-14);
    assertEquals(Math.PI, SiderealTime.hourAngleRad(Math.PI, 0), 1e-15);
  }
}
