package org.radiospark.kernels.polarisation.faraday;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Weighted least-squares fit of a {@link StokesIModel} to a Stokes I spectrum, minimising {@code
 * chi^2 = sum_i ((I_i - model_i) / dI_i)^2} in linear flux as RM-Tools' {@code fit_StokesI_model}
 * does (its mpfit is replaced by Gauss-Newton here; the minimum is the same).
 *
 * <p>LINEAR models are linear in their coefficients: one solve of the normal equations. LOG models
 * start from the weighted linear fit of {@code log10 I} against {@code log10 x} (channels with I >
 * 0) and are refined by Gauss-Newton on the linear chi^2 (at most 50 steps, stopping when chi^2
 * changes by less than 1e-10 relative). Coefficient errors are the square roots of the diagonal of
 * {@code (J^T W J)^-1} (not scaled by chi^2_red, as mpfit's {@code perror}). The reference
 * frequency is the mean channel frequency, as in RM-Tools. Cost O(nChan order^2) per iteration.
 */
public final class StokesIFitter {
  private static final int MAX_ITER = 50;

  private StokesIFitter() {}

  /**
   * Fits a model of {@code order} (0..5).
   *
   * @param freqHz channel frequencies
   * @param stokesI Stokes I per channel (NaN channels are ignored)
   * @param dI 1-sigma noise per channel; all zero or non-finite means uniform weights
   * @throws IllegalArgumentException if there are not more good channels than coefficients or the
   *     normal equations are singular
   */
  public static StokesIModel fit(
      double[] freqHz,
      double[] stokesI,
      double[] dI,
      int order,
      StokesIModel.FitFunction function) {
    if (order < 0 || order > 5) {
      throw new IllegalArgumentException("Stokes I polynomial order must be 0..5: " + order);
    }
    int n = freqHz.length;
    if (stokesI.length != n || dI.length != n) {
      throw new IllegalArgumentException("frequency, I and dI differ in length");
    }
    boolean haveNoise = false;
    for (double d : dI) {
      haveNoise |= d > 0 && Double.isFinite(d);
    }
    double ref = 0;
    int good = 0;
    for (int i = 0; i < n; i++) {
      if (isGood(stokesI[i], dI[i], haveNoise)) {
        ref += freqHz[i];
        good++;
      }
    }
    int nPar = order + 1;
    if (good <= nPar) {
      throw new IllegalArgumentException(
          "Stokes I fit of order "
              + order
              + " needs more than "
              + nPar
              + " good channels: "
              + good);
    }
    ref /= good;
    double[] x = new double[good];
    double[] y = new double[good];
    double[] w = new double[good];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (isGood(stokesI[i], dI[i], haveNoise)) {
        x[k] = freqHz[i] / ref;
        y[k] = stokesI[i];
        w[k] = haveNoise ? 1.0 / (dI[i] * dI[i]) : 1.0;
        k++;
      }
    }
    return function == StokesIModel.FitFunction.LINEAR
        ? fitLinear(x, y, w, nPar, ref)
        : fitLog(x, y, w, nPar, ref);
  }

  /**
   * RM-Tools' dynamic order selection (its negative {@code -o}): fits orders 0, 1, ... up to {@code
   * maxOrder} and keeps raising the order while the Akaike information criterion {@code AIC = 2
   * (order + 1) + chi^2} decreases; returns the last model that improved it.
   */
  public static StokesIModel fitBestOrder(
      double[] freqHz,
      double[] stokesI,
      double[] dI,
      int maxOrder,
      StokesIModel.FitFunction function) {
    StokesIModel best = fit(freqHz, stokesI, dI, 0, function);
    double bestAic = 2 + chiSquare(best, freqHz, stokesI, dI);
    for (int order = 1; order <= maxOrder; order++) {
      StokesIModel m = fit(freqHz, stokesI, dI, order, function);
      double aic = 2 * (order + 1) + chiSquare(m, freqHz, stokesI, dI);
      if (!(aic < bestAic)) {
        break;
      }
      best = m;
      bestAic = aic;
    }
    return best;
  }

  /** chi^2 of {@code m} on the channels {@link #fit} would use. */
  static double chiSquare(StokesIModel m, double[] freqHz, double[] stokesI, double[] dI) {
    boolean haveNoise = false;
    for (double d : dI) {
      haveNoise |= d > 0 && Double.isFinite(d);
    }
    double chi = 0;
    for (int i = 0; i < freqHz.length; i++) {
      if (isGood(stokesI[i], dI[i], haveNoise)) {
        double r = stokesI[i] - m.evaluate(freqHz[i]);
        chi += haveNoise ? r * r / (dI[i] * dI[i]) : r * r;
      }
    }
    return chi;
  }

  private static boolean isGood(double i, double d, boolean haveNoise) {
    return Double.isFinite(i) && (!haveNoise || (d > 0 && Double.isFinite(d)));
  }

  private static StokesIModel fitLinear(double[] x, double[] y, double[] w, int nPar, double ref) {
    double[][] jac = new double[x.length][nPar];
    for (int i = 0; i < x.length; i++) {
      double p = 1;
      for (int c = 0; c < nPar; c++) {
        jac[i][c] = p;
        p *= x[i];
      }
    }
    Step s = solve(jac, y, w);
    double[] model = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      for (int c = 0; c < nPar; c++) {
        model[i] += s.delta[c] * jac[i][c];
      }
    }
    return new StokesIModel(
        StokesIModel.FitFunction.LINEAR,
        ref,
        s.delta,
        s.errors,
        chiSq(y, model, w) / (x.length - nPar));
  }

  /**
   * Parameters internally: {@code a = log10 c_0, c_1 .. c_order}, so the model {@code 10^(a + c_1 L
   * + c_2 L^2 + ...)} has the simple Jacobian {@code ln10 * model * L^k}.
   */
  private static StokesIModel fitLog(double[] x, double[] y, double[] w, int nPar, double ref) {
    int n = x.length;
    double[] l = new double[n];
    for (int i = 0; i < n; i++) {
      l[i] = Math.log10(x[i]);
    }
    double[][] jac = new double[n][nPar];
    // Start: weighted linear fit in log space (weight of log10 I is (I ln10 / dI)^2).
    int pos = 0;
    for (double v : y) {
      pos += v > 0 ? 1 : 0;
    }
    double[] p = new double[nPar];
    if (pos > nPar) {
      double[][] jl = new double[pos][nPar];
      double[] yl = new double[pos];
      double[] wl = new double[pos];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (y[i] > 0) {
          double t = 1;
          for (int c = 0; c < nPar; c++) {
            jl[k][c] = t;
            t *= l[i];
          }
          yl[k] = Math.log10(y[i]);
          wl[k] = w[i] * y[i] * y[i] * Math.log(10) * Math.log(10);
          k++;
        }
      }
      p = solve(jl, yl, wl).delta;
    }
    double[] model = logModel(p, l);
    double chi = chiSq(y, model, w);
    Step last = null;
    for (int it = 0; it < MAX_ITER; it++) {
      double[] r = new double[n];
      for (int i = 0; i < n; i++) {
        double t = Math.log(10) * model[i];
        for (int c = 0; c < nPar; c++) {
          jac[i][c] = t;
          t *= l[i];
        }
        r[i] = y[i] - model[i];
      }
      last = solve(jac, r, w);
      // Halve the step until chi^2 does not increase (Gauss-Newton can overshoot from a poor
      // start).
      double lambda = 1.0;
      double[] trial = p;
      double trialChi = Double.POSITIVE_INFINITY;
      for (int h = 0; h < 30; h++) {
        trial = new double[nPar];
        for (int c = 0; c < nPar; c++) {
          trial[c] = p[c] + lambda * last.delta[c];
        }
        trialChi = chiSq(y, logModel(trial, l), w);
        if (trialChi <= chi) {
          break;
        }
        lambda *= 0.5;
      }
      if (!(trialChi <= chi)) {
        break;
      }
      double change = (chi - trialChi) / Math.max(chi, Double.MIN_NORMAL);
      p = trial;
      chi = trialChi;
      model = logModel(p, l);
      if (change < 1e-10) {
        break;
      }
    }
    // Errors at the solution: Jacobian re-evaluated at p.
    for (int i = 0; i < n; i++) {
      double t = Math.log(10) * model[i];
      for (int c = 0; c < nPar; c++) {
        jac[i][c] = t;
        t *= l[i];
      }
    }
    double[] err = solve(jac, new double[n], w).errors;
    double[] coef = p.clone();
    double[] coefErr = err.clone();
    coef[0] = Math.pow(10, p[0]);
    coefErr[0] = coef[0] * Math.log(10) * err[0];
    return new StokesIModel(StokesIModel.FitFunction.LOG, ref, coef, coefErr, chi / (n - nPar));
  }

  private static double[] logModel(double[] p, double[] l) {
    double[] m = new double[l.length];
    for (int i = 0; i < l.length; i++) {
      double e = 0;
      for (int c = p.length - 1; c >= 0; c--) {
        e = e * l[i] + p[c];
      }
      m[i] = Math.pow(10, e);
    }
    return m;
  }

  private static double chiSq(double[] y, double[] m, double[] w) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double d = y[i] - m[i];
      s += w[i] * d * d;
    }
    return s;
  }

  private record Step(double[] delta, double[] errors) {}

  /** Weighted linear least squares {@code min |W^1/2 (J d - r)|^2} via the normal equations. */
  private static Step solve(double[][] jac, double[] r, double[] w) {
    int np = jac[0].length;
    double[][] a = new double[np][np];
    double[] b = new double[np];
    for (int i = 0; i < jac.length; i++) {
      for (int c = 0; c < np; c++) {
        b[c] += w[i] * jac[i][c] * r[i];
        for (int d = 0; d < np; d++) {
          a[c][d] += w[i] * jac[i][c] * jac[i][d];
        }
      }
    }
    RealMatrix m = new Array2DRowRealMatrix(a, false);
    try {
      DecompositionSolver s = new LUDecomposition(m).getSolver();
      double[] delta = s.solve(new ArrayRealVector(b, false)).toArray();
      RealMatrix cov = s.getInverse();
      double[] err = new double[np];
      for (int c = 0; c < np; c++) {
        err[c] = Math.sqrt(Math.max(0, cov.getEntry(c, c)));
      }
      return new Step(delta, err);
    } catch (SingularMatrixException e) {
      throw new IllegalArgumentException(
          "Stokes I fit: singular normal equations (too few distinct channels for order "
              + (np - 1)
              + ")",
          e);
    }
  }
}
