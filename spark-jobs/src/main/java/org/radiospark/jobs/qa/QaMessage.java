package org.radiospark.jobs.qa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One quality-assessment message: a flat JSON object with the fields {@code id} (unique: run id and
 * sequence number, stamped by {@link IdentifiedQaSink}; absent on a message not yet published),
 * {@code run}, {@code pipeline}, {@code kind} ({@code "channel"} or {@code "stage"}), {@code
 * stage}, {@code channel} (channel messages only), {@code time} (ISO-8601 UTC) and the metrics
 * (numbers, strings or booleans; non-finite numbers are written as null so every line stays valid
 * JSON). Immutable.
 */
public final class QaMessage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Object> fields;

  private QaMessage(Map<String, Object> fields) {
    this.fields = Collections.unmodifiableMap(fields);
  }

  /** A per-channel message of {@code stage}. */
  public static QaMessage channel(
      String pipeline, String stage, int channel, Map<String, ?> metrics) {
    Map<String, Object> f = head(pipeline, "channel", stage);
    f.put("channel", channel);
    return new QaMessage(withMetrics(f, metrics));
  }

  /** A per-stage message (one when the stage has finished). */
  public static QaMessage stage(String pipeline, String stage, Map<String, ?> metrics) {
    return new QaMessage(withMetrics(head(pipeline, "stage", stage), metrics));
  }

  private static Map<String, Object> head(String pipeline, String kind, String stage) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("pipeline", Objects.requireNonNull(pipeline, "pipeline"));
    f.put("kind", kind);
    f.put("stage", Objects.requireNonNull(stage, "stage"));
    f.put("time", Instant.now().toString());
    return f;
  }

  private static Map<String, Object> withMetrics(Map<String, Object> f, Map<String, ?> metrics) {
    for (Map.Entry<String, ?> e : metrics.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Double d && !Double.isFinite(d)
          || v instanceof Float x && !Float.isFinite(x)) {
        v = null;
      }
      f.put(e.getKey(), v);
    }
    return f;
  }

  /**
   * This message with {@code id = run + "-" + sequence} and {@code run} as its first fields (an id
   * already present is kept: re-publishing a message keeps its identity).
   */
  public QaMessage withId(String run, long sequence) {
    if (fields.containsKey("id")) {
      return this;
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", Objects.requireNonNull(run, "run") + "-" + sequence);
    f.put("run", run);
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      if (!e.getKey().equals("run")) {
        f.put(e.getKey(), e.getValue());
      }
    }
    return new QaMessage(f);
  }

  /** The unique id ({@code RUN-SEQUENCE}), or null before {@link #withId}. */
  public String id() {
    Object id = fields.get("id");
    return id == null ? null : id.toString();
  }

  /** The run id, or null before {@link #withId}. */
  public String run() {
    Object run = fields.get("run");
    return run == null ? null : run.toString();
  }

  /** The fields in insertion order (unmodifiable). */
  public Map<String, Object> fields() {
    return fields;
  }

  /** The message as one line of JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("QA message not serialisable: " + fields, e);
    }
  }

  @Override
  public String toString() {
    return toJson();
  }
}
