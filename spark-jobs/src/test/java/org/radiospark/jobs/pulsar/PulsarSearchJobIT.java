package org.radiospark.jobs.pulsar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.kernels.pulsar.Band;
import org.radiospark.kernels.pulsar.Candidate;
import org.radiospark.kernels.pulsar.DmPlan;
import org.radiospark.kernels.pulsar.DmRangeResult;
import org.radiospark.kernels.pulsar.PeriodSearchParams;
import org.radiospark.kernels.pulsar.SearchOptions;
import org.radiospark.kernels.pulsar.SinglePulseParams;
import org.radiospark.kernels.testing.SharedData;

/** The pulsar search job on local Spark: the split of DM trials into tasks changes nothing. */
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
}
