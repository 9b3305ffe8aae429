package org.radiospark.jobs.ical.plan;

import java.util.Locale;

/** Human-readable rendering of an {@link IcalCostEstimate}: aligned tables with decimal units. */
public final class CostReport {
  private CostReport() {}

  /**
   * The dimensions, the derived sizes and, per strategy, one row per stage with totals of a loop
   * and of the run, then the per-loop shuffle ratio of the strategies.
   */
  public static String table(IcalCostEstimate e) {
    IcalDimensions d = e.dimensions();
    IcalCostEstimate.Derived x = e.derived();
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "ICAL plan: %d baselines (%d antennas) x %d channels x %d pols x %d times = %s samples,"
                + " visibilities %s%n",
            d.baselines(),
            x.antennas(),
            d.channels(),
            d.pols(),
            d.times(),
            count(x.samples()),
            bytes(x.visibilityBytes())));
    b.append(
        String.format(
            Locale.ROOT,
            "  %d frequency partitions (<= %d channels, %s persisted each, blocks of %s); %d major"
                + " loops; %d components%n",
            d.freqPartitions(),
            x.channelsPerPartition(),
            bytes(x.partitionBytes()),
            bytes(x.blockBytes()),
            d.nMajor(),
            d.components()));
    b.append(
        String.format(
            Locale.ROOT,
            "  %dx%d facets of %dx%d px (%s per image and pol); ES kernel W=%d sigma=%.2f for"
                + " epsilon %.1e, facet grid %dx%d (%s); %d executors x %d cores%n%n",
            d.facetsX(),
            d.facetsY(),
            x.facetNx(),
            x.facetNy(),
            bytes(x.facetImageBytes()),
            x.kernelSupport(),
            x.oversampling(),
            d.epsilon(),
            x.gridNu(),
            x.gridNv(),
            bytes(x.gridBytes()),
            d.executors(),
            d.coresPerExecutor()));
    String fmt = "%-22s %-5s %9s %10s %10s %10s %10s %10s%n";
    for (StrategyCost s : e.strategies()) {
      b.append("strategy ").append(s.strategy().name().toLowerCase(Locale.ROOT)).append('\n');
      b.append(
          String.format(
              Locale.ROOT,
              fmt,
              "stage",
              "runs",
              "tasks",
              "input",
              "output",
              "shuffle",
              "mem/task",
              "flops"));
      for (StageCost c : s.stages()) {
        b.append(
            String.format(
                Locale.ROOT,
                fmt,
                c.stage(),
                c.perLoop() ? "loop" : "once",
                c.tasks(),
                bytes(c.inputBytes()),
                bytes(c.outputBytes()),
                bytes(c.shuffleBytes()),
                bytes(c.memoryPerTaskBytes()),
                flops(c.flops())));
      }
      row(b, fmt, "total per loop", "", s.perLoop());
      row(b, fmt, "total run", "x" + d.nMajor(), s.run());
      b.append('\n');
    }
    if (e.strategies().size() == 2) {
      long p = e.strategy(Strategy.PARTITIONER).perLoop().shuffleBytes();
      long c = e.strategy(Strategy.COGROUP).perLoop().shuffleBytes();
      b.append(
          String.format(
              Locale.ROOT,
              "shuffle per loop: partitioner %s, cogroup %s (cogroup / partitioner = %.1f)%n",
              bytes(p),
              bytes(c),
              p == 0 ? Double.POSITIVE_INFINITY : (double) c / p));
    }
    return b.toString();
  }

  private static void row(StringBuilder b, String fmt, String name, String runs, CostTotals t) {
    b.append(
        String.format(
            Locale.ROOT,
            fmt,
            name,
            runs,
            t.tasks(),
            bytes(t.inputBytes()),
            bytes(t.outputBytes()),
            bytes(t.shuffleBytes()),
            bytes(t.maxMemoryPerTaskBytes()),
            flops(t.flops())));
  }

  /** Bytes with a decimal unit (B, kB, MB, GB, TB, PB, EB) and three significant digits. */
  static String bytes(long v) {
    if (v == 0) {
      return "0";
    }
    String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    double x = v;
    int u = 0;
    while (x >= 999.5 && u < units.length - 1) {
      x /= 1000;
      u++;
    }
    return u == 0 ? v + " B" : String.format(Locale.ROOT, "%.3g %s", x, units[u]);
  }

  /** Flops in scientific notation with three significant digits. */
  static String flops(double v) {
    return v == 0 ? "0" : String.format(Locale.ROOT, "%.2e", v);
  }

  private static String count(long v) {
    return String.format(Locale.ROOT, "%.3e", (double) v);
  }
}
