package org.radiospark.kernels.coords;

import org.radiospark.kernels.model.ImageGeometry;

/**
 * Pixel to sky and back for the SIN (orthographic) projection of an {@link ImageGeometry}: pixel
 * (x, y) maps to direction cosines {@code (geometry.l(x), geometry.m(y))} about the geometry's
 * centre, and those to (ra, dec) by {@link DirectionCosines}. This is the FITS SIN projection with
 * PV2_1 = PV2_2 = 0 (Calabretta and Greisen 2002, eq. 38-39) as written by WSClean. O(1).
 */
public final class SinProjection {
  private SinProjection() {}

  /** {raRad, decRad} at fractional pixel (x, y), 0-based. */
  public static double[] pixelToSky(ImageGeometry geometry, double x, double y) {
    return DirectionCosines.toRaDec(geometry.l(x), geometry.m(y), geometry.centre());
  }

  /**
   * Fractional 0-based pixel {x, y} of (raRad, decRad).
   *
   * @throws IllegalArgumentException when the direction lies on the far hemisphere (n < 0), where
   *     the SIN projection is not one-to-one
   */
  public static double[] skyToPixel(ImageGeometry geometry, double raRad, double decRad) {
    double[] lmn = DirectionCosines.lmn(raRad, decRad, geometry.centre());
    if (lmn[2] < 0) {
      throw new IllegalArgumentException("direction is more than 90 deg from the image centre");
    }
    return new double[] {geometry.x(lmn[0]), geometry.y(lmn[1])};
  }
}
