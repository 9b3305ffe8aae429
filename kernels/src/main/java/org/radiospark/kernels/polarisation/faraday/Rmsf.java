package org.radiospark.kernels.polarisation.faraday;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.GaussianCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;

/**
 * An RM spread function sampled on the doubled Faraday-depth axis of its FDF (see {@link
 * PhiAxis#doubled()}).
 *
 * @param axis the doubled axis
 * @param response {@code R(phi)}, 1 at phi = 0 by construction
 * @param fwhmAnalyticRadM2 RM-Tools' default width {@code 3.8 / Delta lambda^2}
 * @param fwhmFittedRadM2 width of a Gaussian fitted to the main lobe of |R|, or NaN if not asked
 *     for (or the fit failed)
 */
public record Rmsf(
    PhiAxis axis, ComplexSpectrum response, double fwhmAnalyticRadM2, double fwhmFittedRadM2) {

  /** The width to use: the fitted one when there is one, else the analytic one (RM-Tools' rule). */
  public double fwhmRadM2() {
    return Double.isFinite(fwhmFittedRadM2) ? fwhmFittedRadM2 : fwhmAnalyticRadM2;
  }

  /**
   * FWHM (rad m^-2) of a Gaussian least-squares fit (Levenberg-Marquardt, commons-math) to the main
   * lobe of {@code amplitude}: as RM-Tools' {@code fit_rmsf}, the samples from the peak outwards
   * until the amplitude first drops below 0.4 of the unit peak, keeping those >= 0.4 unless fewer
   * than four remain. NaN if the fit does not converge.
   */
  public static double fitGaussianFwhm(PhiAxis axis, double[] amplitude) {
    int pk = 0;
    for (int j = 1; j < amplitude.length; j++) {
      if (amplitude[j] > amplitude[pk]) {
        pk = j;
      }
    }
    int shift = 0;
    while (pk + shift < amplitude.length && amplitude[pk + shift] >= 0.4) {
      shift++;
    }
    int lo = Math.max(0, pk - shift + 1);
    int hi = Math.min(amplitude.length, pk + shift);
    int above = 0;
    for (int j = lo; j < hi; j++) {
      if (amplitude[j] >= 0.4) {
        above++;
      }
    }
    WeightedObservedPoints pts = new WeightedObservedPoints();
    for (int j = lo; j < hi; j++) {
      if (above < 4 || amplitude[j] >= 0.4) {
        pts.add(axis.value(j), amplitude[j]);
      }
    }
    if (pts.toList().size() < 3) {
      return Double.NaN;
    }
    try {
      double[] p = GaussianCurveFitter.create().withMaxIterations(200).fit(pts.toList());
      return 2 * Math.sqrt(2 * Math.log(2)) * Math.abs(p[2]);
    } catch (MathIllegalStateException | IllegalArgumentException e) {
      return Double.NaN;
    }
  }
}
