package org.radiospark.kernels.polarisation.faraday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cube path (FdfCube then PeakMaps) against the criteria of acceptance 2 of issue 5, at kernel
 * level: 40 channels, 4 sources of different flux, fractional polarisation, angle and RM, noise in
 * every channel; per-source RM within FWHM/10, fractional polarisation within 5% and angle within 3
 * degrees. Fractional spectra q = Q/I are formed per pixel from the (noise-free here) I model, as
 * rmsynth1d does, so the FDF peak is the fractional polarisation directly.
 */
class PeakMapsTest {
  @Test
  void fourSourceFortyChannelCubeMeetsTheAcceptanceCriteria() {
    double[] freq = FaradaySpectra.channels(0.9e9, 1.7e9, 40);
    int nc = freq.length;
    double[] flux = {2.0, 0.5, 1.0, 0.25}; // Jy at 1.3 GHz
    double[] alpha = {-0.7, -0.5, -0.9, 0.0};
    double[] frac = {0.05, 0.2, 0.1, 0.4};
    double[] chi0 = {10, 75, 130, 170};
    double[] rm = {-45, 12, 60, 150};
    double sigma = 0.002; // Jy per channel in Q and U
    int nPix = 4 + 60; // the four sources and blank noise pixels
    float[] q = new float[nPix * nc];
    float[] u = new float[nPix * nc];
    Random rng = new Random(40);
    for (int p = 0; p < nPix; p++) {
      double[] qs = new double[nc];
      double[] us = new double[nc];
      double[] iModel = new double[nc];
      for (int i = 0; i < nc; i++) {
        iModel[i] = p < 4 ? flux[p] * Math.pow(freq[i] / 1.3e9, alpha[p]) : 1.0;
      }
      if (p < 4) {
        // Q + iU = I(nu) p exp(2i(chi0 + RM lambda^2))
        double[] qq = new double[nc];
        double[] uu = new double[nc];
        FaradaySpectra.addThin(freq, qq, uu, frac[p], chi0[p], rm[p]);
        for (int i = 0; i < nc; i++) {
          qs[i] = iModel[i] * qq[i];
          us[i] = iModel[i] * uu[i];
        }
      }
      FaradaySpectra.addNoise(qs, sigma, rng);
      FaradaySpectra.addNoise(us, sigma, rng);
      for (int i = 0; i < nc; i++) {
        q[p * nc + i] = (float) (qs[i] / iModel[i]);
        u[p * nc + i] = (float) (us[i] / iModel[i]);
      }
    }
    double[] l2 = RmSynthesis.lambdaSquared(freq);
    double fwhm = RmSynthesis.fwhmAnalytic(l2);
    double dphi = fwhm / 10;
    PhiAxis axis = PhiAxis.centred(Math.max(RmSynthesis.maxPhi(l2), 10 * fwhm), dphi);
    RmSynthesis plan = RmSynthesis.plan(l2, FaradaySpectra.filled(nc, 1), axis);
    FdfCube cube = plan.cubeTransform();
    float[] re = new float[nPix * axis.n()];
    float[] im = new float[nPix * axis.n()];
    cube.transform(q, u, nPix, re, im);
    PeakMaps maps = PeakMaps.measure(re, im, nPix, plan, fwhm, Double.NaN);
    for (int s = 0; s < 4; s++) {
      assertEquals(rm[s], maps.phiPeakRadM2()[s], fwhm / 10, "RM of source " + s);
      assertEquals(frac[s], maps.ampPeakEff()[s], 0.05 * frac[s], "fracPol of source " + s);
      double dAng = FdfPeak.mod180(maps.polAngle0Deg()[s] - chi0[s] + 90) - 90;
      assertEquals(0, dAng, 3.0, "angle of source " + s);
      assertTrue(maps.snr()[s] > 8, "S/N of source " + s);
    }
    // Blank pixels: no peak above 5 sigma of the FDF noise sigma / sqrt(N) (I = 1 there). A noise
    // peak next to the edge of the axis can give a parabola with its vertex off the axis: NaN, as
    // in RM-Tools, which is not a detection either.
    for (int p = 4; p < nPix; p++) {
      assertTrue(!(maps.ampPeak()[p] >= 5 * sigma / Math.sqrt(nc)), "noise pixel " + p);
    }
  }
}
