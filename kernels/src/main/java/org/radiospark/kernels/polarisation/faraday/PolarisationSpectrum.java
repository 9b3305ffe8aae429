package org.radiospark.kernels.polarisation.faraday;

import java.util.Objects;

/**
 * Stokes spectra of one line of sight, per channel. Q, U and their noise are in the same units as I
 * (RM-Tools' 7-column form) or already fractional (q = Q/I; the 5-column form, {@code stokesI} and
 * {@code dI} null). NaN values mark flagged channels. Arrays are owned by the record.
 *
 * @param freqHz channel frequencies, Hz
 * @param stokesI Stokes I, or null
 * @param q Stokes Q
 * @param u Stokes U
 * @param dI 1-sigma noise of I, or null
 * @param dQ 1-sigma noise of Q
 * @param dU 1-sigma noise of U
 */
public record PolarisationSpectrum(
    double[] freqHz,
    double[] stokesI,
    double[] q,
    double[] u,
    double[] dI,
    double[] dQ,
    double[] dU) {

  /** Validates lengths. */
  public PolarisationSpectrum {
    Objects.requireNonNull(freqHz, "freqHz");
    int n = freqHz.length;
    if ((stokesI == null) != (dI == null)) {
      throw new IllegalArgumentException("Stokes I and its noise must be given together");
    }
    for (double[] a : new double[][] {q, u, dQ, dU}) {
      Objects.requireNonNull(a, "Q, U, dQ and dU are required");
      if (a.length != n) {
        throw new IllegalArgumentException("all spectra need " + n + " channels");
      }
    }
    if (stokesI != null && (stokesI.length != n || dI.length != n)) {
      throw new IllegalArgumentException("all spectra need " + n + " channels");
    }
  }

  /** Number of channels. */
  public int nChannels() {
    return freqHz.length;
  }

  /** Whether Stokes I is present (7-column input). */
  public boolean hasStokesI() {
    return stokesI != null;
  }
}
