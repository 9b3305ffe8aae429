package org.radiospark.jobs.qa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Aggregates QA messages ({@link QaMessage} JSON) from any number of sources: removes duplicates by
 * {@code id}, groups by run and stage, and summarises every numeric metric of the channel messages
 * (count, min, mean, max: rms, clean iterations, major cycles, seconds...) and the fields of the
 * stage messages.
 *
 * <p>Alert rule (rms jump): within a run and stage, in channel order, a channel whose metric named
 * {@code rms*} exceeds {@code jumpFactor} (3 by default) times the median of that metric over all
 * previous channels raises an alert. The median of all previous channels (not a window) keeps one
 * bad channel from hiding the next; the rule starts at the second channel; null (non-finite) values
 * are skipped. Cost: O(n^2 log n) per metric for n channels, fine for thousands of channels.
 *
 * <p>Messages without an id (written before ids existed) are all kept. Not thread-safe.
 */
public final class QaAggregator {
  /** Default factor of the rms-jump rule. */
  public static final double DEFAULT_JUMP_FACTOR = 3;

  private final double jumpFactor;
  private final Set<String> ids = new HashSet<>();
  private final Map<String, List<JsonNode>> byRun = new LinkedHashMap<>();
  private final List<JsonNode> kept = new ArrayList<>();
  private long received;
  private long duplicates;

  /**
   * @param jumpFactor an rms above this times the running median raises an alert; > 1
   */
  public QaAggregator(double jumpFactor) {
    if (!(jumpFactor > 1) || !Double.isFinite(jumpFactor)) {
      throw new IllegalArgumentException("jump factor must be finite and > 1, not " + jumpFactor);
    }
    this.jumpFactor = jumpFactor;
  }

  /** With the default factor 3. */
  public QaAggregator() {
    this(DEFAULT_JUMP_FACTOR);
  }

  /**
   * Adds one message.
   *
   * @return false if a message with the same id was added before (the duplicate is dropped)
   * @throws IllegalArgumentException if {@code message} is not a JSON object
   */
  public boolean add(JsonNode message) {
    if (message == null || !message.isObject()) {
      throw new IllegalArgumentException("a QA message is a JSON object, not " + message);
    }
    received++;
    JsonNode id = message.get("id");
    if (id != null && !id.isNull() && !ids.add(id.asText())) {
      duplicates++;
      return false;
    }
    String run = text(message, "run", "(no run id)");
    byRun.computeIfAbsent(run, r -> new ArrayList<>()).add(message);
    kept.add(message);
    return true;
  }

  /** The distinct messages kept, in the order they were added (unmodifiable). */
  public List<JsonNode> messages() {
    return java.util.Collections.unmodifiableList(kept);
  }

  /** Messages offered to {@link #add}, duplicates included. */
  public long received() {
    return received;
  }

  /** Distinct messages kept. */
  public long unique() {
    return received - duplicates;
  }

  /** Messages dropped as duplicates (same id seen before). */
  public long duplicates() {
    return duplicates;
  }

  /** Count, min, mean and max of the finite values of one metric. */
  public record Stat(long n, double min, double mean, double max) {}

  /**
   * One stage of one run.
   *
   * @param channelMessages per-channel messages of the stage
   * @param stageMessages stage messages (normally one)
   * @param channelMetrics statistics of every numeric field of the channel messages, by name
   * @param stageFields the fields of the last stage message (without id, run, time...)
   */
  public record StageSummary(
      String stage,
      long channelMessages,
      long stageMessages,
      Map<String, Stat> channelMetrics,
      Map<String, Object> stageFields) {}

  /** An rms jump: {@code value > factor x runningMedian}. */
  public record Alert(
      String run, String stage, int channel, String metric, double value, double runningMedian) {
    /** value / running median. */
    public double ratio() {
      return value / runningMedian;
    }
  }

  /** One run: its stages in order of first appearance and its alerts. */
  public record RunSummary(
      String run, String pipeline, long messages, List<StageSummary> stages, List<Alert> alerts) {}

