package org.radiospark.kernels.beamform;

import java.io.Serializable;

/**
 * How beams are detected.
 *
 * @param downsample samples summed into one output sample (averaged); must divide the samples per
 *     call (10,000 per VCS second: 1, 2, 4, 5, 8, 10, ...)
 * @param fullStokes detect I, Q, U, V (else I only)
 * @param subtractAutos remove each tile's own power from the coherent beam (vcstools does: the beam
 *     then holds only cross-tile products, so its noise mean is zero and the incoherent part of the
 *     power, which carries no pointing information, is gone)
 */
public record BeamformParams(int downsample, boolean fullStokes, boolean subtractAutos)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Validates the down-sampling. */
  public BeamformParams {
    if (downsample < 1) {
      throw new IllegalArgumentException("downsample must be >= 1: " + downsample);
    }
  }

  /** Detected products per beam: 4 (IQUV) or 1 (I). */
  public int nStokes() {
    return fullStokes ? 4 : 1;
  }
}
