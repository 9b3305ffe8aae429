package org.radiospark.kernels.polarisation.faraday;

/**
 * A smooth Stokes I spectrum, {@code x = nu / refFreqHz}:
 *
 * <ul>
 *   <li>{@link FitFunction#LINEAR}: {@code I = sum_k c_k x^k};
 *   <li>{@link FitFunction#LOG}: {@code I = c_0 x^(c_1 + c_2 L + c_3 L^2 + ...)}, {@code L = log10
 *       x}, i.e. a polynomial in log-log space (RM-Tools' "log" model: c_1 is the spectral index,
 *       c_2 the curvature).
 * </ul>
 *
 * @param function the model family
 * @param refFreqHz the reference frequency of x (RM-Tools: mean channel frequency)
 * @param coefficients c_0 .. c_order
 * @param errors 1-sigma errors of the coefficients (from the fit covariance; 0 for a fixed model)
 * @param chiSqRed reduced chi-square of the fit (0 for a fixed model)
 */
public record StokesIModel(
    FitFunction function,
    double refFreqHz,
    double[] coefficients,
    double[] errors,
    double chiSqRed) {

  /** The two model families of RM-Tools' {@code -f} option. */
  public enum FitFunction {
    /** Polynomial in frequency. */
    LINEAR,
    /** Polynomial in log-log space (a curved power law). */
    LOG
  }

  /** Validates the parameters. */
  public StokesIModel {
    if (coefficients.length == 0 || coefficients.length != errors.length) {
      throw new IllegalArgumentException("need one error per coefficient, at least one");
    }
    if (!(refFreqHz > 0)) {
      throw new IllegalArgumentException("reference frequency must be > 0: " + refFreqHz);
    }
  }

  /** The flat model I = 1 used when Stokes I is absent or ignored (RM-Tools' {@code -i}). */
  public static StokesIModel unity() {
    return new StokesIModel(FitFunction.LINEAR, 1.0, new double[] {1.0}, new double[] {0.0}, 0.0);
  }

  /** Polynomial order. */
  public int order() {
    return coefficients.length - 1;
  }

  /** The model at {@code freqHz}. */
  public double evaluate(double freqHz) {
    double x = freqHz / refFreqHz;
    if (function == FitFunction.LINEAR) {
      double v = 0;
      for (int k = coefficients.length - 1; k >= 0; k--) {
        v = v * x + coefficients[k];
      }
      return v;
    }
    double l = Math.log10(x);
    double expo = 0;
    for (int k = coefficients.length - 1; k >= 1; k--) {
      expo = expo * l + coefficients[k];
    }
    return coefficients[0] * Math.pow(x, expo);
  }

  /** The model at every frequency. */
  public double[] evaluate(double[] freqHz) {
    double[] v = new double[freqHz.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = evaluate(freqHz[i]);
    }
    return v;
  }
}
