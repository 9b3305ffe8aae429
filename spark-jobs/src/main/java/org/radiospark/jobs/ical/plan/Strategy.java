package org.radiospark.jobs.ical.plan;

/** How the ICAL loop brings visibilities and models together. */
public enum Strategy {
  /**
   * Visibilities partitioned by frequency once and persisted; every per-loop stage up to the dirty
   * facet images is narrow; the facet images are the loop's only shuffle (DESIGN.md).
   */
  PARTITIONER,
  /**
   * The paper's approach: model, prediction and gain RDDs are joined with the visibilities by key
   * each loop, so the visibilities are shuffled every loop.
   */
  COGROUP
}
