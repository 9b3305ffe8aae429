package org.radiospark.kernels.polarisation.faraday;

import java.util.Arrays;
import org.radiospark.kernels.deconvolution.RobustNoise;

/**
 * The peak of a Faraday dispersion function and the quantities RM-Tools' {@code measure_FDF_parms}
 * reports for it, under the same names (JSON keys in brackets).
 *
 * <p>Method: the peak sample of |F| (edge samples excluded) and its two neighbours define a
 * parabola whose vertex gives {@code phiPeakPIfit} and {@code ampPeakPIfit}; Q and U at that depth
 * are linearly interpolated for the angle. Errors, with {@code sigma = dFDF} the noise of Q or U in
 * the FDF:
 *
 * <ul>
 *   <li>{@code dPhiPeakPIfit = FWHM_RMSF * sigma / (2 ampPeakPIfit)} (RM-Tools; BdB05 eq. 52 form);
 *   <li>{@code dAmpPeakPIfit = sigma}; {@code snrPIfit = ampPeakPIfit / sigma};
 *   <li>{@code dPolAngleFit = sigma / (2 ampPeakPIfit)} rad (BdB05 eq. A.12);
 *   <li>{@code dPolAngle0Fit^2 = sigma^2 N / (4 (N-2) A^2) ((N-1)/N + lambda0^4 / var(lambda^2))}
 *       rad^2 (BdB05 eq. A.20), N good channels;
 *   <li>Ricean bias (POSSUM report 11, as RM-Tools): {@code ampPeakPIfitEff = sqrt(A^2 - 2.3
 *       sigma^2)} when {@code snrPIfit >= 5}, else {@code A}.
 * </ul>
 *
 * Angles are in [0, 180) degrees; {@code polAngle0Fit} is derotated to lambda = 0: {@code psi0 =
 * psi - phiPeak lambda0^2}. A fit whose vertex falls outside the axis gives NaN depth and
 * amplitude, like RM-Tools.
 *
 * @param dFdfCorMad robust noise of Q and U in the FDF away from the peak [dFDFcorMAD]
 * @param phiPeakRadM2 [phiPeakPIfit_rm2]
 * @param dPhiPeakRadM2 [dPhiPeakPIfit_rm2]
 * @param ampPeak [ampPeakPIfit]
 * @param ampPeakEff bias-corrected amplitude [ampPeakPIfitEff]
 * @param dAmpPeak [dAmpPeakPIfit]
 * @param snr [snrPIfit]
 * @param indexPeak fractional sample index of the peak [indxPeakPIfit]
 * @param peakRe Q at the peak [peakFDFrealFit]
 * @param peakIm U at the peak [peakFDFimagFit]
 * @param polAngleDeg [polAngleFit_deg]
 * @param dPolAngleDeg [dPolAngleFit_deg]
 * @param polAngle0Deg [polAngle0Fit_deg]
 * @param dPolAngle0Deg [dPolAngle0Fit_deg]
 */
