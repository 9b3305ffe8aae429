package org.radiospark.kernels.coords;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrecessionTest {
  private static final double ARCSEC = Math.PI / (180 * 3600);

  @Test
  void meeusThetaPersei() {
    // Meeus example 21.b: theta Persei J2000 (2h 44m 11.986s, +49 13' 42.48") precessed to
    // 2028 Nov 13.19 TD gives the mean place (2h 46m 11.331s, +49 20' 54.54"). Our matrix also
    // nutates (|dpsi| < 17.3", |deps| < 9.3"), so the comparison allows 25 arcsec.
    double ra = (2 + 44 / 60.0 + 11.986 / 3600) * Math.PI / 12;
    double dec = Math.toRadians(49 + 13 / 60.0 + 42.48 / 3600);
    double t = (62088.19 * 86400) - 69.184; // TD -> UTC, near enough for arcsec work
    double[] app = Precession.j2000ToApparent(ra, dec, t);
    double raMean = (2 + 46 / 60.0 + 11.331 / 3600) * Math.PI / 12;
    double decMean = Math.toRadians(49 + 20 / 60.0 + 54.54 / 3600);
    assertEquals(raMean, app[0], 25 * ARCSEC / Math.cos(dec));
    assertEquals(decMean, app[1], 25 * ARCSEC);
    // And precession is clearly applied (the shift is over 400 arcsec in RA).
    double shift = (app[0] - ra) * Math.cos(dec) / ARCSEC;
    assertEquals(true, shift > 300, "RA shift " + shift);
  }

  @Test
  void roundTrip() {
    double t = 60000.3 * 86400;
    for (double dec = -1.5; dec <= 1.5; dec += 0.5) {
      for (double ra = 0.1; ra < 6.2; ra += 1.1) {
        double[] app = Precession.j2000ToApparent(ra, dec, t);
        double[] back = Precession.apparentToJ2000(app[0], app[1], t);
        assertEquals(ra, back[0], 1e-12);
        assertEquals(dec, back[1], 1e-12);
      }
    }
  }

  @Test
  void matrixIsIdentityAtJ2000UpToFrameBias() {
    // At J2000.0 only the frame bias (about 23 mas) and nutation (up to 17 arcsec) remain.
    double[][] r = Precession.j2000ToTrueOfDate(51544.5 * 86400 - 64.184);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(i == j ? 1 : 0, r[i][j], 20 * ARCSEC);
      }
    }
  }
}
