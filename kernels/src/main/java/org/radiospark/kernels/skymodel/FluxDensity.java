package org.radiospark.kernels.skymodel;

/**
 * Flux densities of the four Stokes parameters at one frequency, as hyperdrive source lists hold
 * them.
 *
 * @param freqHz frequency, Hz (positive)
 * @param i Stokes I, Jy
 * @param q Stokes Q, Jy
 * @param u Stokes U, Jy
 * @param v Stokes V, Jy
 */
public record FluxDensity(double freqHz, double i, double q, double u, double v) {

  /** Checks that the frequency is positive and every flux finite. */
  public FluxDensity {
    if (!(freqHz > 0) || Double.isInfinite(freqHz)) {
      throw new IllegalArgumentException("frequency must be positive and finite: " + freqHz);
    }
    if (!Double.isFinite(i) || !Double.isFinite(q) || !Double.isFinite(u) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(
          "flux densities must be finite: " + i + ", " + q + ", " + u + ", " + v);
    }
  }

  /** Stokes I only, Jy. */
  public static FluxDensity stokesI(double freqHz, double iJy) {
    return new FluxDensity(freqHz, iJy, 0, 0, 0);
  }

  /** Every Stokes parameter multiplied by {@code factor}, at frequency {@code newFreqHz}. */
  public FluxDensity scaled(double newFreqHz, double factor) {
    return new FluxDensity(newFreqHz, i * factor, q * factor, u * factor, v * factor);
  }

  /** {I, Q, U, V}, Jy. */
  public double[] iquv() {
    return new double[] {i, q, u, v};
  }
}
