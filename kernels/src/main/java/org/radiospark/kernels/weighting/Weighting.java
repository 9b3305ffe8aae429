package org.radiospark.kernels.weighting;

/**
 * A weighting choice: the scheme, for {@link WeightingScheme#BRIGGS} the robustness R (WSClean
 * {@code -weight briggs R}; R = -2 is close to uniform, R = 2 close to natural), and the padding
 * factor that sizes the uv grid of uniform and Briggs weighting (WSClean {@code -padding}, default
 * 1.2: WSClean grids the weights on its padded image grid, see {@link ImagingWeights}), and
 * WSClean's weighting rank filter ({@code -weighting-rank-filter 3}, {@code
 * -weighting-rank-filter-size 16}, on by default in WSClean).
 *
 * @param scheme natural, uniform or Briggs
 * @param robust Briggs robustness, in [-5, 5]; ignored for the other schemes
 * @param padding image padding factor in [1, 4] that defines the weighting grid: {@code
 *     ceil(padding x nx)} rounded up to a multiple of 4 cells across; ignored for natural weighting
 * @param rankFilterLevel uniform and Briggs: a cell factor above this multiple of the local mean is
 *     clipped to it; below 1 = no filter (WSClean's default 3)
 * @param rankFilterSize window of the rank filter in weighting-grid cells, at least 2 (WSClean's
 *     default 16)
 */
public record Weighting(
    WeightingScheme scheme,
    double robust,
    double padding,
    double rankFilterLevel,
    int rankFilterSize) {
  /** WSClean's default {@code -padding}. */
  public static final double DEFAULT_PADDING = 1.2;

  /** WSClean's default {@code -weighting-rank-filter}. */
  public static final double DEFAULT_RANK_FILTER_LEVEL = 3;

  /** WSClean's default {@code -weighting-rank-filter-size}. */
  public static final int DEFAULT_RANK_FILTER_SIZE = 16;

  /** Validates every field. */
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
    if (!Double.isFinite(rankFilterLevel) || rankFilterSize < 2) {
      throw new IllegalArgumentException(
          "rank filter level must be finite and size >= 2: "
              + rankFilterLevel
              + ", "
              + rankFilterSize);
    }
  }

  /** A weighting with WSClean's defaults: padding 1.2, rank filter 3 over 16 cells. */
  public Weighting(WeightingScheme scheme, double robust) {
    this(scheme, robust, DEFAULT_PADDING, DEFAULT_RANK_FILTER_LEVEL, DEFAULT_RANK_FILTER_SIZE);
  }

  /** Natural weighting. */
  public static Weighting natural() {
    return new Weighting(WeightingScheme.NATURAL, 0);
  }

  /** Uniform weighting (WSClean defaults). */
  public static Weighting uniform() {
    return new Weighting(WeightingScheme.UNIFORM, 0);
  }

  /** Briggs weighting with robustness R (WSClean defaults). */
  public static Weighting briggs(double robust) {
    return new Weighting(WeightingScheme.BRIGGS, robust);
  }

  /** A copy with another padding factor (WSClean {@code -padding}). */
  public Weighting withPadding(double p) {
    return new Weighting(scheme, robust, p, rankFilterLevel, rankFilterSize);
  }

  /** A copy with another rank filter (level below 1 turns it off). */
  public Weighting withRankFilter(double level, int size) {
    return new Weighting(scheme, robust, padding, level, size);
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
