package org.radiospark.kernels.pulsar;

/**
 * Parameters of the RFI mask (names as PRESTO rfifind's options).
 *
 * @param intervalSamples samples per statistics interval ({@code -time} in samples)
 * @param timeSigma threshold on the deviation of an interval's mean or standard deviation from the
 *     channel's typical value, in robust sigmas ({@code -timesig}, 10)
 * @param freqSigma threshold on the Gaussian significance of the strongest Fourier power in an
 *     interval, after the trials correction for its length ({@code -freqsig}, 4)
 * @param chanFrac a channel with more than this fraction of bad intervals is masked entirely
 *     ({@code -chanfrac}, 0.7)
 * @param intFrac an interval with more than this fraction of bad channels is masked entirely
 *     ({@code -intfrac}, 0.3)
 */
public record RfiMaskParams(
    int intervalSamples, double timeSigma, double freqSigma, double chanFrac, double intFrac)
    implements java.io.Serializable {
  /** Validates the values. */
  public RfiMaskParams {
    if (intervalSamples < 16 || !(timeSigma > 0) || !(freqSigma > 0)) {
      throw new IllegalArgumentException("need intervalSamples >= 16 and positive thresholds");
    }
    if (!(chanFrac > 0 && chanFrac <= 1) || !(intFrac > 0 && intFrac <= 1)) {
      throw new IllegalArgumentException("chanFrac and intFrac must be in (0, 1]");
    }
  }

  /** rfifind's defaults with intervals of {@code intervalSamples}. */
  public static RfiMaskParams defaults(int intervalSamples) {
    return new RfiMaskParams(intervalSamples, 10, 4, 0.7, 0.3);
  }
}
