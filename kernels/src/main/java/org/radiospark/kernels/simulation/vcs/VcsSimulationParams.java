package org.radiospark.kernels.simulation.vcs;

import java.io.Serializable;
import org.radiospark.kernels.io.vcs.VcsFormat;

/**
 * What {@link VcsSimulator} makes.
 *
 * @param pulsar the pulsar (null for noise only)
 * @param noiseSigma noise standard deviation per real and imaginary part, in 4-bit levels (2 keeps
 *     clipping at the +-8 rails negligible)
 * @param format file shape (a reduced number of fine channels for tests, see {@link VcsFormat})
 * @param seconds seconds simulated (files per coarse channel)
 * @param coarseChannels receiver coarse channels simulated, ascending and contiguous
 * @param gainAmpRms rms of the tiles' gain amplitudes around 1; with {@code gainLeakageRms} and
 *     random phases, non-zero values make per-tile Jones matrices that a calibration solution must
 *     undo (0: unit gains)
 * @param gainLeakageRms rms of the off-diagonal Jones terms
 * @param seed random seed; every (channel, second) draws from its own stream
 */
public record VcsSimulationParams(
    PulsarSignal pulsar,
    double noiseSigma,
    VcsFormat format,
    int seconds,
    int[] coarseChannels,
    double gainAmpRms,
    double gainLeakageRms,
    long seed)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Validates and copies. */
  public VcsSimulationParams {
    coarseChannels = coarseChannels.clone();
    if (!(noiseSigma > 0) || seconds < 1 || coarseChannels.length == 0) {
      throw new IllegalArgumentException("need noise > 0, seconds >= 1 and >= 1 coarse channel");
    }
    for (int i = 0; i < coarseChannels.length; i++) {
      if (coarseChannels[i] < 1 || coarseChannels[i] > 255) {
        throw new IllegalArgumentException("coarse channels must be in 1..255");
      }
      if (i > 0 && coarseChannels[i] != coarseChannels[i - 1] + 1) {
        throw new IllegalArgumentException("coarse channels must be ascending and contiguous");
      }
    }
    if (!(gainAmpRms >= 0) || !(gainLeakageRms >= 0)) {
      throw new IllegalArgumentException("gain rms values must be >= 0");
    }
  }

  @Override
  public int[] coarseChannels() {
    return coarseChannels.clone();
  }

  /** Whether the tiles get random Jones matrices. */
  public boolean hasGains() {
    return gainAmpRms > 0 || gainLeakageRms > 0;
  }
}
