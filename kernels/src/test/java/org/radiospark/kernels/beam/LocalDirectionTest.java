package org.radiospark.kernels.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.coords.Horizon;
import org.radiospark.kernels.coords.Precession;
import org.radiospark.kernels.coords.SiderealTime;

class LocalDirectionTest {
  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  @Test
  void elevationAgreesWithHorizonAndTheBasisIsOrthonormal() {
    GeodeticPosition mwa = GeodeticPosition.ofDegrees(116.67081524, -26.70331940, 377.8);
    double t = 4.9e9; // MJD seconds, 2014
    for (double ra = 0.1; ra < 6.2; ra += 0.7) {
      for (double dec = -1.4; dec < 0.6; dec += 0.3) {
        LocalDirection d = LocalDirection.of(ra, dec, t, mwa, 0);
        double[] app = Precession.j2000ToApparent(ra, dec, t);
        double ha = SiderealTime.hourAngleRad(SiderealTime.lastRad(t, 0, mwa.lonRad()), app[0]);
        assertEquals(Horizon.elevationRad(ha, app[1], mwa.latRad()), d.elRad(), 1e-12);
        double[] s = d.directionEnu();
        double[] n = d.northEnu();
        double[] e = d.eastEnu();
        assertEquals(1, dot(s, s), 1e-12);
        assertEquals(1, dot(n, n), 1e-12);
        assertEquals(1, dot(e, e), 1e-12);
        assertEquals(0, dot(s, n), 1e-12);
        assertEquals(0, dot(s, e), 1e-12);
        assertEquals(0, dot(n, e), 1e-12);
        // Right-handed on the sky seen from inside: north x east = -s (toward the observer).
        double[] c = {
          n[1] * e[2] - n[2] * e[1], n[2] * e[0] - n[0] * e[2], n[0] * e[1] - n[1] * e[0]
        };
        assertEquals(-1, dot(c, s), 1e-12);
      }
    }
  }

  @Test
  void meridianSourceSouthOfZenithHasAzimuth180() {
    double lat = Math.toRadians(-26.7);
    LocalDirection d = LocalDirection.ofHourAngle(0, Math.toRadians(-40), lat);
    assertEquals(Math.PI, d.azRad(), 1e-12);
    assertEquals(Math.toRadians(90 - 13.3), d.elRad(), 1e-12);
  }
}
