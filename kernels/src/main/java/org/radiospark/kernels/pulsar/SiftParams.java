package org.radiospark.kernels.pulsar;

/**
 * Parameters of candidate sifting (PRESTO ACCEL_sift.py).
 *
 * @param sigma candidates below this sigma are dropped ({@code sigma_threshold})
 * @param freqTolHz frequencies closer than this are the same signal (ACCEL_sift's {@code r_err} of
 *     1.1 Fourier bins divided by the observation length)
 * @param minDmHits a candidate must appear in at least this many DM trials ({@code min_num_DMs})
 * @param lowDmCutoff candidates whose best DM is below this are dropped as terrestrial ({@code
 *     low_DM_cutoff}; 0 keeps all)
 * @param maxHarmonic harmonics {@code n/m} with {@code n, m <= maxHarmonic} of a stronger candidate
 *     are dropped
 */
public record SiftParams(
    double sigma, double freqTolHz, int minDmHits, double lowDmCutoff, int maxHarmonic)
    implements java.io.Serializable {
  /** Validates the values. */
  public SiftParams {
    if (!(freqTolHz > 0) || minDmHits < 1 || maxHarmonic < 1) {
      throw new IllegalArgumentException("need freqTol > 0, minDmHits >= 1, maxHarmonic >= 1");
    }
  }

  /** ACCEL_sift's defaults for an observation {@code tObsSec} long. */
  public static SiftParams defaults(double tObsSec) {
    return new SiftParams(2.0, 1.1 / tObsSec, 2, 2.0, 16);
  }
}
