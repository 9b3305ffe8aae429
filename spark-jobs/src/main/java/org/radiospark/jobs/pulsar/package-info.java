/**
 * The pulsar search on Spark: DM trials spread over tasks (the data broadcast once, each task
 * dedispersing and searching a contiguous range of trials), results collected to the driver for
 * sifting, clustering, folding and writing.
 */
package org.radiospark.jobs.pulsar;
