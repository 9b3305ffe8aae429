package org.radiospark.kernels.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radiospark.kernels.coords.SiderealTime;

class ObservationTimingTest {
  private static final double MJD_2026 = 61041 * 86400.0;

  @ParameterizedTest
  @CsvSource({"0, 21.44", "150, 116.67", "359.9, -70", "201.365, 0"})
  void hourAngleIsZeroAtTransit(double raDeg, double lonDeg) {
    double ra = Math.toRadians(raDeg);
    double lon = Math.toRadians(lonDeg);
    double t = ObservationTiming.transitUtcMjdSec(ra, lon, MJD_2026);
    assertTrue(t >= MJD_2026 && t < MJD_2026 + 86400, "transit within the next day: " + t);
    double ha =
        Math.IEEEremainder(
            SiderealTime.hourAngleRad(SiderealTime.lastRad(t, 0, lon), ra), 2 * Math.PI);
    // 1 ms of time is 7.3e-8 rad of hour angle
    assertEquals(0, ha, 7.3e-8);
  }

  @ParameterizedTest
  @CsvSource({"0, 21.44, 10, 60", "150, 116.67, 1, 8"})
  void observationIsCentredOnTransit(double raDeg, double lonDeg, int n, double dt) {
    double ra = Math.toRadians(raDeg);
    double lon = Math.toRadians(lonDeg);
    double start = ObservationTiming.transitCentredStart(ra, lon, MJD_2026, n, dt);
    double mid = start + 0.5 * n * dt;
    double ha =
        Math.IEEEremainder(
            SiderealTime.hourAngleRad(SiderealTime.lastRad(mid, 0, lon), ra), 2 * Math.PI);
    assertEquals(0, ha, 7.3e-8);
    assertTrue(start >= MJD_2026);
  }
}
