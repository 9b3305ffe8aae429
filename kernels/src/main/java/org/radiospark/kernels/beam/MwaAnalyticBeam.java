package org.radiospark.kernels.beam;

import java.util.Arrays;
import org.radiospark.kernels.io.mwa.Metafits;
import org.radiospark.kernels.io.mwa.MwaRfInput;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * The MWA tile beam as an analytic model: 16 short (Hertzian) dipoles on a 4 x 4 grid, 1.1 m apart,
 * 0.278 m above an infinite ground plane, steered by the beamformer's integer delays in steps of
 * 435 ps. These are the constants and the structure of the "analytic" tile model of the MWA's
 * {@code mwa_pb} package ({@code primary_beam.MWA_Tile_analytic}; Sutinjo et al. 2015, Radio Sci.
 * 50, 52 describe the full embedded-element model that this approximates). Mutual coupling and the
 * dipoles' real (bow-tie) shape are ignored; side lobes are therefore those of an ideal array.
 *
 * <p>Dipole {@code k} (the metafits order) sits in row {@code k / 4} counted from the north and
 * column {@code k % 4} counted from the west: east {@code x_k = (k % 4 - 1.5) 1.1 m}, north {@code
 * y_k = (1.5 - k / 4) 1.1 m}. A delay of 32 marks a dead dipole, which contributes nothing.
 *
 * <p>Response to a plane wave from unit direction {@code s} (ENU) at frequency f, wavelength
 * lambda:
 *
 * <ul>
 *   <li>array factor {@code AF = (1/16) sum_k exp(2 pi i (f/c) (r_k . s) - 2 pi i f d_k 435 ps)}:
 *       the delays cancel the geometric phase in the direction they point to, where {@code |AF| =
 *       1} when all dipoles live;
 *   <li>ground plane {@code GP = sin(2 pi h cos(za) / lambda) / sin(2 pi h / lambda)}, the dipole
 *       and its image, normalised at zenith;
 *   <li>short-dipole projection: the voltage of a dipole along unit vector {@code d} is {@code d .
 *       E}; the X dipoles lie east-west, the Y dipoles north-south (the MWA convention).
 * </ul>
 *
 * <p>Jones matrix (row X then Y; columns the field components along two sky basis vectors {@code
 * b0}, {@code b1} perpendicular to {@code s}): {@code J = AF GP [[x.b0, x.b1], [y.b0, y.b1]]} with
 * {@code x} = east, {@code y} = north. Normalised to zenith: a zenith-pointed tile (all delays 0)
 * has {@code |J| = identity up to a basis rotation} for a source at zenith, and the power pattern
 * of one dipole for an unpolarised unit source, {@code |AF|^2 GP^2 (1 - (d . s)^2)}, is 1 there.
 * For X, {@code 1 - (d.s)^2 = 1 - sin^2(za) sin^2(az)}; for Y, {@code 1 - sin^2(za) cos^2(az)}.
 *
 * <p>Immutable and thread-safe. Cost: 16 complex exponentials per direction and frequency.
 */
public final class MwaAnalyticBeam {
  /** Dipole spacing within a tile, metres. */
  public static final double DIPOLE_SEPARATION_M = 1.1;

  /** Height of the dipoles above the ground plane, metres. */
  public static final double DIPOLE_HEIGHT_M = 0.278;

  /** One beamformer delay step, seconds. */
  public static final double DELAY_STEP_SEC = 435e-12;

  /** The delay value that marks a dead (switched-off) dipole. */
  public static final int DEAD_DIPOLE = 32;

  private static final double C = 299_792_458.0;

  private final int[] delays;
  private final double[] xEast = new double[16];
  private final double[] yNorth = new double[16];

  /**
   * A tile with the given 16 beamformer delays (metafits order).
   *
   * @throws InvalidInputException unless there are 16 delays in 0..31 or 32 (dead)
   */
  public MwaAnalyticBeam(int[] delays) {
    if (delays == null || delays.length != 16) {
      throw new InvalidInputException(
          "MWA beam",
          "delays",
          "expected 16 dipole delays, got " + (delays == null ? "none" : delays.length));
    }
    for (int d : delays) {
      if (d < 0 || d > DEAD_DIPOLE) {
        throw new InvalidInputException(
            "MWA beam", "delays", "expected 0..31 (32 = dead dipole): " + Arrays.toString(delays));
      }
    }
    this.delays = delays.clone();
    for (int k = 0; k < 16; k++) {
      xEast[k] = (k % 4 - 1.5) * DIPOLE_SEPARATION_M;
      yNorth[k] = (1.5 - k / 4) * DIPOLE_SEPARATION_M;
    }
  }

  /** A zenith-pointed tile (all delays 0). */
  public static MwaAnalyticBeam zenith() {
    return new MwaAnalyticBeam(new int[16]);
  }

