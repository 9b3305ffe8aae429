package org.radiospark.kernels.polarisation.faraday;

import java.util.Arrays;
import java.util.Objects;

/**
 * RM-Tools' {@code rmsynth1d} chain on one spectrum:
 *
 * <ol>
 *   <li>Stokes I model: fitted ({@link StokesIFitter}, order and family from the parameters, a
 *       negative order chosen by AIC) unless I is absent or ignored, then I = 1;
 *   <li>fractional spectra {@code q = Q / I_model}, {@code u = U / I_model} with noise {@code dq =
 *       dQ / I_model}, {@code du = dU / I_model} (as current RM-Tools: the model's own error is not
 *       propagated; older versions used the measured {@code dI / I}, which made the weights depend
 *       on the signal), {@code sigma_i = (dq_i + du_i) / 2};
 *   <li>Faraday-depth axis: RMSF FWHM {@code 3.8 / Delta lambda^2}, {@code dPhi = FWHM / nSamples},
 *       {@code phiMax = max(sqrt(3) / delta lambda^2_max, 10 FWHM)} unless given ({@link
 *       PhiAxis#centred});
 *   <li>weights {@code 1 / sigma_i^2} or 1; FDF and RMSF ({@link RmSynthesis});
 *   <li>FDF scaled to flux by {@code I_model(freq0)}, {@code freq0 = c / sqrt(lambda0^2)};
 *       theoretical FDF noise {@code dFDFth = |I0| sqrt(sum w_i^2 sigma_i^2) / sum w_i};
 *   <li>peak and errors ({@link FdfPeak}) with {@code dFDFth}; {@code fracPol = ampPeakPIfitEff /
 *       I0}.
 * </ol>
 *
 * Channels whose Q or U is NaN, or whose noise is NaN under variance weighting, get weight 0. Cost:
 * O(nChan nPhi) for the FDF plus O(nChan nPhi) for the (doubled) RMSF.
 */
public final class RmSynthesis1d {
  private RmSynthesis1d() {}

  /**
   * Runs the chain.
   *
   * @throws IllegalArgumentException if the spectrum cannot be synthesised with these options (for
   *     instance zero noise under variance weighting, or too few channels for the I fit)
   */
  public static RmSynthesis1dResult run(PolarisationSpectrum s, RmSynthesisParameters p) {
    Objects.requireNonNull(s, "spectrum");
    Objects.requireNonNull(p, "parameters");
    int n = s.nChannels();
    double[] freq = s.freqHz();
    boolean useI = s.hasStokesI() && !p.ignoreStokesI();
    StokesIModel model =
        useI
            ? (p.polyOrder() >= 0
                ? StokesIFitter.fit(freq, s.stokesI(), s.dI(), p.polyOrder(), p.fitFunction())
                : StokesIFitter.fitBestOrder(
                    freq, s.stokesI(), s.dI(), -p.polyOrder(), p.fitFunction()))
            : StokesIModel.unity();
    double[] q = new double[n];
    double[] u = new double[n];
    double[] sigma = new double[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      double im = useI ? model.evaluate(freq[i]) : 1.0;
      q[i] = s.q()[i] / im;
      u[i] = s.u()[i] / im;
      sigma[i] = Math.abs((s.dQ()[i] + s.dU()[i]) / 2.0 / im);
      boolean good = Double.isFinite(q[i]) && Double.isFinite(u[i]);
      if (p.weighting() == Weighting.UNIFORM) {
        weights[i] = good ? 1.0 : 0.0;
      } else if (good && Double.isFinite(sigma[i])) {
        if (!(sigma[i] > 0)) {
          throw new IllegalArgumentException(
              "channel "
                  + (i + 1)
                  + " ("
                  + freq[i]
                  + " Hz) has zero Q/U noise: variance weighting needs noise (use uniform"
                  + " weighting)");
        }
        weights[i] = 1.0 / (sigma[i] * sigma[i]);
      }
    }
    double[] l2 = RmSynthesis.lambdaSquared(freq);
    double[] l2Good = goodLambda2(l2, weights);
    double fwhmAnalytic = RmSynthesis.fwhmAnalytic(l2Good);
    double dPhi = Double.isNaN(p.dPhiRadM2()) ? fwhmAnalytic / p.nSamples() : p.dPhiRadM2();
    double phiMax =
        Double.isNaN(p.phiMaxRadM2())
            ? Math.max(RmSynthesis.maxPhi(l2), 10 * fwhmAnalytic)
            : p.phiMaxRadM2();
    PhiAxis axis = PhiAxis.centred(phiMax, dPhi);
    RmSynthesis plan = RmSynthesis.plan(l2, weights, axis);
    ComplexSpectrum fractional = plan.fdf(q, u);
    Rmsf rmsf = plan.rmsf(p.fitRmsf());
    double fwhm = rmsf.fwhmRadM2();

    double freq0 = RmSynthesis.SPEED_OF_LIGHT_M_S / Math.sqrt(plan.lambda0SqM2());
    double i0 = useI ? model.evaluate(freq0) : 1.0;
    ComplexSpectrum fdf = fractional.scaled(i0);
    double sw = 0;
    double sw2s2 = 0;
    for (int i = 0; i < n; i++) {
      if (weights[i] > 0) {
        sw += weights[i];
        sw2s2 += weights[i] * weights[i] * sigma[i] * sigma[i];
      }
    }
    double dFdfTh = Math.abs(i0) * Math.sqrt(sw2s2) / sw;
    FdfPeak peak = FdfPeak.measure(fdf, axis, fwhm, dFdfTh, l2Good, plan.lambda0SqM2());
    double[] dqu = new double[n];
    for (int i = 0; i < n; i++) {
      dqu[i] = (s.dQ()[i] + s.dU()[i]) / 2.0;
    }
    return new RmSynthesis1dResult(
        freq.clone(),
        weights,
        model,
        useI,
        plan,
        fdf,
        rmsf,
        fwhm,
        freq0,
        i0,
        dFdfTh,
        median(dqu),
        peak,
        peak.ampPeakEff() / i0);
  }

  private static double[] goodLambda2(double[] l2, double[] w) {
    return java.util.stream.IntStream.range(0, l2.length)
        .filter(i -> w[i] > 0)
        .mapToDouble(i -> l2[i])
        .toArray();
  }

  private static double median(double[] v) {
    double[] f = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
    if (f.length == 0) {
      return Double.NaN;
    }
    int h = f.length / 2;
    return f.length % 2 == 1 ? f[h] : 0.5 * (f[h - 1] + f[h]);
  }
}
