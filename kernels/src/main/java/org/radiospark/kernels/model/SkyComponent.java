package org.radiospark.kernels.model;

/**
 * A component of a sky model: a point source or an elliptical Gaussian with a power-law spectrum in
 * each Stokes parameter.
 *
 * <p>Flux density at frequency f: {@code S(f) = S0 * (f / refFreqHz)^spectralIndex} for each of I,
 * Q, U, V. A Gaussian's flux is its integrated flux; its shape is given by FWHM axes.
 *
 * @param raRad right ascension, radians (J2000)
 * @param decRad declination, radians (J2000)
 * @param fluxJy I, Q, U, V flux densities at {@code refFreqHz}, Jy (length 4)
 * @param refFreqHz reference frequency of {@code fluxJy}
 * @param spectralIndex power-law index alpha
 * @param majorRad FWHM major axis, radians; 0 for a point source
 * @param minorRad FWHM minor axis, radians; 0 for a point source
 * @param paRad position angle of the major axis, north through east, radians
 */
public record SkyComponent(
    double raRad,
    double decRad,
    double[] fluxJy,
    double refFreqHz,
    double spectralIndex,
    double majorRad,
    double minorRad,
    double paRad) {

  public SkyComponent {
    if (fluxJy == null || fluxJy.length != 4) {
      throw new IllegalArgumentException("fluxJy must hold I, Q, U, V");
    }
    if (!(refFreqHz > 0)) {
      throw new IllegalArgumentException("reference frequency must be positive: " + refFreqHz);
    }
    if (majorRad < 0 || minorRad < 0 || minorRad > majorRad + 1e-15) {
      throw new IllegalArgumentException(
          "Gaussian axes must satisfy 0 <= minor <= major: " + majorRad + ", " + minorRad);
    }
    fluxJy = fluxJy.clone();
  }

  /** An unpolarised point source. */
  public static SkyComponent point(
      double raRad, double decRad, double stokesIJy, double refFreqHz, double spectralIndex) {
    return new SkyComponent(
        raRad, decRad, new double[] {stokesIJy, 0, 0, 0}, refFreqHz, spectralIndex, 0, 0, 0);
  }

  public boolean isPoint() {
    return majorRad == 0;
  }

  /** Stokes parameter {@code k} (0 I, 1 Q, 2 U, 3 V) at frequency {@code freqHz}, Jy. */
  public double fluxAt(int k, double freqHz) {
    return fluxJy[k] * Math.pow(freqHz / refFreqHz, spectralIndex);
  }

  @Override
  public double[] fluxJy() {
    return fluxJy.clone();
  }
}
