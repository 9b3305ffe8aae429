package org.radiospark.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/radiospark --master URL} hands cluster masters to {@code $SPARK_HOME/bin/spark-submit}
 * with RadioSpark's main class, the properties file and the assembly jar, then the command's own
 * arguments untouched. No Spark distribution is on the test machine: a stand-in {@code
 * spark-submit} records the arguments it receives (the real submission of the same jar and class is
 * what {@link StandaloneClusterIT} exercises from the driver side).
 */
class LauncherScriptIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Path SCRIPT = ROOT.resolve("bin/radiospark");

  @TempDir Path dir;

  @Test
  void clusterMasterGoesToSparkSubmitWithTheAssemblyJarAndMainClass() throws Exception {
    Path assembly = SparkInstallation.assemblyJar();
    Path sparkHome = stubSparkHome();
    String[] command = {
      "ical", "--master", "spark://127.0.0.1:7077", "-name", "out/x", "-scale", "6asec", "in.uvfits"
    };
    Result r =
        run(
            Map.of(
                "SPARK_HOME",
                sparkHome.toString(),
                "RADIOSPARK_SUBMIT_ARGS",
                "--deploy-mode client --conf spark.executor.memory=2g"),
            command);
    assertEquals(0, r.status(), r.stderr());
    List<String> expected =
        new ArrayList<>(
            List.of(
                "--class",
                "org.radiospark.jobs.cli.RadioSparkCli",
                "--master",
                "spark://127.0.0.1:7077",
                "--properties-file",
                ROOT.resolve("conf/spark-defaults.conf.template").toString(),
                "--deploy-mode",
                "client",
                "--conf",
                "spark.executor.memory=2g",
                assembly.toRealPath().toString()));
    expected.addAll(List.of(command));
    assertEquals(expected, realJar(r.submitted()));
  }

  @Test
  void propertiesFileCanBeReplacedAndYarnIsAClusterMaster() throws Exception {
    Path sparkHome = stubSparkHome();
    Path props = Files.writeString(dir.resolve("mine.conf"), "spark.task.cpus 8\n");
    Result r =
        run(
            Map.of("SPARK_HOME", sparkHome.toString(), "RADIOSPARK_SPARK_CONF", props.toString()),
            "image",
            "--master=yarn",
            "x.uvfits");
    assertEquals(0, r.status(), r.stderr());
    List<String> args = r.submitted();
    assertEquals("yarn", args.get(args.indexOf("--master") + 1));
    assertEquals(props.toString(), args.get(args.indexOf("--properties-file") + 1));
    assertTrue(args.get(6).endsWith("-assembly.jar"), "the application jar: " + args);
    assertEquals(List.of("image", "--master=yarn", "x.uvfits"), args.subList(7, args.size()));
  }

  @Test
  void clusterMasterWithoutSparkHomeIsBadInput() throws Exception {
    Result r = run(Map.of(), "ical", "--master", "yarn", "in.uvfits");
    assertEquals(2, r.status());
    assertTrue(r.stderr().contains("needs SPARK_HOME"), r.stderr());
    assertFalse(Files.exists(dir.resolve("args.txt")), "spark-submit ran");
  }

  private record Result(int status, String stderr, List<String> submitted) {}

  /** A {@code SPARK_HOME} whose {@code bin/spark-submit} writes its arguments one per line. */
  private Path stubSparkHome() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("spark-home/bin"));
    Path submit = bin.resolve("spark-submit");
    Files.writeString(
        submit,
        "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"" + dir.resolve("args.txt") + "\"\n");
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir.resolve("spark-home");
  }

  private Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    // without them the script would build the project first
    assertTrue(Files.isRegularFile(ROOT.resolve("spark-jobs/target/classpath.txt")), "package");
    List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().putAll(env);
    pb.redirectOutput(dir.resolve("stdout.txt").toFile());
    pb.redirectError(dir.resolve("stderr.txt").toFile());
    int status = pb.start().waitFor();
    Path argsFile = dir.resolve("args.txt");
    List<String> submitted =
        Files.exists(argsFile) ? Files.readAllLines(argsFile, StandardCharsets.UTF_8) : List.of();
    return new Result(status, Files.readString(dir.resolve("stderr.txt")), submitted);
  }

  /** The submitted arguments with the jar's path resolved (the script lists it by glob). */
  private static List<String> realJar(List<String> args) throws IOException {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      out.add(a.endsWith("-assembly.jar") ? Path.of(a).toRealPath().toString() : a);
    }
    return out;
  }
}
