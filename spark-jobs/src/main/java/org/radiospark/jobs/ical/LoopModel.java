package org.radiospark.jobs.ical;

import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.partitioners.VisKey;

/**
 * The broadcast state of one major loop: the local sky model (CLEAN model image plus bright
 * components predicted by DFT) and the gains to apply to blocks that are not solved this loop.
 * Registered with Kryo (plain fields).
 */
public final class LoopModel {
  /** CLEAN model, Jy/pixel (all zero before the first deconvolution; the degrid then skips). */
  public Image model;

  /** Components predicted exactly (DFT). */
  public SkyComponent[] bright;

  /** Blocks with gains, parallel to {@link #gains}. */
  public VisKey[] gainKeys;

  /** Gains of the last self-calibration round, per block. */
  public GainTable[] gains;

  public LoopModel() {}
}
