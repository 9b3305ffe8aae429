/**
 * Cost model of the ICAL loop ({@code radiospark plan ical}): tasks, bytes, shuffle, memory per
 * task and flops of every stage from the dimensions alone, for the frequency-partitioner strategy
 * and the paper's cogroup strategy. {@link org.radiospark.jobs.ical.plan.IcalCostModel} is a pure
 * function from {@link org.radiospark.jobs.ical.plan.IcalDimensions} to {@link
 * org.radiospark.jobs.ical.plan.IcalCostEstimate}; {@link org.radiospark.jobs.ical.plan.CostReport}
 * prints it. No Spark is needed.
 */
package org.radiospark.jobs.ical.plan;
