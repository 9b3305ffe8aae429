/**
 * Quality-assessment (QA) messages and the sinks they are published to: one JSON message per
 * channel and per pipeline stage ({@link org.radiospark.jobs.qa.QaMessage}, each with a unique id),
 * to the log, a JSON lines file, or a Kafka topic with a JSON-lines fallback ({@link
 * org.radiospark.jobs.qa.QaSinks}); and reading them back for {@code qa-aggregate} ({@link
 * org.radiospark.jobs.qa.QaReader}, {@link org.radiospark.jobs.qa.QaAggregator}).
 */
package org.radiospark.jobs.qa;
