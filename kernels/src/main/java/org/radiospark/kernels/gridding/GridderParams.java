package org.radiospark.kernels.gridding;

/**
 * Immutable settings of a {@link WGridder}.
 *
 * @param nx image pixels along l (RA, FITS NAXIS1), x fastest in image arrays
 * @param ny image pixels along m (Dec)
 * @param pixSizeXRad pixel size along l, radians (direction-cosine units)
 * @param pixSizeYRad pixel size along m, radians
 * @param epsilon requested relative accuracy (L2 over the image or the visibilities) against the
 *     exact direct Fourier transform; FLOAT needs {@code >= 1e-6}, DOUBLE {@code >= 1e-13}
 * @param wGridding true: full wide-field measurement equation with the w term (w-gridding, Ye et
 *     al. 2022; no 1/n factor, WSClean's image convention, see {@link WGridder}); false: 2-D
 *     approximation {@code V = sum I exp(-2 pi i (u l + v m))}, w ignored
 * @param precision arithmetic of visibilities and grid
 * @param nThreads threads to use, at least 1
 * @param sigmaMin smallest oversampling factor allowed (1.1 .. 2.6; ducc0's default 1.1)
 * @param sigmaMax largest oversampling factor allowed (sigmaMin .. 2.6)
 */
public record GridderParams(
    int nx,
    int ny,
    double pixSizeXRad,
    double pixSizeYRad,
    double epsilon,
    boolean wGridding,
    Precision precision,
    int nThreads,
    double sigmaMin,
    double sigmaMax) {

  /** Validates every field; throws IllegalArgumentException naming the field. */
  public GridderParams {
    if (nx < 2 || ny < 2) {
      throw new IllegalArgumentException("image size must be at least 2 x 2: " + nx + " x " + ny);
    }
    if (!(pixSizeXRad > 0) || !(pixSizeYRad > 0) || !Double.isFinite(pixSizeXRad + pixSizeYRad)) {
      throw new IllegalArgumentException(
          "pixel sizes must be positive: " + pixSizeXRad + ", " + pixSizeYRad);
    }
    if (precision == null) {
      throw new IllegalArgumentException("precision is null");
    }
    double epsMin = precision == Precision.FLOAT ? 1e-6 : 1e-13;
    if (!(epsilon >= epsMin) || !(epsilon < 0.1)) {
      throw new IllegalArgumentException(
          "epsilon must be in [" + epsMin + ", 0.1) for " + precision + ": " + epsilon);
    }
    if (nThreads < 1) {
      throw new IllegalArgumentException("nThreads must be >= 1: " + nThreads);
    }
    if (!(sigmaMin >= 1.1 - 1e-9) || !(sigmaMax <= 2.6 + 1e-9) || !(sigmaMin <= sigmaMax)) {
      throw new IllegalArgumentException(
          "oversampling range must lie in [1.1, 2.6]: " + sigmaMin + ".." + sigmaMax);
    }
    double lmax = 0.5 * nx * pixSizeXRad;
    double mmax = 0.5 * ny * pixSizeYRad;
    if (wGridding && lmax * lmax + mmax * mmax >= 1) {
      throw new IllegalArgumentException(
          "field of view reaches beyond the horizon: l_max^2 + m_max^2 = "
              + (lmax * lmax + mmax * mmax));
    }
  }

  /** Parameters with the default oversampling range 1.1 .. 2.6. */
  public static GridderParams of(
      int nx,
      int ny,
      double pixSizeXRad,
      double pixSizeYRad,
      double epsilon,
      boolean wGridding,
      Precision precision,
      int nThreads) {
    return new GridderParams(
        nx, ny, pixSizeXRad, pixSizeYRad, epsilon, wGridding, precision, nThreads, 1.1, 2.6);
  }

  /** A copy with another thread count. */
  public GridderParams withThreads(int n) {
    return new GridderParams(
        nx, ny, pixSizeXRad, pixSizeYRad, epsilon, wGridding, precision, n, sigmaMin, sigmaMax);
  }
}
