package org.radiospark.kernels.postimage;

/**
 * Parameters of the position and flux corrections.
 *
 * @param positionOrder total degree of the polynomial offset surfaces (fits_warp uses radial basis
 *     functions; a cubic, 10 terms, captures the ionospheric distortion across a snapshot)
 * @param fluxOrder total degree of the polynomial of log(reference / measured) flux
 * @param clipSigma outliers beyond this many rms residuals are left out (iteratively)
 * @param maxIter maximum clipping passes
 * @param minSnr only components at least this signal to noise ratio constrain the flux model
 */
public record WarpParameters(
    int positionOrder, int fluxOrder, double clipSigma, int maxIter, double minSnr) {
  /** Validates the values. */
  public WarpParameters {
    if (positionOrder < 0 || positionOrder > 6 || fluxOrder < 0 || fluxOrder > 6) {
      throw new IllegalArgumentException("polynomial orders must be 0..6");
    }
    if (!(clipSigma > 1) || maxIter < 0 || !(minSnr >= 0)) {
      throw new IllegalArgumentException("clip sigma > 1, maxIter >= 0, minSnr >= 0");
    }
  }

  /** Cubic positions, linear log flux ratio, 3 sigma clipping up to 10 passes, SNR >= 10. */
  public static WarpParameters defaults() {
    return new WarpParameters(3, 1, 3, 10, 10);
  }
}
