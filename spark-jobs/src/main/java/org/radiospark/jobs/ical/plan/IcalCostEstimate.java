package org.radiospark.jobs.ical.plan;

import java.util.List;
import java.util.Objects;

/**
 * What {@link IcalCostModel#estimate} returns: the dimensions, the quantities derived from them,
 * and the cost of each strategy. Serialises to and from JSON with Jackson as it is.
 *
 * @param dimensions the input
 * @param derived sizes derived from the dimensions
 * @param strategies one entry per {@link Strategy}, in declaration order
 */
public record IcalCostEstimate(
    IcalDimensions dimensions, Derived derived, List<StrategyCost> strategies) {

  /** Copies the list; checks nothing is null. */
  public IcalCostEstimate {
    Objects.requireNonNull(dimensions, "dimensions");
    Objects.requireNonNull(derived, "derived");
    strategies = List.copyOf(strategies);
  }

  /** The cost of {@code s}. */
  public StrategyCost strategy(Strategy s) {
    for (StrategyCost c : strategies) {
      if (c.strategy() == s) {
        return c;
      }
    }
    throw new IllegalArgumentException("no strategy " + s);
  }

  /**
   * Sizes derived from the dimensions.
   *
   * @param antennas antennas implied by the baselines, {@code N (N - 1) / 2 >= baselines}
   * @param rows baseline-time rows, {@code baselines x times}
   * @param samples complex samples, {@code rows x channels x pols}
   * @param visibilityBytes bytes of all visibility blocks (one per time and frequency partition)
   * @param partitionBytes bytes of the largest frequency partition (what one partition persists)
   * @param blockBytes bytes of the largest single block (one time, one frequency partition)
   * @param channelsPerPartition channels of the largest frequency partition
   * @param facetNx facet width, pixels
   * @param facetNy facet height, pixels
   * @param facetImageBytes one facet image of one polarisation (double pixels)
   * @param kernelSupport ES kernel support W chosen for epsilon
   * @param oversampling oversampling factor sigma of that kernel
   * @param gridNu grid width of a facet, {@code >= sigma x facetNx}, FFT-friendly
   * @param gridNv grid height of a facet
   * @param gridBytes one facet grid of one polarisation (complex float)
   * @param gainTableBytes the gain table of a loop (8 doubles and a flag per cell)
   * @param skyModelBytes the local sky model (components of 11 doubles)
   */
  public record Derived(
      int antennas,
      long rows,
      long samples,
      long visibilityBytes,
      long partitionBytes,
      long blockBytes,
      int channelsPerPartition,
      int facetNx,
      int facetNy,
      long facetImageBytes,
      int kernelSupport,
      double oversampling,
      int gridNu,
      int gridNv,
      long gridBytes,
      long gainTableBytes,
      long skyModelBytes) {}
}
