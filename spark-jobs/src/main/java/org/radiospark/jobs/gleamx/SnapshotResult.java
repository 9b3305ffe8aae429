package org.radiospark.jobs.gleamx;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

  /**
   * Puts the result's fields into {@code n} (the snapshot's {@code summary.json} and its row of the
   * run's summary): obsid, status, attempts, seconds, host, executorId, error, steps with their
   * times, and the image's rms and peak.
   */
  public ObjectNode toJson(ObjectNode n) {
    n.put("obsid", obsid);
    n.put("status", status);
    n.put("attempts", attempts);
    n.put("seconds", seconds);
    n.put("host", host);
    n.put("executorId", executorId);
    n.put("error", error);
    ArrayNode s = n.putArray("steps");
    for (int i = 0; i < steps.length; i++) {
      s.addObject().put("step", steps[i]).put("seconds", stepSeconds[i]);
    }
    n.putObject("image").put("rmsJy", imageRmsJy).put("peakJy", imagePeakJy);
    return n;
  }
}
