package org.radiospark.jobs.ical;

import org.radiospark.kernels.model.GainTable;
import org.radiospark.partitioners.VisKey;

/**
 * What the narrow part of a major loop hands on from one frequency partition (partitioner strategy)
 * or one block (cogroup strategy): the summed unnormalised residual image and PSF of its blocks,
 * their imaging weight, and each block's gains. Registered with Kryo (plain fields).
 */
public final class GridProducts {
  /** Partition index or block number: orders partial sums deterministically. */
  public int source;

  /** Unnormalised residual image {@code [y * nx + x]}. */
  public double[] residual;

  /** Unnormalised PSF, or null (only the first loop grids it). */
  public double[] psf;

  /** Sum of the imaging weights. */
  public double sumWeights;

  /** Keys of the blocks, parallel to {@link #gains} and {@link #solverIterations}. */
  public VisKey[] keys;

  /** Gains solved for (or applied to) each block; null entries where none. */
  public GainTable[] gains;

  /** Solver iterations per block (max over cells), 0 when nothing was solved. */
  public int[] solverIterations;

  public GridProducts() {}
}
