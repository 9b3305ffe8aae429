package org.radiospark.kernels.polarisation.faraday;

/**
 * Parameters of {@link RmClean}.
 *
 * @param cutoff stop when the residual |F| peak is below this absolute value (FDF units), > 0
 * @param gain loop gain, in (0, 1]; RM-Tools 0.1
 * @param maxIterations at most this many components; RM-Tools 1000
 */
public record RmCleanParameters(double cutoff, double gain, int maxIterations) {
  /** RM-Tools' loop gain. */
  public static final double DEFAULT_GAIN = 0.1;

  /** RM-Tools' iteration limit. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;

  /** Validates the parameters. */
  public RmCleanParameters {
    if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
      throw new IllegalArgumentException("RM-CLEAN cutoff must be finite and > 0: " + cutoff);
    }
    if (!(gain > 0 && gain <= 1)) {
      throw new IllegalArgumentException("RM-CLEAN gain must be in (0, 1]: " + gain);
    }
    if (maxIterations < 0) {
      throw new IllegalArgumentException("RM-CLEAN iterations must be >= 0: " + maxIterations);
    }
  }

  /** RM-Tools' gain and iteration limit with an absolute cutoff. */
  public static RmCleanParameters withCutoff(double cutoff) {
    return new RmCleanParameters(cutoff, DEFAULT_GAIN, DEFAULT_MAX_ITERATIONS);
  }
}
