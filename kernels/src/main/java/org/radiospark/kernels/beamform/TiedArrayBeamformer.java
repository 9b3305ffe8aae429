package org.radiospark.kernels.beamform;

/**
 * The tied-array beamformer of one fine channel: coherent sums of calibrated tile voltages for many
 * pointings, detection and time averaging; and the incoherent sum for comparison.
 *
 * <p>Implements the vcstools beam (Ord et al. 2019, PASA 36, e030, eqs. 1-4): {@code b_p = sum_a
 * w_a J_a^-1 v_ap} with the weights of {@link BeamWeights} (which carry the {@code 1/N}), detected
 * as {@code I = |b_X|^2 + |b_Y|^2} (and {@code Q = |b_X|^2 - |b_Y|^2}, {@code U = 2 Re(b_X* b_Y)},
 * {@code V = 2 Im(b_X* b_Y)}, the PSRFITS convention of van Straten et al. 2010), minus the tiles'
 * own powers {@code (1/N^2) sum_a} of the same products when asked. Calibration ({@code J^-1}) is
 * applied by the caller to the voltages.
 *
 * <p>Voltage layout: {@code re[k][t]}, {@code im[k][t]} with {@code k = 2 j + p} for tile {@code j}
 * of the summed tiles and polarisation {@code p} (0 X, 1 Y); weights {@code w[beam][(2 j + p) * 2 +
 * {0 re, 1 im}]}. Output: {@code out[beam][stokes][outOffset + t / downsample]} receives the mean
 * of each {@code downsample} detected samples.
 *
 * <p>Complexity O(beams x tiles x samples) complex multiply-adds per polarisation; the samples are
 * processed in blocks of about {@value #BLOCK} so that a block of every tile's voltages stays in
 * cache while all beams are formed from it, and the inner loop over samples vectorises.
 */
public final class TiedArrayBeamformer {
  /** Samples per block (rounded to a multiple of the down-sampling). */
  static final int BLOCK = 256;

  private TiedArrayBeamformer() {}

  /**
   * Forms, detects and averages every beam of one fine channel.
   *
   * @param re real parts {@code [2 N][T]}
   * @param im imaginary parts {@code [2 N][T]}
   * @param weights {@code [beams][4 N]}
   * @param params detection and down-sampling ({@code T % downsample == 0})
   * @param out {@code [beams][nStokes][>= outOffset + T / downsample]}, overwritten in that range
   * @param outOffset first output sample written
   */
  public static void form(
      float[][] re,
      float[][] im,
      float[][] weights,
      BeamformParams params,
      float[][][] out,
      int outOffset) {
    int nIn = re.length;
    int nTiles = nIn / 2;
    int nT = re[0].length;
    int d = params.downsample();
    if (nT % d != 0) {
      throw new IllegalArgumentException("samples " + nT + " not a multiple of downsample " + d);
    }
    int block = Math.max(d, (BLOCK / d) * d);
    float[] bxr = new float[block];
    float[] bxi = new float[block];
    float[] byr = new float[block];
    float[] byi = new float[block];
    int nS = params.nStokes();
    float[][] autos = new float[nS][block];
    double autoScale = params.subtractAutos() ? 1.0 / ((double) nTiles * nTiles) : 0.0;
    float invD = 1f / d;
    for (int t0 = 0; t0 < nT; t0 += block) {
      int len = Math.min(block, nT - t0);
      if (autoScale != 0) {
        autoProducts(re, im, t0, len, (float) autoScale, autos);
      }
      for (int b = 0; b < weights.length; b++) {
        float[] w = weights[b];
        java.util.Arrays.fill(bxr, 0, len, 0f);
        java.util.Arrays.fill(bxi, 0, len, 0f);
        java.util.Arrays.fill(byr, 0, len, 0f);
        java.util.Arrays.fill(byi, 0, len, 0f);
        for (int j = 0; j < nTiles; j++) {
          accumulate(re[2 * j], im[2 * j], w[4 * j], w[4 * j + 1], t0, len, bxr, bxi);
          accumulate(re[2 * j + 1], im[2 * j + 1], w[4 * j + 2], w[4 * j + 3], t0, len, byr, byi);
        }
        float[][] o = out[b];
        int oBase = outOffset + t0 / d;
        for (int s = 0; s < len; s += d) {
          float i = 0;
          float q = 0;
          float u = 0;
          float v = 0;
          for (int k = s; k < s + d; k++) {
            float xx = bxr[k] * bxr[k] + bxi[k] * bxi[k];
            float yy = byr[k] * byr[k] + byi[k] * byi[k];
            i += xx + yy;
            if (nS == 4) {
              q += xx - yy;
              u += 2 * (bxr[k] * byr[k] + bxi[k] * byi[k]);
              v += 2 * (bxr[k] * byi[k] - bxi[k] * byr[k]);
            }
          }
          if (autoScale != 0) {
            for (int k = s; k < s + d; k++) {
              i -= autos[0][k];
              if (nS == 4) {
                q -= autos[1][k];
                u -= autos[2][k];
                v -= autos[3][k];
              }
            }
          }
          o[0][oBase + s / d] = i * invD;
          if (nS == 4) {
            o[1][oBase + s / d] = q * invD;
            o[2][oBase + s / d] = u * invD;
            o[3][oBase + s / d] = v * invD;
          }
        }
      }
    }
  }

