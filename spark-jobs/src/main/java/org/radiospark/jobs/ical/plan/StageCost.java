package org.radiospark.jobs.ical.plan;

/**
 * Estimated cost of one stage of the ICAL loop. Bytes are in-memory sizes of the primitive arrays
 * (no object headers, no Kryo framing, no compression); flops count real floating-point operations.
 *
 * @param stage stage name, as in DESIGN.md ({@code degrid}, {@code rekey_facets}, ...)
 * @param perLoop true if the stage runs once per major loop, false if once per run
 * @param tasks Spark tasks of the stage (for a shuffle: map plus reduce tasks)
 * @param inputBytes bytes the stage's tasks read, in total
 * @param outputBytes bytes of new data the stage materialises, in total
 * @param shuffleBytes bytes written to (and read back from) a shuffle
 * @param memoryPerTaskBytes working set one task must hold at once
 * @param flops floating-point operations, in total
 */
public record StageCost(
    String stage,
    boolean perLoop,
    long tasks,
    long inputBytes,
    long outputBytes,
    long shuffleBytes,
    long memoryPerTaskBytes,
    double flops) {}
