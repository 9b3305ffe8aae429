package org.radiospark.kernels.deconvolution;

import java.util.Arrays;

/**
 * Noise level from the median absolute deviation, as WSClean's auto-threshold uses it: {@code rms =
 * 1.4826 x median(|x - median(x)|)}, the standard deviation for Gaussian noise and robust to
 * sources. O(N log N) (two sorts of a copy).
 */
public final class RobustNoise {
  /** 1 / Phi^-1(3/4): MAD to standard deviation for a normal distribution. */
  public static final double MAD_TO_SIGMA = 1.482602218505602;

  private RobustNoise() {}

  /** The MAD-based rms of the finite values of {@code pixels}; 0 for an empty input. */
  public static double madRms(double[] pixels) {
    double[] v = Arrays.stream(pixels).filter(Double::isFinite).toArray();
    if (v.length == 0) {
      return 0.0;
    }
    double med = median(v);
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.abs(v[i] - med);
    }
    return MAD_TO_SIGMA * median(v);
  }

  private static double median(double[] v) {
    Arrays.sort(v);
    int n = v.length;
    return (n % 2 == 1) ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
  }
}
