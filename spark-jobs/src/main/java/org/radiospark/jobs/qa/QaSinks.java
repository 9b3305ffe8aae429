package org.radiospark.jobs.qa;

import java.nio.file.Path;
import org.radiospark.jobs.cli.RadioSparkCli.BadOptionException;

/**
 * Opens the sink a {@code --qa} URI names: {@code log:} (also the default for null or blank),
 * {@code jsonl:PATH}, or {@code kafka://HOST:PORT/TOPIC}. A Kafka sink is wrapped in a {@link
 * FallbackQaSink} whose fallback is the JSON-lines file {@code PREFIX-qa-fallback.jsonl} next to
 * the outputs, opened only if a send fails. Every sink is wrapped in an {@link IdentifiedQaSink},
 * so each message carries a unique id ({@code RUN-SEQUENCE}).
 */
public final class QaSinks {
  /** Suffix of the fallback file of a Kafka sink: {@code PREFIX-qa-fallback.jsonl}. */
  public static final String FALLBACK_SUFFIX = "-qa-fallback.jsonl";

  private static final String EXPECTED =
      "--qa must be log:, jsonl:PATH or kafka://HOST:PORT/TOPIC, not '";

  private QaSinks() {}

  /**
   * As {@link #open(String, String)} with the prefix {@code radiospark} (a Kafka fallback file
   * {@code radiospark-qa-fallback.jsonl} in the working directory).
   */
  public static QaSink open(String uri) {
    return open(uri, "radiospark");
  }

  /**
   * Opens the sink of {@code uri}.
   *
   * @param outputPrefix the run's output prefix (a path prefix such as {@code out/run1}): a Kafka
   *     sink's fallback is {@link #fallbackFile fallbackFile(outputPrefix)}
   * @throws BadOptionException for an unknown or malformed URI (exit status 2)
   */
  public static QaSink open(String uri, String outputPrefix) {
    check(uri);
    if (uri == null || uri.isBlank() || uri.equals("log:")) {
      return new IdentifiedQaSink(new LogQaSink());
    }
    if (uri.startsWith("jsonl:")) {
      return new IdentifiedQaSink(new JsonlQaSink(Path.of(uri.substring("jsonl:".length()))));
    }
    KafkaTopicUri topic = KafkaTopicUri.parse(uri);
    Path fallback = fallbackFile(outputPrefix);
    QaSink kafka;
    try {
      kafka = new KafkaQaSink(topic);
    } catch (QaSink.QaSinkException e) {
      kafka = new Unavailable(e);
    }
    return new IdentifiedQaSink(new FallbackQaSink(kafka, () -> new JsonlQaSink(fallback)));
  }

  /** A primary that could not be created: every publish fails, so the fallback takes over. */
  private record Unavailable(QaSink.QaSinkException cause) implements QaSink {
    @Override
    public void publish(QaMessage message) {
      throw new QaSink.QaSinkException(cause.getMessage(), cause);
    }

    @Override
    public void close() {
      // nothing was opened
    }
  }

  /** The fallback file of a Kafka sink for the outputs {@code outputPrefix}{@code -*}. */
  public static Path fallbackFile(String outputPrefix) {
    if (outputPrefix == null || outputPrefix.isBlank()) {
      throw new IllegalArgumentException("output prefix must not be blank");
    }
    return Path.of(outputPrefix + FALLBACK_SUFFIX);
  }

  /**
   * Checks {@code uri} without opening anything (for option validation).
   *
   * @throws BadOptionException for an unknown or malformed URI
   */
  public static void check(String uri) {
    if (uri == null || uri.isBlank() || uri.equals("log:")) {
      return;
    }
    if (uri.startsWith("jsonl:")) {
      if (uri.substring("jsonl:".length()).isBlank()) {
        throw new BadOptionException("--qa jsonl:PATH needs a file path, e.g. jsonl:qa.jsonl");
      }
      return;
    }
    if (KafkaTopicUri.isKafka(uri)) {
      KafkaTopicUri.parse(uri);
      return;
    }
    throw new BadOptionException(EXPECTED + uri + "'");
  }
}
