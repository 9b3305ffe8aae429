package org.radiospark.kernels.coords;

import org.radiospark.kernels.model.PhaseCentre;

/**
 * Direction cosines (l, m, n) of a sky direction relative to a phase centre, and back.
 *
 * <p>With the phase centre (ra0, dec0): {@code l = cos(dec) sin(ra - ra0)} (east), {@code m =
 * sin(dec) cos(dec0) - cos(dec) sin(dec0) cos(ra - ra0)} (north), {@code n = sin(dec) sin(dec0) +
 * cos(dec) cos(dec0) cos(ra - ra0)} (Thompson, Moran and Swenson, eq. 3.7). These are the
 * projections of the direction onto the unit vectors u, v, w of {@link UvwCalculator}. All methods
 * are O(1) and pure.
 */
public final class DirectionCosines {
  private DirectionCosines() {}

  /** {l, m, n} of (raRad, decRad) relative to {@code centre}. */
  public static double[] lmn(double raRad, double decRad, PhaseCentre centre) {
    double da = raRad - centre.raRad();
    double sd = Math.sin(decRad);
    double cd = Math.cos(decRad);
    double sd0 = Math.sin(centre.decRad());
    double cd0 = Math.cos(centre.decRad());
    double cda = Math.cos(da);
    return new double[] {
      cd * Math.sin(da), sd * cd0 - cd * sd0 * cda, sd * sd0 + cd * cd0 * cda,
    };
  }

  /**
   * {@code n - 1 = sqrt(1 - l^2 - m^2) - 1} computed as {@code -(l^2 + m^2) / (1 + sqrt(1 - l^2 -
   * m^2))}, which keeps full relative precision near the phase centre where the naive form cancels.
   *
   * @throws IllegalArgumentException when {@code l^2 + m^2 > 1}
   */
  public static double nMinusOne(double l, double m) {
    double r2 = l * l + m * m;
    if (r2 > 1) {
      throw new IllegalArgumentException("l^2 + m^2 > 1: " + l + ", " + m);
    }
    return -r2 / (1 + Math.sqrt(1 - r2));
  }

  /**
   * The direction {raRad in [0, 2 pi), decRad} at (l, m) on the front hemisphere (n >= 0) of {@code
   * centre}.
   *
   * @throws IllegalArgumentException when {@code l^2 + m^2 > 1}
   */
  public static double[] toRaDec(double l, double m, PhaseCentre centre) {
    double n = 1 + nMinusOne(l, m);
    double ra0 = centre.raRad();
    double sd0 = Math.sin(centre.decRad());
    double cd0 = Math.cos(centre.decRad());
    // s = l * uHat + m * vHat + n * wHat in equatorial Cartesian axes.
    double x = -l * Math.sin(ra0) - m * sd0 * Math.cos(ra0) + n * cd0 * Math.cos(ra0);
    double y = l * Math.cos(ra0) - m * sd0 * Math.sin(ra0) + n * cd0 * Math.sin(ra0);
    double z = m * cd0 + n * sd0;
    return new double[] {SiderealTime.normalise(Math.atan2(y, x)), Math.atan2(z, Math.hypot(x, y))};
  }
}
