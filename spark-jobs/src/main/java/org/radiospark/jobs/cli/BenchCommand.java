package org.radiospark.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.ical.IcalJob;
import org.radiospark.jobs.ical.IcalOptions;
import org.radiospark.jobs.metrics.StageMetrics;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code radiospark bench}: pipeline-level comparisons on real Spark runs. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Pipeline benchmarks (kernel benchmarks are JMH, see BENCHMARKS.md).",
    subcommands = {BenchCommand.Ical.class, BenchMemoryCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a benchmark is required: ical or memory");
  }

  /**
   * {@code bench ical}: the ICAL loop with the partitioner and the cogroup strategy on the same
   * data in one Spark session (after one warm-up loop), wall time and shuffle bytes side by side.
   * Takes every option of {@code ical}; outputs go to {@code PREFIX-partitioner-*} and {@code
   * PREFIX-cogroup-*}.
   */
  @Command(
      name = "ical",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Runs ical with --strategy partitioner and cogroup on the same data in one process",
        "and prints wall time and shuffle bytes side by side (the ratios are the figures)."
      })
  static final class Ical extends IcalCommand {
    @Override
    public Integer call() {
      IcalOptions base = toOptions();
      String name = prefix;
      int major = nmajor;
      int selfcal = nselfcal;
      SparkSession session = SparkSessions.session("radiospark bench ical", master);
      try {
        // warm-up: JIT and Spark's first-job costs should not count against either strategy
        IcalJob.run(variant(IcalOptions.PARTITIONER, name + "-warmup", 1, 0), () -> session);
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (String s : new String[] {IcalOptions.PARTITIONER, IcalOptions.COGROUP}) {
          long t0 = System.nanoTime();
          IcalJob.Result r = IcalJob.run(variant(s, name + "-" + s, major, selfcal), () -> session);
          double seconds = (System.nanoTime() - t0) * 1e-9;
          long load = 0;
          long loops = 0;
          for (StageMetrics m : r.metrics().snapshot()) {
            if (m.loop() < 0) {
              load += m.shuffleWriteBytes();
            } else {
              loops += m.shuffleWriteBytes();
            }
          }
          rows.put(s, new double[] {seconds, load, loops, (double) loops / r.loops().size()});
        }
        print(rows, base);
      } finally {
        session.stop();
      }
      return ExitCodes.OK;
    }

    /** The command's options with another strategy, prefix and loop counts. */
    private IcalOptions variant(String strat, String name, int major, int selfcal) {
      strategy = strat;
      prefix = name;
      nmajor = major;
      nselfcal = selfcal;
      return toOptions();
    }

    private void print(Map<String, double[]> rows, IcalOptions o) {
      double[] p = rows.get(IcalOptions.PARTITIONER);
      double[] c = rows.get(IcalOptions.COGROUP);
      StringBuilder b = new StringBuilder();
      b.append(
          String.format(
              Locale.ROOT,
              "bench ical: %s, %d major loops + final pass, %d frequency partitions, %dx%d"
                  + " facets, %d x %d pixels%n",
              o.input(),
              o.nmajor(),
              o.freqPartitions(),
              o.facetsX(),
              o.facetsY(),
              o.nx(),
              o.ny()));
      b.append(
          String.format(
              Locale.ROOT,
              "%-12s %10s %16s %18s %18s%n",
              "strategy",
              "time s",
              "load shuffle B",
              "loops shuffle B",
              "per-loop shuffle B"));
      for (Map.Entry<String, double[]> e : rows.entrySet()) {
        double[] v = e.getValue();
        b.append(
            String.format(
                Locale.ROOT,
                "%-12s %10.1f %16.0f %18.0f %18.0f%n",
                e.getKey(),
                v[0],
                v[1],
                v[2],
                v[3]));
      }
      b.append(
          String.format(
              Locale.ROOT,
              "cogroup / partitioner: time %.2fx, loop shuffle bytes %.1fx, all shuffle bytes %.1fx%n",
              c[0] / p[0],
              c[2] / p[2],
              (c[1] + c[2]) / (p[1] + p[2])));
      spec.commandLine().getOut().print(b);
      spec.commandLine().getOut().flush();
    }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  }
}
