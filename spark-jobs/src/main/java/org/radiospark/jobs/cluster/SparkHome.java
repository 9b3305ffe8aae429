package org.radiospark.jobs.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A stand-in Spark installation made from a class path, for clusters on loopback ({@link
 * LoopbackCluster}): {@code SPARK_HOME/jars} links to Spark's jars and their dependencies (what a
 * Spark distribution ships), {@code SPARK_HOME/conf} is empty.
 *
 * <p>What a standalone Worker needs to launch executors without a Spark distribution (found in
 * {@code org.apache.spark.launcher.AbstractCommandBuilder}, which {@code CommandUtils} uses):
 * {@code SPARK_HOME} with a {@code jars} directory (its {@code jars/*} becomes the executor class
 * path) and {@code SPARK_SCALA_VERSION} in the environment, which the launcher requires before it
 * looks for {@code jars} (in a distribution {@code bin/load-spark-env.sh} exports it).
 */
public final class SparkHome {
  private final Path home;
  private final List<Path> jars;

  private SparkHome(Path home, List<Path> jars) {
    this.home = home;
    this.jars = jars;
  }

  /**
   * Links the jars of {@code classPath} whose file names {@code exclude} does not match into {@code
   * dir/jars}.
   */
  public static SparkHome link(Path dir, List<String> classPath, Predicate<String> exclude)
      throws IOException {
    Path jarsDir = Files.createDirectories(dir.resolve("jars"));
    Files.createDirectories(dir.resolve("conf"));
    List<Path> linked = new ArrayList<>();
    for (String entry : classPath) {
      Path p = Path.of(entry);
      String name = p.getFileName().toString();
      if (!name.endsWith(".jar") || !Files.isRegularFile(p) || exclude.test(name)) {
        continue;
      }
      Path link = jarsDir.resolve(name);
      if (!Files.exists(link)) {
        linked.add(Files.createSymbolicLink(link, p.toAbsolutePath()));
      }
    }
    return new SparkHome(dir, List.copyOf(linked));
  }

  /** {@code SPARK_HOME}. */
  public Path home() {
    return home;
  }

  /** The jars linked by {@link #link}. */
  public List<Path> jars() {
    return jars;
  }

  /**
   * The environment of a Spark daemon started by {@code sbin/start-*.sh}: {@code SPARK_HOME},
   * {@code SPARK_SCALA_VERSION}, loopback only, scratch space under {@code localDir}.
   */
  public Map<String, String> environment(Path localDir) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPARK_HOME", home.toString());
    String[] v = scala.util.Properties.versionNumberString().split("\\.");
    env.put("SPARK_SCALA_VERSION", v[0] + "." + v[1]);
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_DIRS", localDir.toString());
    return env;
  }

  /**
   * {@code java} for a Spark daemon: Spark's class path and Java 17 module options (Spark's own
   * list, as {@code bin/spark-class} passes), {@code heap} maximum heap, then {@code mainClass} and
   * {@code args}.
   */
  public List<String> javaCommand(String heap, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    // the daemons mostly wait: start fast and stay small on a shared machine
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split("\\s+")));
    cmd.add("-cp");
    cmd.add(home.resolve("jars") + File.separator + "*");
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }
}
