package org.radiospark.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The tests' Spark installation: a {@link SparkHome} made from the test class path without
 * RadioSpark's own classes, so executors get them only from the assembly jar the driver ships
 * ({@code spark.jars}), as on a real cluster.
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

  private SparkInstallation() {}

  /** Links the Spark-side jars of the test class path into {@code dir/jars}. */
  static SparkHome create(Path dir) throws IOException {
    SparkHome home = SparkHome.link(dir, testClassPath(), n -> NOT_SPARK.matcher(n).matches());
    assertTrue(
        home.jars().stream().anyMatch(p -> p.getFileName().toString().startsWith("spark-core_")),
        "no spark-core jar on the test class path " + testClassPath());
    return home;
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
}
