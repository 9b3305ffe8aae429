package org.radiospark.jobs.qa;

/**
 * Where QA messages go. Implementations: {@link LogQaSink} ({@code log:}), {@link JsonlQaSink}
 * ({@code jsonl:PATH}), {@link KafkaQaSink} ({@code kafka://HOST:PORT/TOPIC}, asynchronous), {@link
 * FallbackQaSink} which forwards to a primary sink and switches to a fallback when the primary
 * fails (Kafka with a JSON-lines fallback), and {@link IdentifiedQaSink} which gives every message
 * its id. Opened from a URI by {@link QaSinks#open}.
 *
 * <p>Sinks are used on the driver only (see {@code jobs.spectral.SpectralJob}), by one thread.
 */
public interface QaSink extends AutoCloseable {
  /**
   * Publishes one message.
   *
   * @throws QaSinkException when the message could not be delivered
   */
  void publish(QaMessage message);

  /** Flushes and releases the sink; messages published before are delivered. */
  @Override
  void close();

  /** A failure to deliver QA messages. */
  final class QaSinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QaSinkException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
