package org.radiospark.kernels.weighting;

/** Visibility weighting schemes, as WSClean's {@code -weight natural | uniform | briggs R}. */
public enum WeightingScheme {
  /** Imaging weight = data weight. */
  NATURAL,
  /** Data weight divided by the summed weight of its uv cell. */
  UNIFORM,
  /** Briggs (1995) robust weighting with robustness R, WSClean's formula. */
  BRIGGS
}
