package org.radiospark.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on loopback for {@code bench memory}: a Master and a Worker, each its
 * own JVM, so that executors are real JVMs with their own heap limit ({@code
 * spark.executor.memory}) rather than threads of the driver. Spark comes from this JVM's class
 * path: its jars are linked into a stand-in {@code SPARK_HOME/jars} (what the Worker builds an
 * executor's class path from); RadioSpark's classes reach the executors through {@code
 * spark.executor.extraClassPath} (the same machine). {@link #close()} stops the daemons and the
 * executors they started.
 *
 * <p>The same arrangement as the tests' {@code StandaloneCluster}, in main code because a command
 * uses it; the tests keep theirs, which ships the assembly jar as a real cluster would need.
 */
final class LoopbackCluster implements AutoCloseable {
  private static final long START_TIMEOUT_MS = 180_000;

  private final Path dir;
  private final List<Process> daemons = new ArrayList<>();
  private final int masterPort = freePort();
  private final int masterUiPort = freePort();

  private LoopbackCluster(Path dir) {
    this.dir = dir;
  }

  /**
   * Starts a Master and a Worker offering {@code cores} cores and {@code memory} (e.g. {@code
   * "2g"}), and waits until the Worker is registered.
   */
  static LoopbackCluster start(Path dir, int cores, String memory)
      throws IOException, InterruptedException {
    Path home = Files.createDirectories(dir.resolve("spark-home"));
    Path jars = Files.createDirectories(home.resolve("jars"));
    Files.createDirectories(dir.resolve("work"));
    Files.createDirectories(dir.resolve("local"));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = p.getFileName().toString();
      if (name.endsWith(".jar") && Files.isRegularFile(p) && !name.startsWith("radiospark-")) {
        Path link = jars.resolve(name);
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, p.toAbsolutePath());
        }
      }
    }
    LoopbackCluster c = new LoopbackCluster(dir);
    // the daemons are this process's children: stop them even when it is interrupted or killed
    Runtime.getRuntime().addShutdownHook(new Thread(c::close, "radiospark-loopback-cluster-stop"));
    try {
      c.launch(
          home,
          "master",
          "org.apache.spark.deploy.master.Master",
          List.of(
              "--host", "127.0.0.1",
              "--port", Integer.toString(c.masterPort),
              "--webui-port", Integer.toString(c.masterUiPort)));
      c.launch(
          home,
          "worker",
          "org.apache.spark.deploy.worker.Worker",
          List.of(
              "--host",
              "127.0.0.1",
              "--port",
              Integer.toString(freePort()),
              "--webui-port",
              Integer.toString(freePort()),
              "--cores",
              Integer.toString(cores),
              "--memory",
              memory,
              "--work-dir",
              dir.resolve("work").toString(),
              c.masterUrl()));
      c.awaitWorker();
      return c;
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** {@code spark://127.0.0.1:PORT}. */
  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** Scratch space for the driver ({@code spark.local.dir}). */
  Path localDir() {
    return dir.resolve("local");
  }

  private void launch(Path home, String name, String mainClass, List<String> args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split("\\s+")));
    cmd.add("-cp");
    cmd.add(home.resolve("jars") + File.separator + "*");
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", home.toString());
    String[] v = scala.util.Properties.versionNumberString().split("\\.");
    env.put("SPARK_SCALA_VERSION", v[0] + "." + v[1]);
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_DIRS", localDir().toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve(name + ".log").toFile());
    daemons.add(pb.start());
  }

  private void awaitWorker() throws InterruptedException {
    ObjectMapper json = new ObjectMapper();
    URI status = URI.create("http://127.0.0.1:" + masterUiPort + "/json/");
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      for (Process p : daemons) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              "a Spark daemon exited with status " + p.exitValue() + "; logs in " + dir);
        }
      }
      try (InputStream in = status.toURL().openStream()) {
        JsonNode state = json.readTree(in);
        if (state.path("aliveworkers").asInt(0) >= 1) {
          return;
        }
      } catch (IOException notYetUp) {
        // the Master's UI is not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("no Worker registered after 180 s; logs in " + dir);
  }

  /** Stops the Worker (and its executors), then the Master. */
  @Override
  public synchronized void close() {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      Process p = daemons.get(i);
      List<ProcessHandle> children = p.descendants().toList();
      p.destroy();
      children.forEach(ProcessHandle::destroy);
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
    daemons.clear();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
