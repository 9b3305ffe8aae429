package org.radiospark.jobs.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radiospark.jobs.config.SparkSessions;

/**
 * Units completed inside Spark tasks, counted on the driver by {@link Progress#tasks}: a local
 * session with one task slot, so that the units complete one after the other at a steady rate.
 */
class TaskProgressIT {
  private static SparkSession spark;
  private static JavaSparkContext jsc;

  @BeforeAll
  static void start() {
    spark = SparkSessions.session("task-progress-it", "local[1]");
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static JavaRDD<Integer> sleepers(int n, long ms) {
    return jsc.parallelize(IntStream.range(0, n).boxed().toList(), n)
        .map(
            i -> {
              Thread.sleep(ms);
              return i;
            });
  }

  @Test
  void countsEveryPartitionOnceWithMonotoneCountsAndEta() {
    List<ProgressLine> lines = new CopyOnWriteArrayList<>();
    Progress p = new Progress("it", System::currentTimeMillis, lines::add, 0);
    JavaRDD<Integer> work = sleepers(5, 300);
    List<Integer> out = p.tasks("work", "unit", work.rdd(), work::collect);
    assertEquals(5, out.size());
    assertEquals(5, lines.size(), lines.toString());
    for (int k = 1; k <= 5; k++) {
      assertEquals(k, lines.get(k - 1).completed(), lines.toString());
      assertEquals(5, lines.get(k - 1).total());
    }
    for (int k = 1; k < 5; k++) {
      assertTrue(
          lines.get(k).etaSeconds() <= lines.get(k - 1).etaSeconds(),
          "ETA grew: " + lines.get(k - 1).text() + " -> " + lines.get(k).text());
      assertTrue(lines.get(k).elapsedSeconds() >= lines.get(k - 1).elapsedSeconds());
    }
    ProgressLine last = lines.get(4);
    assertEquals(0.0, last.etaSeconds());
    assertTrue(last.text().contains("unit 5/5 (100%)"), last.text());
  }

  @Test
  void onlyTheStageThatComputesTheWatchedRddCounts() {
    List<ProgressLine> lines = new CopyOnWriteArrayList<>();
    Progress p = new Progress("it", System::currentTimeMillis, lines::add, 0);
    JavaRDD<Integer> watched = sleepers(3, 10);
    JavaRDD<Integer> other = sleepers(7, 10);
    long n =
        p.tasks(
            "work",
            "unit",
            watched.rdd(),
            () -> {
              other.count(); // another job from the same thread: its 7 tasks are not units
              return watched.count();
            });
    assertEquals(3, n);
    List<Integer> counts = new ArrayList<>();
    lines.forEach(l -> counts.add(l.completed()));
    assertEquals(List.of(1, 2, 3), counts);
  }

  @Test
  void aFailedActionPrintsNoFinalLineAndLeavesNoTag() {
    List<ProgressLine> lines = new CopyOnWriteArrayList<>();
    Progress p = new Progress("it", System::currentTimeMillis, lines::add, 0);
    JavaRDD<Integer> failing =
        jsc.parallelize(List.of(1, 2), 2)
            .map(
                i -> {
                  if (i == 2) {
                    throw new IllegalStateException("planted");
                  }
                  return i;
                });
    Exception e =
        assertThrows(
            Exception.class, () -> p.tasks("work", "unit", failing.rdd(), failing::collect));
    assertTrue(String.valueOf(e.getMessage()).contains("planted"), String.valueOf(e));
    assertTrue(lines.stream().noneMatch(l -> l.completed() == 2), lines.toString());
    assertEquals(null, jsc.sc().getLocalProperty(Progress.TAG));
  }
}
