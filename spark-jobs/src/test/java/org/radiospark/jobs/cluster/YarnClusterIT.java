package org.radiospark.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMApp;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.config.SparkSessions;

/**
 * Issue 7, part 1: the ICAL job on YARN. A {@link MiniYARNCluster} (one ResourceManager, one
 * NodeManager, in this JVM; the application master and executors are real containers, separate
 * processes launched by the NodeManager) on loopback receives the same command as {@link
 * StandaloneClusterIT} in client mode ({@code --master yarn}). Spark's jars reach the containers as
 * {@code local:} {@code spark.yarn.jars} (already on the node, nothing uploaded), RadioSpark as the
 * assembly jar alone; the products must equal a {@code local[2]} run.
 *
 * <p>The Hadoop combination is Spark's own for its YARN tests: the shaded {@code
 * hadoop-client-api}/{@code -runtime} that Spark depends on plus {@code hadoop-client-minicluster}
 * at the same version (3.3.4 for Spark 3.5.6).
 */
class YarnClusterIT {
  @TempDir Path dir;

  /** The timeout guards against a hang only; it measures nothing. */
  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void icalOnYarnMiniClusterMatchesLocalRun() throws Exception {
    Path assembly = SparkInstallation.assemblyJar();
    SparkHome spark = SparkInstallation.create(dir.resolve("spark-home"));
    Path yarnPrefix = Files.createDirectories(dir.resolve("yarn")).resolve("ical");
    Path localPrefix = Files.createDirectories(dir.resolve("local")).resolve("ical");

    TaskPlacement placement = new TaskPlacement();
    String appId;
    FinalApplicationStatus finalStatus;
    long containers;
    MiniYARNCluster yarn = new MiniYARNCluster("radiospark-yarn-it", 1, 1, 1);
    try {
      yarn.init(yarnConfiguration());
      yarn.start();
      Configuration live = awaitResourceManagerAddress(yarn);
      String javaHome = System.getProperty("java.home");
      SparkConf conf =
          SparkSessions.conf("radiospark ical", "yarn")
              .set("spark.submit.deployMode", "client")
              .set("spark.driver.host", "127.0.0.1")
              .set("spark.driver.bindAddress", "127.0.0.1")
              .set("spark.jars", assembly.toUri().toString())
              .set("spark.yarn.jars", "local:" + spark.home().resolve("jars") + "/*")
              .set("spark.yarn.stagingDir", dir.resolve("staging").toUri().toString())
              .set("spark.yarn.am.memory", "256m")
              .set("spark.executor.instances", "1")
              .set("spark.executor.cores", "2")
              .set("spark.executor.memory", "768m")
              .set("spark.yarn.appMasterEnv.JAVA_HOME", javaHome)
              .set("spark.executorEnv.JAVA_HOME", javaHome)
              .set("spark.ui.enabled", "false")
              .set("spark.ui.showConsoleProgress", "false")
              .set("spark.hadoop.fs.defaultFS", "file:///");
      // what HADOOP_CONF_DIR would give the client: where the ResourceManager listens
      for (Map.Entry<String, String> e : live) {
        if (e.getKey().startsWith("yarn.resourcemanager.")) {
          conf.set("spark.hadoop." + e.getKey(), live.get(e.getKey()));
        }
      }
      SparkSession session = SparkSession.builder().config(conf).getOrCreate();
      appId = session.sparkContext().applicationId();
      session.sparkContext().addSparkListener(placement);
      assertEquals(0, SmallIcal.run(yarnPrefix, "yarn"), "ical on YARN");
      finalStatus = awaitFinalStatus(yarn, appId);
      containers = containerLogDirs(yarn.getTestWorkDir().toPath(), appId);
    } finally {
      yarn.stop();
      deleteRecursively(yarn.getTestWorkDir().toPath());
    }
    SmallIcal.assertOutputsWritten(yarnPrefix);
    assertEquals(FinalApplicationStatus.SUCCEEDED, finalStatus, "YARN's final status of " + appId);

    // the NodeManager ran the application master and at least one executor in containers, and
    // every task ran in an executor, none in the driver
    assertTrue(containers >= 2, "containers of " + appId + ": " + containers);
    Map<String, Integer> tasks = placement.tasksByExecutor();
    assertFalse(tasks.isEmpty(), "no task finished");
    assertFalse(tasks.containsKey("driver"), "tasks ran in the driver: " + tasks);
    for (String host : placement.hostsByExecutor().values()) {
      assertTrue(InetAddress.getByName(host).isLoopbackAddress(), "executor host " + host);
    }

    assertEquals(0, SmallIcal.run(localPrefix, "local[2]"), "ical on local[2]");
    double restored = SmallIcal.restoredRelativeDifference(localPrefix, yarnPrefix);
    double gains = SmallIcal.gainMaxDifference(localPrefix, yarnPrefix);
    System.out.printf(
        "YARN mini cluster: %s %s, %d tasks on executors %s on %s; restored image max |diff| /"
            + " peak vs local[2] %.2e, gains max |diff| %.2e%n",
        appId,
        finalStatus,
        tasks.values().stream().mapToInt(Integer::intValue).sum(),
        tasks.keySet(),
        placement.hostsByExecutor().values(),
        restored,
        gains);
    assertTrue(restored <= 1e-6, "restored images differ: " + restored);
    assertTrue(gains <= 1e-6, "gains differ: " + gains);
  }

