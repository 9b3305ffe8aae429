package org.radiospark.kernels.beamform;

import org.radiospark.kernels.io.mwa.AoCalSolutions;

/**
 * Inverse Jones matrices that calibrate tile voltages: {@code v' = J^-1 v} for the gain {@code J}
 * of an {@code MWAOCAL} solution.
 *
 * <p>Channel mapping: the solutions' channels are taken to cover the observation's coarse channels
 * in ascending frequency, evenly; fine channel {@code g} of {@code G} fine channels in the band
 * uses solution channel {@code floor(g nChannels / G)}. The first solution interval is used (VCS
 * observations are short next to calibration intervals).
 */
public final class CalibrationJones {
  private CalibrationJones() {}

  /**
   * The inverse of a complex 2x2 matrix {@code [m00re, m00im, m01re, m01im, m10re, m10im, m11re,
   * m11im]}, or null if it is singular or holds a NaN (a flagged solution).
   */
  public static double[] inverse(double[] m) {
    for (double v : m) {
      if (!Double.isFinite(v)) {
        return null;
      }
    }
    // det = m00 m11 - m01 m10
    double dr = m[0] * m[6] - m[1] * m[7] - (m[2] * m[4] - m[3] * m[5]);
    double di = m[0] * m[7] + m[1] * m[6] - (m[2] * m[5] + m[3] * m[4]);
    double den = dr * dr + di * di;
    if (!(den > 0)) {
      return null;
    }
    // 1/det
    double ir = dr / den;
    double ii = -di / den;
    return new double[] {
      m[6] * ir - m[7] * ii,
      m[6] * ii + m[7] * ir,
      -(m[2] * ir - m[3] * ii),
      -(m[2] * ii + m[3] * ir),
      -(m[4] * ir - m[5] * ii),
      -(m[4] * ii + m[5] * ir),
      m[0] * ir - m[1] * ii,
      m[0] * ii + m[1] * ir
    };
  }

  /**
   * Inverse gains of {@code tiles} for fine channel {@code globalFine} of {@code totalFine}.
   *
   * @return {@code [j][8]}, null entries for flagged solutions (those voltages are then zeroed)
   * @throws IllegalArgumentException if a tile index is beyond the solutions' antennas
   */
  public static double[][] forChannel(
      AoCalSolutions s, int[] tiles, int globalFine, int totalFine) {
    int ch = (int) ((long) globalFine * s.nChannels() / totalFine);
    double[][] out = new double[tiles.length][];
    for (int j = 0; j < tiles.length; j++) {
      if (tiles[j] >= s.nAntennas()) {
        throw new IllegalArgumentException(
            "tile " + tiles[j] + " beyond the solutions' " + s.nAntennas() + " antennas");
      }
      out[j] = inverse(s.matrix(0, tiles[j], ch));
    }
    return out;
  }

  /**
   * Applies {@code inv} to one tile's (x, y) series in place: {@code x' = i00 x + i01 y}, {@code y'
   * = i10 x + i11 y}. A null {@code inv} zeroes the series. O(samples).
   */
  public static void apply(double[] inv, float[] xr, float[] xi, float[] yr, float[] yi) {
    int n = xr.length;
    if (inv == null) {
      java.util.Arrays.fill(xr, 0f);
      java.util.Arrays.fill(xi, 0f);
      java.util.Arrays.fill(yr, 0f);
      java.util.Arrays.fill(yi, 0f);
      return;
    }
    float a = (float) inv[0];
    float b = (float) inv[1];
    float c = (float) inv[2];
    float d = (float) inv[3];
    float e = (float) inv[4];
    float f = (float) inv[5];
    float g = (float) inv[6];
    float h = (float) inv[7];
    for (int t = 0; t < n; t++) {
      float x0 = xr[t];
      float x1 = xi[t];
      float y0 = yr[t];
      float y1 = yi[t];
      xr[t] = a * x0 - b * x1 + c * y0 - d * y1;
      xi[t] = a * x1 + b * x0 + c * y1 + d * y0;
      yr[t] = e * x0 - f * x1 + g * y0 - h * y1;
      yi[t] = e * x1 + f * x0 + g * y1 + h * y0;
    }
  }
}
