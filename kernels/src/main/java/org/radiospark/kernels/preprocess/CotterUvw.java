package org.radiospark.kernels.preprocess;

import java.util.Objects;
import org.jastronomy.jsofa.JSOFA;
import org.radiospark.kernels.coords.UvwCalculator;
import org.radiospark.kernels.model.PhaseCentre;

/**
 * The uvw of Cotter and corr2uvfits (R. Wayth), reproduced with SOFA routines of the same models,
 * so that preprocessed data agree with Cotter's to well below a millimetre.
 *
 * <p>For a UTC instant t (used as UT1 and TT, as Cotter does):
 *
 * <pre>
 *   uvw = A(ra', dec') . N^T . Rz(GMST82(t)) . b_ITRF
 * </pre>
 *
 * where {@code N} is the IAU 1976/1980 precession-nutation matrix (slalib {@code slaPrenut}, SOFA
 * {@code pnm80}), {@code A(ra, dec)} the rows uHat, vHat, wHat of {@link UvwCalculator#uvwAxes} and
 * (ra', dec') the J2000 phase centre displaced by annual aberration (SOFA {@code ab} with the
 * barycentric Earth velocity of {@code epv00}; Cotter uses slalib's {@code slaMappa}). It differs
 * from {@link UvwCalculator.Frame#J2000} by the aberration (up to 20 arcsec, tilting w) and by
 * pairing the mean sidereal time with a nutated matrix (a rotation by the equation of the
 * equinoxes, up to about 1 s of time); on 1131733552 the two differ by up to 0.2 m over 3 km
 * baselines. Cost per instant: one nutation series and one Earth ephemeris.
 */
public final class CotterUvw {
  /** Light time for one astronomical unit, days (SOFA's AULT / DAYSEC). */
  private static final double AU_LIGHT_DAYS = 499.004782 / 86400.0;

  /** Julian date of MJD 0. */
  private static final double MJD_ZERO = 2400000.5;

  private final PhaseCentre centre;

  /**
   * @param centre the J2000 phase centre
   */
  public CotterUvw(PhaseCentre centre) {
    this.centre = Objects.requireNonNull(centre, "centre");
  }

  /** The phase centre. */
  public PhaseCentre centre() {
    return centre;
  }

  /**
   * The row-major 3 x 3 matrix taking an ITRF vector (metres) to (u, v, w) at {@code utcMjdSec};
   * with {@link UvwCalculator#antennaUvw} it gives per-antenna projections.
   */
  public double[][] itrfToUvw(double utcMjdSec) {
    double mjd = utcMjdSec / 86400.0;
    double gmst = JSOFA.jauGmst82(MJD_ZERO, mjd);
    double[][] earth = rotZ(gmst);
    double[][] pn = JSOFA.jauPnm80(MJD_ZERO, mjd);
    double[] dir = aberrated(mjd);
    double ra = Math.atan2(dir[1], dir[0]);
    double dec = Math.atan2(dir[2], Math.hypot(dir[0], dir[1]));
    return UvwCalculator.multiply(
        UvwCalculator.uvwAxes(ra, dec), UvwCalculator.multiply(UvwCalculator.transpose(pn), earth));
  }

  /** Unit vector of the phase centre after annual aberration at {@code mjd}. */
  double[] aberrated(double mjd) {
    double[][] pvh = new double[2][3];
    double[][] pvb = new double[2][3];
    JSOFA.jauEpv00(MJD_ZERO, mjd, pvh, pvb);
    double[] v = new double[3];
    double v2 = 0;
    for (int i = 0; i < 3; i++) {
      v[i] = pvb[1][i] * AU_LIGHT_DAYS;
      v2 += v[i] * v[i];
    }
    double sunDist =
        Math.sqrt(pvh[0][0] * pvh[0][0] + pvh[0][1] * pvh[0][1] + pvh[0][2] * pvh[0][2]);
    double cd = Math.cos(centre.decRad());
    double[] p = {
      cd * Math.cos(centre.raRad()), cd * Math.sin(centre.raRad()), Math.sin(centre.decRad())
    };
    return JSOFA.jauAb(p, v, sunDist, Math.sqrt(1 - v2));
  }

  /** Active rotation by {@code angle} about z. */
  private static double[][] rotZ(double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    return new double[][] {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
  }
}
