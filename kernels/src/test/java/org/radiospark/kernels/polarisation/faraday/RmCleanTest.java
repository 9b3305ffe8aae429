package org.radiospark.kernels.polarisation.faraday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RmCleanTest {
  private static final double[] FREQ = FaradaySpectra.channels(800e6, 1088e6, 288);

  @Test
  void twoThinComponentsAreSeparatedAndRestored() {
    int n = FREQ.length;
    double[] q = new double[n];
    double[] u = new double[n];
    // 2.4 FWHM apart (FWHM 58.9): their sidelobes overlap in the dirty FDF.
    FaradaySpectra.addThin(FREQ, q, u, 1.0, 20, -60);
    FaradaySpectra.addThin(FREQ, q, u, 0.5, 100, 81.4);
    double[] l2 = RmSynthesis.lambdaSquared(FREQ);
    double fwhm = RmSynthesis.fwhmAnalytic(l2);
    double dphi = fwhm / 10;
    PhiAxis axis = PhiAxis.centred(600, dphi);
    RmSynthesis plan = RmSynthesis.plan(l2, FaradaySpectra.filled(n, 1), axis);
    ComplexSpectrum dirty = plan.fdf(q, u);
    Rmsf rmsf = plan.rmsf(false);
    RmCleanResult r = RmClean.clean(dirty, axis, rmsf, fwhm, RmCleanParameters.withCutoff(0.01));

    assertTrue(r.iterations() > 10 && r.iterations() < 1000, "iterations " + r.iterations());
    double peakResid = 0;
    for (int j = 0; j < axis.n(); j++) {
      peakResid = Math.max(peakResid, r.residual().abs(j));
    }
    assertTrue(peakResid < 0.01, "residual peak " + peakResid);

    // Component flux near each true depth (within one FWHM) sums to the true complex amplitude
    // rotated to lambda0; the grid offset of -60 (10.19 samples) and 81.4 (13.82) spreads a little
    // flux over neighbouring samples, so the check is on the sum, to the cutoff's order.
    double[] c1 = sumNear(r.components(), axis, -60, fwhm);
    double[] c2 = sumNear(r.components(), axis, 81.4, fwhm);
    double l0 = plan.lambda0SqM2();
    assertEquals(1.0, Math.hypot(c1[0], c1[1]), 0.05);
    assertEquals(0.5, Math.hypot(c2[0], c2[1]), 0.05);
    double psi1 = Math.toDegrees(0.5 * Math.atan2(c1[1], c1[0]));
    assertEquals(FdfPeak.mod180(20 + Math.toDegrees(-60 * l0)), FdfPeak.mod180(psi1), 2.0);
    // Nothing spurious: all component flux is within one FWHM of the two sources.
    double[] all = sumNear(r.components(), axis, 0, 1e9);
    assertEquals(c1[0] + c2[0], all[0], 1e-12);
    assertEquals(c1[1] + c2[1], all[1], 1e-12);

    // Restored FDF: peaks at the two depths with the true amplitudes (Gaussian restoring beam).
    FdfPeak main = FdfPeak.measure(r.clean(), axis, fwhm, 0.001, l2, l0);
    // Components sit on samples: the restored peak is within half a sample of the truth.
    assertEquals(-60, main.phiPeakRadM2(), dphi / 2);
    assertEquals(1.0, main.ampPeak(), 0.05);
  }

  @Test
  void componentsTimesRmsfPlusResidualIsTheDirtyFdf() {
    // The bookkeeping identity of CLEAN: dirty = sum_k c_k R(phi - phi_k) + residual, exactly.
    int n = FREQ.length;
    double[] q = new double[n];
    double[] u = new double[n];
    FaradaySpectra.addThin(FREQ, q, u, 1.0, 0, 33);
    FaradaySpectra.addNoise(q, 0.05, new java.util.Random(1));
    double[] l2 = RmSynthesis.lambdaSquared(FREQ);
    PhiAxis axis = PhiAxis.centred(400, 4);
    RmSynthesis plan = RmSynthesis.plan(l2, FaradaySpectra.filled(n, 1), axis);
    ComplexSpectrum dirty = plan.fdf(q, u);
    Rmsf rmsf = plan.rmsf(false);
    RmCleanResult r = RmClean.clean(dirty, axis, rmsf, 58.9, new RmCleanParameters(0.02, 0.1, 300));
    double[] rr = rmsf.response().re();
    double[] ri = rmsf.response().im();
    int centre = axis.padding() + (axis.n() - 1) / 2;
    for (int j = 0; j < axis.n(); j++) {
      double sr = r.residual().re()[j];
      double si = r.residual().im()[j];
      for (int k = 0; k < axis.n(); k++) {
        double cr = r.components().re()[k];
        double ci = r.components().im()[k];
        int m = centre + j - k;
        sr += cr * rr[m] - ci * ri[m];
        si += cr * ri[m] + ci * rr[m];
      }
      assertEquals(dirty.re()[j], sr, 1e-12);
      assertEquals(dirty.im()[j], si, 1e-12);
    }
  }

  private static double[] sumNear(ComplexSpectrum c, PhiAxis axis, double phi, double halfWidth) {
    double sr = 0;
    double si = 0;
    for (int j = 0; j < axis.n(); j++) {
      if (Math.abs(axis.value(j) - phi) <= halfWidth) {
        sr += c.re()[j];
        si += c.im()[j];
      }
    }
    return new double[] {sr, si};
  }
}
