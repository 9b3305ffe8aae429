package org.radiospark.jobs.pulsar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.cli.RadioSparkCli;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.kernels.pulsar.Band;
import org.radiospark.kernels.pulsar.Candidate;
import org.radiospark.kernels.pulsar.DmPlan;
import org.radiospark.kernels.pulsar.DmRangeResult;
import org.radiospark.kernels.pulsar.PeriodSearchParams;
import org.radiospark.kernels.pulsar.SearchOptions;
import org.radiospark.kernels.pulsar.SinglePulseParams;
import org.radiospark.kernels.testing.SharedData;

/** The pulsar search on local Spark: partition invariance and the CLI on the shared data. */
class PulsarSearchJobIT {
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSessions.session("pulsar-search-it", "local[2]");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void resultsDoNotDependOnHowTrialsAreSplit() throws Exception {
    SearchInput in = SearchInput.read(SharedData.require("pulsar/your_28.fil"));
    DmPlan plan = DmPlan.ddplan(Band.of(in.spectrum()), 400, 560, 16, 4);
    SearchOptions o =
        new SearchOptions(new PeriodSearchParams(4, 3, 1, 100, 10), SinglePulseParams.defaults());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    DmRangeResult one = PulsarSearchJob.run(jsc, in.spectrum(), plan, o, 100000);
    DmRangeResult many = PulsarSearchJob.run(jsc, in.spectrum(), plan, o, 1);
    assertEquals(plan.numDms(), one.numDms());
    assertEquals(plan.numDms(), many.numDms());
    assertEquals(sorted(one.candidates()), sorted(many.candidates()));
    assertEquals(one.events().size(), many.events().size());
    assertTrue(PulsarSearchJob.ranges(plan, 1).size() > 1);
  }

  private static List<Candidate> sorted(List<Candidate> c) {
    return c.stream()
        .sorted(Comparator.comparingDouble(Candidate::dm).thenComparingDouble(Candidate::freqHz))
        .toList();
  }

  /** Acceptance 1 through the CLI on Spark. */
  @Test
  void tutorialPulsarThroughTheCli() throws Exception {
    Path fil = SharedData.require("pulsar/sigpyproc3_tutorial.fil");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int s =
        RadioSparkCli.execute(
            new PrintWriter(out),
            new PrintWriter(err),
            "pulsar",
            "search",
            fil.toString(),
            "-lodm",
            "0",
            "-hidm",
            "60",
            "-nfold",
            "1",
            "-o",
            dir.resolve("tut").toString(),
            "--master",
            "local[2]");
    assertEquals(0, s, err.toString());
    List<String> lines = Files.readAllLines(dir.resolve("tut-candidates.csv"));
    String[] best = lines.get(1).split(",");
    assertEquals(0.250, Double.parseDouble(best[8]), 1e-4, out.toString());
    assertEquals(30, Double.parseDouble(best[3]), 3.0 + 1e-9); // one DM trial (step 3)
    assertTrue(Files.exists(dir.resolve("tut-cand1.png")));
  }

  /** Acceptance 2 through the CLI on Spark. */
  @Test
  void your28BurstThroughTheCli() throws Exception {
    Path fil = SharedData.require("pulsar/your_28.fil");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int s =
        RadioSparkCli.execute(
            new PrintWriter(out),
            new PrintWriter(err),
            "pulsar",
            "search",
            fil.toString(),
            "-lodm",
            "0",
            "-hidm",
            "700",
            "--single-pulse",
            "-nfold",
            "0",
            "-o",
            dir.resolve("y28").toString(),
            "--master",
            "local[2]");
    assertEquals(0, s, err.toString());
    List<String> lines = Files.readAllLines(dir.resolve("y28-singlepulse.csv"));
    String[] best = lines.get(1).split(",");
    assertEquals(475, Double.parseDouble(best[0]), 0.05 * 475, out.toString());
    assertEquals(2.03, Double.parseDouble(best[1]), 0.010);
    assertTrue(Double.parseDouble(best[3]) >= 10);
  }
}
