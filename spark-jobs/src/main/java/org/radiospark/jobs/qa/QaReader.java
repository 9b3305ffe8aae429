package org.radiospark.jobs.qa;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Reads QA messages back: a JSON-lines file, or a Kafka topic from its beginning.
 *
 * <p>The topic is read with partitions assigned directly (no consumer group: nothing is committed,
 * every reader sees the whole topic, and there is no group rebalance to wait for).
 */
public final class QaReader {
  private QaReader() {}

  /**
   * Passes every non-blank line of a JSON-lines file to {@code onLine}.
   *
   * @return lines passed
   * @throws InvalidInputException if the file cannot be read
   */
  public static long readJsonl(Path file, Consumer<String> onLine) {
    long n = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          onLine.accept(line);
          n++;
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException(
          file.toString(), "file", "a readable JSON-lines file (" + e + ")", e);
    }
    return n;
  }

  /**
   * Reads {@code topic} from the beginning of every partition, passing each record's value to
   * {@code onValue}, until {@code enough} says so or, when {@code enough} is null, until the end
   * offsets are reached; in any case no longer than {@code timeout}.
   *
   * @return records read
   * @throws QaSink.QaSinkException if the topic's partitions cannot be found within the timeout
   *     (broker unreachable, no such topic)
   */
  public static long readTopic(
      KafkaTopicUri topic, Duration timeout, BooleanSupplier enough, Consumer<String> onValue) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long n = 0;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(topic))) {
      List<TopicPartition> parts = partitions(consumer, topic, deadline);
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() != null) {
            onValue.accept(r.value());
            n++;
          }
        }
        if (enough != null ? enough.getAsBoolean() : atEnd(consumer, parts)) {
          break;
        }
      }
    } catch (KafkaException e) {
      throw new QaSink.QaSinkException("cannot read " + topic + ": " + e.getMessage(), e);
    }
    return n;
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<String, String> consumer, KafkaTopicUri topic, long deadline) {
    String last = "no answer";
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new QaSink.QaSinkException(
            "no partitions of " + topic + " within the timeout (" + last + ")", null);
      }
      try {
        List<PartitionInfo> info =
            consumer.partitionsFor(topic.topic(), Duration.ofNanos(Math.min(left, 2_000_000_000L)));
        if (info != null && !info.isEmpty()) {
          List<TopicPartition> parts = new ArrayList<>();
          for (PartitionInfo p : info) {
            parts.add(new TopicPartition(p.topic(), p.partition()));
          }
          return parts;
        }
        last = "topic does not exist";
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        last = "broker not reachable";
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QaSink.QaSinkException("interrupted while looking up " + topic, e);
      }
    }
  }

  private static boolean atEnd(KafkaConsumer<String, String> consumer, List<TopicPartition> parts) {
    Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(5));
    for (TopicPartition p : parts) {
      if (consumer.position(p, Duration.ofSeconds(5)) < end.get(p)) {
        return false;
      }
    }
    return true;
  }

  static Properties consumerConfig(KafkaTopicUri topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, topic.bootstrapServers());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "radiospark-qa-aggregate");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Reading must not create the topic it looks for.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return p;
  }
}
