package org.radiospark.jobs.spectral;

import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.network.util.JavaUtils;
import org.radiospark.jobs.cli.RadioSparkCli.BadOptionException;

/**
 * The memory one channel-imaging task needs, estimated before the job runs, against what a task
 * has, so that a channel that cannot fit fails at once with the setting to change instead of
 * failing (and being retried) inside Spark.
 *
 * <p><b>Formula</b> (bytes; {@code R} rows per channel, {@code P = nx ny} pixels, {@code K}
 * channels per task, four correlations):
 *
 * <pre>
 *   task = K (52 R + 16 P) + 168 R + 264 P
 * </pre>
 *
 * {@code 52 R} per channel held by the task: four complex float samples (32 B), float weights (16
 * B) and boolean flags (4 B) per row; {@code 16 P}: the four restored float images kept per channel
 * until the task ends. Working set of the channel being imaged: {@code 168 R} = its correlations
 * copied out of the group (52), the Stokes visibilities (52) and the predicted and residual samples
 * of a major cycle (2 x 32); {@code 264 P} = 17 double images (dirty, residual, model, restored of
 * four Stokes and the PSF: 136 P) plus the gridder's complex double grid padded by 2 per axis and
 * its FFT scratch (2 x 4 P x 16 B = 128 P). A task may use {@code (heap - 300 MiB) /
 * tasksPerExecutor}, Spark's reserved memory taken off the heap and the rest shared by the
 * executor's concurrent tasks; the heap is {@code spark.executor.memory} on a cluster and the JVM's
 * {@code Runtime.maxMemory()} on a local master (the driver's heap, {@code spark.driver.memory}),
 * or {@code --executor-memory-hint} when given.
 *
 * @param channelsPerTask K
 * @param perChannelBytes the part of the need that grows with K, {@code 52 R + 16 P}
 * @param fixedBytes the working set of the channel being imaged, {@code 168 R + 264 P}
 * @param perTaskBytes what one task may use
 * @param source where the heap size came from, for the message
 * @param tasksPerExecutor concurrent tasks sharing the heap
 */
public record MemoryEstimate(
    int channelsPerTask,
    long perChannelBytes,
    long fixedBytes,
    long perTaskBytes,
    String source,
    int tasksPerExecutor) {

  /** Spark's reserved system memory (300 MiB, {@code UnifiedMemoryManager}). */
  public static final long RESERVED_BYTES = 300L << 20;

  /** The formula of the class comment. */
  public static long estimateBytes(long rowsPerChannel, int nx, int ny, int channelsPerTask) {
    long p = (long) nx * ny;
    return channelsPerTask * (52 * rowsPerChannel + 16 * p) + 168 * rowsPerChannel + 264 * p;
  }

  /**
   * Estimates need and budget.
   *
   * @param conf the session's configuration
   * @param hintBytes {@code --executor-memory-hint} in bytes, or 0
   */
  public static MemoryEstimate of(
      SparkConf conf, long hintBytes, long rowsPerChannel, int nx, int ny, int channelsPerTask) {
    String master = conf.get("spark.master", "local[*]");
    boolean local = master.startsWith("local");
    long heap;
    String source;
    if (hintBytes > 0) {
      heap = hintBytes;
      source = "--executor-memory-hint";
    } else if (local) {
      heap = Runtime.getRuntime().maxMemory();
      source = "the local JVM heap (spark.driver.memory / -Xmx)";
    } else {
      heap = conf.getSizeAsMb("spark.executor.memory", "1g") << 20;
      source = "spark.executor.memory";
    }
    int taskCpus = Math.max(1, conf.getInt("spark.task.cpus", 1));
    int cores;
    if (local) {
      cores = Runtime.getRuntime().availableProcessors();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[(\\d+)").matcher(master);
      if (m.find()) {
        cores = Integer.parseInt(m.group(1));
      }
    } else {
      cores = conf.getInt("spark.executor.cores", 1);
    }
    int tasks = Math.max(1, cores / taskCpus);
    long perTask = Math.max(0, heap - RESERVED_BYTES) / tasks;
    long p = (long) nx * ny;
    return new MemoryEstimate(
        channelsPerTask,
        52 * rowsPerChannel + 16 * p,
        168 * rowsPerChannel + 264 * p,
        perTask,
        source,
        tasks);
  }

  /** Parses a Spark-style size ("512m", "4g"; a bare number is MiB, as spark.executor.memory). */
  public static long parseBytes(String size) {
    try {
      return JavaUtils.byteStringAsMb(size.trim()) << 20;
    } catch (RuntimeException e) {
      throw new BadOptionException(
          "--executor-memory-hint must be a size such as 512m or 4g, not '" + size + "'");
    }
  }

  /** Estimated need of one task, bytes. */
  public long taskBytes() {
    return channelsPerTask * perChannelBytes + fixedBytes;
  }

  /** Whether a task fits. */
  public boolean fits() {
    return taskBytes() <= perTaskBytes;
  }

  /**
   * @throws BadOptionException with the settings to change when a task does not fit
   */
  public void check() {
    if (fits()) {
      return;
    }
    long oneChannel = perChannelBytes + fixedBytes;
    String advice =
        oneChannel <= perTaskBytes
            ? String.format(
                Locale.ROOT,
                "lower --channels-per-task to %d or less, or raise spark.executor.memory",
                (perTaskBytes - fixedBytes) / perChannelBytes)
            : "even one channel (about "
                + mib(oneChannel)
                + " MiB) does not fit: raise spark.executor.memory (spark.driver.memory on a"
                + " local master), or use a smaller -size";
    throw new BadOptionException(
        String.format(
            Locale.ROOT,
            "spectral: a task of %d channel(s) needs about %d MiB but a task may use %d MiB"
                + " (from %s, %d concurrent task(s) per executor): %s",
            channelsPerTask,
            mib(taskBytes()),
            mib(perTaskBytes),
            source,
            tasksPerExecutor,
            advice));
  }

  private static long mib(long bytes) {
    return (bytes + (1L << 20) - 1) >> 20;
  }
}
