package org.radiospark.kernels.skymodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Reads a sky model of either format by its file name: {@code .yaml}/{@code .yml} as a hyperdrive
 * source list ({@link HyperdriveSourceListReader}), {@code .vot}/{@code .xml} as a GLEAM VOTable
 * ({@link GleamVoTableReader}).
 */
public final class SkyModelReader {
  private SkyModelReader() {}

  /**
   * Reads every component of {@code file}.
   *
   * @throws InvalidInputException for an unknown extension or bad content
   */
  public static List<CatalogueComponent> read(Path file) throws IOException {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".yaml") || n.endsWith(".yml")) {
      return HyperdriveSourceListReader.read(file);
    }
    if (n.endsWith(".vot") || n.endsWith(".xml") || n.endsWith(".votable")) {
      return GleamVoTableReader.read(file);
    }
    throw new InvalidInputException(
        file.toString(),
        null,
        "unknown sky-model format: expected .yaml/.yml (hyperdrive) or .vot/.xml (GLEAM VOTable)");
  }
}
