package org.radiospark.jobs.ical.plan;

import java.util.List;
import java.util.Objects;

/**
 * The cost of an ICAL run with one strategy.
 *
 * @param strategy the strategy
 * @param stages every stage, the once-per-run ones first, in execution order
 * @param once totals of the once-per-run stages
 * @param perLoop totals of one major loop
 * @param run {@code once + nMajor x perLoop}
 */
public record StrategyCost(
    Strategy strategy,
    List<StageCost> stages,
    CostTotals once,
    CostTotals perLoop,
    CostTotals run) {

  /** Copies the stage list; checks nothing is null. */
  public StrategyCost {
    Objects.requireNonNull(strategy, "strategy");
    stages = List.copyOf(stages);
    Objects.requireNonNull(once, "once");
    Objects.requireNonNull(perLoop, "perLoop");
    Objects.requireNonNull(run, "run");
  }

  /** The stage called {@code name}. */
  public StageCost stage(String name) {
    for (StageCost s : stages) {
      if (s.stage().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no stage " + name);
  }
}
