package org.radiospark.kernels.model;

/**
 * A direction on the sky in the J2000 (ICRS) frame: the phase-tracking centre of an observation or
 * the reference direction of an image.
 *
 * @param raRad right ascension in radians, [0, 2 pi)
 * @param decRad declination in radians, [-pi/2, pi/2]
 */
public record PhaseCentre(double raRad, double decRad) {
  public PhaseCentre {
    if (!Double.isFinite(raRad) || !Double.isFinite(decRad)) {
      throw new IllegalArgumentException("phase centre must be finite: " + raRad + ", " + decRad);
    }
    if (Math.abs(decRad) > Math.PI / 2 + 1e-12) {
      throw new IllegalArgumentException("declination out of range: " + Math.toDegrees(decRad));
    }
    raRad = ((raRad % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  }

  public static PhaseCentre ofDegrees(double raDeg, double decDeg) {
    return new PhaseCentre(Math.toRadians(raDeg), Math.toRadians(decDeg));
  }

  public double raDeg() {
    return Math.toDegrees(raRad);
  }

  public double decDeg() {
    return Math.toDegrees(decRad);
  }
}
