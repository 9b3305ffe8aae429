package org.radiospark.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on loopback: one Master and one Worker, each in its own JVM started
 * from a {@link SparkHome}, as {@code sbin/start-master.sh} and {@code sbin/start-worker.sh} would,
 * so that executors are real JVMs with their own heap limit ({@code spark.executor.memory}). Used
 * by {@code bench memory} and the cluster integration tests. Logs and the Worker's work directory
 * (one folder per application and executor) stay in the given directory. {@link #close()} (also run
 * at JVM exit: the daemons are this process's children) stops both daemons and whatever executors
 * the Worker still runs.
 */
public final class LoopbackCluster implements AutoCloseable {
  private static final long START_TIMEOUT_MS = 180_000;

  private final Path dir;
  private final List<Process> daemons = new ArrayList<>();
  private final int masterPort;
  private final int masterUiPort;

  private LoopbackCluster(Path dir, int masterPort, int masterUiPort) {
    this.dir = dir;
    this.masterPort = masterPort;
    this.masterUiPort = masterUiPort;
  }

  /**
   * Starts a Master, then a Worker offering {@code cores} cores and {@code memory} (e.g. "1g") to
   * executors, and waits until the Master lists the Worker as alive.
   */
  public static LoopbackCluster start(SparkHome spark, Path dir, int cores, String memory)
      throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("work"));
    Files.createDirectories(dir.resolve("local"));
    LoopbackCluster c = new LoopbackCluster(dir, freePort(), freePort());
    Runtime.getRuntime().addShutdownHook(new Thread(c::close, "radiospark-loopback-cluster-stop"));
    try {
      c.launch(
          spark,
          "master",
          "org.apache.spark.deploy.master.Master",
          List.of(
              "--host", "127.0.0.1",
              "--port", Integer.toString(c.masterPort),
              "--webui-port", Integer.toString(c.masterUiPort)));
      c.launch(
          spark,
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
              c.workDir().toString(),
              c.masterUrl()));
      c.awaitAliveWorker();
      return c;
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** {@code spark://127.0.0.1:PORT}. */
  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The Worker's work directory: {@code APP_ID/EXECUTOR_ID/{stderr,stdout,jars}}. */
  public Path workDir() {
    return dir.resolve("work");
  }

  /** Scratch space of the daemons, and for the driver ({@code spark.local.dir}). */
  public Path localDir() {
    return dir.resolve("local");
  }

  /** The last lines of a daemon's log ("master" or "worker"), for failure messages. */
  public String logTail(String name) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void launch(SparkHome spark, String name, String mainClass, List<String> args)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(spark.javaCommand("256m", mainClass, args));
    pb.environment().putAll(spark.environment(localDir()));
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve(name + ".log").toFile());
    daemons.add(pb.start());
  }

  /** Polls the Master's JSON status page until it lists an alive Worker. */
  private void awaitAliveWorker() throws InterruptedException {
    ObjectMapper json = new ObjectMapper();
    URI status = URI.create("http://127.0.0.1:" + masterUiPort + "/json/");
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      for (Process p : daemons) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              "a Spark daemon exited with status "
                  + p.exitValue()
                  + "\nmaster:\n"
                  + logTail("master")
                  + "\nworker:\n"
                  + logTail("worker"));
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
    throw new IllegalStateException(
        "no alive Worker after "
            + START_TIMEOUT_MS / 1000
            + " s\nmaster:\n"
            + logTail("master")
            + "\nworker:\n"
            + logTail("worker"));
  }

  /** Stops the Worker (and any executor it launched), then the Master. */
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
