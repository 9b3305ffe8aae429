package org.radiospark.kernels.coords;

import java.util.Objects;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.PhaseCentre;

/**
 * Baseline coordinates (u, v, w) in metres from ITRF antenna positions.
 *
 * <p>For a phase centre (ra0, dec0) the uvw axes are the unit vectors {@code uHat = (-sin ra0, cos
 * ra0, 0)} (east), {@code vHat = (-sin dec0 cos ra0, -sin dec0 sin ra0, cos dec0)} (north) and
 * {@code wHat = (cos dec0 cos ra0, cos dec0 sin ra0, sin dec0)} (toward the source) in an
 * equatorial Cartesian frame. An ITRF vector is carried into the true-of-date equatorial frame by
 * the Earth rotation angle GAST (polar motion ignored, below 0.5 arcsec). Then:
 *
 * <ul>
 *   <li>{@link Frame#APPARENT}: the phase centre is precessed to date and uvw is taken in the
 *       true-of-date frame. This is the textbook form (Thompson, Moran and Swenson 2017, eq. 4.1)
 *       {@code u = sin H X + cos H Y}, {@code v = -sin d cos H X + sin d sin H Y + cos d Z}, {@code
 *       w = cos d cos H X - cos d sin H Y + sin d Z} with Greenwich hour angle {@code H = GAST -
 *       ra_app} and ITRF axes X, Y, Z.
 *   <li>{@link Frame#J2000}: the baseline is rotated back to J2000 by the transpose of SOFA {@code
 *       pnm06a} and projected on the J2000 axes of (ra0, dec0). These uvw are consistent with (l,
 *       m) computed from J2000 coordinates, which is what a predict or an imager of J2000 images
 *       needs (the two frames differ by a rotation about w of up to a few tenths of a degree).
 * </ul>
 *
 * <p><b>Sign convention:</b> {@link #baselineUvw} returns for the baseline (p, q) with p = antenna1
 * {@code proj(pos_p) - proj(pos_q)}, i.e. {@code -(pos_q - pos_p)}: what the shared MWA UVFITS
 * files hold (checked against 1061316296.uvfits: rms 0.055 m). Those files' visibilities obey the
 * measurement equation of {@code model/package-info.java} with the opposite sign, {@code pos_q -
 * pos_p} (measured with a real sky model, see {@code simulation.Simulator}); blocks made for the
 * kernels, such as the simulator's, use that one. Immutable; each {@link #itrfToUvw(double)} call
 * costs one nutation series, then each antenna 9 multiply-adds.
 */
public final class UvwCalculator {
  /** The equatorial frame the uvw axes are referred to. */
  public enum Frame {
    /** True equator and equinox of date (phase centre precessed and nutated to date). */
    APPARENT,
    /** J2000 (GCRS) axes of the J2000 phase centre. */
    J2000
  }

  private final PhaseCentre centre;
  private final Frame frame;
  private final double dut1Sec;

  /**
   * @param centre phase centre, J2000
   * @param frame the frame of the uvw axes
   * @param dut1Sec UT1 - UTC in seconds (0 if unknown)
   */
  public UvwCalculator(PhaseCentre centre, Frame frame, double dut1Sec) {
    this.centre = Objects.requireNonNull(centre, "centre");
    this.frame = Objects.requireNonNull(frame, "frame");
    if (!(Math.abs(dut1Sec) < 1)) {
      throw new IllegalArgumentException("|UT1 - UTC| must be below 1 s: " + dut1Sec);
    }
    this.dut1Sec = dut1Sec;
  }

  /** The J2000 phase centre. */
  public PhaseCentre centre() {
    return centre;
  }

  /** The frame of the uvw axes. */
  public Frame frame() {
    return frame;
  }