public record FdfPeak(
    double dFdfCorMad,
    double phiPeakRadM2,
    double dPhiPeakRadM2,
    double ampPeak,
    double ampPeakEff,
    double dAmpPeak,
    double snr,
    double indexPeak,
    double peakRe,
    double peakIm,
    double polAngleDeg,
    double dPolAngleDeg,
    double polAngle0Deg,
    double dPolAngle0Deg) {

  /** S/N above which the Ricean bias is corrected (RM-Tools' {@code snrDoBiasCorrect}). */
  public static final double BIAS_CORRECT_SNR = 5.0;

  /**
   * Measures the peak of {@code fdf}.
   *
   * @param fdf the FDF on {@code axis}
   * @param axis its Faraday-depth axis
   * @param fwhmRmsfRadM2 width of the RMSF main lobe
   * @param dFdf noise of Q (= of U) in the FDF; NaN to use the robust noise measured from the FDF
   * @param lambda2M2 lambda^2 of the channels that contributed (for the angle error)
   * @param lambda0SqM2 the reference lambda^2 of the synthesis
   */
  public static FdfPeak measure(
      ComplexSpectrum fdf,
      PhiAxis axis,
      double fwhmRmsfRadM2,
      double dFdf,
      double[] lambda2M2,
      double lambda0SqM2) {
    int n = fdf.length();
    if (n != axis.n()) {
      throw new IllegalArgumentException("FDF has " + n + " samples, axis " + axis.n());
    }
    double[] amp = fdf.amplitudes();
    int pk = 1;
    for (int j = 2; j < n - 1; j++) {
      if (amp[j] > amp[pk] || Double.isNaN(amp[pk])) {
        pk = j;
      }
    }
    double corMad = robustNoiseOffPeak(fdf, pk, fwhmRmsfRadM2, axis.stepRadM2());
    double sigma = Double.isFinite(dFdf) ? dFdf : corMad;

    // Parabola through (pk-1, pk, pk+1) in units of the sample spacing around pk.
    double y1 = amp[pk - 1];
    double y2 = amp[pk];
    double y3 = amp[pk + 1];
    double denom = y1 - 2 * y2 + y3;
    double offset = denom != 0 ? 0.5 * (y1 - y3) / denom : 0.0;
    double phiPeak = axis.value(pk) + offset * axis.stepRadM2();
    double ampPeak = y2 - 0.25 * (y1 - y3) * offset;
    double snr = ampPeak / sigma;
    double maxAbsPhi = Math.max(Math.abs(axis.startRadM2()), Math.abs(axis.endRadM2()));
    if (Math.abs(phiPeak) > maxAbsPhi) {
      phiPeak = Double.NaN;
      ampPeak = Double.NaN;
    }
    double dPhi = fwhmRmsfRadM2 * sigma / (2 * ampPeak);
    double ampEff = ampPeak;
    if (snr >= BIAS_CORRECT_SNR) {
      ampEff = Math.sqrt(ampPeak * ampPeak - 2.3 * sigma * sigma);
    }
    double idx = (phiPeak - axis.startRadM2()) / axis.stepRadM2();
    double re = interpolate(fdf.re(), idx);
    double im = interpolate(fdf.im(), idx);
    double psiRad = 0.5 * Math.atan2(im, re);
    double psiDeg = mod180(Math.toDegrees(psiRad));
    double dPsiDeg = Math.toDegrees(sigma / (2 * ampPeak));
    double psi0Deg = mod180(Math.toDegrees(Math.toRadians(psiDeg) - phiPeak * lambda0SqM2));

    int nGood = 0;
    double s1 = 0;
    double s2 = 0;
    for (double l2 : lambda2M2) {
      if (Double.isFinite(l2)) {
        nGood++;
        s1 += l2;
        s2 += l2 * l2;
      }
    }
    double varL2 = (s2 - s1 * s1 / nGood) / (nGood - 1);
    double dPsi0Rad =
        Math.sqrt(
            sigma
                * sigma
                * nGood
                / (4.0 * (nGood - 2.0) * ampPeak * ampPeak)
                * ((nGood - 1.0) / nGood + lambda0SqM2 * lambda0SqM2 / varL2));
    return new FdfPeak(
        corMad,
        phiPeak,
        dPhi,
        ampPeak,
        ampEff,
        sigma,
        snr,
        idx,
        re,
        im,
        psiDeg,
        dPsiDeg,
        psi0Deg,
        Math.toDegrees(dPsi0Rad));
  }

  /** Python's {@code x % 180}: the result has the sign of the divisor, so it is in [0, 180). */
  static double mod180(double deg) {
    double m = deg % 180.0;
    return m < 0 ? m + 180.0 : m;
  }

  private static double interpolate(double[] v, double idx) {
    if (!Double.isFinite(idx)) {
      return Double.NaN;
    }
    int i0 = (int) Math.floor(idx);
    if (i0 < 0) {
      return v[0];
    }
    if (i0 >= v.length - 1) {
      return v[v.length - 1];
    }
    double f = idx - i0;
    return v[i0] * (1 - f) + v[i0 + 1] * f;
  }

  /**
   * RM-Tools' {@code dFDFcorMAD}: MAD-based rms of the real and imaginary parts together, with
   * {@code 2 ceil(FWHM / dPhi)} samples either side of the peak masked out, unless that leaves
   * under 30% of the spectrum (then all of it).
   */
  private static double robustNoiseOffPeak(
      ComplexSpectrum fdf, int pk, double fwhm, double stepRadM2) {
    int n = fdf.length();
    double fwhmChan = Math.ceil(fwhm / stepRadM2);
    int lo = (int) Math.max(0, pk - 2 * fwhmChan);
    int hi = (int) Math.min(n, pk + 2 * fwhmChan);
    int kept = n - (hi - lo);
    double[] vals;
    if ((double) kept / n < 0.3) {
      vals = new double[2 * n];
      System.arraycopy(fdf.re(), 0, vals, 0, n);
      System.arraycopy(fdf.im(), 0, vals, n, n);
    } else {
      vals = new double[2 * kept];
      int k = 0;
      for (int j = 0; j < n; j++) {
        if (j < lo || j >= hi) {
          vals[k] = fdf.re()[j];
          vals[kept + k] = fdf.im()[j];
          k++;
        }
      }
    }
    return RobustNoise.madRms(Arrays.copyOf(vals, vals.length));
  }
}