  /** {@code b += w v} over one block (complex). */
  private static void accumulate(
      float[] vr, float[] vi, float wr, float wi, int t0, int len, float[] br, float[] bi) {
    for (int k = 0; k < len; k++) {
      float a = vr[t0 + k];
      float c = vi[t0 + k];
      br[k] += wr * a - wi * c;
      bi[k] += wr * c + wi * a;
    }
  }

  /** The tiles' own detected products, times {@code scale}, for one block. */
  private static void autoProducts(
      float[][] re, float[][] im, int t0, int len, float scale, float[][] autos) {
    int nS = autos.length;
    for (float[] a : autos) {
      java.util.Arrays.fill(a, 0, len, 0f);
    }
    for (int j = 0; j < re.length / 2; j++) {
      float[] xr = re[2 * j];
      float[] xi = im[2 * j];
      float[] yr = re[2 * j + 1];
      float[] yi = im[2 * j + 1];
      for (int k = 0; k < len; k++) {
        int t = t0 + k;
        float xx = xr[t] * xr[t] + xi[t] * xi[t];
        float yy = yr[t] * yr[t] + yi[t] * yi[t];
        autos[0][k] += xx + yy;
        if (nS == 4) {
          autos[1][k] += xx - yy;
          autos[2][k] += 2 * (xr[t] * yr[t] + xi[t] * yi[t]);
          autos[3][k] += 2 * (xr[t] * yi[t] - xi[t] * yr[t]);
        }
      }
    }
    for (float[] a : autos) {
      for (int k = 0; k < len; k++) {
        a[k] *= scale;
      }
    }
  }

  /**
   * The incoherent beam: the mean over tiles of the detected power {@code |x|^2 + |y|^2}, averaged
   * over {@code downsample} samples, into {@code out[outOffset + t / downsample]}. O(tiles x
   * samples).
   */
  public static void incoherent(
      float[][] re, float[][] im, int downsample, float[] out, int outOffset) {
    int nT = re[0].length;
    int nTiles = re.length / 2;
    float[] acc = new float[nT];
    for (int k = 0; k < re.length; k++) {
      float[] r = re[k];
      float[] i = im[k];
      for (int t = 0; t < nT; t++) {
        acc[t] += r[t] * r[t] + i[t] * i[t];
      }
    }
    float scale = 1f / (nTiles * (float) downsample);
    for (int s = 0; s < nT / downsample; s++) {
      float sum = 0;
      for (int k = s * downsample; k < (s + 1) * downsample; k++) {
        sum += acc[k];
      }
      out[outOffset + s] = sum * scale;
    }
  }
}
