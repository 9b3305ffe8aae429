package org.radiospark.kernels.gridding;

import org.radiospark.kernels.model.InvalidInputException;

/**
 * Wide-field gridder and degridder with the exponential-of-semicircle kernel, an adjoint pair
 * modelled on ducc0's wgridder (Arras et al. 2021, A&amp;A 646, A58; w-gridding after Ye et al.
 * 2022, A&amp;A 662, A37; kernel after Barnett et al. 2019).
 *
 * <p>Measurement equation ({@code model/package-info.java}), uvw in wavelengths {@code = metres x
 * freqHz / c}, {@code n = sqrt(1 - l^2 - m^2)}, in the image convention of WSClean and of ducc0
 * with {@code divide_by_n = false}: a pixel holds the flux (Jy) of a point source at its centre,
 * with no 1/n factor, so that
 *
 * <pre>
 *   dirty2ms:  V_k = w_k sum_{x,y} I(x,y) exp(-2 pi i (u_k l + v_k m + w_k (n - 1)))
 *   ms2dirty:  I(x,y) = Re sum_k w_k V_k exp(+2 pi i (u_k l + v_k m + w_k (n - 1)))
 * </pre>
 *
 * with {@code w_k} the weights and, in 2-D mode ({@code wGridding = false}), {@code w = 0}. A model
 * pixel of S Jy predicts exactly what {@code imaging.ComponentPredictor} predicts for a point
 * source of S Jy there, and a point source of S Jy reads S times the sum of weights in the dirty
 * image, at the phase centre and anywhere else. The two are exact adjoints ({@code Re <dirty2ms(I),
 * V> = <I, ms2dirty(V)>}) up to round-off, and each matches the direct sums to the requested {@code
 * epsilon} (relative L2). Pixel {@code (x, y)} is at {@code l = -(x - nx/2) dx}, {@code m = (y -
 * ny/2) dy}, as in {@link org.radiospark.kernels.model.ImageGeometry}; images are {@code double[ny
 * * nx]}, x fastest.
 *
 * <p>Inputs: {@code uvwMetres[3 r + 0..2]} per row; {@code freqHz[c]} per channel; visibilities
 * {@code vis[2 (r nChan + c)]} re and {@code + 1} im; weights {@code [r nChan + c]}, 0 = skip (null
 * = all 1).
 *
 * <p>Algorithm and cost: kernel support W and oversampling sigma from {@link KernelTable} and a
 * cost model that also picks, per W, the grid size among the even 5-smooth sizes from {@code sigma
 * n} up to {@code sigmaMax n} by JTransforms' speed per length ({@link
 * org.radiospark.kernels.fft.Fft2D#relativeCost}); samples bucketed by (16 x 16 uv tile, first
 * w-plane) with a radix sort ({@code O(M)}); spreading {@code O(M W^2)} (2-D) or {@code O(M W^3)}
 * (w-gridding); {@code P} FFTs of {@code nu x nv >= (sigma nx) x (sigma ny)} with {@code P = ceil(2
 * sigma (|w|_max - |w|_min) max|n - 1 - shift|) + W}; correction by {@code 1/psi} per axis, psi by
 * Gauss-Legendre quadrature. In 2-D float ({@link Float2dOps}) runs of consecutive channels of a
 * row that fall in one tile are sorted instead of samples, and the visibilities are read in place.
 * Threads: the caller's {@link GridderParams#nThreads()}; no global state. Instances are immutable
 * and thread-safe.
 *
 * <p>Repeated calls on the same coordinates and weights (major cycles) should plan once with {@link
 * #prepare} and call {@link PreparedGridding#ms2dirty} / {@link PreparedGridding#dirty2ms}: the
 * planning is about a fifth of a 2-D float call.
 */
public final class WGridder {
  private final GridderParams params;

  /** A gridder with fixed settings; cheap, holds no buffers. */
  public WGridder(GridderParams params) {
    if (params == null) {
      throw new IllegalArgumentException("params is null");
    }
    this.params = params;
  }

