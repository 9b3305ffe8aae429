package org.radiospark.kernels.skymodel;

import java.util.List;

/**
 * The spectrum of a sky-model component, evaluated per channel exactly as mwa_hyperdrive estimates
 * flux densities (hyperdrive book, "Estimating flux densities"; {@code FluxDensityType} in its
 * source code):
 *
 * <ul>
 *   <li>{@link PowerLaw}: {@code S(f) = S0 (f / f0)^alpha}, the same ratio for I, Q, U and V.
 *   <li>{@link CurvedPowerLaw}: {@code S(f) = S0 (f / f0)^alpha exp(q ln(f / f0)^2)} (Callingham et
 *       al. 2017, ApJ 836, 174, section 4.1).
 *   <li>{@link FluxList}: a list sorted by frequency. A single entry is extrapolated with the
 *       default spectral index -0.8. Otherwise the two entries that bracket f (the first or last
 *       two when f lies outside the list) give a spectral index from their Stokes I, {@code alpha =
 *       ln(I2/I1) / ln(f2/f1)}, which scales all four Stokes parameters of the lower entry (of the
 *       upper one when f lies above the list), i.e. interpolation and extrapolation linear in
 *       log-log. When the two Stokes I values have opposite signs no index exists and every Stokes
 *       parameter is interpolated on the straight line through the two entries. A frequency within
 *       1 mHz of an entry returns that entry.
 * </ul>
 *
 * <p>Every evaluation is O(1) except lists, O(entries).
 */
public sealed interface SpectralModel
    permits SpectralModel.PowerLaw, SpectralModel.CurvedPowerLaw, SpectralModel.FluxList {

  /** hyperdrive's spectral index for a list with a single flux density. */
  double DEFAULT_SPECTRAL_INDEX = -0.8;

  /** Flux densities at {@code freqHz}. */
  FluxDensity at(double freqHz);

  /** Stokes I at {@code freqHz}, Jy. */
  default double stokesIAt(double freqHz) {
    return at(freqHz).i();
  }

  /**
   * A power law.
   *
   * @param reference flux densities at the reference frequency
   * @param spectralIndex alpha
   */
  record PowerLaw(FluxDensity reference, double spectralIndex) implements SpectralModel {
    /** Checks that the index is finite. */
    public PowerLaw {
      if (reference == null || !Double.isFinite(spectralIndex)) {
        throw new IllegalArgumentException("power law needs a reference and a finite index");
      }
    }

    @Override
    public FluxDensity at(double freqHz) {
      return reference.scaled(freqHz, Math.pow(freqHz / reference.freqHz(), spectralIndex));
    }
  }

  /**
   * A curved power law.
   *
   * @param reference flux densities at the reference frequency
   * @param spectralIndex alpha
   * @param curvature q, the coefficient of {@code ln(f/f0)^2} in the exponent
   */
  record CurvedPowerLaw(FluxDensity reference, double spectralIndex, double curvature)
      implements SpectralModel {
    /** Checks that index and curvature are finite. */
    public CurvedPowerLaw {
      if (reference == null || !Double.isFinite(spectralIndex) || !Double.isFinite(curvature)) {
        throw new IllegalArgumentException(
            "curved power law needs a reference and finite index and curvature");
      }
    }

    @Override
    public FluxDensity at(double freqHz) {
      double x = Math.log(freqHz / reference.freqHz());
      return reference.scaled(freqHz, Math.exp(spectralIndex * x + curvature * x * x));
    }
  }

  /**
   * Flux densities listed at several frequencies.
   *
   * @param entries at least one entry, in strictly increasing frequency (copied)
   */
  record FluxList(List<FluxDensity> entries) implements SpectralModel {
    /** Copies the list and checks that it is non-empty and sorted. */
    public FluxList {
      entries = List.copyOf(entries);
      if (entries.isEmpty()) {
        throw new IllegalArgumentException("a flux-density list needs at least one entry");
      }
      for (int k = 1; k < entries.size(); k++) {
        if (!(entries.get(k).freqHz() > entries.get(k - 1).freqHz())) {
          throw new IllegalArgumentException(
              "flux-density list frequencies must increase: "
                  + entries.get(k - 1).freqHz()
                  + " then "
                  + entries.get(k).freqHz());
        }
      }
    }

    @Override
    public FluxDensity at(double freqHz) {
      int n = entries.size();
      if (n == 1) {
        FluxDensity only = entries.get(0);
        return only.scaled(freqHz, Math.pow(freqHz / only.freqHz(), DEFAULT_SPECTRAL_INDEX));
      }
      int upper = 0;
      while (upper < n && entries.get(upper).freqHz() < freqHz) {
        upper++;
      }
      for (int k = Math.max(0, upper - 1); k <= Math.min(n - 1, upper); k++) {
        if (Math.abs(entries.get(k).freqHz() - freqHz) < 1e-3) {
          return entries.get(k).scaled(freqHz, 1);
        }
      }
      int hi = Math.max(1, Math.min(n - 1, upper));
      FluxDensity a = entries.get(hi - 1);
      FluxDensity b = entries.get(hi);
      if (a.i() * b.i() > 0) {
        double alpha = Math.log(b.i() / a.i()) / Math.log(b.freqHz() / a.freqHz());
        FluxDensity anchor = b.freqHz() < freqHz ? b : a;
        return anchor.scaled(freqHz, Math.pow(freqHz / anchor.freqHz(), alpha));
      }
      double t = (freqHz - a.freqHz()) / (b.freqHz() - a.freqHz());
      return new FluxDensity(
          freqHz,
          a.i() + t * (b.i() - a.i()),
          a.q() + t * (b.q() - a.q()),
          a.u() + t * (b.u() - a.u()),
          a.v() + t * (b.v() - a.v()));
    }
  }
}
