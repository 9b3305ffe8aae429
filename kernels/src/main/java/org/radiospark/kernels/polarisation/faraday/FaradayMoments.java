package org.radiospark.kernels.polarisation.faraday;

import org.radiospark.kernels.deconvolution.RobustNoise;

/**
 * Faraday moments (Farnes, Heald, O'Sullivan et al. 2018, MNRAS 474, 3280): the mean, standard
 * deviation, skewness and excess kurtosis over frequency of Q, U and P = sqrt(Q^2 + U^2) per pixel.
 * A Faraday-thin source makes Q and U oscillate with lambda^2, so their standard deviation rises
 * above the noise and P's mean rises, without any RM synthesis; Farnes et al. use the moment images
 * to find polarised sources quickly in large cubes.
 *
 * <p>Input layout as {@link FdfCube}: {@code q[p * nChan + i]}, pixel-major. NaN voxels are
 * skipped; a pixel with fewer than 2 valid channels gets NaN moments. Two passes in double per
 * pixel (mean, then central moments), O(nPix nChan).
 *
 * <p>Candidate rule ({@link #candidateMask}): for each of the images mean P, std Q, std U and std
 * P, the robust background is its median and the noise 1.4826 MAD over all pixels; a pixel is a
 * candidate when any of the four exceeds its median by more than {@code kSigma} noises. This is our
 * rule (Farnes et al. inspect the moment images; they do not prescribe one).
 */
public final class FaradayMoments {
  private FaradayMoments() {}

  /**
   * Moments of every pixel.
   *
   * @param q Stokes Q, {@code [nPix * nChan]}
   * @param u Stokes U, same layout
   * @param nPix number of pixels
   * @param nChan channels per pixel
   */
  public static MomentImages compute(float[] q, float[] u, int nPix, int nChan) {
    long need = (long) nPix * nChan;
    if (nPix < 0 || nChan < 1 || q.length < need || u.length < need) {
      throw new IllegalArgumentException(
          "Q/U arrays hold " + q.length + "/" + u.length + " values, need nPix*nChan = " + need);
    }
    float[][] out = new float[12][nPix];
    double[] vq = new double[nChan];
    double[] vu = new double[nChan];
    double[] vp = new double[nChan];
    double[] m = new double[4];
    for (int p = 0; p < nPix; p++) {
      int n = 0;
      int base = p * nChan;
      for (int i = 0; i < nChan; i++) {
        float a = q[base + i];
        float b = u[base + i];
        if (Float.isFinite(a) && Float.isFinite(b)) {
          vq[n] = a;
          vu[n] = b;
          vp[n] = Math.hypot(a, b);
          n++;
        }
      }
      double[][] series = {vq, vu, vp};
      for (int s = 0; s < 3; s++) {
        moments(series[s], n, m);
        for (int k = 0; k < 4; k++) {
          out[4 * s + k][p] = (float) m[k];
        }
      }
    }
    return new MomentImages(
        out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7], out[8], out[9], out[10],
        out[11]);
  }

  /** mean, std, skewness, excess kurtosis of v[0..n-1] into m (NaN if n < 2). */
  static void moments(double[] v, int n, double[] m) {
    if (n < 2) {
      java.util.Arrays.fill(m, Double.NaN);
      return;
    }
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += v[i];
    }
    mean /= n;
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    for (int i = 0; i < n; i++) {
      double d = v[i] - mean;
      double d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
    }
    m2 /= n;
    m3 /= n;
    m4 /= n;
    m[0] = mean;
    m[1] = Math.sqrt(m2);
    // A constant spectrum has no defined shape: NaN, as scipy gives.
    m[2] = m2 > 0 ? m3 / Math.pow(m2, 1.5) : Double.NaN;
    m[3] = m2 > 0 ? m4 / (m2 * m2) - 3.0 : Double.NaN;
  }

  /**
   * The source-candidate mask of the class comment: {@code true} where mean P, std Q, std U or std
   * P exceeds its image median by more than {@code kSigma} robust noises.
   *
   * @param images moment images
   * @param kSigma threshold in robust noises, > 0 (5 is a conventional choice)
   */
  public static boolean[] candidateMask(MomentImages images, double kSigma) {
    if (!(kSigma > 0)) {
      throw new IllegalArgumentException("threshold must be > 0: " + kSigma);
    }
    int n = images.nPix();
    boolean[] mask = new boolean[n];
    for (float[] img :
        new float[][] {images.meanP(), images.stdQ(), images.stdU(), images.stdP()}) {
      double[] d = new double[n];
      for (int p = 0; p < n; p++) {
        d[p] = img[p];
      }
      double noise = RobustNoise.madRms(d);
      double median = medianOf(d);
      double cut = median + kSigma * noise;
      for (int p = 0; p < n; p++) {
        mask[p] |= img[p] > cut;
      }
    }
    return mask;
  }

  private static double medianOf(double[] d) {
    double[] f = java.util.Arrays.stream(d).filter(Double::isFinite).sorted().toArray();
    if (f.length == 0) {
      return Double.NaN;
    }
    int h = f.length / 2;
    return f.length % 2 == 1 ? f[h] : 0.5 * (f[h - 1] + f[h]);
  }
}
