package org.radiospark.kernels.weighting;

/**
 * A weighting choice: the scheme, for {@link WeightingScheme#BRIGGS} the robustness R (WSClean
 * {@code -weight briggs R}; R = -2 is close to uniform, R = 2 close to natural), and the padding
 * factor that sizes the uv grid of uniform and Briggs weighting (WSClean {@code -padding}, default
 * 1.2: WSClean grids the weights on its padded image grid, see {@link ImagingWeights}).
 *
 * @param scheme natural, uniform or Briggs
 * @param robust Briggs robustness, in [-5, 5]; ignored for the other schemes
 * @param padding image padding factor in [1, 4] that defines the weighting grid: {@code
 *     ceil(padding x nx)} rounded up to a multiple of 4 cells across; ignored for natural weighting
 */
public record Weighting(WeightingScheme scheme, double robust, double padding) {
  /** WSClean's default {@code -padding}. */
  public static final double DEFAULT_PADDING = 1.2;

  /** Validates the scheme, the robustness and the padding range. */
  public Weighting {
    if (scheme == null) {
      throw new IllegalArgumentException("weighting scheme is null");
    }
    if (!(robust >= -5 && robust <= 5)) {
      throw new IllegalArgumentException("Briggs robustness must be in [-5, 5]: " + robust);
    }
    if (!(padding >= 1 && padding <= 4)) {
      throw new IllegalArgumentException("padding must be in [1, 4]: " + padding);
    }
  }

  /** A weighting with WSClean's default padding 1.2. */
  public Weighting(WeightingScheme scheme, double robust) {
    this(scheme, robust, DEFAULT_PADDING);
  }

  /** Natural weighting. */
  public static Weighting natural() {
    return new Weighting(WeightingScheme.NATURAL, 0);
  }

  /** Uniform weighting (padding 1.2). */
  public static Weighting uniform() {
    return new Weighting(WeightingScheme.UNIFORM, 0);
  }

  /** Briggs weighting with robustness R (padding 1.2). */
  public static Weighting briggs(double robust) {
    return new Weighting(WeightingScheme.BRIGGS, robust);
  }

  /** A copy with another padding factor (WSClean {@code -padding}). */
  public Weighting withPadding(double p) {
    return new Weighting(scheme, robust, p);
  }

  /**
   * Cells of the weighting grid along an image axis of {@code n} pixels: {@code ceil(padding n)}
   * rounded up to a multiple of 4 (WSClean's padded image size).
   */
  public int gridCells(int n) {
    long c = (long) Math.ceil(n * padding);
    return Math.toIntExact(c + (4 - c % 4) % 4);
  }
}
