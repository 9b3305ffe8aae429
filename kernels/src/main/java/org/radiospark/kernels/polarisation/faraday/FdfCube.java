package org.radiospark.kernels.polarisation.faraday;

/**
 * RM synthesis of many spectra that share one channel set (a spatial tile of a Q/U cube): the
 * weighted phase factors {@code w_i cos(2 phi_j (lambda_i^2 - lambda_0^2))} and the sine are
 * tabulated once in float ({@code 8 nPhi nChan} bytes), then each spectrum costs {@code 4 nPhi
 * nChan} multiply-adds.
 *
 * <p>Array layouts: input {@code q[p * nChan + i]}, {@code u[p * nChan + i]} (pixel-major, channel
 * fastest: one spectrum is contiguous, as a spatial tile re-keyed from channel images is built);
 * output {@code re[p * nPhi + j]}, {@code im[p * nPhi + j]}.
 *
 * <p>Performance note: pixels are processed in blocks of {@value #BLOCK}, transposed so that the
 * innermost loop runs over the pixels of the block with no reduction; HotSpot vectorises it and
 * each table value is loaded once per block. Sums are in float: the relative rounding error grows
 * like {@code sqrt(nChan) * 6e-8}, far below the noise of any real spectrum.
 *
 * <p>A voxel with NaN Q or U is left out of its spectrum, with {@code K} recomputed for that pixel
 * from the remaining weights (as RM-Tools); a pixel with no valid channel gives NaN. Immutable and
 * thread-safe: one instance may serve many threads (each call allocates its own scratch).
 */
public final class FdfCube {
  /** Pixels per block of the inner loop. */
  static final int BLOCK = 16;

  private final int nChan;
  private final int nPhi;
  private final float[] wcos; // [j * nChan + i]
  private final float[] wsin;
  private final double[] weights;
  private final double kAll;
  private final PhiAxis axis;

  FdfCube(RmSynthesis plan) {
    this.axis = plan.axis();
    this.nChan = plan.nChannels();
    this.nPhi = axis.n();
    this.weights = plan.weights();
    double[] l2 = plan.lambda2M2();
    double l0 = plan.lambda0SqM2();
    this.wcos = new float[nPhi * nChan];
    this.wsin = new float[nPhi * nChan];
    double sw = 0;
    for (double w : weights) {
      sw += w;
    }
    this.kAll = 1.0 / sw;
    for (int j = 0; j < nPhi; j++) {
      double phi = axis.value(j);
      for (int i = 0; i < nChan; i++) {
        double arg = -2.0 * phi * (l2[i] - l0);
        wcos[j * nChan + i] = (float) (weights[i] * Math.cos(arg));
        wsin[j * nChan + i] = (float) (weights[i] * Math.sin(arg));
      }
    }
  }

  /** The Faraday-depth axis of the output. */
  public PhiAxis axis() {
    return axis;
  }

  /** Channels per spectrum. */
  public int nChannels() {
    return nChan;
  }

  /**
   * The FDFs of {@code nPix} spectra.
   *
   * @param q Stokes Q, {@code [nPix * nChan]}, pixel-major
   * @param u Stokes U, same layout
   * @param nPix number of spectra
   * @param re output real parts, {@code [nPix * nPhi]}
   * @param im output imaginary parts, {@code [nPix * nPhi]}
   */
  public void transform(float[] q, float[] u, int nPix, float[] re, float[] im) {
    long need = (long) nPix * nChan;
    if (q.length < need || u.length < need) {
      throw new IllegalArgumentException(
          "Q/U arrays hold " + q.length + "/" + u.length + " values, need nPix*nChan = " + need);
    }
    long out = (long) nPix * nPhi;
    if (re.length < out || im.length < out) {
      throw new IllegalArgumentException("output arrays too short: need nPix*nPhi = " + out);
    }
    float[] qt = new float[nChan * BLOCK];
    float[] ut = new float[nChan * BLOCK];
    float[] accRe = new float[BLOCK];
    float[] accIm = new float[BLOCK];
    double[] k = new double[BLOCK];
    for (int p0 = 0; p0 < nPix; p0 += BLOCK) {
      int nb = Math.min(BLOCK, nPix - p0);
      loadBlock(q, u, p0, nb, qt, ut, k);
      for (int j = 0; j < nPhi; j++) {
        java.util.Arrays.fill(accRe, 0f);
        java.util.Arrays.fill(accIm, 0f);
        int row = j * nChan;
        for (int i = 0; i < nChan; i++) {
          float c = wcos[row + i];
          float s = wsin[row + i];
          int base = i * BLOCK;
          for (int b = 0; b < BLOCK; b++) {
            float qv = qt[base + b];
            float uv = ut[base + b];
            accRe[b] += qv * c - uv * s;
            accIm[b] += qv * s + uv * c;
          }
        }
        for (int b = 0; b < nb; b++) {
          long o = (long) (p0 + b) * nPhi + j;
          re[(int) o] = (float) (k[b] * accRe[b]);
          im[(int) o] = (float) (k[b] * accIm[b]);
        }
      }
    }
  }

  /** Transposes a block to [chan][pixel], zeroes NaN voxels and sets each pixel's K. */
  private void loadBlock(float[] q, float[] u, int p0, int nb, float[] qt, float[] ut, double[] k) {
    java.util.Arrays.fill(qt, 0f);
    java.util.Arrays.fill(ut, 0f);
    for (int b = 0; b < nb; b++) {
      int src = (p0 + b) * nChan;
      boolean allGood = true;
      double sw = 0;
      for (int i = 0; i < nChan; i++) {
        float qv = q[src + i];
        float uv = u[src + i];
        if (Float.isFinite(qv) && Float.isFinite(uv)) {
          qt[i * BLOCK + b] = qv;
          ut[i * BLOCK + b] = uv;
          sw += weights[i];
        } else {
          allGood = false;
        }
      }
      k[b] = allGood ? kAll : (sw > 0 ? 1.0 / sw : Double.NaN);
    }
    for (int b = nb; b < BLOCK; b++) {
      k[b] = 0;
    }
  }
}
