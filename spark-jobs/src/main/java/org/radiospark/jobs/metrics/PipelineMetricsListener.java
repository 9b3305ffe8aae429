package org.radiospark.jobs.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Collects Spark task metrics per pipeline stage and major loop: tasks, records, shuffle read and
 * write bytes, spill, task, CPU, deserialisation and GC time. A pipeline labels its work with
 * {@link #during(SparkContext, int, String, Supplier)}, which sets the local properties {@value
 * #LOOP} and {@value #LABEL} that Spark attaches to every stage submitted from that thread; work
 * outside any label is filed under loop -1, label "unlabelled".
 *
 * <p>Register with {@code sc.addSparkListener(listener)} (or {@link #register}); read the figures
 * once the jobs have finished ({@link #snapshot()}, {@link #toJson()}, {@link #summary()}).
 */
public final class PipelineMetricsListener extends SparkListener implements AutoCloseable {
  /** Local property naming the major loop. */
  public static final String LOOP = "radiospark.loop";

  /** Local property naming the pipeline stage. */
  public static final String LABEL = "radiospark.stage";

  /** Local property naming the run a listener counts (several runs may share a context). */
  public static final String RUN = "radiospark.run";

  private final Map<Integer, StageMetrics> byStage = new ConcurrentHashMap<>();
  private final Map<String, StageMetrics> byLabel = new ConcurrentHashMap<>();

  private final String runId;
  private SparkContext context;

  /** A listener that counts every stage (register it with {@code sc.addSparkListener}). */
  public PipelineMetricsListener() {
    this(null);
  }

  private PipelineMetricsListener(String runId) {
    this.runId = runId;
  }

  /**
   * A listener registered on {@code sc} that counts only the stages submitted from the calling
   * thread from now on (it tags them with a run id), so that runs sharing a context (tests,
   * notebooks) keep separate figures. {@link #close()} it when the run is over.
   */
  public static PipelineMetricsListener register(SparkContext sc) {
    PipelineMetricsListener l = new PipelineMetricsListener(java.util.UUID.randomUUID().toString());
    l.context = sc;
    sc.setLocalProperty(RUN, l.runId);
    sc.addSparkListener(l);
    return l;
  }

  /**
   * Waits until Spark has delivered every event of the finished jobs to the listeners, then
   * unregisters this listener and clears the run tag. The figures stay readable.
   */
  @Override
  public void close() {
    if (context == null) {
      return;
    }
    try {
      context.listenerBus().waitUntilEmpty(60_000);
    } catch (java.util.concurrent.TimeoutException e) {
      // figures of the last tasks may be missing; the run itself is unaffected
    }
    context.removeSparkListener(this);
    context.setLocalProperty(RUN, null);
    context = null;
  }

  /**
   * Runs {@code work} with its Spark stages labelled {@code (loop, label)}; restores the previous
   * labels afterwards.
   */
  public static <T> T during(SparkContext sc, int loop, String label, Supplier<T> work) {
    String oldLoop = sc.getLocalProperty(LOOP);
    String oldLabel = sc.getLocalProperty(LABEL);
    sc.setLocalProperty(LOOP, Integer.toString(loop));
    sc.setLocalProperty(LABEL, label);
    try {
      return work.get();
    } finally {
      sc.setLocalProperty(LOOP, oldLoop);
      sc.setLocalProperty(LABEL, oldLabel);
    }
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    Properties p = event.properties();
    if (runId != null && (p == null || !runId.equals(p.getProperty(RUN)))) {
      return; // another run's stage
    }
    int loop = -1;
    String label = "unlabelled";
    if (p != null) {
      String l = p.getProperty(LOOP);
      if (l != null) {
        loop = Integer.parseInt(l);
      }
      label = p.getProperty(LABEL, label);
    }
    int loopFinal = loop;
    String labelFinal = label;
    StageMetrics m =
        byLabel.computeIfAbsent(
            loopFinal + "\u0000" + labelFinal, k -> new StageMetrics(loopFinal, labelFinal));
    synchronized (m) {
      m.stages++;
    }
    byStage.put(event.stageInfo().stageId(), m);
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    StageMetrics m = byStage.get(event.stageId());
    if (m == null && runId != null) {
      return;
    }
    if (m == null) {
      m = byLabel.computeIfAbsent("-1\u0000unlabelled", k -> new StageMetrics(-1, "unlabelled"));
    }
    TaskMetrics t = event.taskMetrics();
    synchronized (m) {
      m.tasks++;
      if (!event.taskInfo().successful()) {
        m.failedTasks++;
      }
      if (t == null) {
        return;
      }
      m.recordsRead += t.inputMetrics().recordsRead();
      m.inputBytes += t.inputMetrics().bytesRead();
      m.recordsWritten += t.outputMetrics().recordsWritten();
      m.shuffleReadBytes += t.shuffleReadMetrics().totalBytesRead();
      m.shuffleReadRecords += t.shuffleReadMetrics().recordsRead();
      m.shuffleWriteBytes += t.shuffleWriteMetrics().bytesWritten();
      m.shuffleWriteRecords += t.shuffleWriteMetrics().recordsWritten();
      m.memorySpilledBytes += t.memoryBytesSpilled();
      m.diskSpilledBytes += t.diskBytesSpilled();
      m.executorRunTimeMs += t.executorRunTime();
      m.executorCpuTimeNs += t.executorCpuTime();
      m.deserializeTimeMs += t.executorDeserializeTime();
      m.gcTimeMs += t.jvmGCTime();
      m.resultBytes += t.resultSize();
    }
  }

  /** Every (loop, label) seen, ordered by loop then label. */
  public List<StageMetrics> snapshot() {
    List<StageMetrics> out = new ArrayList<>(byLabel.values());
    out.sort(Comparator.comparingInt(StageMetrics::loop).thenComparing(StageMetrics::label));
    return out;
  }

  /** The metrics of one (loop, label), or null. */
  public StageMetrics get(int loop, String label) {
    return byLabel.get(loop + "\u0000" + label);
  }

  /** The figures as pretty-printed JSON: {@code {"stages": [{"loop": .., "label": .., ...}]}}. */
  public String toJson() {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ArrayNode arr = root.putArray("stages");
    for (StageMetrics m : snapshot()) {
      synchronized (m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("loop", m.loop);
        row.put("label", m.label);
        row.put("sparkStages", m.stages);
        row.put("tasks", m.tasks);
        row.put("failedTasks", m.failedTasks);
        row.put("recordsRead", m.recordsRead);
        row.put("inputBytes", m.inputBytes);
        row.put("recordsWritten", m.recordsWritten);
        row.put("shuffleReadBytes", m.shuffleReadBytes);
        row.put("shuffleReadRecords", m.shuffleReadRecords);
        row.put("shuffleWriteBytes", m.shuffleWriteBytes);
        row.put("shuffleWriteRecords", m.shuffleWriteRecords);
        row.put("memorySpilledBytes", m.memorySpilledBytes);
        row.put("diskSpilledBytes", m.diskSpilledBytes);
        row.put("taskTimeMs", m.executorRunTimeMs);
        row.put("taskCpuTimeMs", m.executorCpuTimeNs / 1_000_000);
        row.put("deserializeTimeMs", m.deserializeTimeMs);
        row.put("gcTimeMs", m.gcTimeMs);
        row.put("resultBytes", m.resultBytes);
        arr.add(mapper.valueToTree(row));
      }
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A one-screen table: a line per (loop, label). */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%5s %-16s %6s %10s %11s %11s %9s %9s %7s%n",
            "loop",
            "stage",
            "tasks",
            "records",
            "shuffle-rd",
            "shuffle-wr",
            "spill",
            "task-s",
            "gc-s"));
    for (StageMetrics m : snapshot()) {
      b.append(
          String.format(
              Locale.ROOT,
              "%5d %-16s %6d %10d %11s %11s %9s %9.1f %7.1f%n",
              m.loop,
              m.label,
              m.tasks,
              m.recordsRead + m.shuffleReadRecords,
              bytes(m.shuffleReadBytes),
              bytes(m.shuffleWriteBytes),
              bytes(m.memorySpilledBytes + m.diskSpilledBytes),
              m.executorRunTimeMs / 1000.0,
              m.gcTimeMs / 1000.0));
    }
    return b.toString();
  }

  private static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
