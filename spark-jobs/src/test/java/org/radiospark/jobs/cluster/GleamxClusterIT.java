package org.radiospark.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.gleamx.GleamxJob;
import org.radiospark.jobs.gleamx.GleamxOptions;
import org.radiospark.jobs.gleamx.SnapshotResult;
import org.radiospark.kernels.testing.DataSamples;

/**
 * Issue 4, acceptance 5: on a real standalone Master and Worker (own JVMs, loopback) with two
 * executors of 2 cores and {@code spark.task.cpus = spark.executor.cores = 2}, four snapshots run
 * as four tasks and no executor ever runs two at once (from the driver's task events).
 */
class GleamxClusterIT {
  @TempDir static Path dir;

  /** Launch and finish time of every task, by executor. */
  static final class Intervals extends SparkListener {
    final Map<String, List<long[]>> byExecutor = new TreeMap<>();

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
      byExecutor
          .computeIfAbsent(end.taskInfo().executorId(), k -> new ArrayList<>())
          .add(new long[] {end.taskInfo().launchTime(), end.taskInfo().finishTime()});
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void fourSnapshotsRunAsFourTasksOnePerExecutorAtATime() throws Exception {
    Path assembly = SparkInstallation.assemblyJar();
    SparkHome spark = SparkInstallation.create(dir.resolve("spark-home"));
    Path sample = DataSamples.path("mwa-phase2-snapshot.uvfits");
    StringBuilder csv = new StringBuilder("obsid,uvfits\n");
    for (int k = 1; k <= 4; k++) {
      csv.append("snap").append(k).append(',').append(sample).append('\n');
    }
    Path table = Files.writeString(dir.resolve("snapshots.csv"), csv);
    Path out = dir.resolve("out");
    GleamxOptions opt =
        new GleamxOptions(
            table.toString(),
            out.toString(),
            List.of(),
            List.of(),
            null,
            List.of(),
            List.of("-size", "128", "128", "-scale", "4amin", "-niter", "100"),
            null,
            List.of(),
            1,
            false,
            false);

    Intervals intervals = new Intervals();
    List<SnapshotResult> results;
    try (LoopbackCluster cluster =
        LoopbackCluster.start(spark, dir.resolve("standalone"), 4, "2g")) {
      SparkConf conf =
          SparkSessions.conf("radiospark gleamx", cluster.masterUrl())
              .set("spark.driver.host", "127.0.0.1")
              .set("spark.driver.bindAddress", "127.0.0.1")
              .set("spark.jars", assembly.toUri().toString())
              .set("spark.executor.memory", "768m")
              .set("spark.executor.cores", "2")
              .set("spark.task.cpus", "2")
              .set("spark.cores.max", "4")
              // both executors up before the first task, so the test sees the placement rule
              .set("spark.scheduler.minRegisteredResourcesRatio", "1.0")
              .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s")
              .set("spark.ui.enabled", "false")
              .set("spark.ui.showConsoleProgress", "false");
      SparkSession session = SparkSession.builder().config(conf).getOrCreate();
      try {
        session.sparkContext().addSparkListener(intervals);
        results = GleamxJob.run(opt, () -> session);
        session.sparkContext().listenerBus().waitUntilEmpty();
      } finally {
        session.stop();
      }
    }

    for (SnapshotResult r : results) {
      assertEquals(SnapshotResult.OK, r.status, r.obsid + ": " + r.error);
      assertTrue(Files.exists(out.resolve(r.obsid).resolve(r.obsid + "-image.fits")));
    }
    Map<String, List<long[]>> by = intervals.byExecutor;
    assertFalse(by.containsKey("driver"), "snapshots ran in the driver: " + by.keySet());
    assertEquals(4, by.values().stream().mapToInt(List::size).sum(), "one task per snapshot");
    assertEquals(2, by.size(), "both executors ran snapshots: " + by.keySet());
    // no executor ran two snapshots at once: the snapshots' own start and end times in their
    // tasks (the driver marks a task finished only after fetching its result, by when the
    // executor may have started the next one, so its task times overlap by milliseconds)
    Map<String, List<SnapshotResult>> perExecutor = new TreeMap<>();
    for (SnapshotResult r : results) {
      perExecutor.computeIfAbsent(r.executorId, k -> new ArrayList<>()).add(r);
    }
    assertEquals(by.keySet(), perExecutor.keySet(), "executors seen by the driver and the tasks");
    for (List<SnapshotResult> l : perExecutor.values()) {
      l.sort((a, b) -> Long.compare(a.startMs, b.startMs));
      for (int i = 1; i < l.size(); i++) {
        assertTrue(
            l.get(i).startMs >= l.get(i - 1).endMs,
            "executor " + l.get(i).executorId + " ran two snapshots at once");
      }
    }
    System.out.printf(
        "gleamx on a standalone cluster: 4 snapshots as 4 tasks; tasks per executor %s, none"
            + " overlapping%n",
        by.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).toList());
  }
}