  /**
   * The 3x3 matrix {@code A} (row-major) with {@code (u, v, w) = A (x, y, z)} for an ITRF vector
   * (x, y, z) at the UTC instant {@code utcMjdSec}.
   */
  public double[][] itrfToUvw(double utcMjdSec) {
    double gast = SiderealTime.gastRad(utcMjdSec, dut1Sec);
    double[][] earth = rotZ(gast);
    double[][] pnm = Precession.j2000ToTrueOfDate(utcMjdSec);
    if (frame == Frame.APPARENT) {
      double[] app = Precession.j2000ToApparent(centre.raRad(), centre.decRad(), utcMjdSec);
      return multiply(uvwAxes(app[0], app[1]), earth);
    }
    // v_J2000 = pnm^T v_date, v_date = earth v_itrf.
    return multiply(uvwAxes(centre.raRad(), centre.decRad()), multiply(transpose(pnm), earth));
  }

  /**
   * The classical (H, dec) form: the matrix taking a vector in a local equatorial frame (X toward H
   * = 0 on the equator, Y toward H = -6 h, Z to the pole) to uvw, for the hour angle {@code
   * hourAngleRad} and declination {@code decRad} of date measured from that frame's meridian. With
   * ITRF axes use the Greenwich hour angle {@code GAST - ra}; with the local frame of longitude
   * {@code lon} (ITRF rotated by {@code -lon} about z, the frame of the MWA AN table offsets) use
   * the local hour angle {@code LAST - ra}.
   */
  public static double[][] hourAngleMatrix(double hourAngleRad, double decRad) {
    double sh = Math.sin(hourAngleRad);
    double ch = Math.cos(hourAngleRad);
    double sd = Math.sin(decRad);
    double cd = Math.cos(decRad);
    return new double[][] {
      {sh, ch, 0}, {-sd * ch, sd * sh, cd}, {cd * ch, -cd * sh, sd},
    };
  }

  /**
   * Per-antenna projections: {@code out[0][a], out[1][a], out[2][a]} = (u, v, w) of antenna a's
   * ITRF position, metres. Baseline (p, q) is {@code out[.][p] - out[.][q]}.
   */
  public static double[][] antennaUvw(double[][] itrfToUvw, AntennaConfiguration config) {
    int n = config.nAntennas();
    double[] x = config.xMetres();
    double[] y = config.yMetres();
    double[] z = config.zMetres();
    double[][] out = new double[3][n];
    for (int a = 0; a < n; a++) {
      for (int i = 0; i < 3; i++) {
        out[i][a] = itrfToUvw[i][0] * x[a] + itrfToUvw[i][1] * y[a] + itrfToUvw[i][2] * z[a];
      }
    }
    return out;
  }

  /** uvw (metres) of baseline (p, q) at {@code utcMjdSec}: {@code proj(pos_p) - proj(pos_q)}. */
  public double[] baselineUvw(AntennaConfiguration config, int p, int q, double utcMjdSec) {
    double[][] a = itrfToUvw(utcMjdSec);
    double dx = config.xMetres()[p] - config.xMetres()[q];
    double dy = config.yMetres()[p] - config.yMetres()[q];
    double dz = config.zMetres()[p] - config.zMetres()[q];
    return new double[] {
      a[0][0] * dx + a[0][1] * dy + a[0][2] * dz,
      a[1][0] * dx + a[1][1] * dy + a[1][2] * dz,
      a[2][0] * dx + a[2][1] * dy + a[2][2] * dz,
    };
  }

  /** Rows uHat, vHat, wHat of the (ra, dec) tangent frame in equatorial Cartesian axes. */
  public static double[][] uvwAxes(double raRad, double decRad) {
    double sa = Math.sin(raRad);
    double ca = Math.cos(raRad);
    double sd = Math.sin(decRad);
    double cd = Math.cos(decRad);
    return new double[][] {
      {-sa, ca, 0}, {-sd * ca, -sd * sa, cd}, {cd * ca, cd * sa, sd},
    };
  }

  /** Active rotation by {@code angle} about z: carries ITRF vectors into the frame of date. */
  private static double[][] rotZ(double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    return new double[][] {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
  }

  /** The 3x3 product {@code a b}. */
  public static double[][] multiply(double[][] a, double[][] b) {
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
      }
    }
    return r;
  }

  /** The transpose of a 3x3 matrix. */
  public static double[][] transpose(double[][] a) {
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[i][j] = a[j][i];
      }
    }
    return r;
  }
}
