package org.radiospark.jobs.spectral;

import java.io.Serializable;
import org.radiospark.kernels.polarisation.faraday.PhiAxis;
import org.radiospark.kernels.polarisation.faraday.RmSynthesis;

/**
 * The RM-synthesis set-up every tile shares, made once on the driver from the channel frequencies
 * and noise and shipped in the tile stage's closure (Java-serialised, primitives only).
 *
 * @param lambda2M2 lambda^2 of each channel, m^2, channel order
 * @param weights RM-synthesis weight of each channel: {@code 1 / sigma_c^2} with {@code sigma_c}
 *     the mean of the Q and U residual rms of the channel (RM-Tools' variance weighting); 0 for
 *     channels without a finite noise
 * @param phiStartRadM2 first Faraday depth
 * @param dPhiRadM2 Faraday-depth step
 * @param nPhi number of depths
 * @param fwhmRadM2 RMSF FWHM, {@code 3.8 / Delta lambda^2} (RM-Tools)
 * @param dFdfTheory theoretical FDF noise {@code sqrt(sum w^2 sigma^2) / sum w}
 */
public record FaradayPlan(
    double[] lambda2M2,
    double[] weights,
    double phiStartRadM2,
    double dPhiRadM2,
    int nPhi,
    double fwhmRadM2,
    double dFdfTheory)
    implements Serializable {

  /**
   * RM-Tools' defaults for an axis not given: {@code dPhi = FWHM / 10}, {@code phiMax = max(sqrt(3)
   * / delta lambda^2, 10 FWHM)}.
   *
   * @param freqHz channel frequencies
   * @param sigma per-channel noise of Q and U (Jy/beam); NaN or non-positive drops the channel
   * @param phiMax requested phiMax, or 0
   * @param dPhi requested step, or 0
   */
  public static FaradayPlan of(double[] freqHz, double[] sigma, double phiMax, double dPhi) {
    double[] l2 = RmSynthesis.lambdaSquared(freqHz);
    double[] w = new double[l2.length];
    double sw = 0;
    double sw2s2 = 0;
    for (int c = 0; c < w.length; c++) {
      w[c] = sigma[c] > 0 && Double.isFinite(sigma[c]) ? 1 / (sigma[c] * sigma[c]) : 0;
      sw += w[c];
      sw2s2 += w[c] > 0 ? w[c] * w[c] * sigma[c] * sigma[c] : 0;
    }
    if (!(sw > 0)) {
      // Noiseless data (simulations): uniform weights, no noise estimate.
      java.util.Arrays.fill(w, 1);
      sw = w.length;
    }
    double fwhm = RmSynthesis.fwhmAnalytic(l2);
    double step = dPhi > 0 ? dPhi : fwhm / 10;
    double max = phiMax > 0 ? phiMax : Math.max(RmSynthesis.maxPhi(l2), 10 * fwhm);
    PhiAxis axis = PhiAxis.centred(max, step);
    double dFdf = sw2s2 > 0 ? Math.sqrt(sw2s2) / sw : Double.NaN;
    return new FaradayPlan(l2, w, axis.startRadM2(), axis.stepRadM2(), axis.n(), fwhm, dFdf);
  }

  /** The Faraday-depth axis. */
  public PhiAxis axis() {
    return new PhiAxis(phiStartRadM2, dPhiRadM2, nPhi);
  }

  /** The kernel's plan (lambda_0^2 the weighted mean of lambda^2). */
  public RmSynthesis synthesis() {
    return RmSynthesis.plan(lambda2M2, weights, axis());
  }
}
