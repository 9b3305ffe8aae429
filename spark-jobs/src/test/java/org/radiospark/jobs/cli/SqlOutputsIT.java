package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.qa.IdentifiedQaSink;
import org.radiospark.jobs.qa.JsonlQaSink;
import org.radiospark.jobs.qa.QaMessage;
import org.radiospark.jobs.qa.QaSink;
import org.radiospark.jobs.sql.Tables;
import org.radiospark.kernels.testing.SharedData;

/**
 * Issue 7 part 3: the Parquet tables written beside the CSV and JSON outputs of {@code pulsar
 * search} and {@code qa-aggregate} read back with Spark into the documented schema and hold exactly
 * what the CSV and JSON-lines files hold ({@link CatalogueTablesIT} does the catalogues).
 */
class SqlOutputsIT {
  private static SparkSession spark;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSessions.session("sql-outputs-it", "local[1]");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = RadioSparkCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(0, status, err.toString());
    return out.toString();
  }

  /** Column names and types as documented (Spark reads every file column back as nullable). */
  static void assertSchema(StructType expected, StructType actual) {
    assertEquals(expected.fields().length, actual.fields().length, actual.treeString());
    for (int i = 0; i < expected.fields().length; i++) {
      StructField e = expected.fields()[i];
      StructField a = actual.fields()[i];
      assertEquals(e.name(), a.name());
      assertEquals(e.dataType(), a.dataType(), e.name());
    }
  }

  /** The rows of a Parquet table, after checking its schema against the documented one. */
  static List<Row> read(SparkSession spark, Path table, StructType schema) {
    Dataset<Row> df = spark.read().parquet(table.toString());
    assertSchema(schema, df.schema());
    return df.collectAsList();
  }

  static void assertRowsEqual(List<Row> expected, List<Row> actual) {
    assertEquals(expected.size(), actual.size());
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < expected.get(r).length(); c++) {
        // boxed equality: doubles compared bit for bit, nulls as nulls
        assertEquals(expected.get(r).get(c), actual.get(r).get(c), "row " + r + " column " + c);
      }
    }
  }

  @Test
  void pulsarCandidatesAndSinglePulsesEqualTheirCsv() throws Exception {
    Path tim = SharedData.require("pulsar/sigpyproc3_GBT_J1807-0847.tim");
    Path prefix = dir.resolve("gbt");
    run(
        "pulsar",
        "search",
        tim.toString(),
        "-o",
        prefix.toString(),
        "-nfold",
        "2",
        "--single-pulse",
        "-threshold",
        "4");
    List<String> csv = Files.readAllLines(dir.resolve("gbt-candidates.csv"));
    List<Row> cands = read(spark, dir.resolve("gbt-candidates.parquet"), Tables.candidatesSchema());
    assertEquals(csv.size() - 1, cands.size());
    assertTrue(cands.size() > 2, "candidates: " + cands.size());
    for (int i = 0; i < cands.size(); i++) {
      Row r = cands.get(i);
      // the CSV holds the table's values rounded to its documented decimals
      String line =
          String.format(
                  Locale.ROOT,
                  "%d,%.10f,%.8f,%.4f,%.2f,%d,%.2f,%d,",
                  r.getInt(0),
                  r.getDouble(1),
                  r.getDouble(2),
                  r.getDouble(3),
                  r.getDouble(4),
                  r.getInt(5),
                  r.getDouble(6),
                  r.getInt(7))
              + (r.isNullAt(8)
                  ? ",,"
                  : String.format(
                      Locale.ROOT,
                      "%.10f,%.3f,%.2f",
                      r.getDouble(8),
                      r.getDouble(9),
                      r.getDouble(10)));
      assertEquals(csv.get(i + 1), line);
      assertEquals(i < 2, !r.isNullAt(8), "only the two folded candidates have fold columns");
    }
    List<String> spCsv = Files.readAllLines(dir.resolve("gbt-singlepulse.csv"));
    List<Row> sp = read(spark, dir.resolve("gbt-singlepulse.parquet"), Tables.singlePulsesSchema());
    assertEquals(spCsv.size() - 1, sp.size());
    assertFalse(sp.isEmpty(), "single pulses at S/N 4");
    for (int i = 0; i < sp.size(); i++) {
      Row r = sp.get(i);
      assertEquals(
          spCsv.get(i + 1),
          String.format(
              Locale.ROOT,
              "%.4f,%.6f,%.6f,%.2f,%d",
              r.getDouble(0),
              r.getDouble(1),
              r.getDouble(2),
              r.getDouble(3),
              r.getInt(4)));
    }
  }

  @Test
  void qaAggregateMessagesEqualTheDistinctJsonLines() throws Exception {
    Path jsonl = dir.resolve("qa.jsonl");
    try (QaSink s = new IdentifiedQaSink(new JsonlQaSink(jsonl), "run7")) {
      for (int c = 0; c < 4; c++) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rmsI", 0.1 + 0.01 * c);
        m.put("iterations", 100 + c);
        m.put("bad", c == 2 ? Double.NaN : 1.5);
        m.put("stop", "threshold");
        s.publish(QaMessage.channel("spectral", "imaging", c, m));
      }
      s.publish(QaMessage.stage("spectral", "imaging", Map.of("seconds", 2.5, "ok", true)));
      s.publish(QaMessage.stage("spectral", "done", Map.of()));
    }
    // the first two lines once more: duplicates by id, dropped by the aggregation
    List<String> lines = Files.readAllLines(jsonl);
    Files.write(jsonl, lines.subList(0, 2), java.nio.file.StandardOpenOption.APPEND);
    Path out = dir.resolve("agg/qa-summary.json");
    run("qa-aggregate", "--qa", "jsonl:" + jsonl, "-o", out.toString());
    assertTrue(Files.isRegularFile(out));

    ObjectMapper json = new ObjectMapper();
    List<Row> expected = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> head = Set.of("id", "run", "pipeline", "kind", "stage", "channel", "time");
    for (String l : Files.readAllLines(jsonl)) {
      JsonNode m = json.readTree(l);
      if (!seen.add(m.get("id").asText())) {
        continue;
      }
      Object[] h = {
        m.get("id").asText(),
        m.get("run").asText(),
        m.get("pipeline").asText(),
        m.get("kind").asText(),
        m.get("stage").asText(),
        m.has("channel") ? m.get("channel").asInt() : null,
        m.get("time").asText()
      };
      boolean any = false;
      for (var it = m.fields(); it.hasNext(); ) {
        var f = it.next();
        if (head.contains(f.getKey())) {
          continue;
        }
        any = true;
        JsonNode v = f.getValue();
        expected.add(
            row(
                h,
                f.getKey(),
                v.isNumber() ? v.asDouble() : null,
                v.isNumber() || v.isNull() ? null : v.asText()));
      }
      if (!any) {
        expected.add(row(h, null, null, null));
      }
    }
    assertEquals(4 * 4 + 2 + 1, expected.size());
    List<Row> table = read(spark, dir.resolve("agg/qa-summary.parquet"), Tables.qaMessagesSchema());
    assertRowsEqual(expected, table);
    // a NaN metric was published as null and stays null; a stage message has no channel
    Row nanRow =
        table.stream()
            .filter(r -> "bad".equals(r.getString(7)) && Integer.valueOf(2).equals(r.get(5)))
            .findFirst()
            .orElseThrow();
    assertNull(nanRow.get(8));
    assertEquals(
        "true",
        table.stream().filter(r -> "ok".equals(r.getString(7))).findFirst().orElseThrow().get(9));

    // an existing table blocks a second run without --overwrite; with it both are replaced
    StringWriter err = new StringWriter();
    int again =
        RadioSparkCli.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "qa-aggregate",
            "--qa",
            "jsonl:" + jsonl,
            "-o",
            out.toString());
    assertEquals(2, again, err.toString());
    run("qa-aggregate", "--qa", "jsonl:" + jsonl, "-o", out.toString(), "--overwrite");
    assertRowsEqual(
        expected, read(spark, dir.resolve("agg/qa-summary.parquet"), Tables.qaMessagesSchema()));
  }

  private static Row row(Object[] head, String metric, Double value, String text) {
    Object[] r = new Object[head.length + 3];
    System.arraycopy(head, 0, r, 0, head.length);
    r[head.length] = metric;
    r[head.length + 1] = value;
    r[head.length + 2] = text;
    return org.apache.spark.sql.RowFactory.create(r);
  }
}
