package org.radiospark.jobs.qa;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --qa kafka://HOST:PORT/TOPIC}: each message as one JSON value on the topic, keyed by its
 * run id (so all messages of a run land on one partition, in publishing order), through the Kafka
 * producer with {@code acks=all} and idempotence (no duplicates from the producer's own retries).
 *
 * <p>Publishing is asynchronous: {@link #publish} queues the record (throwing only when the client
 * refuses it at once, e.g. no metadata within {@code max.block.ms}) and the outcome arrives in the
 * producer's callback, where a failure is handed to the {@link
 * AsynchronousQaSink.DeliveryFailureHandler} ({@link FallbackQaSink} keeps the message). A lost
 * broker is noticed within the delivery timeout (default {@value #DEFAULT_DELIVERY_TIMEOUT_MS} ms),
 * not Kafka's default two minutes; {@link #close} waits at most that long plus a second for the
 * pending records, then fails those still unsent, so every record is either acknowledged or
 * reported.
 *
 * <p>Used on the driver only; the producer's own thread runs the callbacks.
 */
public final class KafkaQaSink implements AsynchronousQaSink {
  /** Default time for a record to be acknowledged before it is reported failed, milliseconds. */
  public static final int DEFAULT_DELIVERY_TIMEOUT_MS = 5000;

  private static final Logger LOG = LoggerFactory.getLogger(KafkaQaSink.class);

  private final KafkaTopicUri target;
  private final Producer<String, String> producer;
  private final Duration closeTimeout;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile DeliveryFailureHandler handler;

  /** A producer for {@code target} with the default delivery timeout. */
  public KafkaQaSink(KafkaTopicUri target) {
    this(target, DEFAULT_DELIVERY_TIMEOUT_MS);
  }

  /**
   * A producer for {@code target}. It connects lazily: a broker that is down is found by the first
   * {@link #publish}.
   *
   * @param deliveryTimeoutMs time for a record to be acknowledged, at least 1000 ms; also bounds
   *     how long {@code publish} waits for the topic's metadata
   */
  public KafkaQaSink(KafkaTopicUri target, int deliveryTimeoutMs) {
    this.target = Objects.requireNonNull(target, "target");
    if (deliveryTimeoutMs < 1000) {
      throw new IllegalArgumentException(
          "delivery timeout must be at least 1000 ms, not " + deliveryTimeoutMs);
    }
    this.closeTimeout = Duration.ofMillis(deliveryTimeoutMs + 1000L);
    try {
      this.producer = new KafkaProducer<>(producerConfig(target, deliveryTimeoutMs));
    } catch (KafkaException e) {
      // e.g. a bootstrap host that does not resolve: a failure of the sink, not of the run.
      throw new QaSinkException("cannot create a Kafka producer for " + target + ": " + e, e);
    }
  }

  /**
   * The producer settings: {@code acks=all}, idempotence, {@code linger.ms=5} (messages come in
   * bursts of one per channel), and timeouts of a few seconds so a dead broker is noticed quickly:
   * {@code delivery.timeout.ms} as given, {@code request.timeout.ms} and {@code max.block.ms}
   * derived from it (Kafka requires delivery >= linger + request timeout).
   */
  static Properties producerConfig(KafkaTopicUri target, int deliveryTimeoutMs) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "radiospark-qa");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(deliveryTimeoutMs));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(deliveryTimeoutMs - 500));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(deliveryTimeoutMs));
    p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "100");
    p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return p;
  }

  @Override
  public void onDeliveryFailure(DeliveryFailureHandler failureHandler) {
    this.handler = Objects.requireNonNull(failureHandler, "failureHandler");
  }

  /** The topic written to. */
  public KafkaTopicUri target() {
    return target;
  }

  /** Records acknowledged by the broker so far. */
  public long delivered() {
    return delivered.get();
  }

  /** Records reported failed so far (after {@code publish} returned). */
  public long failed() {
    return failed.get();
  }

  /**
   * Queues the message.
   *
   * @throws QaSinkException when the producer refuses it at once (no broker metadata in time, a
   *     closed or fenced producer); the message is then not in Kafka
   */
  @Override
  public void publish(QaMessage message) {
    String key = message.run();
    try {
      producer.send(
          new ProducerRecord<>(target.topic(), key, message.toJson()),
          (metadata, exception) -> {
            if (exception == null) {
              delivered.incrementAndGet();
              return;
            }
            failed.incrementAndGet();
            DeliveryFailureHandler h = handler;
            if (h != null) {
              h.failed(message, exception);
            } else {
              LOG.warn("QA message {} not delivered to {}: {}", message.id(), target, exception);
            }
          });
    } catch (KafkaException | IllegalStateException e) {
      throw new QaSinkException("cannot send QA message to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Waits for the pending records (at most the delivery timeout plus a second), then closes. */
  @Override
  public void close() {
    try {
      producer.close(closeTimeout);
    } catch (KafkaException e) {
      throw new QaSinkException("Kafka producer for " + target + " did not close: " + e, e);
    }
  }
}
