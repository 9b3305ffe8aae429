package org.radiospark.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.gleamx.GleamxJob;
import org.radiospark.jobs.gleamx.GleamxOptions;
import org.radiospark.jobs.gleamx.SnapshotResult;
import org.radiospark.jobs.metrics.PipelineMetricsListener;
import org.radiospark.kernels.io.FitsImageReader;
import org.radiospark.kernels.testing.DataSamples;

/**
 * Issue 8, executor loss: on a real standalone Master and Worker with two executors, one executor
 * is killed (through the cluster manager, which stops its JVM) during the second major loop of
 * {@code ical} and during a {@code gleamx} snapshot; both jobs complete, and their outputs equal an
 * undisturbed run's.
 */
class ExecutorLossIT {
  @TempDir static Path dir;

  /** Kills one executor once {@code trigger} fires, on its own thread (never the listener bus). */
  static final class Killer extends SparkListener {
    final AtomicBoolean fired = new AtomicBoolean();
    final AtomicInteger removed = new AtomicInteger();
    volatile String killed;
    private final SparkContext sc;

    Killer(SparkContext sc) {
      this.sc = sc;
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
      removed.incrementAndGet();
    }

    void kill(String executorId) {
      if (fired.compareAndSet(false, true)) {
        killed = executorId;
        new Thread(() -> sc.killExecutor(executorId), "executor-killer").start();
      }
    }
  }

  private static SparkSession session(LoopbackCluster cluster, String app) {
    SparkConf conf =
        SparkSessions.conf(app, cluster.masterUrl())
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.jars", SparkInstallation.assemblyJar().toUri().toString())
            .set("spark.executor.memory", "768m")
            .set("spark.executor.cores", "2")
            .set("spark.cores.max", "4")
            .set("spark.scheduler.minRegisteredResourcesRatio", "1.0")
            .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s")
            .set("spark.ui.enabled", "false")
            .set("spark.ui.showConsoleProgress", "false");
    return SparkSession.builder().config(conf).getOrCreate();
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void icalAndGleamxSurviveALostExecutor() throws Exception {
    SparkHome spark = SparkInstallation.create(dir.resolve("spark-home"));
    Path undisturbed = Files.createDirectories(dir.resolve("local")).resolve("ical");
    assertEquals(0, SmallIcal.run(undisturbed, "local[2]"), "ical on local[2]");

    Path disturbed = Files.createDirectories(dir.resolve("cluster")).resolve("ical");
    String icalKilled;
    int icalRemoved;
    List<SnapshotResult> snapshots;
    String gleamxKilled;
    int gleamxRemoved;
    Path out = dir.resolve("gleamx");
    try (LoopbackCluster cluster =
        LoopbackCluster.start(spark, dir.resolve("standalone"), 4, "2g")) {
      // ical: kill the executor of the first task of the second major loop (loop 1)
      SparkSession s1 = session(cluster, "radiospark ical");
      Killer k1 = new Killer(s1.sparkContext());
      AtomicBoolean loop1 = new AtomicBoolean();
      s1.sparkContext()
          .addSparkListener(
              new SparkListener() {
                @Override
                public void onJobStart(SparkListenerJobStart e) {
                  if (e.properties() != null
                      && "1".equals(e.properties().getProperty(PipelineMetricsListener.LOOP))) {
                    loop1.set(true);
                  }
                }

                @Override
                public void onTaskStart(SparkListenerTaskStart e) {
                  if (loop1.get()) {
                    k1.kill(e.taskInfo().executorId());
                  }
                }
              });
      s1.sparkContext().addSparkListener(k1);
      // the command finds this session (getOrCreate) and stops it when done
      assertEquals(0, SmallIcal.run(disturbed, cluster.masterUrl()), "ical with a lost executor");
      icalKilled = k1.killed;
      icalRemoved = k1.removed.get();

      // gleamx: kill the executor running the first snapshot task that starts
      Path table = dir.resolve("snapshots.csv");
      StringBuilder csv = new StringBuilder("obsid,uvfits\n");
      for (int k = 1; k <= 4; k++) {
        csv.append("snap")
            .append(k)
            .append(',')
            .append(DataSamples.path("mwa-phase2-snapshot.uvfits"))
            .append('\n');
      }
      Files.writeString(table, csv);
      SparkSession s2 = session(cluster, "radiospark gleamx");
      Killer k2 = new Killer(s2.sparkContext());
      s2.sparkContext()
          .addSparkListener(
              new SparkListener() {
                @Override
                public void onTaskStart(SparkListenerTaskStart e) {
                  k2.kill(e.taskInfo().executorId());
                }
              });
      s2.sparkContext().addSparkListener(k2);
      try {
        snapshots =
            GleamxJob.run(
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
                    false),
                () -> s2);
        s2.sparkContext().listenerBus().waitUntilEmpty();
      } finally {
        s2.stop();
      }
      gleamxKilled = k2.killed;
      gleamxRemoved = k2.removed.get();
    }

    // ical: an executor went in loop 1, the outputs are those of the undisturbed run
    assertTrue(icalKilled != null && icalRemoved >= 1, "no executor was lost in ical");
    SmallIcal.assertOutputsWritten(disturbed);
    double restored = SmallIcal.restoredRelativeDifference(undisturbed, disturbed);
    double gains = SmallIcal.gainMaxDifference(undisturbed, disturbed);
    assertTrue(restored <= 1e-6, "restored images differ: " + restored);
    assertTrue(gains <= 1e-6, "gains differ: " + gains);

    // gleamx: the killed snapshot ran again elsewhere; every snapshot complete and identical
    assertTrue(gleamxKilled != null && gleamxRemoved >= 1, "no executor was lost in gleamx");
    double[] first = FitsImageReader.readImage(out.resolve("snap1/snap1-image.fits")).pixels();
    for (SnapshotResult r : snapshots) {
      assertEquals(SnapshotResult.OK, r.status, r.obsid + ": " + r.error);
      assertTrue(!gleamxKilled.equals(r.executorId), r.obsid + " finished on the killed executor");
      assertArrayEquals(
          first,
          FitsImageReader.readImage(out.resolve(r.obsid).resolve(r.obsid + "-image.fits"))
              .pixels());
    }
    try (var s = Files.list(out)) {
      assertTrue(
          s.noneMatch(p -> p.getFileName().toString().startsWith(".")),
          "partial snapshot folders left");
    }
    System.out.printf(
        "executor loss: ical lost executor %s in loop 2, restored max |diff| / peak vs"
            + " undisturbed %.2e, gains %.2e; gleamx lost executor %s mid-snapshot, 4/4"
            + " snapshots complete and identical%n",
        icalKilled, restored, gains, gleamxKilled);
  }
}
