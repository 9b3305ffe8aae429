package org.radiospark.kernels.pulsar;

/**
 * What to search for in each dedispersed series.
 *
 * @param period periodicity search parameters, or null to skip it
 * @param singlePulse single-pulse search parameters, or null to skip it
 */
public record SearchOptions(PeriodSearchParams period, SinglePulseParams singlePulse)
    implements java.io.Serializable {
  /** Checks that something is searched for. */
  public SearchOptions {
    if (period == null && singlePulse == null) {
      throw new IllegalArgumentException("nothing to search for");
    }
  }
}
