package org.radiospark.jobs.metrics;

/**
 * Task metrics summed over every task of the Spark stages that ran under one pipeline label and
 * major loop. Mutable: filled by {@link PipelineMetricsListener} on Spark's listener bus.
 */
public final class StageMetrics {
  final int loop;
  final String label;
  int stages;
  long tasks;
  long failedTasks;
  long recordsRead;
  long recordsWritten;
  long inputBytes;
  long shuffleReadBytes;
  long shuffleReadRecords;
  long shuffleWriteBytes;
  long shuffleWriteRecords;
  long memorySpilledBytes;
  long diskSpilledBytes;
  long executorRunTimeMs;
  long executorCpuTimeNs;
  long deserializeTimeMs;
  long gcTimeMs;
  long resultBytes;

  StageMetrics(int loop, String label) {
    this.loop = loop;
    this.label = label;
  }

  /** The major loop (0 for pipelines without loops). */
  public int loop() {
    return loop;
  }

  /** The pipeline stage, e.g. "degrid" or "image". */
  public String label() {
    return label;
  }

  public int stages() {
    return stages;
  }

  public long tasks() {
    return tasks;
  }

  public long failedTasks() {
    return failedTasks;
  }

  public long recordsRead() {
    return recordsRead;
  }

  public long recordsWritten() {
    return recordsWritten;
  }

  public long inputBytes() {
    return inputBytes;
  }

  public long shuffleReadBytes() {
    return shuffleReadBytes;
  }

  public long shuffleReadRecords() {
    return shuffleReadRecords;
  }

  public long shuffleWriteBytes() {
    return shuffleWriteBytes;
  }

  public long shuffleWriteRecords() {
    return shuffleWriteRecords;
  }

  public long memorySpilledBytes() {
    return memorySpilledBytes;
  }

  public long diskSpilledBytes() {
    return diskSpilledBytes;
  }

  /** Sum of task run times, ms. */
  public long executorRunTimeMs() {
    return executorRunTimeMs;
  }

  public long executorCpuTimeNs() {
    return executorCpuTimeNs;
  }

  /** Sum of task deserialisation times, ms: grows with lineage length. */
  public long deserializeTimeMs() {
    return deserializeTimeMs;
  }

  public long gcTimeMs() {
    return gcTimeMs;
  }

  public long resultBytes() {
    return resultBytes;
  }
}
