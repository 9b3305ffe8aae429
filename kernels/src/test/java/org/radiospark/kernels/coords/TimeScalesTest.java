package org.radiospark.kernels.coords;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimeScalesTest {
  private static double mjdSec(double mjd) {
    return mjd * 86400.0;
  }

  @Test
  void leapSecondsMatchTheIersTable() {
    // IERS Bulletin C: TAI - UTC = 10 s from 1972-01-01 (MJD 41317), 35 s in 2013 (MJD 56527),
    // 36 s from 2015-07-01 (MJD 57204), 37 s from 2017-01-01 (MJD 57754).
    assertEquals(10.0, TimeScales.taiMinusUtcSec(mjdSec(41317.5)));
    assertEquals(35.0, TimeScales.taiMinusUtcSec(mjdSec(56527.75)));
    assertEquals(35.0, TimeScales.taiMinusUtcSec(mjdSec(57203.99)));
    assertEquals(36.0, TimeScales.taiMinusUtcSec(mjdSec(57204.0)));
    assertEquals(36.0, TimeScales.taiMinusUtcSec(mjdSec(57753.999)));
    assertEquals(37.0, TimeScales.taiMinusUtcSec(mjdSec(57754.0)));
  }

  @Test
  void ttIsUtcPlusLeapSecondsPlus32184() {
    double utc = mjdSec(58849.25);
    JulianDate tt = TimeScales.utcToTt(utc);
    // One microsecond is far below any use here and well above the double rounding of MJD seconds.
    assertEquals(37 + 32.184, tt.toMjdSec() - utc, 1e-6);
    JulianDate tai = TimeScales.utcToTai(utc);
    assertEquals(37, tai.toMjdSec() - utc, 1e-6);
    assertEquals(32.184, tt.toMjdSec() - tai.toMjdSec(), 1e-6);
  }

  @Test
  void roundTripsAcrossALeapSecond() {
    for (double utc = mjdSec(57753.999); utc < mjdSec(57754.001); utc += 7.3) {
      assertEquals(utc, TimeScales.ttToUtc(TimeScales.utcToTt(utc)), 1e-6);
      assertEquals(utc, TimeScales.taiToUtc(TimeScales.utcToTai(utc)), 1e-6);
    }
    JulianDate tt = new JulianDate(2400000.5, 60000.123);
    JulianDate back = TimeScales.taiToTt(TimeScales.ttToTai(tt));
    assertEquals(tt.toMjdSec(), back.toMjdSec(), 1e-6);
  }

  @Test
  void ut1AddsDut1() {
    double utc = mjdSec(56527.75);
    assertEquals(0.3, TimeScales.utcToUt1(utc, 0.3).toMjdSec() - utc, 1e-6);
  }

  @Test
  void julianDateHelpers() {
    JulianDate j2000 = new JulianDate(2451545.0, 0);
    assertEquals(0, j2000.centuriesSinceJ2000());
    assertEquals(51544.5 * 86400, j2000.toMjdSec(), 1e-6);
    assertEquals(51544.5 * 86400, JulianDate.ofMjdSec(51544.5 * 86400).toMjdSec(), 1e-6);
  }
}
