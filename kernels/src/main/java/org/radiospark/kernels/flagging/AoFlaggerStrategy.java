package org.radiospark.kernels.flagging;

import java.util.Locale;

/**
 * Parameters of the AOFlagger-style time x frequency flagging of one baseline (Offringa et al.
 * 2010, 2012; AOFlagger 3's default Lua strategy, whose MWA variant uses the same numbers).
 *
 * <p>The schedule: for {@code i = 1 .. iterationCount - 1} SumThreshold at {@code baseThreshold x
 * thresholdFactorStep^(iterationCount - i)} (4 then 2 by default: detection starts insensitive and
 * grows more sensitive as the background fit improves), whole-timestep outliers at {@code
 * timestepSigma}, whole-channel outliers at {@code channelSigma x factor} ({@link
 * StatisticalOutliers}), then a fresh background fit over the unflagged samples; a final
 * SumThreshold at {@code baseThreshold}; flags OR-ed over polarisations; the SIR operator with
 * {@code sirEta} along time and frequency; a last whole-timestep test at {@code
 * finalTimestepSigma}.
 *
 * @param iterationCount number of SumThreshold passes, >= 1 (AOFlagger: 3)
 * @param thresholdFactorStep ratio of successive threshold factors, >= 1 (AOFlagger: 2)
 * @param baseThreshold multiplier of the final pass, > 0 (AOFlagger: 1; lower is more sensitive)
 * @param sumThreshold window lengths and {@code chi_1}
 * @param lowPass the background fit
 * @param timestepSigma whole-timestep outlier level in the iterations (AOFlagger's timestep rms
 *     threshold: 3.5)
 * @param channelSigma whole-channel outlier level, times the iteration's factor (AOFlagger: 3.0)
 * @param sirEta SIR aggressiveness in both directions, [0, 1] (AOFlagger: 0.2)
 * @param finalTimestepSigma last whole-timestep outlier level (AOFlagger: 4.0)
 */
