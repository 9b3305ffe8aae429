package org.radiospark.kernels.polarisation.faraday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.testing.SharedData;

/**
 * Acceptance 1 of issue 5 on RM-Tools' own test spectrum ({@code tests/RMsynth1D_testdata.dat} of
 * CIRADA-Tools/RM-Tools). The injected source is written in RM-Tools' {@code tests/QA_test.py},
 * {@code create_1D_data}: RM = 200 rad m^-2, intrinsic angle 50 deg, fractional polarisation 0.7,
 * Stokes I = 1 at the median frequency (944 MHz) with spectral index -0.7, Gaussian noise 0.1 per
 * channel in I, Q and U; 288 channels 800-1088 MHz.
 *
 * <p>The noise realisation of this file puts the peak 0.28 rad m^-2 (1.1 sigma) above the true RM
 * in RM-Tools too (its reference 200.290 +- 0.248), and the derotated angle follows through {@code
 * psi0 = psi - phi lambda0^2}; so the recovery is checked at 2 sigma, and the agreement with
 * RM-Tools' own reference output ({@code tests/RMsynth1D_referencevalues.json}) is checked at the
 * 1e-4 relative level (RM-Tools' QA test allows 1e-3).
 */
class RmToolsTestDataTest {
  private static final double RM_TRUE = 200.0;
  private static final double ANGLE0_TRUE_DEG = 50.0;
  private static final double FRAC_POL_TRUE = 0.7;

  private static PolarisationSpectrum data() {
    Path f = SharedData.require("rm/RMTools_RMsynth1D_testdata.dat");
    return RmToolsSpectrumReader.read(f);
  }

  @Test
  void defaultRunRecoversTheInjectedSourceWithinTwoSigma() {
    RmSynthesis1dResult r = RmSynthesis1d.run(data(), RmSynthesisParameters.defaults());
    FdfPeak p = r.peak();
    assertTrue(r.stokesIUsed());
    assertEquals(288, r.nGoodChannels());
    // Stokes I = (f / 944 MHz)^-0.7 was injected: the model at freq0 (near the fit's reference
    // frequency) must agree within 3 x the fitted amplitude's error. (This noise realisation has
    // a 3-sigma curvature in I, fitted alike by the log and linear order-2 models: I0 = 0.996 vs
    // 1.016 true, 2.2 sigma.)
    double iTrue = Math.pow(r.freq0Hz() / 944e6, -0.7);
    assertEquals(iTrue, r.iFreq0(), 3 * r.stokesIModel().errors()[0]);
    double dFrac = p.dAmpPeak() / r.iFreq0();
    double rmSigmas = Math.abs(p.phiPeakRadM2() - RM_TRUE) / p.dPhiPeakRadM2();
    double fracSigmas = Math.abs(r.fracPol() - FRAC_POL_TRUE) / dFrac;
    double angleSigmas = Math.abs(p.polAngle0Deg() - ANGLE0_TRUE_DEG) / p.dPolAngle0Deg();
    System.out.printf(
        "RMTools test data, defaults: phi %.3f +- %.3f (%.2f sigma), fracPol %.4f +- %.4f (%.2f"
            + " sigma), angle0 %.2f +- %.2f deg (%.2f sigma), FWHM %.2f%n",
        p.phiPeakRadM2(),
        p.dPhiPeakRadM2(),
        rmSigmas,
        r.fracPol(),
        dFrac,
        fracSigmas,
        p.polAngle0Deg(),
        p.dPolAngle0Deg(),
        angleSigmas,
        r.fwhmRmsfRadM2());
    assertTrue(rmSigmas <= 2, "RM " + rmSigmas + " sigma from the injected 200");
    assertTrue(fracSigmas <= 2, "fracPol " + fracSigmas + " sigma from the injected 0.7");
    assertTrue(angleSigmas <= 2, "angle0 " + angleSigmas + " sigma from the injected 50 deg");
    // The angle at lambda0 is not affected by the RM error: derotating with the true RM gives the
    // injected angle within the angle error at lambda0 plus the lambda0^2-scaled RM error.
    double psi0TrueRm =
        FdfPeak.mod180(p.polAngleDeg() - Math.toDegrees(RM_TRUE * r.synthesis().lambda0SqM2()));
    assertEquals(ANGLE0_TRUE_DEG, psi0TrueRm, 2 * p.dPolAngleDeg());
  }

