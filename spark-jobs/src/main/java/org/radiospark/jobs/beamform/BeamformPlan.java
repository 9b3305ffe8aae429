package org.radiospark.jobs.beamform;

import java.io.Serializable;
import java.util.List;
import org.radiospark.kernels.beamform.BeamformParams;
import org.radiospark.kernels.beamform.Pointing;
import org.radiospark.kernels.beamform.TiedArray;
import org.radiospark.kernels.io.vcs.VcsFormat;

/**
 * Everything the tasks of a beamforming run need; built on the driver and shipped in the closures
 * (Java serialisation, once per task).
 *
 * @param array the array (positions, cables, flags, VCS input order)
 * @param coarseChannels receiver coarse channels, ascending and contiguous
 * @param fineChannels fine channels per file ({@link VcsFormat})
 * @param sources per coarse channel, the {@code .dat} files or {@code .tar.zst} archives in time
 *     order
 * @param seconds seconds per coarse channel
 * @param startUnixSec UTC of the first sample, Unix seconds
 * @param pointings the beams
 * @param batchSize pointings per task
 * @param params detection and down-sampling
 * @param invJones {@code [channel index][slot][tile j][8]} inverse gains, or null (uncalibrated)
 * @param incoherent also form the incoherent sum
 */
public record BeamformPlan(
    TiedArray array,
    int[] coarseChannels,
    int fineChannels,
    String[][] sources,
    int seconds,
    double startUnixSec,
    List<Pointing> pointings,
    int batchSize,
    BeamformParams params,
    double[][][][] invJones,
    boolean incoherent)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Validates the shapes. */
  public BeamformPlan {
    pointings = List.copyOf(pointings);
    if (pointings.isEmpty() || batchSize < 1 || seconds < 1) {
      throw new IllegalArgumentException("need >= 1 pointing, batch size and second");
    }
    if (sources.length != coarseChannels.length) {
      throw new IllegalArgumentException("one source list per coarse channel");
    }
    if (VcsFormat.SAMPLES_PER_SECOND % params.downsample() != 0) {
      throw new IllegalArgumentException(
          "downsample must divide 10000 samples per second: " + params.downsample());
    }
  }

  /** Number of pointing batches. */
  public int nBatches() {
    return (pointings.size() + batchSize - 1) / batchSize;
  }

  /** Output samples per second. */
  public int samplesPerSecond() {
    return VcsFormat.SAMPLES_PER_SECOND / params.downsample();
  }

  /** Output sampling time, s. */
  public double tsampSec() {
    return params.downsample() / VcsFormat.FINE_CHANNEL_HZ;
  }

  /** Channel centres of the merged output, Hz, ascending: coarse channel major, slot minor. */
  public double[] frequenciesHz() {
    VcsFormat f = new VcsFormat(fineChannels);
    double[] out = new double[coarseChannels.length * fineChannels];
    for (int c = 0; c < coarseChannels.length; c++) {
      for (int s = 0; s < fineChannels; s++) {
        out[c * fineChannels + s] = f.slotFrequencyHz(coarseChannels[c], s);
      }
    }
    return out;
  }
}
