package org.radiospark.kernels.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.radiospark.kernels.coords.UvwCalculator;
import org.radiospark.kernels.model.PhaseCentre;

class CotterUvwTest {
  private static final double ARCSEC = Math.PI / 180 / 3600;

  /** 2015-11-16T18:25:37.25 UTC, the integration of the Cotter reference file. */
  private static final double MJD_SEC = 4.95441513725e9;

  @Test
  void matrixIsARotation() {
    double[][] a = new CotterUvw(PhaseCentre.ofDegrees(88.4162, -26.703)).itrfToUvw(MJD_SEC);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double dot = a[i][0] * a[j][0] + a[i][1] * a[j][1] + a[i][2] * a[j][2];
        assertEquals(i == j ? 1 : 0, dot, 1e-12);
      }
    }
  }

  @Test
  void annualAberrationDisplacesTheCentreByUpTo21Arcsec() {
    double max = 0;
    for (double ra = 0; ra < 360; ra += 45) {
      for (double dec = -80; dec <= 80; dec += 40) {
        PhaseCentre c = PhaseCentre.ofDegrees(ra, dec);
        double[] p = new CotterUvw(c).aberrated(MJD_SEC / 86400);
        double cd = Math.cos(c.decRad());
        double dot =
            p[0] * cd * Math.cos(c.raRad())
                + p[1] * cd * Math.sin(c.raRad())
                + p[2] * Math.sin(c.decRad());
        double angle = Math.acos(Math.min(1, dot));
        // v/c sin(angle to the apex of the Earth's motion), v/c at most 20.9 arcsec (perihelion)
        assertTrue(angle <= 20.9 * ARCSEC, "aberration " + angle / ARCSEC + " arcsec");
        max = Math.max(max, angle);
      }
    }
    assertTrue(max > 19 * ARCSEC, "some of the 40 directions lie near 90 deg from the apex");
  }

  @Test
  void closeToTheJ2000FrameOfUvwCalculator() {
    PhaseCentre c = PhaseCentre.ofDegrees(88.4162, -26.703);
    double[][] a = new CotterUvw(c).itrfToUvw(MJD_SEC);
    double[][] b = new UvwCalculator(c, UvwCalculator.Frame.J2000, 0).itrfToUvw(MJD_SEC);
    // Aberration (< 20.6 arcsec) plus the equation of the equinoxes (< 1.2 s of time = 18
    // arcsec) bound the angle between the two frames' axes.
    for (int i = 0; i < 3; i++) {
      double dot = a[i][0] * b[i][0] + a[i][1] * b[i][1] + a[i][2] * b[i][2];
      double angle = Math.acos(Math.min(1, dot));
      assertTrue(angle < 40 * ARCSEC, "axis " + i + " differs by " + angle / ARCSEC + " arcsec");
    }
  }
}