  /**
   * A NodeManager big enough for a 256 MB application master and one 768 MB executor (plus Spark's
   * 384 MB overheads), without memory or disk checks that a shared test machine would trip.
   */
  private static YarnConfiguration yarnConfiguration() {
    YarnConfiguration c = new YarnConfiguration();
    c.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    c.setInt(YarnConfiguration.NM_PMEM_MB, 4096);
    c.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    c.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    c.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100f);
    // hadoop-client-minicluster has no capacity-scheduler.xml: one queue, all of the cluster, and
    // the application master may take more than the default 10% of it
    c.set("yarn.scheduler.capacity.root.queues", "default");
    c.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
    c.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
    c.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
    c.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
    c.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
    c.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 1);
    c.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
    return c;
  }

  /**
   * The cluster's live configuration once the ResourceManager has published its port ({@code
   * start()} may return before it does).
   */
  private static Configuration awaitResourceManagerAddress(MiniYARNCluster yarn)
      throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      Configuration c = yarn.getConfig();
      String address = c.get(YarnConfiguration.RM_ADDRESS, "");
      if (!address.isEmpty() && !address.endsWith(":0")) {
        return c;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the ResourceManager never published its address");
  }

  /** Container log folders the NodeManager made for {@code appId} under its work directory. */
  /**
   * Container log folders of {@code appId}. The walk tolerates folders that vanish under it: the
   * NodeManager deletes the application's cache folders while it runs.
   */
  private static long containerLogDirs(Path workDir, String appId) throws IOException {
    long[] n = {0};
    Files.walkFileTree(
        workDir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            Path parent = dir.getParent();
            if (dir.getFileName().toString().startsWith("container_")
                && parent != null
                && parent.getFileName().toString().equals(appId)
                && dir.toString().contains("logDir")) {
              n[0]++;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
    return n[0];
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The application's final status once the ResourceManager has recorded it. */
  private static FinalApplicationStatus awaitFinalStatus(MiniYARNCluster yarn, String appId)
      throws InterruptedException {
    ApplicationId id = ApplicationId.fromString(appId);
    for (int i = 0; i < 600; i++) {
      RMApp app = yarn.getResourceManager().getRMContext().getRMApps().get(id);
      assertNotNull(app, "the ResourceManager does not know " + appId);
      FinalApplicationStatus s = app.getFinalApplicationStatus();
      if (s != FinalApplicationStatus.UNDEFINED) {
        return s;
      }
      Thread.sleep(100);
    }
    return FinalApplicationStatus.UNDEFINED;
  }
}
