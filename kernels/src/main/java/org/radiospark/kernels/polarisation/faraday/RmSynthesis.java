package org.radiospark.kernels.polarisation.faraday;

import java.util.Objects;

/**
 * RM synthesis (Brentjens and de Bruyn 2005, hereafter BdB05) planned for one set of channels:
 *
 * <pre>
 *   F(phi) = K sum_i w_i P_i exp(-2 i phi (lambda_i^2 - lambda_0^2)),   K = 1 / sum_i w_i,
 *   lambda_0^2 = K sum_i w_i lambda_i^2                                   (BdB05 eq. 25, 32)
 *   R(phi) = K sum_i w_i exp(-2 i phi (lambda_i^2 - lambda_0^2))         (BdB05 eq. 26)
 * </pre>
 *
 * with {@code P_i = Q_i + i U_i} (or the fractional {@code q + i u}). This is RM-Tools' {@code
 * do_rmsynth_planes} / {@code get_rmsf_planes} convention, so FDFs agree sample by sample. A
 * channel whose {@code Q} or {@code U} is NaN is left out of that spectrum with {@code K}
 * recomputed from the remaining weights (RM-Tools does the same per pixel).
 *
 * <p>Direct summation: O(nPhi x nChan) per spectrum; the plan holds no tables and is immutable and
 * thread-safe. For many spectra use {@link #cubeTransform()}, which tabulates the phase factors
 * once in float.
 */
public final class RmSynthesis {
  /** Speed of light, m/s (exact, SI). */
  public static final double SPEED_OF_LIGHT_M_S = 299_792_458.0;

  /** RM-Tools' RMSF width factor: FWHM = 3.8 / (lambda2max - lambda2min) (Dickey et al. 2019). */
  public static final double FWHM_FACTOR_DICKEY = 3.8;

  private final double[] lambda2M2;
  private final double[] weights;
  private final PhiAxis axis;
  private final double lambda0SqM2;

  private RmSynthesis(double[] lambda2M2, double[] weights, PhiAxis axis, double lambda0SqM2) {
    this.lambda2M2 = lambda2M2;
    this.weights = weights;
    this.axis = axis;
    this.lambda0SqM2 = lambda0SqM2;
  }

  /**
   * Plans RM synthesis with {@code lambda_0^2} the weighted mean of {@code lambda2M2}.
   *
   * @param lambda2M2 wavelength squared of each channel, m^2 (any order)
   * @param weights weight of each channel, >= 0 and finite, not all zero
   * @param axis the Faraday depths to synthesise
   */
  public static RmSynthesis plan(double[] lambda2M2, double[] weights, PhiAxis axis) {
    checkInputs(lambda2M2, weights);
    double sw = 0;
    double swl = 0;
    for (int i = 0; i < weights.length; i++) {
      sw += weights[i];
      swl += weights[i] * lambda2M2[i];
    }
    return new RmSynthesis(lambda2M2.clone(), weights.clone(), axis, swl / sw);
  }

  /** As {@link #plan(double[], double[], PhiAxis)} with a given {@code lambda_0^2} (m^2). */
  public static RmSynthesis plan(
      double[] lambda2M2, double[] weights, PhiAxis axis, double lambda0SqM2) {
    checkInputs(lambda2M2, weights);
    if (!Double.isFinite(lambda0SqM2)) {
      throw new IllegalArgumentException("lambda0^2 must be finite: " + lambda0SqM2);
    }
    return new RmSynthesis(lambda2M2.clone(), weights.clone(), axis, lambda0SqM2);
  }

