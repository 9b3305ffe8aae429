package org.radiospark.kernels.io;

import java.util.Objects;

/**
 * A linear third FITS axis other than frequency, such as Faraday depth ({@code FDEP}, rad/m^2, as
 * RM-Tools writes FDF cubes): plane {@code k} (0-based) is at {@code startValue + k * step}.
 *
 * @param ctype FITS {@code CTYPE3}, at most 8 characters
 * @param startValue value of the first plane ({@code CRVAL3} with {@code CRPIX3 = 1})
 * @param step spacing ({@code CDELT3}), non-zero
 * @param unit FITS {@code CUNIT3}
 */
public record CubeAxis(String ctype, double startValue, double step, String unit) {
  public CubeAxis {
    Objects.requireNonNull(ctype, "ctype");
    Objects.requireNonNull(unit, "unit");
    if (ctype.isEmpty() || ctype.length() > 8) {
      throw new IllegalArgumentException("CTYPE must have 1 to 8 characters: '" + ctype + "'");
    }
    if (!Double.isFinite(startValue) || !Double.isFinite(step) || step == 0) {
      throw new IllegalArgumentException("axis start and non-zero step must be finite");
    }
  }

  /** The Faraday-depth axis of an FDF cube, rad/m^2. */
  public static CubeAxis faradayDepth(double startRadM2, double stepRadM2) {
    return new CubeAxis("FDEP", startRadM2, stepRadM2, "rad/m^2");
  }
}
