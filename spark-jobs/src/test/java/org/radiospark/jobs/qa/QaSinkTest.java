package org.radiospark.jobs.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
    assertInstanceOf(LogQaSink.class, QaSinks.open(null));
    assertInstanceOf(LogQaSink.class, QaSinks.open("log:"));
    BadOptionException e =
        assertThrows(BadOptionException.class, () -> QaSinks.open("kafka://h:9092/t"));
    assertTrue(e.getMessage().contains("jsonl:PATH"), e.getMessage());
    assertThrows(BadOptionException.class, () -> QaSinks.check("jsonl:"));
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
}