  /**
   * The ideal (pointing) delays of the observation from the metafits {@code TILEDATA}: for each
   * dipole position the most common delay below 32 over all inputs (ties to the smaller value), 32
   * only where every input has that dipole dead. Individual tiles may have dead dipoles (delay 32
   * on that tile only); one beam for all tiles ignores them, as hyperdrive does with {@code
   * --unity-dipole-gains}.
   *
   * @throws InvalidInputException if no input carries 16 delays
   */
  public static MwaAnalyticBeam fromMetafits(Metafits metafits) {
    int[][] count = new int[16][DEAD_DIPOLE];
    boolean any = false;
    for (MwaRfInput in : metafits.inputs()) {
      int[] d = in.dipoleDelays();
      if (d.length != 16) {
        continue;
      }
      any = true;
      for (int k = 0; k < 16; k++) {
        if (d[k] >= 0 && d[k] < DEAD_DIPOLE) {
          count[k][d[k]]++;
        }
      }
    }
    if (!any) {
      throw new InvalidInputException(
          metafits.file(), "TILEDATA Delays", "no input carries 16 dipole delays");
    }
    int[] ideal = new int[16];
    for (int k = 0; k < 16; k++) {
      ideal[k] = DEAD_DIPOLE;
      int best = 0;
      for (int v = 0; v < DEAD_DIPOLE; v++) {
        if (count[k][v] > best) {
          best = count[k][v];
          ideal[k] = v;
        }
      }
    }
    return new MwaAnalyticBeam(ideal);
  }

  /** A copy of the 16 delays. */
  public int[] delays() {
    return delays.clone();
  }

  /**
   * The array factor {@code AF} toward unit ENU vector {@code s}: {@code {re, im}}. Its modulus is
   * 1 in the steered direction when every dipole lives.
   */
  public double[] arrayFactor(double[] sEnu, double freqHz) {
    double k = 2 * Math.PI * freqHz / C;
    double re = 0;
    double im = 0;
    for (int d = 0; d < 16; d++) {
      if (delays[d] == DEAD_DIPOLE) {
        continue;
      }
      double ph =
          k * (xEast[d] * sEnu[0] + yNorth[d] * sEnu[1])
              - 2 * Math.PI * freqHz * delays[d] * DELAY_STEP_SEC;
      re += Math.cos(ph);
      im += Math.sin(ph);
    }
    return new double[] {re / 16, im / 16};
  }

  /** The ground-plane factor at zenith angle {@code za}, normalised to 1 at zenith. */
  public static double groundPlane(double zaRad, double freqHz) {
    double k = 2 * Math.PI * DIPOLE_HEIGHT_M * freqHz / C;
    return Math.sin(k * Math.cos(zaRad)) / Math.sin(k);
  }

  /**
   * The Jones matrix toward {@code sEnu} for field components along {@code b0} and {@code b1} (unit
   * ENU vectors perpendicular to {@code sEnu}).
   *
   * @param out 8 doubles: J00re J00im J01re J01im J10re J10im J11re J11im, row 0 the X (east-west)
   *     dipoles, row 1 the Y (north-south) dipoles
   */
  public void jones(double[] sEnu, double[] b0, double[] b1, double freqHz, double[] out) {
    double[] af = arrayFactor(sEnu, freqHz);
    double za = Math.acos(Math.max(-1, Math.min(1, sEnu[2])));
    double gp = sEnu[2] <= 0 ? 0 : groundPlane(za, freqHz);
    double[] proj = {b0[0], b1[0], b0[1], b1[1]}; // x.b0, x.b1, y.b0, y.b1
    for (int e = 0; e < 4; e++) {
      out[2 * e] = gp * af[0] * proj[e];
      out[2 * e + 1] = gp * af[1] * proj[e];
    }
  }

  /**
   * The Jones matrix toward {@code dir} in the IAU sky basis: column 0 the field along increasing
   * declination (north, IAU X), column 1 along increasing right ascension (east, IAU Y). At zenith
   * a zenith-pointed tile gives {@code [[0, 1], [1, 0]]}: the MWA's X dipole (east-west) sees IAU
   * Y.
   */
  public void jones(LocalDirection dir, double freqHz, double[] out) {
    jones(dir.directionEnu(), dir.northEnu(), dir.eastEnu(), freqHz, out);
  }

  /**
   * Power response of the X (east-west, {@code pol} 0) or Y (north-south, 1) dipoles to an
   * unpolarised source of unit flux at (az, el): {@code |AF|^2 GP^2 (1 - (d.s)^2)}.
   */
  public double power(int pol, double azRad, double elRad, double freqHz) {
    double[] s = unit(azRad, elRad);
    double[] af = arrayFactor(s, freqHz);
    double gp = elRad <= 0 ? 0 : groundPlane(Math.PI / 2 - elRad, freqHz);
    double ds = pol == 0 ? s[0] : s[1];
    return (af[0] * af[0] + af[1] * af[1]) * gp * gp * (1 - ds * ds);
  }

  /** The ENU unit vector of azimuth (north through east) and elevation. */
  public static double[] unit(double azRad, double elRad) {
    double ce = Math.cos(elRad);
    return new double[] {ce * Math.sin(azRad), ce * Math.cos(azRad), Math.sin(elRad)};
  }
}
