package org.radiospark.jobs.progress;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;

/**
 * Pipeline-level progress lines: the stage a pipeline is in, {@code i/N} of the units of the
 * current stage (major loop, snapshot, channel group, spatial tile, pointing batch, DM range), the
 * wall time since the pipeline started and an estimate of the time the stage still needs.
 *
 * <p>Lines go to standard error, one {@code println} each, time-stamped like the log ({@code
 * HH:mm:ss}); standard output stays for results. Spark's console progress bar ({@code
 * spark.ui.showConsoleProgress}, on in every RadioSpark session) also writes to standard error: it
 * prints {@code "\r[Stage 3:=> (5 + 2) / 8]\r"}, leaving the cursor at the start of its line, and
 * redraws only when the bar changes. When the bar is enabled each line therefore starts by blanking
 * that line ({@code \r}, as many blanks as the bar's width, {@code \r}; the width is {@code
 * $COLUMNS} or 80, as Spark's), so a short line never ends in the tail of a bar. Each line is one
 * call on the shared {@code System.err} stream, which the bar also uses, so the two never cut into
 * each other.
 *
 * <p>ETA: after {@code k} of {@code N} units of a stage, {@code (t_k - t_0) (N - k) / k}, where
 * {@code t_0} is when the stage's counting began and {@code t_k} when its {@code k}-th unit
 * completed: the mean throughput of the completed units, which assumes that the remaining units
 * cost as much and run with the same parallelism. With P tasks running at once the estimates made
 * while the first wave finishes are about P times too long; they improve as units complete.
 *
 * <p>Units completed inside Spark tasks are counted on the driver ({@link #tasks}); units the
 * driver itself completes (ICAL's major loops) are counted with {@link #units}. Not thread-safe for
 * concurrent stages; a counter is.
 */
public final class Progress {
  /** Local property that tags the Spark stages whose tasks a {@link #tasks} call counts. */
  public static final String TAG = "radiospark.progress";

  /** Default least time between two lines of a stage counted from Spark tasks. */
  public static final long TASK_LINE_INTERVAL_MS = 5_000;

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final String pipeline;
  private final LongSupplier clockMs;
  private final Consumer<ProgressLine> sink;
  private final long taskLineIntervalMs;
  private final long startMs;

