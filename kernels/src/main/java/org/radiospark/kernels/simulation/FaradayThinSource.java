package org.radiospark.kernels.simulation;

import org.radiospark.kernels.model.SkyComponent;

/**
 * A polarised point source behind a Faraday-thin screen (Burn 1966; Brentjens and de Bruyn 2005,
 * eq. 2): {@code Q + iU = p I(f) exp(2i (chi0 + RM lambda^2))}, {@code V = v I(f)}, {@code I(f) =
 * I0 (f / refFreqHz)^alpha}, {@code lambda = c / f}.
 *
 * @param raRad right ascension, radians (J2000)
 * @param decRad declination, radians (J2000)
 * @param stokesIJy Stokes I at {@code refFreqHz}, Jy
 * @param refFreqHz reference frequency of I, Hz
 * @param spectralIndex power-law index alpha of I (and of the polarised flux)
 * @param fracPol fractional linear polarisation p, [0, 1]
 * @param chi0Rad intrinsic polarisation angle at lambda = 0, radians (IAU: north through east)
 * @param rmRadM2 rotation measure, rad m^-2
 * @param fracCircular fractional circular polarisation v, with {@code p^2 + v^2 <= 1}
 */
public record FaradayThinSource(
    double raRad,
    double decRad,
    double stokesIJy,
    double refFreqHz,
    double spectralIndex,
    double fracPol,
    double chi0Rad,
    double rmRadM2,
    double fracCircular) {

  private static final double C = 299_792_458.0;

  public FaradayThinSource {
    if (!(refFreqHz > 0) || !Double.isFinite(refFreqHz)) {
      throw new IllegalArgumentException("reference frequency must be > 0: " + refFreqHz);
    }
    if (!(fracPol >= 0 && fracPol * fracPol + fracCircular * fracCircular <= 1 + 1e-12)) {
      throw new IllegalArgumentException(
          "need p >= 0 and p^2 + v^2 <= 1: p = " + fracPol + ", v = " + fracCircular);
    }
    for (double v : new double[] {raRad, decRad, stokesIJy, spectralIndex, chi0Rad, rmRadM2}) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("source parameters must be finite");
      }
    }
  }

  /** {I, Q, U, V} in Jy at {@code freqHz}. */
  public double[] stokesAt(double freqHz) {
    double i = stokesIJy * Math.pow(freqHz / refFreqHz, spectralIndex);
    double lambda = C / freqHz;
    double angle = 2 * (chi0Rad + rmRadM2 * lambda * lambda);
    return new double[] {
      i, fracPol * i * Math.cos(angle), fracPol * i * Math.sin(angle), fracCircular * i
    };
  }

  /** A point component with this source's flux at {@code freqHz} (flat spectrum about it). */
  public SkyComponent componentAt(double freqHz) {
    return new SkyComponent(raRad, decRad, stokesAt(freqHz), freqHz, 0, 0, 0, 0);
  }
}
