package org.radiospark.kernels.io.mwa;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The layout of one gpubox file, found by {@link GpuboxReader#scan} without reading the data.
 *
 * @param path the file
 * @param version which correlator wrote it
 * @param receiverChannel receiver coarse channel number (legacy: from the gpubox number through
 *     {@link Metafits#legacyGpuboxChannel}; MWAX: the {@code chCCC} of the name)
 * @param batch the batch number at the end of the file name (0 when absent)
 * @param nBaselines baselines per fine channel, autocorrelations included
 * @param timesteps the integrations in HDU order
 */
public record GpuboxFile(
    Path path,
    CorrelatorVersion version,
    int receiverChannel,
    int batch,
    int nBaselines,
    List<GpuboxTimestep> timesteps) {

  /** Copies the list. */
  public GpuboxFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
    timesteps = List.copyOf(timesteps);
  }
}
