package org.radiospark.jobs.progress;

/**
 * One progress line of a pipeline, as text and as figures (tests and other sinks read the figures;
 * the console shows {@link #text()}).
 *
 * @param pipeline pipeline name, e.g. {@code ical}
 * @param text the whole line without time stamp, e.g. {@code "gleamx: snapshots 3/4 (75%); elapsed
 *     2m10s, ETA 43s"}
 * @param completed units completed in the current stage ({@code -1} on a line that only names a
 *     stage)
 * @param total units of the current stage ({@code -1} on a stage line)
 * @param elapsedSeconds wall time since the pipeline started
 * @param etaSeconds estimated time left in the current stage; NaN on a stage line
 */
public record ProgressLine(
    String pipeline,
    String text,
    int completed,
    int total,
    double elapsedSeconds,
    double etaSeconds) {}
