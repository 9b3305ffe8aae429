package org.radiospark.kernels.polarisation.faraday;

/** Channel weights of RM synthesis (RM-Tools' {@code -w}). */
public enum Weighting {
  /** {@code w_i = 1 / sigma_i^2}, sigma the mean of the q and u noise of the channel. */
  VARIANCE,
  /** {@code w_i = 1}. */
  UNIFORM
}
