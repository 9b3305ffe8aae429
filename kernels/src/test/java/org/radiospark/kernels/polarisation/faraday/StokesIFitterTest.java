package org.radiospark.kernels.polarisation.faraday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StokesIFitterTest {
  private static final double[] FREQ = FaradaySpectra.channels(800e6, 1088e6, 288);

  @Test
  void curvedPowerLawIsRecoveredExactlyWithoutNoise() {
    // I = 2 x^(-0.7 + 0.3 log10 x), x = f / mean(f) = f / 944 MHz
    StokesIModel truth =
        new StokesIModel(
            StokesIModel.FitFunction.LOG, 944e6, new double[] {2, -0.7, 0.3}, new double[3], 0);
    double[] i = truth.evaluate(FREQ);
    StokesIModel fit =
        StokesIFitter.fit(
            FREQ, i, FaradaySpectra.filled(FREQ.length, 0.01), 2, StokesIModel.FitFunction.LOG);
    assertEquals(944e6, fit.refFreqHz(), 1e-3);
    assertEquals(2, fit.coefficients()[0], 1e-10);
    assertEquals(-0.7, fit.coefficients()[1], 1e-8);
    assertEquals(0.3, fit.coefficients()[2], 1e-6);
    assertEquals(0, fit.chiSqRed(), 1e-12);
  }

  @Test
  void linearPolynomialIsRecoveredExactlyWithoutNoise() {
    StokesIModel truth =
        new StokesIModel(
            StokesIModel.FitFunction.LINEAR, 944e6, new double[] {1, -0.5, 0.25}, new double[3], 0);
    double[] i = truth.evaluate(FREQ);
    StokesIModel fit =
        StokesIFitter.fit(FREQ, i, new double[FREQ.length], 2, StokesIModel.FitFunction.LINEAR);
    for (int k = 0; k < 3; k++) {
      assertEquals(truth.coefficients()[k], fit.coefficients()[k], 1e-10);
    }
  }

  @Test
  void noisyFitHasChiSquareNearOneAndHonestErrors() {
    Random rng = new Random(11);
    int trials = 100;
    double sum = 0;
    double sum2 = 0;
    double err = 0;
    double chi = 0;
    for (int t = 0; t < trials; t++) {
      double[] i = new double[FREQ.length];
      for (int k = 0; k < i.length; k++) {
        i[k] = Math.pow(FREQ[k] / 944e6, -0.7) + 0.1 * rng.nextGaussian();
      }
      StokesIModel fit =
          StokesIFitter.fit(
              FREQ, i, FaradaySpectra.filled(i.length, 0.1), 1, StokesIModel.FitFunction.LOG);
      double d = fit.coefficients()[1] + 0.7;
      sum += d;
      sum2 += d * d;
      err += fit.errors()[1];
      chi += fit.chiSqRed();
    }
    double rms = Math.sqrt(sum2 / trials);
    err /= trials;
    // rms of 100 draws within 3/sqrt(200) = 21% of the error the fit reports
    assertEquals(err, rms, 0.21 * err);
    // mean reduced chi^2 of 100 fits with 286 dof: 1 +- 3 sqrt(2/286)/10
    assertEquals(1.0, chi / trials, 3 * Math.sqrt(2.0 / 286) / 10);
    assertEquals(0, sum / trials, 3 * err / Math.sqrt(trials));
  }

  @Test
  void automaticOrderStopsAtThePlantedCurvature() {
    // A curved power law with noise far below the curvature signal: order 2 is needed, order 3
    // (a near-zero extra term) does not pay its AIC penalty of 2 on average; so the choice is 2.
    Random rng = new Random(8);
    double[] freq = FaradaySpectra.channels(0.5e9, 2.0e9, 200);
    StokesIModel truth =
        new StokesIModel(
            StokesIModel.FitFunction.LOG, 1.25e9, new double[] {1, -0.8, -0.6}, new double[3], 0);
    double[] i = truth.evaluate(freq);
    FaradaySpectra.addNoise(i, 0.001, rng);
    StokesIModel best =
        StokesIFitter.fitBestOrder(
            freq, i, FaradaySpectra.filled(freq.length, 0.001), 5, StokesIModel.FitFunction.LOG);
    assertEquals(2, best.order());
    assertEquals(-0.6, best.coefficients()[2], 5 * best.errors()[2]);
  }

  @Test
  void tooFewChannelsIsRefused() {
    double[] f = {1e9, 1.1e9};
    assertThrows(
        IllegalArgumentException.class,
        () ->
            StokesIFitter.fit(
                f, new double[] {1, 1}, new double[] {1, 1}, 2, StokesIModel.FitFunction.LOG));
  }
}
