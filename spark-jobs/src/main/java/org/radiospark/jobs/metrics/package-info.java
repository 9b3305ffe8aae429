/**
 * Spark metrics per pipeline stage and major loop ({@code PREFIX-metrics.json} and the end-of-run
 * summary).
 */
package org.radiospark.jobs.metrics;
