package org.radiospark.kernels.polarisation.faraday;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything {@link RmSynthesis1d} measured on one spectrum. The FDF is in flux units (fractional
 * FDF times the Stokes I model at {@code freq0}), as RM-Tools writes it.
 *
 * @param freqHz channel frequencies
 * @param weights channel weights used
 * @param stokesIModel the Stokes I model (unity if I was absent or ignored)
 * @param stokesIUsed whether a fitted Stokes I model divided Q and U
 * @param synthesis the plan (axis, lambda^2, lambda0^2)
 * @param dirtyFdf the dirty FDF on {@code synthesis.axis()}
 * @param rmsf the RMSF on the doubled axis
 * @param fwhmRmsfRadM2 RMSF width used for errors and CLEAN
 * @param freq0Hz frequency of lambda0: {@code c / sqrt(lambda0^2)}
 * @param iFreq0 Stokes I model at freq0
 * @param dFdfTheory expected noise of Q or U in the FDF: {@code |I0| sqrt(sum w^2 s^2) / sum w}
 * @param dQu median over channels of (dQ + dU) / 2, input units
 * @param peak the FDF peak and its errors (computed with {@code dFdfTheory})
 * @param fracPol bias-corrected peak over {@code iFreq0}
 */
public record RmSynthesis1dResult(
    double[] freqHz,
    double[] weights,
    StokesIModel stokesIModel,
    boolean stokesIUsed,
    RmSynthesis synthesis,
    ComplexSpectrum dirtyFdf,
    Rmsf rmsf,
    double fwhmRmsfRadM2,
    double freq0Hz,
    double iFreq0,
    double dFdfTheory,
    double dQu,
    FdfPeak peak,
    double fracPol) {

  /**
   * The scalar results under RM-Tools' {@code _RMsynth.json} keys (same units: rad m^-2, degrees,
   * Hz, m^2, input flux units), followed by a few RadioSpark extras ({@code phiMax_rm2}, {@code
   * dPhi_rm2}, {@code nPhi}, {@code fwhmRMSFanalytic}, {@code maxScale_rm2}, {@code
   * maxPhiBdB_rm2}). NaN values stay NaN (the JSON writer decides how to print them).
   */
  public Map<String, Object> toRmToolsMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dFDFcorMAD", peak.dFdfCorMad());
    m.put("phiPeakPIfit_rm2", peak.phiPeakRadM2());
    m.put("dPhiPeakPIfit_rm2", peak.dPhiPeakRadM2());
    m.put("ampPeakPIfit", peak.ampPeak());
    m.put("ampPeakPIfitEff", peak.ampPeakEff());
    m.put("dAmpPeakPIfit", peak.dAmpPeak());
    m.put("snrPIfit", peak.snr());
    m.put("indxPeakPIfit", peak.indexPeak());
    m.put("peakFDFimagFit", peak.peakIm());
    m.put("peakFDFrealFit", peak.peakRe());
    m.put("polAngleFit_deg", peak.polAngleDeg());
    m.put("dPolAngleFit_deg", peak.dPolAngleDeg());
    m.put("polAngle0Fit_deg", peak.polAngle0Deg());
    m.put("dPolAngle0Fit_deg", peak.dPolAngle0Deg());
    m.put("Ifreq0", iFreq0);
    m.put("polyCoeffs", join(stokesIModel.coefficients()));
    m.put("polyCoefferr", join(stokesIModel.errors()));
    m.put("poly_reffreq", stokesIModel.refFreqHz());
    m.put("polyOrd", stokesIModel.order());
    m.put("IfitChiSqRed", stokesIModel.chiSqRed());
    m.put("fit_function", stokesIModel.function().name().toLowerCase(java.util.Locale.ROOT));
    m.put("lam0Sq_m2", synthesis.lambda0SqM2());
    m.put("freq0_Hz", freq0Hz);
    m.put("fwhmRMSF", fwhmRmsfRadM2);
    m.put("dQU", dQu);
    m.put("dFDFth", dFdfTheory);
    m.put("min_freq", Arrays.stream(freqHz).min().orElse(Double.NaN));
    m.put("max_freq", Arrays.stream(freqHz).max().orElse(Double.NaN));
    m.put("N_channels", nGoodChannels());
    m.put("median_channel_width", medianChannelWidth());
    m.put("fracPol", fracPol);
    m.put("phiMax_rm2", synthesis.axis().endRadM2());
    m.put("dPhi_rm2", synthesis.axis().stepRadM2());
    m.put("nPhi", synthesis.axis().n());
    m.put("fwhmRMSFanalytic", rmsf.fwhmAnalyticRadM2());
    m.put("maxScale_rm2", RmSynthesis.maxScale(synthesis.lambda2M2()));
    m.put("maxPhiBdB_rm2", RmSynthesis.maxPhi(synthesis.lambda2M2()));
    return m;
  }

  /** Channels with a non-zero weight. */
  public int nGoodChannels() {
    int n = 0;
    for (double w : weights) {
      n += w > 0 ? 1 : 0;
    }
    return n;
  }

  private double medianChannelWidth() {
    if (freqHz.length < 2) {
      return Double.NaN;
    }
    double[] d = new double[freqHz.length - 1];
    for (int i = 0; i < d.length; i++) {
      d[i] = freqHz[i + 1] - freqHz[i];
    }
    Arrays.sort(d);
    int h = d.length / 2;
    return d.length % 2 == 1 ? d[h] : 0.5 * (d[h - 1] + d[h]);
  }

  private static String join(double[] v) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append((float) v[i]);
    }
    return b.toString();
  }
}
