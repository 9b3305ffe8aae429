package org.radiospark.jobs.ical.plan;

import java.util.List;

/**
 * Sums over a set of stages (fields as in {@link StageCost}; {@code maxMemoryPerTaskBytes} is the
 * largest memory per task of any stage): tasks, bytes and flops add up; memory per task is the
 * largest of the stages'.
 */
public record CostTotals(
    long tasks,
    long inputBytes,
    long outputBytes,
    long shuffleBytes,
    long maxMemoryPerTaskBytes,
    double flops) {

  /** Totals of {@code stages}. */
  public static CostTotals of(List<StageCost> stages) {
    long t = 0;
    long in = 0;
    long out = 0;
    long sh = 0;
    long mem = 0;
    double fl = 0;
    for (StageCost s : stages) {
      t = Math.addExact(t, s.tasks());
      in = Math.addExact(in, s.inputBytes());
      out = Math.addExact(out, s.outputBytes());
      sh = Math.addExact(sh, s.shuffleBytes());
      mem = Math.max(mem, s.memoryPerTaskBytes());
      fl += s.flops();
    }
    return new CostTotals(t, in, out, sh, mem, fl);
  }

  /**
   * {@code once + loops x perLoop} (memory: the larger).
   *
   * @throws ArithmeticException if a sum overflows a long
   */
  public static CostTotals run(CostTotals once, CostTotals perLoop, int loops) {
    return new CostTotals(
        Math.addExact(once.tasks, Math.multiplyExact(loops, perLoop.tasks)),
        Math.addExact(once.inputBytes, Math.multiplyExact(loops, perLoop.inputBytes)),
        Math.addExact(once.outputBytes, Math.multiplyExact(loops, perLoop.outputBytes)),
        Math.addExact(once.shuffleBytes, Math.multiplyExact(loops, perLoop.shuffleBytes)),
        Math.max(once.maxMemoryPerTaskBytes, perLoop.maxMemoryPerTaskBytes),
        once.flops + loops * perLoop.flops);
  }
}
