package org.radiospark.kernels.sourcefinding;

/**
 * Parameters of {@link SourceFinder}, named as in Aegean.
 *
 * @param seedSigma an island must contain a pixel at least this many local rms above the background
 *     (Aegean {@code --seedclip}, 5)
 * @param floodSigma islands grow over connected pixels at least this many rms above the background
 *     (Aegean {@code --floodclip}, 4)
 * @param maxComponentsPerIsland at most this many Gaussians are fitted to one island (the brightest
 *     local maxima)
 * @param maxIterations Levenberg-Marquardt iteration limit per island
 */
public record FinderParameters(
    double seedSigma, double floodSigma, int maxComponentsPerIsland, int maxIterations) {

  /** Validates the values. */
  public FinderParameters {
    if (!(seedSigma > 0) || !(floodSigma > 0) || floodSigma > seedSigma) {
      throw new IllegalArgumentException(
          "need 0 < flood <= seed: seed " + seedSigma + ", flood " + floodSigma);
    }
    if (maxComponentsPerIsland < 1 || maxIterations < 1) {
      throw new IllegalArgumentException("component and iteration limits must be >= 1");
    }
  }

  /** Aegean's defaults: seed 5, flood 4, up to 10 components per island, 200 iterations. */
  public static FinderParameters defaults() {
    return new FinderParameters(5, 4, 10, 200);
  }

  /** These parameters with other thresholds. */
  public FinderParameters withThresholds(double seed, double flood) {
    return new FinderParameters(seed, flood, maxComponentsPerIsland, maxIterations);
  }
}
