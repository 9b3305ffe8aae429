package org.radiospark.kernels.deconvolution;

/**
 * The sub-minor loop of WSClean/Radler (Offringa &amp; Smirnov 2017, MNRAS 471, 301, section 3.2,
 * "fast sub-minor loop"): CLEAN restricted to the "active set", the pixels of an image whose value
 * exceeds the threshold the loop cleans down to. Pixels below the threshold cannot become the
 * component of a loop that stops at that threshold (unless sidelobes raise them, which the caller
 * catches by re-measuring the full image afterwards), so each component only has to update the
 * active pixels: O(active) per component instead of O(nx ny). The components are accumulated per
 * active pixel and returned; the caller applies them to its full images once per loop.
 *
 * <p>Layout: images {@code a[y * nx + x]}; the update kernel is an {@code nx x ny} image with its
 * origin at {@code (nx/2, ny/2)}, clipped like {@link ImageOps#subtractShifted}. The active set is
 * kept in scan order, so ties between equal peaks resolve to the first pixel in scan order, as
 * {@link ImageOps#findPeak} does. Reusable: the buffers grow to the largest set seen and are not
 * reallocated per component. Not thread-safe.
 */
final class SubMinorLoop {
  private final int nx;
  private final int ny;
  private int size;
  private int[] pixel = new int[0];
  private int[] xs = new int[0];
  private int[] ys = new int[0];
  private double[] values = new double[0];
  private double[] components = new double[0];
  private int[] hits = new int[0];

  /** What one {@link #run} did. */
  record Result(long iterations, boolean diverged) {}

  SubMinorLoop(int nx, int ny) {
    this.nx = nx;
    this.ny = ny;
  }

  /**
   * Collects the active set: the pixels inside the {@code border} (pixels from every edge), inside
   * {@code mask} (null = everywhere) whose {@code |value| x bias} ({@code value x bias} when
   * negative values are not allowed) exceeds {@code threshold}. O(nx ny).
   *
   * @return the number of active pixels, or -1 (and no set) when there are more than {@code limit}:
   *     then the caller should fall back to full-image updates
   */
  int select(
      double[] image,
      boolean[] mask,
      int border,
      double threshold,
      double bias,
      boolean allowNegative,
      int limit) {
    // Count first so that the buffers are sized once and oversized sets are rejected cheaply.
    double level = threshold / bias;
    int count = 0;
    for (int y = border; y < ny - border; y++) {
      int row = y * nx;
      for (int x = border; x < nx - border; x++) {
        int i = row + x;
        double v = allowNegative ? Math.abs(image[i]) : image[i];
        if (v > level && (mask == null || mask[i])) {
          count++;
        }
      }
    }
    if (count > limit) {
      size = 0;
      return -1;
    }
    ensureCapacity(count);
    int k = 0;
    for (int y = border; y < ny - border; y++) {
      int row = y * nx;
      for (int x = border; x < nx - border; x++) {
        int i = row + x;
        double v = allowNegative ? Math.abs(image[i]) : image[i];
        if (v > level && (mask == null || mask[i])) {
          pixel[k] = i;
          xs[k] = x;
          ys[k] = y;
          values[k] = image[i];
          components[k] = 0.0;
          hits[k] = 0;
          k++;
        }
      }
    }
    size = count;
    return count;
  }

  private void ensureCapacity(int n) {
    if (pixel.length < n) {
      int cap = Math.max(n, pixel.length + pixel.length / 2);
      pixel = new int[cap];
      xs = new int[cap];
      ys = new int[cap];
      values = new double[cap];
      components = new double[cap];
      hits = new int[cap];
    }
  }

  /**
   * Runs CLEAN on the active set: while the largest (biased) active value exceeds {@code
   * subThreshold}, the budget lasts and the value does not exceed {@code divergenceLevel}: add
   * {@code value x gainFactor} to that pixel's component and subtract {@code component x kernel}
   * centred there from every active value. Per component O(active).
   *
   * @param kernel the update kernel ({@code nx x ny}, origin {@code (nx/2, ny/2)}): the PSF for
   *     Hogbom, the twice scale-convolved PSF for multi-scale
   * @param gainFactor component = value x gainFactor (loop gain / scale-convolved PSF peak)
   * @param bias the scale bias the threshold and divergence level are compared with
   */
  Result run(
      double[] kernel,
      double gainFactor,
      double bias,
      double subThreshold,
      boolean allowNegative,
      long maxIterations,
      double divergenceLevel) {
    if (size == 0) {
      return new Result(0, false);
    }
    int cx = nx / 2;
    int cy = ny / 2;
    int best = peakIndex(allowNegative);
    double value = values[best];
    long iter = 0;
    boolean diverged = false;
    while (iter < maxIterations
        && Math.abs(value) * bias > subThreshold
        && (allowNegative || value > 0)) {
      double component = value * gainFactor;
      components[best] += component;
      hits[best]++;
      iter++;
      // Kernel index of active pixel k relative to the component: (x_k - xp + cx, y_k - yp + cy).
      int ox = cx - xs[best];
      int oy = cy - ys[best];
      double bestValue = Double.NEGATIVE_INFINITY;
      int next = -1;
      for (int k = 0; k < size; k++) {
        int kx = xs[k] + ox;
        int ky = ys[k] + oy;
        double v = values[k];
        if (kx >= 0 && kx < nx && ky >= 0 && ky < ny) {
          v -= component * kernel[ky * nx + kx];
          values[k] = v;
        }
        double key = allowNegative ? Math.abs(v) : v;
        if (key > bestValue) {
          bestValue = key;
          next = k;
        }
      }
      best = next;
      value = values[best];
      if (Math.abs(value) * bias > divergenceLevel) {
        diverged = true;
        break;
      }
    }
    return new Result(iter, diverged);
  }

  private int peakIndex(boolean allowNegative) {
    int best = 0;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < size; k++) {
      double key = allowNegative ? Math.abs(values[k]) : values[k];
      if (key > bestValue) {
        bestValue = key;
        best = k;
      }
    }
    return best;
  }

  /** Number of active pixels of the last {@link #select}. */
  int size() {
    return size;
  }

  /** Image index {@code y * nx + x} of active pixel {@code k}. */
  int pixel(int k) {
    return pixel[k];
  }

  /** Summed component (Jy, before any shape) placed at active pixel {@code k} by {@link #run}. */
  double component(int k) {
    return components[k];
  }

  /** Number of components placed at active pixel {@code k} by {@link #run}. */
  int hits(int k) {
    return hits[k];
  }

  /** Number of active pixels that received at least one component. */
  int pixelsHit() {
    int n = 0;
    for (int k = 0; k < size; k++) {
      if (hits[k] > 0) {
        n++;
      }
    }
    return n;
  }
}