  /**
   * A reporter writing to {@code sink}.
   *
   * @param pipeline name at the start of every line
   * @param clockMs wall clock, ms since the epoch (task completion times are compared with it)
   * @param sink receives every line
   * @param taskLineIntervalMs least time between two lines of a task-counted stage (its first and
   *     last unit always print); 0 prints every unit
   */
  public Progress(
      String pipeline, LongSupplier clockMs, Consumer<ProgressLine> sink, long taskLineIntervalMs) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
    this.sink = Objects.requireNonNull(sink, "sink");
    if (taskLineIntervalMs < 0) {
      throw new IllegalArgumentException("taskLineIntervalMs < 0: " + taskLineIntervalMs);
    }
    this.taskLineIntervalMs = taskLineIntervalMs;
    this.startMs = clockMs.getAsLong();
  }

  /**
   * The reporter of a pipeline run on the console: lines to {@code System.err}, the bar's line
   * blanked first whenever the default Spark session (made by the job once it has read its input)
   * shows Spark's console progress bar.
   */
  public static Progress start(String pipeline) {
    return new Progress(
        pipeline,
        System::currentTimeMillis,
        line -> print(System.err, line),
        TASK_LINE_INTERVAL_MS);
  }

  /** A reporter that prints nothing (a pipeline run inside another's task). */
  public static Progress silent(String pipeline) {
    return new Progress(pipeline, System::currentTimeMillis, line -> {}, TASK_LINE_INTERVAL_MS);
  }

  private static void print(PrintStream err, ProgressLine line) {
    String blank = consoleBarEnabled() ? blankLine(terminalWidth(System.getenv("COLUMNS"))) : "";
    err.print(blank + LocalTime.now().format(CLOCK) + " " + line.text() + System.lineSeparator());
    err.flush();
  }

  /** Whether the default Spark session is running with {@code spark.ui.showConsoleProgress}. */
  static boolean consoleBarEnabled() {
    scala.Option<SparkSession> s = SparkSession.getDefaultSession();
    if (s.isEmpty() || s.get().sparkContext().isStopped()) {
      return false;
    }
    return s.get().sparkContext().getConf().getBoolean("spark.ui.showConsoleProgress", false);
  }

  /** Spark's console width: {@code $COLUMNS}, else 80. */
  static int terminalWidth(String columns) {
    try {
      int w = columns == null ? 80 : Integer.parseInt(columns.trim());
      return w > 0 ? w : 80;
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  /** Carriage return, {@code width} blanks, carriage return: an empty console line. */
  static String blankLine(int width) {
    return "\r" + " ".repeat(width) + "\r";
  }

  /** The pipeline name. */
  public String pipeline() {
    return pipeline;
  }

  /** Wall time since this reporter was made, seconds. */
  public double elapsedSeconds() {
    return (clockMs.getAsLong() - startMs) * 1e-3;
  }

  /** Prints that the pipeline entered {@code stage} (e.g. {@code "read"}, {@code "write"}). */
  public void stage(String stage) {
    double e = elapsedSeconds();
    sink.accept(
        new ProgressLine(
            pipeline, pipeline + ": " + stage + "; elapsed " + duration(e), -1, -1, e, Double.NaN));
  }

  /**
   * A counter for {@code total} units the driver completes itself, one line per unit.
   *
   * @param stage stage name, e.g. {@code "major loops"}
   * @param unit unit name, e.g. {@code "major loop"}
   */
  public Counter units(String stage, String unit, int total) {
    return new Counter(stage, unit, total, 0);
  }

  /** A counter for units completed in Spark tasks: lines throttled to the task line interval. */
  Counter taskCounter(String stage, String unit, int total) {
    return new Counter(stage, unit, total, taskLineIntervalMs);
  }

  /**
   * Runs {@code action} (a Spark action) and counts, as units of {@code stage}, the tasks of the
   * Spark stage that computes {@code watched} among the stages {@code action} submits: one unit per
   * partition of {@code watched}, counted once when its first successful task ends (a retried or
   * speculative copy is not counted twice). Lines are at least {@value #TASK_LINE_INTERVAL_MS} ms
   * apart (set in the constructor) except the first and the last; the last says 100% once the
   * action has returned, also when Spark skipped the stage because its output was cached.
   *
   * <p>Counting happens on the driver in a {@link TaskCounter} listener registered for the call
   * only; the stages are told apart by the local property {@value #TAG}, so other threads' jobs on
   * the same context are not counted.
   *
   * @param watched the RDD whose partitions are the units
   * @return what {@code action} returned
   */
  public <T> T tasks(String stage, String unit, RDD<?> watched, Supplier<T> action) {
    Counter counter = taskCounter(stage, unit, watched.getNumPartitions());
    SparkContext sc = watched.context();
    String tag = UUID.randomUUID().toString();
    TaskCounter listener = new TaskCounter(tag, watched.id(), counter);
    String previous = sc.getLocalProperty(TAG);
    sc.setLocalProperty(TAG, tag);
    sc.addSparkListener(listener);
    boolean ok = false;
    try {
      T result = action.get();
      ok = true;
      return result;
    } finally {
      sc.setLocalProperty(TAG, previous);
      try {
        // task-end events reach listeners asynchronously: deliver them before the final line
        sc.listenerBus().waitUntilEmpty(30_000);
      } catch (TimeoutException e) {
        // a late event is dropped; the final line below still says 100%
      }
      sc.removeSparkListener(listener);
      if (ok) {
        counter.finish();
      }
    }
  }

  /** {@code 1h02m03s}, {@code 4m05s} or {@code 6s}: seconds rounded to the nearest. */
  public static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    long s = Math.round(Math.max(0, seconds));
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
    }
    return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }

  /**
   * Counts the completed units of one stage and prints a line per unit (or, for units counted from
   * Spark tasks, at most one per interval). Counts only grow; completing more than {@code total}
   * units is an error.
   */
  public final class Counter {
    private final String stage;
    private final String unit;
    private final int total;
    private final long intervalMs;
    private final long stageStartMs;
    private int completed;
    private long lastLineMs;
    private boolean finalLinePrinted;

    private Counter(String stage, String unit, int total, long intervalMs) {
      if (total < 1) {
        throw new IllegalArgumentException(stage + ": total units must be >= 1: " + total);
      }
      this.stage = stage;
      this.unit = unit;
      this.total = total;
      this.intervalMs = intervalMs;
      this.stageStartMs = clockMs.getAsLong();
      this.lastLineMs = stageStartMs;
    }

    /** Units completed so far. */
    public synchronized int completed() {
      return completed;
    }

    /** Units of the stage. */
    public int total() {
      return total;
    }

    /** One more unit completed now; prints {@code "PIPELINE: STAGE, UNIT k/N (p%); ..."}. */
    public void done() {
      doneAt(clockMs.getAsLong(), null, null);
    }

    /**
     * One more unit completed now, printed as {@code "PIPELINE: WHAT: DETAIL; elapsed E, ETA T"}
     * (ICAL names its loops itself: {@code "major loop 3/12 (self-cal)"}, {@code "final residual
     * pass"}).
     *
     * @param detail may be empty
     */
    public void done(String what, String detail) {
      doneAt(clockMs.getAsLong(), Objects.requireNonNull(what), detail);
    }

    /** One more unit completed at {@code atMs} (a task's finish time). */
    synchronized void doneAt(long atMs, String what, String detail) {
      if (completed == total) {
        throw new IllegalStateException(stage + ": all " + total + " units were already done");
      }
      completed++;
      boolean last = completed == total;
      if (what != null || last || completed == 1 || atMs - lastLineMs >= intervalMs) {
        emit(atMs, what, detail);
      }
    }

    /** Marks every unit done (their tasks were skipped); prints the final line if not yet. */
    synchronized void finish() {
      if (completed < total) {
        completed = total;
        emit(clockMs.getAsLong(), null, null);
      } else if (!finalLinePrinted) {
        emit(clockMs.getAsLong(), null, null);
      }
    }

    /**
     * The ETA after {@code completed} units at {@code atMs}: the mean rate of the completed units
     * applied to the rest (see the class comment); 0 when all are done.
     */
    synchronized double etaSeconds(long atMs) {
      if (completed == 0) {
        return Double.NaN;
      }
      return (atMs - stageStartMs) * 1e-3 * (total - completed) / completed;
    }

    private void emit(long atMs, String what, String detail) {
      double elapsed = (atMs - startMs) * 1e-3;
      double eta = etaSeconds(atMs);
      boolean last = completed == total;
      StringBuilder b = new StringBuilder(pipeline).append(": ");
      if (what != null) {
        b.append(what);
        if (detail != null && !detail.isEmpty()) {
          b.append(": ").append(detail);
        }
      } else {
        b.append(stage)
            .append(", ")
            .append(unit)
            .append(' ')
            .append(completed)
            .append('/')
            .append(total)
            .append(" (")
            .append(100L * completed / total)
            .append("%)");
      }
      b.append("; elapsed ").append(duration(elapsed));
      if (last) {
        b.append(", ").append(stage).append(" took ");
        b.append(duration((atMs - stageStartMs) * 1e-3));
      } else {
        b.append(", ETA ").append(duration(eta));
      }
      lastLineMs = atMs;
      finalLinePrinted = last;
      sink.accept(new ProgressLine(pipeline, b.toString(), completed, total, elapsed, eta));
    }
  }
}
