package org.radiospark.jobs.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageExecutorMetrics;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Peak memory per executor from Spark's executor metrics ({@code JVMHeapMemory}: heap in use,
 * garbage included, as the JVM's MemoryMXBean reports it; {@code OnHeapExecutionMemory}, {@code
 * OnHeapStorageMemory}: what Spark's memory manager lent to shuffles/sorts and to cached blocks),
 * taken from every heartbeat's per-stage peaks, every finished task's peaks and every stage's
 * per-executor peaks; plus the driver's own heap, sampled every 20 ms on a daemon thread.
 */
final class PeakMemoryListener extends SparkListener implements AutoCloseable {
  /** The executor metrics recorded, in the order of {@link #executorPeaks()}'s arrays. */
  static final String[] METRICS = {"JVMHeapMemory", "OnHeapExecutionMemory", "OnHeapStorageMemory"};

  private final Map<String, long[]> peaks = new TreeMap<>();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread sampler;
  private volatile long driverPeak;
  private volatile boolean running = true;

  PeakMemoryListener() {
    sampler =
        new Thread(
            () -> {
              while (running) {
                driverPeak = Math.max(driverPeak, memory.getHeapMemoryUsage().getUsed());
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "radiospark-driver-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private synchronized void update(String executor, ExecutorMetrics m) {
    if (m == null) {
      return;
    }
    long[] p = peaks.computeIfAbsent(executor, k -> new long[METRICS.length]);
    for (int i = 0; i < METRICS.length; i++) {
      p[i] = Math.max(p[i], m.getMetricValue(METRICS[i]));
    }
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate e) {
    scala.jdk.javaapi.CollectionConverters.asJava(e.executorUpdates())
        .values()
        .forEach(m -> update(e.execId(), m));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    update(e.taskInfo().executorId(), e.taskExecutorMetrics());
  }

  @Override
  public void onStageExecutorMetrics(SparkListenerStageExecutorMetrics e) {
    update(e.execId(), e.executorMetrics());
  }

  /** Executor id to the peaks of {@link #METRICS}, bytes (the driver's own entry excluded). */
  synchronized Map<String, long[]> executorPeaks() {
    Map<String, long[]> out = new TreeMap<>();
    peaks.forEach(
        (k, v) -> {
          if (!k.equals("driver")) {
            out.put(k, v.clone());
          }
        });
    return out;
  }

  /** Largest heap in use sampled on the driver, bytes. */
  long driverPeakHeapBytes() {
    return driverPeak;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
