package org.radiospark.jobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.jobs.qa.KafkaTopicUri;
import org.radiospark.jobs.qa.QaAggregator;
import org.radiospark.jobs.qa.QaReader;
import org.radiospark.jobs.qa.QaSink;
import org.radiospark.jobs.qa.QaSinks;
import org.radiospark.jobs.sql.Tables;
import org.radiospark.kernels.model.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code radiospark qa-aggregate}: consumes the QA messages of pipeline runs (a Kafka topic from
 * its beginning, or a JSON-lines file) plus any fallback files, removes duplicates by message id,
 * summarises per run and stage ({@link QaAggregator}), raises rms-jump alerts, prints a table and
 * writes the summary as JSON ({@code -o STEM.json}) and the distinct messages as the Parquet table
 * {@code STEM.parquet} ({@link Tables#qaMessagesSchema()}), committed together. Runs on the driver
 * only (no Spark session: the table is written by {@link Tables#writeLocal}).
 *
 * <p>Exit status 0; 1 if {@code --expect N} was given and fewer than N distinct messages arrived
 * within the timeout (the table and JSON are still written); 2 for a bad URI or unreadable file.
 */
@Command(
    name = "qa-aggregate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Aggregates QA messages from kafka://HOST:PORT/TOPIC (read from the beginning) or",
      "jsonl:PATH, plus fallback files (PREFIX-qa-fallback.jsonl, written by a run whose broker",
      "failed), de-duplicated by message id: per-stage count, min/mean/max of every channel",
      "metric, and alerts when a channel's rms exceeds FACTOR x the median of the previous",
      "channels."
    })
public final class QaAggregateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--qa",
      required = true,
      paramLabel = "URI",
      description = "kafka://HOST:PORT/TOPIC or jsonl:PATH.")
  String qa;

  @Option(
      names = "--fallback",
      arity = "1..*",
      paramLabel = "FILE",
      description = "JSON-lines fallback file(s) to add; a missing one is noted and skipped.")
  List<Path> fallbacks = new ArrayList<>();

  @Option(
      names = "--timeout-s",
      paramLabel = "N",
      description = "Longest time to read the topic, seconds (30).")
  double timeoutS = 30;

  @Option(
      names = "--expect",
      paramLabel = "N",
      description =
          "Read the topic until N distinct messages (topic and fallbacks together) arrived or the"
              + " timeout; exit 1 if fewer. Without it: read to the current end of the topic.")
  long expect = 0;

  @Option(
      names = "--jump-factor",
      paramLabel = "F",
      description = "Alert when rms > F x median of the previous channels (3).")
  double jumpFactor = QaAggregator.DEFAULT_JUMP_FACTOR;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE.json",
      description =
          "Summary JSON (qa-aggregate.json); the messages go to the Parquet table of the same"
              + " stem (qa-aggregate.parquet).")
  Path output = Path.of("qa-aggregate.json");

  @Option(names = "--overwrite", description = "Replace an existing output file.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    if (!(timeoutS > 0) || !Double.isFinite(timeoutS)) {
      throw new RadioSparkCli.BadOptionException("--timeout-s must be > 0, not " + timeoutS);
    }
    if (expect < 0) {
      throw new RadioSparkCli.BadOptionException("--expect must be >= 0, not " + expect);
    }
    if (!(jumpFactor > 1)) {
      throw new RadioSparkCli.BadOptionException("--jump-factor must be > 1, not " + jumpFactor);
    }
    QaSinks.check(qa);
    if (qa == null || qa.isBlank() || qa.equals("log:")) {
      throw new RadioSparkCli.BadOptionException(
          "--qa log: cannot be read back: give kafka://HOST:PORT/TOPIC or jsonl:PATH");
    }
    for (Path p : List.of(output, parquetBeside(output))) {
      if (Files.exists(p) && !overwrite) {
        throw new RadioSparkCli.BadOptionException(p + " exists (use --overwrite)");
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ObjectMapper json = new ObjectMapper();
    QaAggregator agg = new QaAggregator(jumpFactor);

    for (Path f : fallbacks) {
      if (!Files.exists(f)) {
        err.println("qa-aggregate: no fallback file " + f + " (nothing failed over): skipped");
        continue;
      }
      long n = QaReader.readJsonl(f, line -> agg.add(parse(json, f.toString(), line)));
      err.printf("qa-aggregate: %d message(s) from %s%n", n, f);
    }
    boolean sourceFailed = false;
    if (KafkaTopicUri.isKafka(qa)) {
      KafkaTopicUri topic = KafkaTopicUri.parse(qa);
      try {
        long n =
            QaReader.readTopic(
                topic,
                Duration.ofMillis(Math.round(timeoutS * 1000)),
                expect > 0 ? () -> agg.unique() >= expect : null,
                value -> agg.add(parse(json, topic.toString(), value)));
        err.printf("qa-aggregate: %d message(s) from %s%n", n, topic);
      } catch (QaSink.QaSinkException e) {
        err.println("qa-aggregate: " + e.getMessage());
        sourceFailed = true;
      }
    } else {
      Path f = Path.of(qa.substring("jsonl:".length()));
      if (!Files.isRegularFile(f)) {
        throw new InvalidInputException(f.toString(), "--qa", "an existing JSON-lines file");
      }
      long n = QaReader.readJsonl(f, line -> agg.add(parse(json, f.toString(), line)));
      err.printf("qa-aggregate: %d message(s) from %s%n", n, f);
    }

    out.print(agg.table());
    out.flush();
    byte[] bytes =
        json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(agg.toJson(json));
    Path table = parquetBeside(output);
    try (OutputSet outputs = new OutputSet(overwrite)) {
      Path jsonTmp = outputs.stage(output);
      Path tableTmp = outputs.stage(table);
      outputs.createDirectories();
      Files.write(jsonTmp, bytes);
      Tables.writeLocal(Tables.qaMessagesSchema(), Tables.qaMessageRows(agg.messages()), tableTmp);
      outputs.commit();
    }
    err.println("qa-aggregate: summary written to " + output + ", messages to " + table);
    if (expect > 0 && agg.unique() < expect) {
      err.printf(
          "qa-aggregate: %d distinct message(s) of %d expected within %.0f s%n",
          agg.unique(), expect, timeoutS);
      return ExitCodes.FAILURE;
    }
    return sourceFailed ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  /** {@code DIR/STEM.parquet} for the summary {@code DIR/STEM.json}. */
  static Path parquetBeside(Path json) {
    String name = json.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return json.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".parquet");
  }

  private static JsonNode parse(ObjectMapper json, String source, String line) {
    try {
      JsonNode n = json.readTree(line);
      if (n == null || !n.isObject()) {
        throw new InvalidInputException(source, "QA message", "a JSON object, not: " + line);
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          source, "QA message", "one JSON object per line, not: " + line, e);
    }
  }
}
