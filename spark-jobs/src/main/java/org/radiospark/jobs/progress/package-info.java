/**
 * What a running pipeline tells its user: progress lines on standard error ({@link
 * org.radiospark.jobs.progress.Progress}: stage, {@code i/N} of its units, elapsed, ETA; units done
 * inside Spark tasks counted on the driver by a listener) and the one-screen summary at the end
 * ({@link org.radiospark.jobs.progress.RunSummary}: what ran, wall time, key figures, outputs).
 */
package org.radiospark.jobs.progress;
