package org.radiospark.jobs.config;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.radiospark.jobs.serialization.RadioSparkKryoRegistrator;

/**
 * Builds the Spark session every job runs in: Kryo with every travelling class registered (and
 * registration required, so a missing registration fails loudly in tests instead of silently
 * writing class names into every record), {@code local[*]} unless a master is given or set by
 * {@code spark-submit}.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** The configuration for {@code appName}; {@code master} may be null. */
  public static SparkConf conf(String appName, String master) {
    SparkConf conf = new SparkConf().setAppName(appName);
    if (master != null && !master.isBlank()) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (conf.get("spark.master").startsWith("local")) {
      // Local runs stay on loopback: never bind to (or advertise) another interface.
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
    }
    conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    conf.setIfMissing("spark.kryo.registrator", RadioSparkKryoRegistrator.class.getName());
    conf.setIfMissing("spark.kryo.registrationRequired", "true");
    conf.setIfMissing("spark.kryoserializer.buffer.max", "1g");
    conf.setIfMissing("spark.ui.showConsoleProgress", "true");
    return conf;
  }

  /** A session for {@code appName}, creating it or reusing the active one. */
  public static SparkSession session(String appName, String master) {
    return SparkSession.builder().config(conf(appName, master)).getOrCreate();
  }

  /**
   * Threads each imaging task may use: {@code spark.task.cpus} on a cluster; on a local master the
   * cores left when {@code tasks} tasks run at once.
   */
  public static int threadsPerTask(SparkConf conf, int tasks) {
    int taskCpus = conf.getInt("spark.task.cpus", 1);
    String master = conf.get("spark.master", "local[*]");
    if (!master.startsWith("local")) {
      return Math.max(1, taskCpus);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[(\\d+)").matcher(master);
    if (m.find()) {
      cores = Integer.parseInt(m.group(1));
    }
    return Math.max(taskCpus, cores / Math.max(1, Math.min(tasks, cores)));
  }
}
