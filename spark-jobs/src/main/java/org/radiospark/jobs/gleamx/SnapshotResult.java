package org.radiospark.jobs.gleamx;

/** How one snapshot went. Plain fields for Kryo. */
public final class SnapshotResult {
  public static final String OK = "ok";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  public String obsid;

  /** {@link #OK}, {@link #FAILED} or {@link #SKIPPED} (complete from an earlier run). */
  public String status;

  public int attempts;
  public double seconds;

  /** The last attempt's error, one line, or null. */
  public String error;

  /** Step names and wall times of the successful attempt. */
  public String[] steps = new String[0];

  public double[] stepSeconds = new double[0];

  /** Robust rms and peak of the restored image, Jy/beam (NaN when not imaged). */
  public double imageRmsJy = Double.NaN;

  public double imagePeakJy = Double.NaN;

  /** Where the executor ran it (host). */
  public String host;

  /** Spark executor id of the task ({@code driver} in local mode), null when skipped. */
  public String executorId;

  /** Wall-clock start and end of the snapshot's work in its task, ms since the epoch. */
  public long startMs;

  public long endMs;

  public SnapshotResult() {}
}
