package org.radiospark.kernels.weighting;

/**
 * A weighting choice: the scheme and, for {@link WeightingScheme#BRIGGS}, the robustness R (WSClean
 * {@code -weight briggs R}; R = -2 is close to uniform, R = 2 close to natural).
 *
 * @param scheme natural, uniform or Briggs
 * @param robust Briggs robustness, in [-5, 5]; ignored for the other schemes
 */
public record Weighting(WeightingScheme scheme, double robust) {
  /** Validates the scheme and the robustness range. */
  public Weighting {
    if (scheme == null) {
      throw new IllegalArgumentException("weighting scheme is null");
    }
    if (!(robust >= -5 && robust <= 5)) {
      throw new IllegalArgumentException("Briggs robustness must be in [-5, 5]: " + robust);
    }
  }

  /** Natural weighting. */
  public static Weighting natural() {
    return new Weighting(WeightingScheme.NATURAL, 0);
  }

  /** Uniform weighting. */
  public static Weighting uniform() {
    return new Weighting(WeightingScheme.UNIFORM, 0);
  }

  /** Briggs weighting with robustness R. */
  public static Weighting briggs(double robust) {
    return new Weighting(WeightingScheme.BRIGGS, robust);
  }
}