  @Test
  void rmToolsQaSettingsReproduceItsReferenceValues() {
    // RM-Tools' QA test runs "rmsynth1d simdata/1D/simsource.dat -l 600 -d 3 -S -i".
    RmSynthesisParameters params =
        RmSynthesisParameters.defaults()
            .withPhiSampling(600, 3, 10)
            .withStokesI(true, 2, StokesIModel.FitFunction.LOG);
    RmSynthesis1dResult r = RmSynthesis1d.run(data(), params);
    Map<String, Object> m = r.toRmToolsMap();
    Map<String, Double> reference =
        Map.ofEntries(
            Map.entry("phiPeakPIfit_rm2", 200.29003676576465),
            Map.entry("dPhiPeakPIfit_rm2", 0.248062934269283),
            Map.entry("ampPeakPIfit", 0.6996765531831387),
            Map.entry("ampPeakPIfitEff", 0.699619480830623),
            Map.entry("dAmpPeakPIfit", 0.005892556709695188),
            Map.entry("snrPIfit", 118.73904446807298),
            Map.entry("indxPeakPIfit", 266.7633455885882),
            Map.entry("peakFDFimagFit", -0.5593282099678656),
            Map.entry("peakFDFrealFit", 0.4190415975286484),
            Map.entry("polAngleFit_deg", 153.42004263949445),
            Map.entry("dPolAngleFit_deg", 0.24126764607950102),
            Map.entry("polAngle0Fit_deg", 48.26124570608431),
            Map.entry("dPolAngle0Fit_deg", 1.372712376102901),
            Map.entry("Ifreq0", 1.0),
            Map.entry("lam0Sq_m2", 0.10327484831236765),
            Map.entry("freq0_Hz", 932874912.6426204),
            Map.entry("fwhmRMSF", 58.90951156616211),
            Map.entry("dQU", 0.10000000149011612),
            Map.entry("dFDFth", 0.005892556709695188),
            Map.entry("min_freq", 800000000.0),
            Map.entry("max_freq", 1088000000.0),
            Map.entry("fracPol", 0.699619480830623));
    for (Map.Entry<String, Double> e : reference.entrySet()) {
      double got = ((Number) m.get(e.getKey())).doubleValue();
      // RM-Tools computes in float32 by default: 1e-4 relative covers its rounding.
      assertEquals(e.getValue(), got, 1e-4 * Math.abs(e.getValue()), e.getKey());
    }
    assertEquals(288, m.get("N_channels"));
    assertEquals(401, r.synthesis().axis().n());
  }

  @Test
  void rmCleanReproducesRmToolsCleanReferenceValues() {
    // RM-Tools' QA test then runs "rmclean1d simdata/1D/simsource.dat -n 11 -S": cutoff -3 sigma
    // (3 dFDFth), at most 11 iterations, gain 0.1; tests/RMclean1D_referencevalues.json holds the
    // peak of the restored FDF.
    RmSynthesisParameters params =
        RmSynthesisParameters.defaults()
            .withPhiSampling(600, 3, 10)
            .withStokesI(true, 2, StokesIModel.FitFunction.LOG);
    RmSynthesis1dResult r = RmSynthesis1d.run(data(), params);
    double cutoff = 3 * r.dFdfTheory();
    assertEquals(0.017677670129085565, cutoff, 1e-4 * cutoff);
    PhiAxis axis = r.synthesis().axis();
    RmCleanResult c =
        RmClean.clean(
            r.dirtyFdf(),
            axis,
            r.rmsf(),
            r.fwhmRmsfRadM2(),
            new RmCleanParameters(cutoff, 0.1, 11));
    assertEquals(11, c.iterations());
    FdfPeak p =
        FdfPeak.measure(
            c.clean(),
            axis,
            r.fwhmRmsfRadM2(),
            r.dFdfTheory(),
            r.synthesis().lambda2M2(),
            r.synthesis().lambda0SqM2());
    double[][] expected = {
      {200.32874264404734, p.phiPeakRadM2()},
      {0.24808332381938963, p.dPhiPeakRadM2()},
      {0.6996190479469143, p.ampPeak()},
      {0.6995619709029499, p.ampPeakEff()},
      {266.77624754801576, p.indexPeak()},
      {-0.5592812449927833, p.peakIm()},
      {0.4189165597767205, p.peakRe()},
      {153.41709453229126, p.polAngleDeg()},
      {48.02926667512406, p.polAngle0Deg()},
      {1.3728252062919697, p.dPolAngle0Deg()}
    };
    for (double[] e : expected) {
      assertEquals(e[0], e[1], 1e-4 * Math.abs(e[0]));
    }
  }
}
