package org.radiospark.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A stand-in Spark installation for loopback clusters, made from the test class path: {@code
 * SPARK_HOME/jars} links to Spark's jars and their dependencies (what a Spark distribution ships),
 * {@code SPARK_HOME/conf} is empty. RadioSpark's own classes are not in it: executors get them only
 * from the assembly jar the driver ships ({@code spark.jars}), as on a real cluster.
 *
 * <p>What a standalone Worker needs to launch executors without a Spark distribution (found in
 * {@code org.apache.spark.launcher.AbstractCommandBuilder}, which {@code CommandUtils} uses):
 * {@code SPARK_HOME} with a {@code jars} directory (its {@code jars/*} becomes the executor class
 * path) and {@code SPARK_SCALA_VERSION} in the environment, which the launcher requires before it
 * looks for {@code jars} (in a distribution {@code bin/load-spark-env.sh} exports it).
 */
final class SparkInstallation {
  /**
   * Class-path entries that are not part of a Spark installation: the project's modules (main,
   * test-jar, class directories), test frameworks, and the YARN mini cluster.
   */
  private static final Pattern NOT_SPARK =
      Pattern.compile(
          "radiospark-.*|junit-.*|opentest4j-.*|apiguardian-.*|hadoop-client-minicluster-.*"
              + "|bc(prov|pkix|util)-.*|surefire.*|common-java5.*");

  private final Path home;
  private final List<Path> jars;

  private SparkInstallation(Path home, List<Path> jars) {
    this.home = home;
    this.jars = jars;
  }

  /** Links the Spark-side jars of the test class path into {@code dir/jars}. */
  static SparkInstallation create(Path dir) throws IOException {
    Path jarsDir = Files.createDirectories(dir.resolve("jars"));
    Files.createDirectories(dir.resolve("conf"));
    List<Path> linked = new ArrayList<>();
    for (String entry : testClassPath()) {
      Path p = Path.of(entry);
      String name = p.getFileName().toString();
      if (!name.endsWith(".jar") || !Files.isRegularFile(p) || NOT_SPARK.matcher(name).matches()) {
        continue;
      }
      Path link = jarsDir.resolve(name);
      if (!Files.exists(link)) {
        linked.add(Files.createSymbolicLink(link, p.toAbsolutePath()));
      }
    }
    assertTrue(
        linked.stream().anyMatch(p -> p.getFileName().toString().startsWith("spark-core_")),
        "no spark-core jar on the test class path " + testClassPath());
    return new SparkInstallation(dir, List.copyOf(linked));
  }

  /**
   * The test class path: failsafe runs tests from a manifest-only booter jar and puts the real
   * class path in {@code surefire.test.class.path}.
   */
  private static List<String> testClassPath() {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.asList(cp.split(Pattern.quote(File.pathSeparator)));
  }

  /** {@code SPARK_HOME}. */
  Path home() {
    return home;
  }

  /** The linked jars (for {@code spark.yarn.jars}). */
  List<Path> jars() {
    return jars;
  }

  /**
   * The environment of a Spark daemon started by {@code sbin/start-*.sh}: {@code SPARK_HOME},
   * {@code SPARK_SCALA_VERSION}, loopback only, scratch space under {@code localDir}.
   */
  Map<String, String> environment(Path localDir) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", scalaBinaryVersion());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_DIRS", localDir.toString());
    return env;
  }

  /**
   * {@code java} for a Spark daemon: Spark's class path and Java 17 module options (Spark's own
   * list, as {@code bin/spark-class} passes), {@code heap} maximum heap, then {@code mainClass} and
   * {@code args}.
   */
  List<String> javaCommand(String heap, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    // the daemons mostly wait: start fast and stay small on a shared test machine
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split("\\s+")));
    cmd.add("-cp");
    cmd.add(home.resolve("jars") + File.separator + "*");
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  /**
   * The assembly jar built by {@code package} (failsafe runs after it; the POM passes its path).
   */
  static Path assemblyJar() {
    String path = System.getProperty("radiospark.assembly.jar");
    assertTrue(
        path != null && Files.isRegularFile(Path.of(path)),
        "the assembly jar " + path + " is missing: run the ITs with mvn verify");
    return Path.of(path);
  }

  private static String scalaBinaryVersion() {
    String[] v = scala.util.Properties.versionNumberString().split("\\.");
    return v[0] + "." + v[1];
  }
}
