/**
 * Quality-assessment (QA) messages and the sinks they are published to: one JSON message per
 * channel and per pipeline stage ({@link org.radiospark.jobs.qa.QaMessage}), to the log, a JSON
 * lines file, or a primary sink with a fallback ({@link org.radiospark.jobs.qa.QaSinks}).
 */
package org.radiospark.jobs.qa;
