package org.radiospark.kernels.polarisation.faraday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FdfPeakTest {
  private static final double[] FREQ = FaradaySpectra.channels(800e6, 1088e6, 288);

  private static RmSynthesis1dResult thin(double p, double chi0, double phi, double sigma, long s) {
    int n = FREQ.length;
    double[] q = new double[n];
    double[] u = new double[n];
    FaradaySpectra.addThin(FREQ, q, u, p, chi0, phi);
    if (sigma > 0) {
      Random rng = new Random(s);
      FaradaySpectra.addNoise(q, sigma, rng);
      FaradaySpectra.addNoise(u, sigma, rng);
    }
    double d = sigma > 0 ? sigma : 1.0;
    PolarisationSpectrum spec =
        new PolarisationSpectrum(
            FREQ, null, q, u, null, FaradaySpectra.filled(n, d), FaradaySpectra.filled(n, d));
    return RmSynthesis1d.run(spec, RmSynthesisParameters.defaults());
  }

  @Test
  void noiseFreeThinSourceOnASampleIsRecoveredExactly() {
    // dPhi = FWHM/10 = 5.8909...; put the source on sample 30 of the centred axis.
    double dphi = 3.8 / rangeL2() / 10;
    double phi0 = 30 * dphi;
    RmSynthesis1dResult r = thin(0.5, 25, phi0, 0, 0);
    FdfPeak pk = r.peak();
    // The RMSF is symmetric in |.|, so the parabola through the peak and its neighbours is too.
    assertEquals(phi0, pk.phiPeakRadM2(), 1e-9);
    assertEquals(0.5, pk.ampPeak(), 1e-12);
    assertEquals(25, pk.polAngle0Deg(), 1e-9);
    assertEquals(
        FdfPeak.mod180(25 + Math.toDegrees(phi0 * r.synthesis().lambda0SqM2())),
        pk.polAngleDeg(),
        1e-9);
  }

  private static double rangeL2() {
    double a = Math.pow(RmSynthesis.SPEED_OF_LIGHT_M_S / 800e6, 2);
    double b = Math.pow(RmSynthesis.SPEED_OF_LIGHT_M_S / 1088e6, 2);
    return a - b;
  }

  @Test
  void noiseFreeThinSourceBetweenSamplesIsInterpolated() {
    double dphi = 3.8 / rangeL2() / 10;
    for (double frac : new double[] {0.13, 0.5, 0.77}) {
      double phi0 = -(41 + frac) * dphi;
      FdfPeak pk = thin(1.0, 140, phi0, 0, 0).peak();
      // A parabola through three samples of a main lobe sampled 10 times per FWHM: the vertex is
      // within 1% of a sample of the truth and the amplitude within 1% (measured 0.1-0.4%).
      assertEquals(phi0, pk.phiPeakRadM2(), 0.01 * dphi, "frac " + frac);
      assertEquals(1.0, pk.ampPeak(), 0.01, "frac " + frac);
      assertEquals(140, pk.polAngle0Deg(), 0.5, "frac " + frac);
    }
  }

  @Test
  void errorsMatchTheScatterOverNoiseRealisations() {
    // 200 realisations: the scatter of the estimates must agree with the reported 1-sigma errors.
    int trials = 200;
    double sigma = 0.2;
    double s1 = 0;
    double s2 = 0;
    double a1 = 0;
    double a2 = 0;
    double err = 0;
    double errAngle = 0;
    double dAmp = 0;
    for (int t = 0; t < trials; t++) {
      RmSynthesis1dResult r = thin(0.3, 70, 123.4, sigma, 100 + t);
      FdfPeak pk = r.peak();
      double d = pk.phiPeakRadM2() - 123.4;
      s1 += d;
      s2 += d * d;
      double da = wrap(pk.polAngle0Deg() - 70);
      a1 += da;
      a2 += da * da;
      err += pk.dPhiPeakRadM2();
      errAngle += pk.dPolAngle0Deg();
      dAmp = pk.dAmpPeak();
    }
    double rms = Math.sqrt(s2 / trials);
    double rmsAngle = Math.sqrt(a2 / trials);
    double meanErr = err / trials;
    double meanErrAngle = errAngle / trials;
    // theoretical noise of the FDF: sigma / sqrt(N) for uniform noise
    assertEquals(sigma / Math.sqrt(FREQ.length), dAmp, 1e-12);
    // The rms of 200 Gaussian draws is within 3 x 1/sqrt(2 x 200) = 15% of the true sigma.
    assertEquals(meanErr, rms, 0.15 * meanErr);
    assertEquals(meanErrAngle, rmsAngle, 0.15 * meanErrAngle);
    // Unbiased: the mean within 3 standard errors.
    assertTrue(Math.abs(s1 / trials) < 3 * meanErr / Math.sqrt(trials));
    assertTrue(Math.abs(a1 / trials) < 3 * meanErrAngle / Math.sqrt(trials));
  }

  private static double wrap(double deg) {
    double d = FdfPeak.mod180(deg + 90) - 90;
    return d;
  }

  @Test
  void riceanBiasIsCorrectedAboveFiveSigmaOnly() {
    ComplexSpectrum f = ComplexSpectrum.zeros(21);
    PhiAxis axis = PhiAxis.centred(10, 1);
    f.re()[10] = 1.0;
    f.re()[9] = 0.8;
    f.re()[11] = 0.8;
    double[] l2 = {0.1, 0.2, 0.3};
    FdfPeak hi = FdfPeak.measure(f, axis, 5, 0.1, l2, 0.2);
    assertEquals(Math.sqrt(1 - 2.3 * 0.01), hi.ampPeakEff(), 1e-12);
    assertEquals(10, hi.snr(), 1e-12);
    FdfPeak lo = FdfPeak.measure(f, axis, 5, 0.25, l2, 0.2);
    assertEquals(lo.ampPeak(), lo.ampPeakEff());
  }
}