  /** The settings. */
  public GridderParams params() {
    return params;
  }

  /** What the gridder would choose for these coordinates and weights. */
  public record Setup(int support, double sigma, int nu, int nv, int nPlanes, int nActive) {}

  /** The kernel, grid and w-plane choice for a call with these inputs (for logs and tests). */
  public Setup setup(double[] uvwMetres, double[] freqHz, float[] weights) {
    int n = uvwMetres.length / 3 * freqHz.length;
    GridPlan p = GridPlan.build(params, uvwMetres, freqHz, weights, null, n);
    return new Setup(p.support, p.sigma, p.nu, p.nv, p.nPlanes, p.nActive);
  }

  /**
   * Dirty image from float visibilities.
   *
   * @return {@code double[ny * nx]}, not normalised (divide by the sum of weights for Jy/beam)
   */
  public double[] ms2dirty(double[] uvwMetres, double[] freqHz, float[] vis, float[] weights) {
    return prepare(uvwMetres, freqHz, weights, half(vis)).ms2dirty(vis);
  }

  /**
   * Dirty image from double visibilities; see {@link #ms2dirty(double[], double[], float[],
   * float[])}.
   */
  public double[] ms2dirty(double[] uvwMetres, double[] freqHz, double[] vis, double[] weights) {
    GridPlan plan = GridPlan.build(params, uvwMetres, freqHz, null, weights, half(vis));
    if (plan.onTheFly) {
      // 2-D float: weighted values in the caller's order, read in place by the spreading (the
      // plan holds no double weights).
      float[] f = new float[vis.length];
      for (int i = 0; i < f.length / 2; i++) {
        double wt = weights == null ? 1 : weights[i];
        f[2 * i] = (float) (vis[2 * i] * wt);
        f[2 * i + 1] = (float) (vis[2 * i + 1] * wt);
      }
      return Float2dOps.ms2dirty(plan, f);
    }
    double[] prep = new double[2 * plan.nActive];
    for (int s = 0; s < plan.nActive; s++) {
      int i = plan.sampleIndex[s];
      double wt = weights == null ? 1 : weights[i];
      prepare(plan, s, vis[2 * i] * wt, vis[2 * i + 1] * wt, prep);
    }
    return run(plan, prep);
  }

  /**
   * Model visibilities of an image, as float.
   *
   * @param dirty image {@code double[ny * nx]}, x fastest (Jy per pixel)
   * @return {@code float[2 nRows nChan]}, zero where the weight is 0
   */
  public float[] dirty2ms(double[] uvwMetres, double[] freqHz, double[] dirty, float[] weights) {
    int n = uvwMetres == null ? 0 : uvwMetres.length / 3 * (freqHz == null ? 0 : freqHz.length);
    return prepare(uvwMetres, freqHz, weights, n).dirty2ms(dirty);
  }

  /**
   * Model visibilities of an image, as double; see {@link #dirty2ms(double[], double[], double[],
   * float[])}.
   */
  public double[] dirty2msDouble(
      double[] uvwMetres, double[] freqHz, double[] dirty, double[] weights) {
    int n = uvwMetres.length / 3 * freqHz.length;
    GridPlan plan = GridPlan.build(params, uvwMetres, freqHz, null, weights, n);
    double[] out = new double[2 * n];
    if (plan.onTheFly) {
      checkImage(dirty);
      // Unweighted (the plan holds no double weights) and 0 for inactive samples.
      float[] f = Float2dOps.dirty2ms(plan, dirty);
      for (int i = 0; i < n; i++) {
        double wt = weights == null ? 1 : weights[i];
        out[2 * i] = f[2 * i] * wt;
        out[2 * i + 1] = f[2 * i + 1] * wt;
      }
      return out;
    }
    double[] acc = degrid(plan, dirty);
    double[] tmp = new double[2];
    for (int s = 0; s < plan.nActive; s++) {
      int i = plan.sampleIndex[s];
      finish(plan, s, acc, weights == null ? 1 : weights[i], tmp);
      out[2 * i] = tmp[0];
      out[2 * i + 1] = tmp[1];
    }
    return out;
  }