  private static void checkInputs(double[] lambda2M2, double[] weights) {
    Objects.requireNonNull(lambda2M2, "lambda2M2");
    Objects.requireNonNull(weights, "weights");
    if (lambda2M2.length != weights.length || lambda2M2.length < 2) {
      throw new IllegalArgumentException(
          "need >= 2 channels with one weight each: "
              + lambda2M2.length
              + " lambda^2, "
              + weights.length
              + " weights");
    }
    double sw = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
        throw new IllegalArgumentException(
            "weight " + i + " must be finite and >= 0: " + weights[i]);
      }
      if (!(lambda2M2[i] > 0) || !Double.isFinite(lambda2M2[i])) {
        throw new IllegalArgumentException("lambda^2 " + i + " must be > 0: " + lambda2M2[i]);
      }
      sw += weights[i];
    }
    if (!(sw > 0)) {
      throw new IllegalArgumentException("all channel weights are zero");
    }
  }

  /** {@code lambda^2 = (c / nu)^2} of each frequency (Hz), m^2. */
  public static double[] lambdaSquared(double[] freqHz) {
    double[] l2 = new double[freqHz.length];
    for (int i = 0; i < l2.length; i++) {
      if (!(freqHz[i] > 0)) {
        throw new IllegalArgumentException("frequency " + i + " must be > 0 Hz: " + freqHz[i]);
      }
      double l = SPEED_OF_LIGHT_M_S / freqHz[i];
      l2[i] = l * l;
    }
    return l2;
  }

  /**
   * RM-Tools' theoretical RMSF width {@code 3.8 / (lambda2max - lambda2min)} rad m^-2 (Dickey et
   * al. 2019; BdB05 eq. 61 give {@code 2 sqrt(3) / Delta lambda^2}, 9% narrower).
   */
  public static double fwhmAnalytic(double[] lambda2M2) {
    return FWHM_FACTOR_DICKEY / range(lambda2M2);
  }

  /** BdB05 eq. 61: {@code 2 sqrt(3) / (lambda2max - lambda2min)} rad m^-2. */
  public static double fwhmBrentjens(double[] lambda2M2) {
    return 2 * Math.sqrt(3) / range(lambda2M2);
  }

  /** BdB05 eq. 62: the largest Faraday-depth scale one is sensitive to, {@code pi / lambda2min}. */
  public static double maxScale(double[] lambda2M2) {
    double min = Double.POSITIVE_INFINITY;
    for (double v : lambda2M2) {
      min = Math.min(min, v);
    }
    return Math.PI / min;
  }

  /**
   * BdB05 eq. 63: the largest |phi| before bandwidth depolarisation within a channel, {@code
   * sqrt(3) / delta lambda^2}, with RM-Tools' choice of the widest channel spacing in lambda^2
   * (difference of adjacent samples as given).
   */
  public static double maxPhi(double[] lambda2M2) {
    double maxStep = 0;
    for (int i = 1; i < lambda2M2.length; i++) {
      maxStep = Math.max(maxStep, Math.abs(lambda2M2[i] - lambda2M2[i - 1]));
    }
    return Math.sqrt(3) / maxStep;
  }

  private static double range(double[] v) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      if (Double.isFinite(x)) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
    if (!(max > min)) {
      throw new IllegalArgumentException("lambda^2 range is empty: need two distinct channels");
    }
    return max - min;
  }

  /** The Faraday-depth axis of the FDF. */
  public PhiAxis axis() {
    return axis;
  }

  /** {@code lambda_0^2}, m^2. */
  public double lambda0SqM2() {
    return lambda0SqM2;
  }

  /** Number of channels. */
  public int nChannels() {
    return lambda2M2.length;
  }

  /** A copy of the channel weights. */
  public double[] weights() {
    return weights.clone();
  }

  /** A copy of the channel lambda^2, m^2. */
  public double[] lambda2M2() {
    return lambda2M2.clone();
  }

  /**
   * The FDF of one spectrum on {@link #axis()}: {@code F(phi_j)}, in the units of {@code q, u}.
   *
   * @param q Stokes Q (or q = Q/I) per channel
   * @param u Stokes U (or u) per channel; a NaN in q or u drops that channel
   */
  public ComplexSpectrum fdf(double[] q, double[] u) {
    if (q.length != lambda2M2.length || u.length != lambda2M2.length) {
      throw new IllegalArgumentException(
          "spectrum has " + q.length + "/" + u.length + " channels, plan has " + lambda2M2.length);
    }
    int nc = lambda2M2.length;
    double[] wq = new double[nc];
    double[] wu = new double[nc];
    double[] a = new double[nc];
    double sw = 0;
    for (int i = 0; i < nc; i++) {
      boolean good = Double.isFinite(q[i]) && Double.isFinite(u[i]);
      double w = good ? weights[i] : 0;
      wq[i] = good ? w * q[i] : 0;
      wu[i] = good ? w * u[i] : 0;
      a[i] = -2.0 * (lambda2M2[i] - lambda0SqM2);
      sw += w;
    }
    double k = sw > 0 ? 1.0 / sw : 0.0;
    return transform(wq, wu, a, k, axis);
  }

  /**
   * The RM spread function on {@link PhiAxis#doubled()} (so that RM-CLEAN can shift it over the
   * whole FDF), with the analytic FWHM of {@link #fwhmAnalytic(double[])} and, when {@code
   * fitWidth}, the FWHM of a Gaussian fitted to the main lobe of |R| ({@link
   * Rmsf#fitGaussianFwhm}).
   */
  public Rmsf rmsf(boolean fitWidth) {
    PhiAxis ax2 = axis.doubled();
    int nc = lambda2M2.length;
    double[] a = new double[nc];
    double sw = 0;
    for (int i = 0; i < nc; i++) {
      a[i] = -2.0 * (lambda2M2[i] - lambda0SqM2);
      sw += weights[i];
    }
    ComplexSpectrum r = transform(weights, new double[nc], a, 1.0 / sw, ax2);
    double analytic = fwhmAnalytic(lambda2M2);
    double fitted = fitWidth ? Rmsf.fitGaussianFwhm(ax2, r.amplitudes()) : Double.NaN;
    return new Rmsf(ax2, r, analytic, fitted);
  }

  /**
   * sum_i (wq_i + i wu_i) exp(i a_i phi): the phase of each channel advances by a constant angle
   * per Faraday-depth step, so it is rotated by a complex multiplication instead of a cos/sin per
   * sample; re-seeded from cos/sin every 64 steps so rounding cannot accumulate.
   */
  private static ComplexSpectrum transform(
      double[] wq, double[] wu, double[] a, double k, PhiAxis ax) {
    int nc = a.length;
    int np = ax.n();
    double[] re = new double[np];
    double[] im = new double[np];
    double[] c = new double[nc];
    double[] s = new double[nc];
    double[] dc = new double[nc];
    double[] ds = new double[nc];
    for (int i = 0; i < nc; i++) {
      dc[i] = Math.cos(a[i] * ax.stepRadM2());
      ds[i] = Math.sin(a[i] * ax.stepRadM2());
    }
    for (int j = 0; j < np; j++) {
      if (j % 64 == 0) {
        double phi = ax.value(j);
        for (int i = 0; i < nc; i++) {
          c[i] = Math.cos(a[i] * phi);
          s[i] = Math.sin(a[i] * phi);
        }
      }
      double sr = 0;
      double si = 0;
      for (int i = 0; i < nc; i++) {
        sr += wq[i] * c[i] - wu[i] * s[i];
        si += wq[i] * s[i] + wu[i] * c[i];
        double cn = c[i] * dc[i] - s[i] * ds[i];
        s[i] = s[i] * dc[i] + c[i] * ds[i];
        c[i] = cn;
      }
      re[j] = k * sr;
      im[j] = k * si;
    }
    return new ComplexSpectrum(re, im);
  }

  /** A transform of many spectra on this plan (phase tables in float; see {@link FdfCube}). */
  public FdfCube cubeTransform() {
    return new FdfCube(this);
  }
}
