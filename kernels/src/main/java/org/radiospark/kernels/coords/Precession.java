package org.radiospark.kernels.coords;

import org.jastronomy.jsofa.JSOFA;

/**
 * Frame bias, precession and nutation between the J2000 (GCRS/ICRS) frame and the true equator and
 * equinox of date (IAU 2006/2000A, SOFA {@code pnm06a}).
 *
 * <p>"Apparent" here means the direction referred to the true equator and equinox of date without
 * annual aberration (up to 20.5 arcsec) and light deflection: the frame rotation that matters for
 * interferometer geometry (uvw, hour angles), not a full astrometric apparent place. The matrix is
 * evaluated at TT derived from the given UTC instant. Each call costs one nutation series (about 20
 * us).
 */
public final class Precession {
  private Precession() {}

  /**
   * The rotation matrix {@code R} with {@code v_of_date = R v_J2000} (row-major {@code R[i][j]}).
   */
  public static double[][] j2000ToTrueOfDate(double utcMjdSec) {
    JulianDate tt = TimeScales.utcToTt(utcMjdSec);
    return JSOFA.jauPnm06a(tt.jd1(), tt.jd2());
  }

  /** J2000 (ra, dec) to (ra, dec) of date, radians: {@code {raRad in [0, 2 pi), decRad}}. */
  public static double[] j2000ToApparent(double raRad, double decRad, double utcMjdSec) {
    return rotate(j2000ToTrueOfDate(utcMjdSec), raRad, decRad, false);
  }

  /** (ra, dec) of date to J2000, radians: the inverse of {@link #j2000ToApparent}. */
  public static double[] apparentToJ2000(double raRad, double decRad, double utcMjdSec) {
    return rotate(j2000ToTrueOfDate(utcMjdSec), raRad, decRad, true);
  }

  private static double[] rotate(double[][] r, double ra, double dec, boolean transpose) {
    double[] s = unitVector(ra, dec);
    double[] t = new double[3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        t[i] += (transpose ? r[j][i] : r[i][j]) * s[j];
      }
    }
    return new double[] {
      SiderealTime.normalise(Math.atan2(t[1], t[0])), Math.atan2(t[2], Math.hypot(t[0], t[1]))
    };
  }

  /** The unit vector toward (ra, dec): {x toward ra = 0, y toward ra = 90 deg, z north pole}. */
  public static double[] unitVector(double raRad, double decRad) {
    double cd = Math.cos(decRad);
    return new double[] {cd * Math.cos(raRad), cd * Math.sin(raRad), Math.sin(decRad)};
  }
}