  /** The summaries of all runs, in order of first appearance. */
  public List<RunSummary> summarise() {
    List<RunSummary> out = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> e : byRun.entrySet()) {
      out.add(summariseRun(e.getKey(), e.getValue()));
    }
    return out;
  }

  private RunSummary summariseRun(String run, List<JsonNode> messages) {
    Map<String, List<JsonNode>> channels = new LinkedHashMap<>();
    Map<String, List<JsonNode>> stages = new LinkedHashMap<>();
    String pipeline = null;
    for (JsonNode m : messages) {
      pipeline = pipeline == null ? text(m, "pipeline", null) : pipeline;
      String stage = text(m, "stage", "(no stage)");
      channels.computeIfAbsent(stage, s -> new ArrayList<>());
      stages.computeIfAbsent(stage, s -> new ArrayList<>());
      if ("channel".equals(text(m, "kind", ""))) {
        channels.get(stage).add(m);
      } else {
        stages.get(stage).add(m);
      }
    }
    List<StageSummary> summaries = new ArrayList<>();
    List<Alert> alerts = new ArrayList<>();
    for (String stage : channels.keySet()) {
      List<JsonNode> ch = new ArrayList<>(channels.get(stage));
      ch.sort((a, b) -> Integer.compare(a.path("channel").asInt(), b.path("channel").asInt()));
      Map<String, List<Double>> values = new TreeMap<>();
      for (JsonNode m : ch) {
        m.fields()
            .forEachRemaining(
                f -> {
                  if (f.getValue().isNumber() && !f.getKey().equals("channel")) {
                    values.computeIfAbsent(f.getKey(), k -> new ArrayList<>());
                  }
                });
      }
      Map<String, Stat> stats = new LinkedHashMap<>();
      for (String metric : values.keySet()) {
        double[] v = new double[ch.size()];
        int[] channel = new int[ch.size()];
        for (int i = 0; i < v.length; i++) {
          JsonNode x = ch.get(i).get(metric);
          v[i] = x != null && x.isNumber() ? x.asDouble() : Double.NaN;
          channel[i] = ch.get(i).path("channel").asInt();
        }
        stats.put(metric, stat(v));
        if (metric.startsWith("rms")) {
          alerts.addAll(jumps(run, stage, metric, channel, v));
        }
      }
      List<JsonNode> st = stages.get(stage);
      Map<String, Object> fields = new LinkedHashMap<>();
      if (!st.isEmpty()) {
        st.get(st.size() - 1)
            .fields()
            .forEachRemaining(
                f -> {
                  if (!Set.of("id", "run", "pipeline", "kind", "stage", "time")
                      .contains(f.getKey())) {
                    JsonNode v = f.getValue();
                    fields.put(
                        f.getKey(),
                        v.isIntegralNumber()
                            ? (Object) v.asLong()
                            : v.isNumber() ? (Object) v.asDouble() : v.asText());
                  }
                });
      }
      summaries.add(new StageSummary(stage, ch.size(), st.size(), stats, fields));
    }
    return new RunSummary(run, pipeline, messages.size(), summaries, alerts);
  }

  private static Stat stat(double[] v) {
    long n = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        n++;
        min = Math.min(min, x);
        max = Math.max(max, x);
        sum += x;
      }
    }
    return n == 0
        ? new Stat(0, Double.NaN, Double.NaN, Double.NaN)
        : new Stat(n, min, sum / n, max);
  }

  /** The rms-jump rule over values in channel order. */
  List<Alert> jumps(String run, String stage, String metric, int[] channel, double[] v) {
    List<Alert> out = new ArrayList<>();
    double[] previous = new double[v.length];
    int n = 0;
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        continue;
      }
      if (n > 0) {
        double median = median(previous, n);
        if (v[i] > jumpFactor * median) {
          out.add(new Alert(run, stage, channel[i], metric, v[i], median));
        }
      }
      previous[n++] = v[i];
    }
    return out;
  }

  private static double median(double[] v, int n) {
    double[] s = Arrays.copyOf(v, n);
    Arrays.sort(s);
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }

  private static String fieldsText(Map<String, Object> fields) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      Object v = e.getValue();
      sb.append(sb.length() == 0 ? "" : " ").append(e.getKey()).append('=');
      sb.append(v instanceof Double d ? String.format(Locale.ROOT, "%.5g", d) : String.valueOf(v));
    }
    return sb.toString();
  }

  private static String text(JsonNode m, String field, String otherwise) {
    JsonNode v = m.get(field);
    return v == null || v.isNull() ? otherwise : v.asText();
  }

  /** The summary as JSON: counts, the rule, and per run its stages and alerts. */
  public ObjectNode toJson(ObjectMapper json) {
    ObjectNode root = json.createObjectNode();
    root.put("received", received);
    root.put("unique", unique());
    root.put("duplicates", duplicates);
    root.put(
        "alertRule",
        String.format(
            Locale.ROOT,
            "rms* > %s x median of the same metric over the previous channels of the stage",
            jumpFactor));
    ArrayNode runs = root.putArray("runs");
    for (RunSummary r : summarise()) {
      ObjectNode rn = runs.addObject();
      rn.put("run", r.run());
      rn.put("pipeline", r.pipeline());
      rn.put("messages", r.messages());
      ArrayNode stages = rn.putArray("stages");
      for (StageSummary s : r.stages()) {
        ObjectNode sn = stages.addObject();
        sn.put("stage", s.stage());
        sn.put("channelMessages", s.channelMessages());
        sn.put("stageMessages", s.stageMessages());
        ObjectNode metrics = sn.putObject("channelMetrics");
        for (Map.Entry<String, Stat> e : s.channelMetrics().entrySet()) {
          ObjectNode st = metrics.putObject(e.getKey());
          st.put("n", e.getValue().n());
          putNumber(st, "min", e.getValue().min());
          putNumber(st, "mean", e.getValue().mean());
          putNumber(st, "max", e.getValue().max());
        }
        sn.set("stageFields", json.valueToTree(s.stageFields()));
      }
      ArrayNode alerts = rn.putArray("alerts");
      for (Alert a : r.alerts()) {
        ObjectNode an = alerts.addObject();
        an.put("stage", a.stage());
        an.put("channel", a.channel());
        an.put("metric", a.metric());
        an.put("value", a.value());
        an.put("runningMedian", a.runningMedian());
        an.put("ratio", a.ratio());
      }
    }
    return root;
  }

  private static void putNumber(ObjectNode n, String field, double v) {
    if (Double.isFinite(v)) {
      n.put(field, v);
    } else {
      n.putNull(field);
    }
  }

  /**
   * A plain-text table: per run and stage one line per channel metric and one with the stage
   * message's fields, then the alerts.
   */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "QA: %d message(s) received, %d unique, %d duplicate(s) dropped%n",
            received,
            unique(),
            duplicates));
    for (RunSummary r : summarise()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "run %s (%s): %d message(s), %d alert(s)%n",
              r.run(),
              r.pipeline(),
              r.messages(),
              r.alerts().size()));
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-10s %6s %6s  %-16s %12s %12s %12s%n",
              "stage",
              "chan",
              "stage",
              "metric",
              "min",
              "mean",
              "max"));
      for (StageSummary s : r.stages()) {
        if (s.channelMetrics().isEmpty()) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "  %-10s %6d %6d  %s%n",
                  s.stage(),
                  s.channelMessages(),
                  s.stageMessages(),
                  s.stageFields()));
        }
        for (Map.Entry<String, Stat> e : s.channelMetrics().entrySet()) {
          Stat st = e.getValue();
          sb.append(
              String.format(
                  Locale.ROOT,
                  "  %-10s %6d %6d  %-16s %12.5g %12.5g %12.5g%n",
                  s.stage(),
                  s.channelMessages(),
                  s.stageMessages(),
                  e.getKey(),
                  st.min(),
                  st.mean(),
                  st.max()));
        }
        if (s.stageMessages() > 0) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "  %-10s %6d %6d  %s%n",
                  s.stage(),
                  s.channelMessages(),
                  s.stageMessages(),
                  fieldsText(s.stageFields())));
        }
      }
      for (Alert a : r.alerts()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  ALERT %s channel %d: %s = %.5g is %.1f x the median %.5g of the previous"
                    + " channels%n",
                a.stage(),
                a.channel(),
                a.metric(),
                a.value(),
                a.ratio(),
                a.runningMedian()));
      }
    }
    return sb.toString();
  }
}
