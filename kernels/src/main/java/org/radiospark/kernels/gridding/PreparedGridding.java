package org.radiospark.kernels.gridding;

/**
 * A {@link WGridder} call planned once for fixed coordinates and weights ({@link
 * WGridder#prepare}): the kernel and grid choice, the bucket sort of the samples by uv tile and the
 * image correction are reused by every {@link #ms2dirty} and {@link #dirty2ms}, which then cost the
 * spreading, the FFT and the image work only. Results are those of {@link
 * WGridder#ms2dirty(double[], double[], float[], float[])} and {@link WGridder#dirty2ms(double[],
 * double[], double[], float[])} on the same inputs, bit for bit with one thread (with more, the
 * threads add their tile buffers to the grid in a varying order, in both).
 *
 * <p>Layouts as in {@link WGridder}: visibilities {@code vis[2 (r nChan + c)]} re, {@code + 1} im;
 * images {@code double[ny * nx]}, x fastest. Memory: in 2-D float 8 bytes per active sample (sorted
 * index and weight) plus 16 per row; otherwise see {@link GridPlan}.
 *
 * <p>Cost per call: {@code O(M W^2)} spreading or interpolation for M active samples and W the
 * kernel support, the FFT(s) and the image work; the plan costs {@code O(M)} once.
 *
 * <p>Immutable and thread-safe: each call allocates its own grid and buffers.
 */
public final class PreparedGridding {
  private final WGridder gridder;
  private final GridPlan plan;

  /** Weights in the caller's order when the plan does not hold them sorted, else null. */
  private final float[] weights;

  PreparedGridding(WGridder gridder, GridPlan plan, float[] weights) {
    this.gridder = gridder;
    this.plan = plan;
    this.weights = weights;
  }

  /** The kernel, grid and w-plane choice of this plan. */
  public WGridder.Setup setup() {
    return new WGridder.Setup(
        plan.support, plan.sigma, plan.nu, plan.nv, plan.nPlanes, plan.nActive);
  }

  /** Number of samples (rows x channels) a visibility array must hold. */
  public int nSamples() {
    return plan.nRows * plan.nChan;
  }

  /**
   * Dirty image of float visibilities on the prepared coordinates and weights; see {@link
   * WGridder#ms2dirty(double[], double[], float[], float[])}.
   *
   * @param vis {@code float[2 nSamples]}, re/im interleaved
   * @return {@code double[ny * nx]}, not normalised (divide by the sum of weights for Jy/beam)
   */
  public double[] ms2dirty(float[] vis) {
    if (vis == null || vis.length != 2 * nSamples()) {
      throw new org.radiospark.kernels.model.InvalidInputException(
          null,
          "vis",
          "expected "
              + nSamples()
              + " samples ("
              + plan.nRows
              + " rows x "
              + plan.nChan
              + " channels) as re/im pairs");
    }
    if (plan.onTheFly) {
      return Float2dOps.ms2dirty(plan, vis);
    }
    double[] prep = new double[2 * plan.nActive];
    for (int s = 0; s < plan.nActive; s++) {
      int i = plan.sampleIndex[s];
      double wt = weights == null ? 1 : weights[i];
      WGridder.prepare(plan, s, vis[2 * i] * wt, vis[2 * i + 1] * wt, prep);
    }
    return gridder.run(plan, prep);
  }

  /**
   * Model visibilities of an image on the prepared coordinates, times the weights; see {@link
   * WGridder#dirty2ms(double[], double[], double[], float[])}.
   *
   * @param dirty image {@code double[ny * nx]}, x fastest (Jy per pixel)
   * @return {@code float[2 nSamples]}, zero where the weight is 0
   */
  public float[] dirty2ms(double[] dirty) {
    gridder.checkImage(dirty);
    if (plan.onTheFly) {
      return Float2dOps.dirty2ms(plan, dirty);
    }
    float[] out = new float[2 * nSamples()];
    double[] acc = gridder.degrid(plan, dirty);
    double[] tmp = new double[2];
    for (int s = 0; s < plan.nActive; s++) {
      int i = plan.sampleIndex[s];
      WGridder.finish(plan, s, acc, weights == null ? 1 : weights[i], tmp);
      out[2 * i] = (float) tmp[0];
      out[2 * i + 1] = (float) tmp[1];
    }
    return out;
  }
}
