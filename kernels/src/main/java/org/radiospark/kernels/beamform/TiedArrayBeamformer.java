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
    // accumulators: X then Y, each beam of a group as (re, im)
    float[][] beam = new float[4 * GROUP][block];
    int nS = params.nStokes();
    float[][] autos = new float[nS][block];
    double autoScale = params.subtractAutos() ? 1.0 / ((double) nTiles * nTiles) : 0.0;
    float invD = 1f / d;
    for (int t0 = 0; t0 < nT; t0 += block) {
      int len = Math.min(block, nT - t0);
      if (autoScale != 0) {
        autoProducts(re, im, t0, len, (float) autoScale, autos);
      }
      int b = 0;
      while (b < weights.length) {
        // Performance note: four beams share each load of a tile's voltages (the loop is bound by
        // memory traffic, not arithmetic); the rest go one at a time.
        int group = weights.length - b >= GROUP ? GROUP : 1;
        for (float[] acc : beam) {
          java.util.Arrays.fill(acc, 0, len, 0f);
        }
        for (int j = 0; j < nTiles; j++) {
          for (int p = 0; p < 2; p++) {
            int k = 2 * j + p;
            int wk = 4 * j + 2 * p;
            if (group == GROUP) {
              accumulate4(re[k], im[k], weights, b, wk, t0, len, beam, slot(p, 0));
            } else {
              accumulate(
                  re[k],
                  im[k],
                  weights[b][wk],
                  weights[b][wk + 1],
                  t0,
                  len,
                  beam[slot(p, 0)],
                  beam[slot(p, 0) + 1]);
            }
          }
        }
        for (int g = 0; g < group; g++) {
          detect(
              beam,
              g,
              len,
              d,
              nS,
              autoScale != 0 ? autos : null,
              invD,
              out[b + g],
              outOffset + t0 / d);
        }
        b += group;
      }
    }
  }

  /** Beams formed together. */
  static final int GROUP = 4;

  /**
   * Detects beam {@code g} of a group: {@code beam[4 p + 2 g]} and {@code [... + 1]} hold the real
   * and imaginary parts of polarisation {@code p} (for a group of one, {@code g = 0}).
   */
  private static void detect(
      float[][] beam,
      int g,
      int len,
      int d,
      int nS,
      float[][] autos,
      float invD,
      float[][] o,
      int oBase) {
    float[] bxr = beam[slot(0, g)];
    float[] bxi = beam[slot(0, g) + 1];
    float[] byr = beam[slot(1, g)];
    float[] byi = beam[slot(1, g) + 1];
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
      if (autos != null) {
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

  /** Index in the accumulators of polarisation {@code p}, beam {@code g} of a group (real part). */
  private static int slot(int p, int g) {
    return p == 0 ? 2 * g : 2 * GROUP + 2 * g;
  }

  /** {@code b_g += w_g v} for the four beams {@code b0..b0+3} over one block (complex). */
  private static void accumulate4(
      float[] vr,
      float[] vi,
      float[][] w,
      int b0,
      int wk,
      int t0,
      int len,
      float[][] beam,
      int base) {
    float w0r = w[b0][wk];
    float w0i = w[b0][wk + 1];
    float w1r = w[b0 + 1][wk];
    float w1i = w[b0 + 1][wk + 1];
    float w2r = w[b0 + 2][wk];
    float w2i = w[b0 + 2][wk + 1];
    float w3r = w[b0 + 3][wk];
    float w3i = w[b0 + 3][wk + 1];
    float[] b0r = beam[base];
    float[] b0i = beam[base + 1];
    float[] b1r = beam[base + 2];
    float[] b1i = beam[base + 3];
    float[] b2r = beam[base + 4];
    float[] b2i = beam[base + 5];
    float[] b3r = beam[base + 6];
    float[] b3i = beam[base + 7];
    for (int k = 0; k < len; k++) {
      float a = vr[t0 + k];
      float c = vi[t0 + k];
      b0r[k] += w0r * a - w0i * c;
      b0i[k] += w0r * c + w0i * a;
      b1r[k] += w1r * a - w1i * c;
      b1i[k] += w1r * c + w1i * a;
      b2r[k] += w2r * a - w2i * c;
      b2i[k] += w2r * c + w2i * a;
      b3r[k] += w3r * a - w3i * c;
      b3i[k] += w3r * c + w3i * a;
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
