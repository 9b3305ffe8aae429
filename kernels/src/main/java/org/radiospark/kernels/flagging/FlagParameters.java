package org.radiospark.kernels.flagging;

import java.util.Arrays;
import java.util.Objects;

/**
 * Everything {@link VisibilityFlagger} needs.
 *
 * @param strategy the per-baseline time x frequency flagging
 * @param badAntennas 0-based antenna indices whose baselines are flagged entirely (autoflag of a
 *     bad-tile list); copied and sorted
 * @param uvflagSigma baseline outlier level in robust sigmas ({@link BaselineOutlierFlagger}); 0
 *     turns the baseline outlier test off
 * @param uvflagNeighbours number of baselines of nearest uv distance each baseline is compared with
 *     (>= 5)
 * @param threads baselines flagged concurrently (>= 1)
 */
public record FlagParameters(
    AoFlaggerStrategy strategy,
    int[] badAntennas,
    double uvflagSigma,
    int uvflagNeighbours,
    int threads) {

  /** Validates and copies. */
  public FlagParameters {
    Objects.requireNonNull(strategy, "strategy");
    badAntennas = badAntennas.clone();
    Arrays.sort(badAntennas);
    for (int a : badAntennas) {
      if (a < 0) {
        throw new IllegalArgumentException("bad antenna index must be >= 0: " + a);
      }
    }
    if (!(uvflagSigma >= 0) || Double.isInfinite(uvflagSigma)) {
      throw new IllegalArgumentException("uvflagSigma must be >= 0 (0 = off): " + uvflagSigma);
    }
    if (uvflagNeighbours < 5) {
      throw new IllegalArgumentException("uvflagNeighbours must be >= 5: " + uvflagNeighbours);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
  }

  /**
   * Default strategy, no bad antennas, baseline outliers at 5 sigma among 30 neighbours, 1 thread.
   */
  public static FlagParameters defaults() {
    return new FlagParameters(AoFlaggerStrategy.defaults(), new int[0], 5.0, 30, 1);
  }

  /** With another strategy. */
  public FlagParameters withStrategy(AoFlaggerStrategy s) {
    return new FlagParameters(s, badAntennas, uvflagSigma, uvflagNeighbours, threads);
  }

  /** With another bad-antenna list. */
  public FlagParameters withBadAntennas(int... antennas) {
    return new FlagParameters(strategy, antennas, uvflagSigma, uvflagNeighbours, threads);
  }

  /** With another baseline outlier level (0 = off). */
  public FlagParameters withUvflagSigma(double sigma) {
    return new FlagParameters(strategy, badAntennas, sigma, uvflagNeighbours, threads);
  }

  /** With another thread count. */
  public FlagParameters withThreads(int n) {
    return new FlagParameters(strategy, badAntennas, uvflagSigma, uvflagNeighbours, n);
  }

  /** Whether antenna {@code a} is on the bad list. */
  public boolean isBadAntenna(int a) {
    return Arrays.binarySearch(badAntennas, a) >= 0;
  }

  /** The bad antennas (a copy). */
  @Override
  public int[] badAntennas() {
    return badAntennas.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlagParameters p
        && strategy.equals(p.strategy)
        && Arrays.equals(badAntennas, p.badAntennas)
        && Double.compare(uvflagSigma, p.uvflagSigma) == 0
        && uvflagNeighbours == p.uvflagNeighbours
        && threads == p.threads;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        strategy, Arrays.hashCode(badAntennas), uvflagSigma, uvflagNeighbours, threads);
  }

  @Override
  public String toString() {
    return "FlagParameters[strategy="
        + strategy
        + ", badAntennas="
        + Arrays.toString(badAntennas)
        + ", uvflagSigma="
        + uvflagSigma
        + ", uvflagNeighbours="
        + uvflagNeighbours
        + ", threads="
        + threads
        + "]";
  }
}
