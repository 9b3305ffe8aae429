package org.radiospark.kernels.polarisation.faraday;

/**
 * RM-CLEAN (Heald, Braun and Edmonds 2009, sect. 3): a complex Hogbom CLEAN in Faraday depth. Each
 * iteration finds the sample {@code j} of largest |residual|, adds {@code gain * residual_j} to the
 * components and subtracts that times the RMSF shifted to {@code phi_j}; it stops when the peak is
 * below the cutoff or after {@code maxIterations}. The restored FDF is the components convolved
 * with a real Gaussian of the RMSF FWHM plus the residual (RM-Tools' {@code do_rmclean_hogbom}; its
 * optional second "window" pass is not done).
 *
 * <p>The RMSF must be sampled with the FDF's spacing on the doubled axis ({@link
 * PhiAxis#doubled()}) of an FDF axis that has phi = 0 on a sample (as {@link PhiAxis#centred}), so
 * that a shift to any FDF sample covers the whole FDF. Cost O(iterations x nPhi) plus O(nPhi x
 * distinct component positions) for the restoration.
 */
public final class RmClean {
  private RmClean() {}

  /**
   * Cleans {@code dirty}.
   *
   * @param dirty the dirty FDF on {@code axis}
   * @param axis its axis
   * @param rmsf the RMSF on {@code axis.doubled()}
   * @param fwhmRadM2 width of the restoring Gaussian
   * @param params cutoff, gain, iteration limit
   */
  public static RmCleanResult clean(
      ComplexSpectrum dirty, PhiAxis axis, Rmsf rmsf, double fwhmRadM2, RmCleanParameters params) {
    int n = axis.n();
    if (dirty.length() != n) {
      throw new IllegalArgumentException("dirty FDF has " + dirty.length() + " samples, axis " + n);
    }
    PhiAxis ax2 = axis.doubled();
    if (rmsf.axis().n() != ax2.n()
        || Math.abs(rmsf.axis().stepRadM2() - axis.stepRadM2()) > 1e-9 * axis.stepRadM2()) {
      throw new IllegalArgumentException(
          "the RMSF must be sampled on the doubled FDF axis (" + ax2.n() + " samples)");
    }
    if (!(fwhmRadM2 > 0)) {
      throw new IllegalArgumentException("restoring FWHM must be > 0: " + fwhmRadM2);
    }
    double[] rr = rmsf.response().re();
    double[] ri = rmsf.response().im();
    // The centre of the RMSF (phi = 0) sits at this index of the doubled axis.
    int centre = (int) Math.round(-rmsf.axis().startRadM2() / rmsf.axis().stepRadM2());
    if (centre < 0
        || centre >= rr.length
        || Math.abs(rmsf.axis().value(centre)) > 1e-6 * axis.stepRadM2()) {
      throw new IllegalArgumentException(
          "the RMSF axis must contain phi = 0 on a sample (a PhiAxis.centred FDF axis)");
    }
    ComplexSpectrum resid = dirty.copy();
    double[] xr = resid.re();
    double[] xi = resid.im();
    double[] cr = new double[n];
    double[] ci = new double[n];
    int iter = 0;
    while (iter < params.maxIterations()) {
      int pk = 0;
      double best = -1;
      for (int j = 0; j < n; j++) {
        double a = xr[j] * xr[j] + xi[j] * xi[j];
        if (a > best) {
          best = a;
          pk = j;
        }
      }
      if (Math.sqrt(best) < params.cutoff()) {
        break;
      }
      double ccr = params.gain() * xr[pk];
      double cci = params.gain() * xi[pk];
      cr[pk] += ccr;
      ci[pk] += cci;
      // RMSF sample for FDF sample j when centred on pk: doubled index centre + (j - pk).
      int off = centre - pk;
      for (int j = 0; j < n; j++) {
        int m = j + off;
        if (m < 0 || m >= rr.length) {
          continue;
        }
        xr[j] -= ccr * rr[m] - cci * ri[m];
        xi[j] -= ccr * ri[m] + cci * rr[m];
      }
      iter++;
    }
    double[] kr = new double[n];
    double[] ki = new double[n];
    double sigma = fwhmRadM2 / (2 * Math.sqrt(2 * Math.log(2)));
    for (int c = 0; c < n; c++) {
      if (cr[c] == 0 && ci[c] == 0) {
        continue;
      }
      double phiC = axis.value(c);
      for (int j = 0; j < n; j++) {
        double d = (axis.value(j) - phiC) / sigma;
        double g = Math.exp(-0.5 * d * d);
        kr[j] += cr[c] * g;
        ki[j] += ci[c] * g;
      }
    }
    for (int j = 0; j < n; j++) {
      kr[j] += xr[j];
      ki[j] += xi[j];
    }
    return new RmCleanResult(new ComplexSpectrum(kr, ki), new ComplexSpectrum(cr, ci), resid, iter);
  }
}
