package org.radiospark.kernels.pulsar;

import java.util.List;

/**
 * Everything found in a range of DM trials.
 *
 * @param candidates periodicity candidates of every trial (unsifted)
 * @param events single-pulse detections of every trial (merged across widths, not across DMs)
 * @param numDms trials searched
 */
public record DmRangeResult(List<Candidate> candidates, List<SinglePulseEvent> events, int numDms) {
  /** Copies the lists. */
  public DmRangeResult {
    candidates = List.copyOf(candidates);
    events = List.copyOf(events);
  }
}
