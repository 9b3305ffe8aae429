package org.radiospark.jobs.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.cli.RadioSparkCli.BadOptionException;

class QaSinkTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private static QaMessage channel(int c, double rms) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rmsI", rms);
    m.put("stopReason", "THRESHOLD");
    return QaMessage.channel("spectral", "imaging", c, m);
  }

  @Test
  void jsonLinesHoldOneValidObjectPerMessageAndAppend() throws Exception {
    Path f = dir.resolve("sub/qa.jsonl");
    try (QaSink s = QaSinks.open("jsonl:" + f)) {
      s.publish(channel(0, 0.5));
      s.publish(channel(1, Double.NaN));
    }
    try (QaSink s = QaSinks.open("jsonl:" + f)) {
      s.publish(QaMessage.stage("spectral", "imaging", Map.of("channels", 2)));
    }
    List<String> lines = Files.readAllLines(f);
    assertEquals(3, lines.size());
    JsonNode a = json.readTree(lines.get(0));
    assertEquals("spectral", a.get("pipeline").asText());
    assertEquals("channel", a.get("kind").asText());
    assertEquals(0, a.get("channel").asInt());
    assertEquals(0.5, a.get("rmsI").asDouble());
    assertTrue(json.readTree(lines.get(1)).get("rmsI").isNull(), "NaN written as null");
    JsonNode st = json.readTree(lines.get(2));
    assertEquals("stage", st.get("kind").asText());
    assertFalse(st.has("channel"));
    assertEquals(2, st.get("channels").asInt());
  }

  @Test
  void logIsTheDefaultAndUnknownSchemesAreBadOptions() {
    assertInstanceOf(LogQaSink.class, ((IdentifiedQaSink) QaSinks.open(null)).delegate());
    assertInstanceOf(LogQaSink.class, ((IdentifiedQaSink) QaSinks.open("log:")).delegate());
    BadOptionException e =
        assertThrows(BadOptionException.class, () -> QaSinks.open("amqp://h:5672/q"));
    assertTrue(e.getMessage().contains("kafka://HOST:PORT/TOPIC"), e.getMessage());
    assertThrows(BadOptionException.class, () -> QaSinks.check("jsonl:"));
    QaSinks.check("kafka://127.0.0.1:9092/qa");
    for (String bad :
        new String[] {
          "kafka://h/qa",
          "kafka://h:0/qa",
          "kafka://h:99999/qa",
          "kafka://h:9092/",
          "kafka://h:9/a b"
        }) {
      BadOptionException b = assertThrows(BadOptionException.class, () -> QaSinks.check(bad));
      assertTrue(
          b.getMessage().contains("kafka://HOST:PORT/TOPIC") || b.getMessage().contains("port"));
    }
    KafkaTopicUri u = KafkaTopicUri.parse("kafka://broker-1.example.org:9093/ska.qa_v1");
    assertEquals("broker-1.example.org:9093", u.bootstrapServers());
    assertEquals("ska.qa_v1", u.topic());
    assertEquals("kafka://broker-1.example.org:9093/ska.qa_v1", u.toString());
  }

  @Test
  void everyMessageGetsAUniqueIdOfRunAndSequence() throws Exception {
    Path f = dir.resolve("ids.jsonl");
    String run1;
    try (QaSink s = QaSinks.open("jsonl:" + f)) {
      run1 = ((IdentifiedQaSink) s).run();
      for (int c = 0; c < 3; c++) {
        s.publish(channel(c, 1));
      }
    }
    try (QaSink s = QaSinks.open("jsonl:" + f)) {
      s.publish(channel(0, 1));
    }
    List<String> lines = Files.readAllLines(f);
    assertEquals(4, lines.size());
    for (int k = 0; k < 3; k++) {
      JsonNode n = json.readTree(lines.get(k));
      assertEquals(run1 + "-" + k, n.get("id").asText());
      assertEquals(run1, n.get("run").asText());
    }
    JsonNode other = json.readTree(lines.get(3));
    assertFalse(other.get("run").asText().equals(run1), "a new run id per opened sink");
    assertTrue(other.get("id").asText().endsWith("-0"));
    QaMessage m = channel(0, 1).withId("r", 7);
    assertEquals("r-7", m.id());
    assertSame(m, m.withId("other", 8), "an id once given is kept");
  }

  @Test
  void anUnresolvableBrokerSendsEverythingToTheFallback() throws Exception {
    String prefix = dir.resolve("nohost").toString();
    try (QaSink s = QaSinks.open("kafka://no-such-broker.invalid:9092/qa", prefix)) {
      for (int c = 0; c < 3; c++) {
        s.publish(channel(c, 1));
      }
    }
    List<String> lines = Files.readAllLines(QaSinks.fallbackFile(prefix));
    assertEquals(3, lines.size());
    assertEquals(2, json.readTree(lines.get(2)).get("channel").asInt());
  }

  @Test
  void aKafkaFallbackFileIsNamedAfterThePrefixAndOnlyCreatedOnFailure() {
    assertEquals(Path.of("out/run1-qa-fallback.jsonl"), QaSinks.fallbackFile("out/run1"));
    Path f = dir.resolve("lazy-fallback.jsonl");
    Flaky ok = new Flaky(100);
    try (FallbackQaSink s = new FallbackQaSink(ok, () -> new JsonlQaSink(f))) {
      s.publish(channel(0, 1));
    }
    assertFalse(Files.exists(f), "no empty fallback file after a run without failures");
  }

  /** A sink that fails from its {@code failAt}-th message on, as a lost broker would. */
  private static final class Flaky implements QaSink {
    final List<QaMessage> got = new ArrayList<>();
    final int failAt;

    Flaky(int failAt) {
      this.failAt = failAt;
    }

    @Override
    public void publish(QaMessage m) {
      if (got.size() >= failAt) {
        throw new QaSink.QaSinkException("broker gone", null);
      }
      got.add(m);
    }

    @Override
    public void close() {}
  }

  @Test
  void fallbackReceivesEveryMessageThePrimaryCouldNotTake() throws Exception {
    Flaky primary = new Flaky(3);
    Path f = dir.resolve("fallback.jsonl");
    FallbackQaSink sink = new FallbackQaSink(primary, new JsonlQaSink(f));
    for (int c = 0; c < 10; c++) {
      sink.publish(channel(c, c));
    }
    sink.close();
    assertTrue(sink.failedOver());
    assertEquals(3, primary.got.size());
    List<String> lines = Files.readAllLines(f);
    assertEquals(7, lines.size(), "none lost");
    for (int k = 0; k < 7; k++) {
      assertEquals(3 + k, json.readTree(lines.get(k)).get("channel").asInt());
    }
  }

  /**
   * A sink like a Kafka producer: {@code publish} queues; {@link #settle} later reports each queued
   * message delivered or failed, from another thread.
   */
  private static final class Queued implements AsynchronousQaSink {
    final List<QaMessage> queued = new ArrayList<>();
    final List<QaMessage> delivered = new ArrayList<>();
    DeliveryFailureHandler handler;

    @Override
    public void onDeliveryFailure(DeliveryFailureHandler h) {
      handler = h;
    }

    @Override
    public void publish(QaMessage m) {
      queued.add(m);
    }

    /** Delivers the first {@code ok} queued messages and fails the rest, on another thread. */
    void settle(int ok) throws InterruptedException {
      List<QaMessage> q = new ArrayList<>(queued);
      queued.clear();
      Thread t =
          new Thread(
              () -> {
                for (int k = 0; k < q.size(); k++) {
                  if (k < ok) {
                    delivered.add(q.get(k));
                  } else {
                    handler.failed(q.get(k), new IllegalStateException("expired"));
                  }
                }
              });
      t.start();
      t.join();
    }

    @Override
    public void close() {}
  }

  @Test
  void failuresReportedAfterPublishGoToTheFallbackAndWarnOnce() throws Exception {
    Queued primary = new Queued();
    Path f = dir.resolve("async-fallback.jsonl");
    List<String> warnings;
    FallbackQaSink sink;
    try (LogCapture log = new LogCapture(FallbackQaSink.class);
        QaSink s = new IdentifiedQaSink(new FallbackQaSink(primary, () -> new JsonlQaSink(f)))) {
      sink = (FallbackQaSink) ((IdentifiedQaSink) s).delegate();
      for (int c = 0; c < 6; c++) {
        s.publish(channel(c, 1));
      }
      assertFalse(sink.failedOver(), "nothing known to have failed yet");
      primary.settle(2); // 0, 1 delivered; 2..5 expire
      assertTrue(sink.failedOver());
      for (int c = 6; c < 10; c++) {
        s.publish(channel(c, 1));
      }
      assertTrue(primary.queued.isEmpty(), "after the failure the primary is not used");
      s.close();
      warnings = log.warnings();
    }
    assertEquals(2, primary.delivered.size());
    List<String> lines = Files.readAllLines(f);
    List<Integer> channels = new ArrayList<>();
    for (String line : lines) {
      channels.add(json.readTree(line).get("channel").asInt());
    }
    assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9), channels, "each undelivered message once");
    assertEquals(8, sink.fallbackMessages());
    long failOverWarnings = warnings.stream().filter(w -> w.contains("from now on")).count();
    assertEquals(1, failOverWarnings, "warned once: " + warnings);
  }
}
