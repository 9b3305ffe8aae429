package org.radiospark.kernels.sourcefinding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * A reference catalogue for cross-matching: positions and flux densities at one frequency. Two
 * formats: CSV ({@link CsvReferenceCatalogue}) and VOTable TABLEDATA such as the GLEAM EGC ({@link
 * VoTableReferenceCatalogue}).
 */
public interface ReferenceCatalogue {
  /** The sources, in file order. */
  List<ReferenceSource> sources();

  /** Where the catalogue came from and which flux column was used, for logs. */
  String description();

  /**
   * Opens a catalogue by its file name extension: {@code .csv} or {@code .vot}/{@code .xml}.
   *
   * @param file the catalogue
   * @param fluxColumn for a VOTable, the flux column to use, or null to choose the sub-band
   *     integrated flux column nearest {@code freqHz} ({@code int_flux_NNN} or {@code FintNNN}, NNN
   *     in MHz) or else the wide-band one; ignored for CSV
   * @param freqHz the image frequency, or 0 when unknown
   * @throws InvalidInputException for an unknown extension or a malformed file
   */
  static ReferenceCatalogue read(Path file, String fluxColumn, double freqHz) throws IOException {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".csv")) {
      return CsvReferenceCatalogue.read(file);
    }
    if (n.endsWith(".vot") || n.endsWith(".xml") || n.endsWith(".votable")) {
      return VoTableReferenceCatalogue.read(file, fluxColumn, freqHz);
    }
    throw new InvalidInputException(
        file.toString(), "file name", "expected a .csv or .vot (VOTable) reference catalogue");
  }
}
