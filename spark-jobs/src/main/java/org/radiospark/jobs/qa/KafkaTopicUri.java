package org.radiospark.jobs.qa;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.radiospark.jobs.cli.RadioSparkCli.BadOptionException;

/**
 * A Kafka topic named by {@code kafka://HOST:PORT/TOPIC} (one bootstrap broker; the client finds
 * the others). Topic names follow Kafka's rule: 1 to 249 characters of {@code [a-zA-Z0-9._-]}.
 *
 * @param host broker host name or address
 * @param port broker port, 1 to 65535
 * @param topic topic name
 */
public record KafkaTopicUri(String host, int port, String topic) {
  /** The URI scheme prefix. */
  public static final String SCHEME = "kafka://";

  private static final Pattern URI =
      Pattern.compile(
          "kafka://(\\[[0-9a-fA-F:.]+\\]|[^:/\\[\\]]+):(\\d{1,5})/([a-zA-Z0-9._-]{1,249})");

  /** Validates. */
  public KafkaTopicUri {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("Kafka host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("Kafka port must be 1 to 65535, not " + port);
    }
    if (topic == null || !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
      throw new IllegalArgumentException("bad Kafka topic name: '" + topic + "'");
    }
  }

  /**
   * Parses {@code kafka://HOST:PORT/TOPIC}.
   *
   * @throws BadOptionException naming what is wrong (exit status 2)
   */
  public static KafkaTopicUri parse(String uri) {
    Matcher m = URI.matcher(uri == null ? "" : uri);
    if (!m.matches()) {
      throw new BadOptionException(
          "--qa: a Kafka URI is kafka://HOST:PORT/TOPIC (topic of letters, digits, '.', '_',"
              + " '-'), not '"
              + uri
              + "'");
    }
    int port = Integer.parseInt(m.group(2));
    if (port < 1 || port > 65535) {
      throw new BadOptionException("--qa: Kafka port must be 1 to 65535 in '" + uri + "'");
    }
    return new KafkaTopicUri(m.group(1), port, m.group(3));
  }

  /** Whether {@code uri} uses the {@code kafka://} scheme (it may still be malformed). */
  public static boolean isKafka(String uri) {
    return uri != null && uri.startsWith(SCHEME);
  }

  /** {@code HOST:PORT} for the client's {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return host + ":" + port;
  }

  @Override
  public String toString() {
    return SCHEME + bootstrapServers() + "/" + topic;
  }
}
