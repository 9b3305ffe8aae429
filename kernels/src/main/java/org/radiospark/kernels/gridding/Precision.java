package org.radiospark.kernels.gridding;

/**
 * Arithmetic of the gridder's visibilities and uv grid: FLOAT halves memory and reaches epsilon
 * down to about 1e-6; DOUBLE reaches about 1e-13.
 */
public enum Precision {
  FLOAT,
  DOUBLE
}
