package org.radiospark.kernels.coords;

/**
 * Elevation of a direction above the local horizon (spherical astronomy; refraction ignored).
 *
 * <p>{@code sin(el) = sin(lat) sin(dec) + cos(lat) cos(dec) cos(H)} with geodetic latitude, hour
 * angle H and declination of date. O(1).
 */
public final class Horizon {
  private Horizon() {}

  /**
   * Elevation in radians of (hour angle, declination) seen from geodetic latitude {@code latRad}.
   */
  public static double elevationRad(double hourAngleRad, double decRad, double latRad) {
    double s =
        Math.sin(latRad) * Math.sin(decRad)
            + Math.cos(latRad) * Math.cos(decRad) * Math.cos(hourAngleRad);
    return Math.asin(Math.max(-1, Math.min(1, s)));
  }
}
