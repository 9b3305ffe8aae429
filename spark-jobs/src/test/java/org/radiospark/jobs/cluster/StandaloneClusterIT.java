package org.radiospark.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.config.SparkSessions;

/**
 * Issue 7, part 1: the ICAL job submitted to a real Spark standalone cluster on loopback, a Master
 * and a Worker in their own JVMs with no Spark distribution on the machine ({@link
 * SparkInstallation}). The driver runs in the test JVM in client mode, as {@code spark-submit
 * --deploy-mode client} would run it, and ships RadioSpark to the executors as the assembly jar
 * alone ({@code spark.jars}). The products must equal a {@code local[2]} run of the same command.
 */
class StandaloneClusterIT {
  @TempDir Path dir;

  /**
   * The timeout guards against a hang only (a Spark application the Master has killed leaves the
   * driver waiting for resources forever); it measures nothing.
   */
  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void icalOnStandaloneMasterAndWorkerMatchesLocalRun() throws Exception {
    Path assembly = SparkInstallation.assemblyJar();
    SparkHome spark = SparkInstallation.create(dir.resolve("spark-home"));
    Path clusterPrefix = Files.createDirectories(dir.resolve("cluster")).resolve("ical");
    Path localPrefix = Files.createDirectories(dir.resolve("local")).resolve("ical");

    TaskPlacement placement = new TaskPlacement();
    String appId;
    Path workDir;
    try (LoopbackCluster cluster =
        LoopbackCluster.start(spark, dir.resolve("standalone"), 2, "1g")) {
      workDir = cluster.workDir();
      SparkConf conf =
          SparkSessions.conf("radiospark ical", cluster.masterUrl())
              // the driver in this JVM: reachable by the executors on loopback only
              .set("spark.driver.host", "127.0.0.1")
              .set("spark.driver.bindAddress", "127.0.0.1")
              .set("spark.jars", assembly.toUri().toString())
              .set("spark.executor.memory", "768m")
              .set("spark.cores.max", "2")
              .set("spark.ui.enabled", "false")
              .set("spark.ui.showConsoleProgress", "false");
      SparkSession session = SparkSession.builder().config(conf).getOrCreate();
      appId = session.sparkContext().applicationId();
      session.sparkContext().addSparkListener(placement);
      // the command finds this session (getOrCreate) and stops it when done
      int status = SmallIcal.run(clusterPrefix, cluster.masterUrl());
      assertEquals(
          0, status, "ical on " + cluster.masterUrl() + "; worker:\n" + cluster.logTail("worker"));
    }
    SmallIcal.assertOutputsWritten(clusterPrefix);

    // every task ran in an executor the Worker launched for this application, on loopback
    Map<String, Integer> tasks = placement.tasksByExecutor();
    assertFalse(tasks.isEmpty(), "no task finished");
    assertFalse(tasks.containsKey("driver"), "tasks ran in the driver: " + tasks);
    for (Map.Entry<String, String> e : placement.hostsByExecutor().entrySet()) {
      assertEquals("127.0.0.1", e.getValue(), "host of executor " + e.getKey());
      Path executorDir = workDir.resolve(appId).resolve(e.getKey());
      assertTrue(
          Files.isRegularFile(executorDir.resolve("stderr")),
          "the Worker has no folder for executor " + e.getKey() + " of " + appId);
      assertTrue(
          Files.isRegularFile(executorDir.resolve(assembly.getFileName())),
          "executor " + e.getKey() + " did not fetch the assembly jar");
    }

    assertEquals(0, SmallIcal.run(localPrefix, "local[2]"), "ical on local[2]");
    double restored = SmallIcal.restoredRelativeDifference(localPrefix, clusterPrefix);
    double gains = SmallIcal.gainMaxDifference(localPrefix, clusterPrefix);
    System.out.printf(
        "standalone cluster: %d tasks on executors %s; restored image max |diff| / peak vs"
            + " local[2] %.2e, gains max |diff| %.2e%n",
        tasks.values().stream().mapToInt(Integer::intValue).sum(), tasks.keySet(), restored, gains);
    assertTrue(restored <= 1e-6, "restored images differ: " + restored);
    assertTrue(gains <= 1e-6, "gains differ: " + gains);
  }
}