public record AoFlaggerStrategy(
    int iterationCount,
    double thresholdFactorStep,
    double baseThreshold,
    SumThresholdParameters sumThreshold,
    LowPassParameters lowPass,
    double timestepSigma,
    double channelSigma,
    double sirEta,
    double finalTimestepSigma) {

  /** Validates every parameter. */
  public AoFlaggerStrategy {
    if (iterationCount < 1) {
      throw new IllegalArgumentException("iterationCount must be >= 1: " + iterationCount);
    }
    if (!(thresholdFactorStep >= 1)) {
      throw new IllegalArgumentException(
          "thresholdFactorStep must be >= 1: " + thresholdFactorStep);
    }
    if (!(baseThreshold > 0)) {
      throw new IllegalArgumentException("baseThreshold must be > 0: " + baseThreshold);
    }
    java.util.Objects.requireNonNull(sumThreshold, "sumThreshold");
    java.util.Objects.requireNonNull(lowPass, "lowPass");
    if (!(timestepSigma > 0) || !(channelSigma > 0) || !(finalTimestepSigma > 0)) {
      throw new IllegalArgumentException(
          "timestep and channel thresholds must be > 0: "
              + timestepSigma
              + ", "
              + channelSigma
              + ", "
              + finalTimestepSigma);
    }
    if (!(sirEta >= 0 && sirEta <= 1)) {
      throw new IllegalArgumentException("sirEta must be in [0, 1]: " + sirEta);
    }
  }

  /** AOFlagger 3's default (and MWA) strategy, with the numbers quoted in the class Javadoc. */
  public static AoFlaggerStrategy defaults() {
    return new AoFlaggerStrategy(
        3,
        2.0,
        1.0,
        SumThresholdParameters.defaults(),
        LowPassParameters.defaults(),
        3.5,
        3.0,
        0.2,
        4.0);
  }

  /**
   * A strategy by name: {@code default} ({@link #defaults()}).
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static AoFlaggerStrategy named(String name) {
    if ("default".equals(name.toLowerCase(Locale.ROOT))) {
      return defaults();
    }
    throw new IllegalArgumentException("unknown flagging strategy '" + name + "' (known: default)");
  }

  /** The same strategy with another final threshold multiplier. */
  public AoFlaggerStrategy withBaseThreshold(double base) {
    return new AoFlaggerStrategy(
        iterationCount,
        thresholdFactorStep,
        base,
        sumThreshold,
        lowPass,
        timestepSigma,
        channelSigma,
        sirEta,
        finalTimestepSigma);
  }

  /** Threshold factor of (1-based) iteration {@code i}: {@code step^(iterationCount - i)}. */
  public double thresholdFactor(int i) {
    return Math.pow(thresholdFactorStep, iterationCount - i);
  }

  /**
   * SumThreshold windows and thresholds.
   *
   * @param chi1Sigma threshold for a single sample, in units of the residual's robust sigma (1.4826
   *     MAD). 6.0 is AOFlagger's first threshold; AOFlagger scales it by a winsorized Rayleigh-mode
   *     estimate of the data instead, so absolute levels agree only roughly
   * @param rho decrease of the threshold per doubling of the window, {@code chi_M = chi_1 /
   *     rho^log2 M}. Default 4/3: AOFlagger's implementation ({@code ThresholdConfig}) sets {@code
   *     chi_M = chi_1 1.5^log2(M) / M}, which is this form with {@code rho = 2 / 1.5}; Offringa et
   *     al. (2010) quote {@code rho = 1.5} in the form above, which is more sensitive for long
   *     windows (it doubled the false positives of this package's RFI simulation, 0.49% to 0.93%)
   * @param maxWindow largest window; windows are 1, 2, 4, ... up to it (64)
   */
  public record SumThresholdParameters(double chi1Sigma, double rho, int maxWindow) {
    /** Validates. */
    public SumThresholdParameters {
      if (!(chi1Sigma > 0) || !(rho >= 1) || maxWindow < 1) {
        throw new IllegalArgumentException(
            "need chi1Sigma > 0, rho >= 1, maxWindow >= 1: "
                + chi1Sigma
                + ", "
                + rho
                + ", "
                + maxWindow);
      }
    }

    /** chi_1 = 6 sigma, rho = 4/3 (AOFlagger's thresholds), windows up to 64. */
    public static SumThresholdParameters defaults() {
      return new SumThresholdParameters(6.0, 4.0 / 3.0, 64);
    }
  }

  /**
   * The Gaussian background fit.
   *
   * <p>Defaults follow AOFlagger's {@code low_pass_filter(21, 31, 2.5, 5.0)} after its 3x
   * down-sampling in time: its Gaussian variances 2.5 and 5.0 (in down-sampled time steps and in
   * channels) become sigma {@code 3 sqrt(2.5) = 4.74} time samples and {@code sqrt 5 = 2.24}
   * channels here, with half-widths 30 samples and 15 channels.
   *
   * @param sigmaTime Gaussian sigma along time, samples
   * @param halfWidthTime kernel half-width along time, samples
   * @param sigmaFreq Gaussian sigma along frequency, channels
   * @param halfWidthFreq kernel half-width along frequency, channels
   */
  public record LowPassParameters(
      double sigmaTime, int halfWidthTime, double sigmaFreq, int halfWidthFreq) {
    /** Validates. */
    public LowPassParameters {
      if (!(sigmaTime > 0) || !(sigmaFreq > 0) || halfWidthTime < 0 || halfWidthFreq < 0) {
        throw new IllegalArgumentException(
            "low-pass sigmas must be > 0 and half-widths >= 0: "
                + sigmaTime
                + ", "
                + halfWidthTime
                + ", "
                + sigmaFreq
                + ", "
                + halfWidthFreq);
      }
    }

    /** AOFlagger's kernel in full-resolution units (see the record Javadoc). */
    public static LowPassParameters defaults() {
      return new LowPassParameters(3 * Math.sqrt(2.5), 30, Math.sqrt(5.0), 15);
    }
  }
}
