package org.radiospark.kernels.polarisation.faraday;

import java.util.Objects;

/**
 * Options of {@link RmSynthesis1d}, named and defaulted as RM-Tools' {@code rmsynth1d} (flag in
 * brackets).
 *
 * @param phiMaxRadM2 largest |phi| sampled [-l]; NaN = automatic: {@code max(sqrt(3) / delta
 *     lambda^2_max, 10 FWHM)}
 * @param dPhiRadM2 Faraday-depth spacing [-d]; NaN = automatic: {@code FWHM / nSamples}
 * @param nSamples samples across the RMSF FWHM when dPhi is automatic [-s], default 10
 * @param weighting channel weights [-w], default {@link Weighting#VARIANCE}
 * @param polyOrder order of the Stokes I model [-o in RM-Tools], 0..5, default 2; -1..-5 choose the
 *     order up to |polyOrder| by AIC ({@link StokesIFitter#fitBestOrder})
 * @param fitFunction Stokes I model family [-f], default {@link StokesIModel.FitFunction#LOG}
 * @param ignoreStokesI use I = 1 instead of a fitted model [-i]
 * @param fitRmsf fit a Gaussian to the RMSF main lobe for its FWHM [-t]; otherwise the analytic
 *     {@code 3.8 / Delta lambda^2} is used, as RM-Tools does by default
 */
public record RmSynthesisParameters(
    double phiMaxRadM2,
    double dPhiRadM2,
    double nSamples,
    Weighting weighting,
    int polyOrder,
    StokesIModel.FitFunction fitFunction,
    boolean ignoreStokesI,
    boolean fitRmsf) {

  /** Validates the options. */
  public RmSynthesisParameters {
    Objects.requireNonNull(weighting, "weighting");
    Objects.requireNonNull(fitFunction, "fitFunction");
    if (!Double.isNaN(phiMaxRadM2) && !(phiMaxRadM2 > 0 && Double.isFinite(phiMaxRadM2))) {
      throw new IllegalArgumentException("phiMax must be > 0 (or NaN for auto): " + phiMaxRadM2);
    }
    if (!Double.isNaN(dPhiRadM2) && !(dPhiRadM2 > 0 && Double.isFinite(dPhiRadM2))) {
      throw new IllegalArgumentException("dPhi must be > 0 (or NaN for auto): " + dPhiRadM2);
    }
    if (!(nSamples > 0) || !Double.isFinite(nSamples)) {
      throw new IllegalArgumentException("samples per FWHM must be > 0: " + nSamples);
    }
    if (polyOrder < -5 || polyOrder > 5) {
      throw new IllegalArgumentException(
          "Stokes I polynomial order must be 0..5 (or -1..-5 for automatic): " + polyOrder);
    }
  }

  /** RM-Tools' defaults. */
  public static RmSynthesisParameters defaults() {
    return new RmSynthesisParameters(
        Double.NaN,
        Double.NaN,
        10,
        Weighting.VARIANCE,
        2,
        StokesIModel.FitFunction.LOG,
        false,
        false);
  }

  /** A copy with the Faraday-depth sampling changed (NaN = automatic). */
  public RmSynthesisParameters withPhiSampling(double phiMax, double dPhi, double samples) {
    return new RmSynthesisParameters(
        phiMax, dPhi, samples, weighting, polyOrder, fitFunction, ignoreStokesI, fitRmsf);
  }

  /** A copy with the Stokes I handling changed. */
  public RmSynthesisParameters withStokesI(
      boolean ignore, int order, StokesIModel.FitFunction function) {
    return new RmSynthesisParameters(
        phiMaxRadM2, dPhiRadM2, nSamples, weighting, order, function, ignore, fitRmsf);
  }

  /** A copy with the weighting and the RMSF width rule changed. */
  public RmSynthesisParameters withWeighting(Weighting w, boolean fitWidth) {
    return new RmSynthesisParameters(
        phiMaxRadM2, dPhiRadM2, nSamples, w, polyOrder, fitFunction, ignoreStokesI, fitWidth);
  }
}
