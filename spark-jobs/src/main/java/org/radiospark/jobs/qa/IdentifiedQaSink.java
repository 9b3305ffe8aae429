package org.radiospark.jobs.qa;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Gives every message a unique id before it reaches the sink: {@code RUN-SEQUENCE}, the run id of
 * this sink (UTC start time and 32 random bits, e.g. {@code 20261121T163501Z-9f3a01bc}) and a
 * sequence number counted from 0 in publishing order. The id is what {@link QaAggregator} removes
 * duplicates by when a message reached both Kafka and the fallback file (see {@link
 * FallbackQaSink}).
 */
public final class IdentifiedQaSink implements QaSink {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final QaSink sink;
  private final String run;
  private long sequence;

  /** Stamps messages for {@code sink} with a new run id. */
  public IdentifiedQaSink(QaSink sink) {
    this(sink, newRunId());
  }

  /** Stamps messages for {@code sink} with the given run id. */
  public IdentifiedQaSink(QaSink sink, String run) {
    this.sink = Objects.requireNonNull(sink, "sink");
    if (run == null || run.isBlank()) {
      throw new IllegalArgumentException("run id must not be blank");
    }
    this.run = run;
  }

  /** A new run id: UTC time to the second and 32 random bits in hex. */
  public static String newRunId() {
    return ZonedDateTime.now(ZoneOffset.UTC).format(STAMP)
        + "-"
        + String.format(Locale.ROOT, "%08x", RANDOM.nextInt());
  }

  /** The run id in every message of this sink. */
  public String run() {
    return run;
  }

  /** The sink messages are forwarded to. */
  public QaSink delegate() {
    return sink;
  }

  @Override
  public void publish(QaMessage message) {
    sink.publish(message.withId(run, sequence++));
  }

  @Override
  public void close() {
    sink.close();
  }
}
