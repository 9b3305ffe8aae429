package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.qa.IdentifiedQaSink;
import org.radiospark.jobs.qa.JsonlQaSink;
import org.radiospark.jobs.qa.QaMessage;
import org.radiospark.jobs.qa.QaSink;

class QaAggregateCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return RadioSparkCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  /** Channels 0..4 with ids of one run; the messages from {@code split} on also in {@code b}. */
  private void write(Path a, Path b, int split) {
    try (QaSink s = new IdentifiedQaSink(new JsonlQaSink(a), "run1");
        QaSink t = new IdentifiedQaSink(new JsonlQaSink(b), "run1")) {
      for (int c = 0; c < 5; c++) {
        QaMessage m =
            QaMessage.channel("spectral", "imaging", c, Map.of("rmsI", c == 4 ? 1.0 : 0.1));
        s.publish(m);
        if (c >= split) {
          t.publish(m);
        } else {
          t.publish(QaMessage.stage("spectral", "skip", Map.of())); // keeps sequences aligned
        }
      }
    }
  }

  @Test
  void aggregatesAFileAndItsFallbackWithoutDuplicates() throws Exception {
    Path a = dir.resolve("qa.jsonl");
    Path b = dir.resolve("fallback.jsonl");
    write(a, b, 3);
    // b holds ids run1-0..2 as "skip" stage messages: same ids as a's channels, so dropped.
    Path json = dir.resolve("sub/summary.json");
    int status =
        run(
            "qa-aggregate",
            "--qa",
            "jsonl:" + a,
            "--fallback",
            b.toString(),
            dir.resolve("missing.jsonl").toString(),
            "--expect",
            "5",
            "-o",
            json.toString());
    assertEquals(0, status, err.toString());
    JsonNode j = new ObjectMapper().readTree(json.toFile());
    assertEquals(10, j.get("received").asInt());
    assertEquals(5, j.get("unique").asInt());
    assertEquals(5, j.get("duplicates").asInt());
    JsonNode run = j.get("runs").get(0);
    assertEquals("run1", run.get("run").asText());
    assertEquals(1, run.get("alerts").size(), "channel 4 is 10x the median");
    assertEquals(4, run.get("alerts").get(0).get("channel").asInt());
    assertTrue(out.toString().contains("ALERT imaging channel 4"), out.toString());
    assertTrue(err.toString().contains("missing.jsonl"), err.toString());
    // An existing output is not replaced without --overwrite; a short count exits 1.
    assertEquals(2, run("qa-aggregate", "--qa", "jsonl:" + a, "-o", json.toString()));
    assertEquals(
        1,
        run(
            "qa-aggregate",
            "--qa",
            "jsonl:" + a,
            "--expect",
            "6",
            "--overwrite",
            "-o",
            json.toString()));
  }

  @Test
  void badSourcesExitWithStatusTwo() throws Exception {
    Path o = dir.resolve("o.json");
    assertEquals(2, run("qa-aggregate", "--qa", "log:", "-o", o.toString()));
    assertEquals(
        2, run("qa-aggregate", "--qa", "jsonl:" + dir.resolve("none"), "-o", o.toString()));
    assertEquals(2, run("qa-aggregate", "--qa", "kafka://h:x/t", "-o", o.toString()));
    Path bad = dir.resolve("bad.jsonl");
    Files.write(bad, List.of("{\"id\":\"a\"}", "not json"));
    err.getBuffer().setLength(0);
    assertEquals(2, run("qa-aggregate", "--qa", "jsonl:" + bad, "-o", o.toString()));
    assertTrue(err.toString().contains(bad.toString()), err.toString());
    assertTrue(!Files.exists(o), "no output after a failure");
  }
}