  /**
   * Plans the gridding of these coordinates and weights once, for any number of {@link
   * PreparedGridding#ms2dirty} and {@link PreparedGridding#dirty2ms} calls on them (the major
   * cycles of CLEAN and of calibration grid and degrid the same samples many times). The result is
   * what {@link #ms2dirty(double[], double[], float[], float[])} and {@link #dirty2ms(double[],
   * double[], double[], float[])} compute, without their planning cost (about 20 ns per sample in
   * 2-D float). The inputs are copied.
   *
   * @param uvwMetres {@code uvw[3 r + 0..2]} per row, metres
   * @param freqHz channel frequencies
   * @param weights {@code [r nChan + c]}, 0 = skip, null = all 1
   */
  public PreparedGridding prepare(double[] uvwMetres, double[] freqHz, float[] weights) {
    int n = uvwMetres == null || freqHz == null ? 0 : uvwMetres.length / 3 * freqHz.length;
    return prepare(uvwMetres, freqHz, weights, n);
  }

  private PreparedGridding prepare(
      double[] uvwMetres, double[] freqHz, float[] weights, int expectedSamples) {
    GridPlan plan = GridPlan.build(params, uvwMetres, freqHz, weights, null, expectedSamples);
    return new PreparedGridding(
        this, plan, plan.onTheFly || weights == null ? null : weights.clone());
  }

  static int half(Object vis) {
    int len = vis instanceof float[] f ? f.length : ((double[]) vis).length;
    if (len % 2 != 0) {
      throw new InvalidInputException(null, "vis", "expected interleaved re/im pairs");
    }
    return len / 2;
  }

  /** Conjugates flipped samples and applies exp(+2 pi i w nShift) (w-gridding). */
  static void prepare(GridPlan plan, int s, double re, double im, double[] prep) {
    if (plan.wGridding && plan.flipped[s]) {
      im = -im;
    }
    if (plan.wGridding) {
      double a = 2 * Math.PI * plan.wOf(s) * plan.nShift;
      double c = Math.cos(a);
      double sn = Math.sin(a);
      double r = re * c - im * sn;
      im = re * sn + im * c;
      re = r;
    }
    prep[2 * s] = re;
    prep[2 * s + 1] = im;
  }

  /** The adjoint of {@link #prepare}, times the weight. */
  static void finish(GridPlan plan, int s, double[] acc, double wt, double[] out) {
    double re = acc[2 * s];
    double im = acc[2 * s + 1];
    if (plan.wGridding) {
      double a = -2 * Math.PI * plan.wOf(s) * plan.nShift;
      double c = Math.cos(a);
      double sn = Math.sin(a);
      double r = re * c - im * sn;
      im = re * sn + im * c;
      re = r;
    }
    if (plan.wGridding && plan.flipped[s]) {
      im = -im;
    }
    out[0] = re * wt;
    out[1] = im * wt;
  }

  double[] run(GridPlan plan, double[] prep) {
    if (params.precision() == Precision.DOUBLE) {
      return DoubleGridOps.ms2dirty(plan, prep);
    }
    float[] f = new float[prep.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) prep[i];
    }
    return FloatGridOps.ms2dirty(plan, f);
  }

  void checkImage(double[] dirty) {
    if (dirty == null || dirty.length != params.nx() * params.ny()) {
      throw new InvalidInputException(
          null, "dirty", "expected " + params.ny() + " x " + params.nx() + " pixels");
    }
  }

  double[] degrid(GridPlan plan, double[] dirty) {
    checkImage(dirty);
    if (params.precision() == Precision.DOUBLE) {
      return DoubleGridOps.dirty2ms(plan, dirty);
    }
    float[] f = FloatGridOps.dirty2ms(plan, dirty);
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
