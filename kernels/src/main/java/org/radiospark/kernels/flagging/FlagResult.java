package org.radiospark.kernels.flagging;

import java.util.Objects;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * The outcome of {@link VisibilityFlagger#flag}.
 *
 * @param block a new block: the input's rows, samples and weights with the new flag array
 * @param statistics what was flagged and why
 */
public record FlagResult(VisibilityBlock block, FlagStatistics statistics) {
  /** Checks for nulls. */
  public FlagResult {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(statistics, "statistics");
  }
}
