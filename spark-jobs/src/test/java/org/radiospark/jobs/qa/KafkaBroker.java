package org.radiospark.jobs.qa;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process, no
 * ZooKeeper) inside the test JVM, on loopback.
 *
 * <p>Why {@link KafkaRaftServer} and not Kafka's test kit: in Kafka 3.4.1 (the version Spark 3.5.6
 * pins) the test kit ({@code kafka.testkit.KafkaClusterTestKit}) lives in the test jars of four
 * Kafka modules; the server itself needs only {@code kafka_2.13}. Formatting the storage is what
 * {@code kafka-storage.sh format} does for a fresh log directory: a {@code meta.properties} with
 * {@code version=1}, the cluster id and the node id; without a {@code bootstrap.checkpoint} the
 * metadata version comes from the configuration (the latest). The log directory survives {@link
 * #stop()}, so {@link #start()} again brings the same topics back on the same ports.
 */
final class KafkaBroker implements AutoCloseable {
  private final Path logDir;
  private final int port;
  private final int controllerPort;
  private final String clusterId = Uuid.randomUuid().toString();
  private KafkaRaftServer server;

  /** A broker on free loopback ports with its storage formatted under {@code dir}. */
  KafkaBroker(Path dir) throws IOException {
    this.logDir = dir.resolve("kraft-logs");
    this.port = freePort();
    this.controllerPort = freePort();
    Files.createDirectories(logDir);
    Properties meta = new Properties();
    meta.setProperty("version", "1");
    meta.setProperty("cluster.id", clusterId);
    meta.setProperty("node.id", "1");
    try (OutputStream out = Files.newOutputStream(logDir.resolve("meta.properties"))) {
      meta.store(out, "formatted by QaKafkaIT");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  int port() {
    return port;
  }

  /** {@code kafka://127.0.0.1:PORT/TOPIC}. */
  String uri(String topic) {
    return "kafka://127.0.0.1:" + port + "/" + topic;
  }

  private Map<String, Object> config() {
    Map<String, Object> c = new HashMap<>();
    c.put("process.roles", "broker,controller");
    c.put("node.id", "1");
    c.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    c.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    c.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    c.put("controller.listener.names", "CONTROLLER");
    c.put("inter.broker.listener.name", "PLAINTEXT");
    c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    c.put("log.dirs", logDir.toString());
    c.put("num.partitions", "1");
    c.put("auto.create.topics.enable", "true");
    c.put("offsets.topic.replication.factor", "1");
    c.put("transaction.state.log.replication.factor", "1");
    c.put("transaction.state.log.min.isr", "1");
    c.put("group.initial.rebalance.delay.ms", "0");
    // Small and few threads: the test shares two cores with Spark.
    c.put("num.network.threads", "1");
    c.put("num.io.threads", "2");
    c.put("background.threads", "2");
    c.put("log.segment.bytes", Integer.toString(1 << 20));
    c.put("controlled.shutdown.enable", "false");
    return c;
  }

  /** Starts (or restarts) the broker; returns when it accepts clients. */
  synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("broker already running");
    }
    KafkaRaftServer s =
        new KafkaRaftServer(new KafkaConfig(config()), Time.SYSTEM, scala.Option.<String>empty());
    s.startup();
    server = s;
  }

  /** Stops the broker and waits for it; the log directory stays. */
  synchronized void stop() {
    if (server != null) {
      KafkaRaftServer s = server;
      server = null;
      s.shutdown();
      s.awaitShutdown();
    }
  }

  boolean running() {
    return server != null;
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException("broker did not stop cleanly", e));
    }
  }
}
