package org.radiospark.kernels.sourcefinding;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * A reference catalogue in CSV: a header line naming at least the columns {@code ra_deg}, {@code
 * dec_deg} and {@code flux_jy} (any order, case-insensitive), optionally {@code name}; lines that
 * are blank or start with {@code #} are skipped. O(rows).
 *
 * @param sources the rows
 * @param description the file name
 */
public record CsvReferenceCatalogue(List<ReferenceSource> sources, String description)
    implements ReferenceCatalogue {

  /** Makes the list unmodifiable. */
  public CsvReferenceCatalogue {
    sources = List.copyOf(sources);
  }

  /**
   * Reads the file.
   *
   * @throws InvalidInputException naming the line and column of a missing or malformed value
   */
  public static CsvReferenceCatalogue read(Path file) throws IOException {
    String name = file.toString();
    List<ReferenceSource> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = r.readLine();
      int lineNo = 1;
      while (line != null && (line.isBlank() || line.startsWith("#"))) {
        line = r.readLine();
        lineNo++;
      }
      if (line == null) {
        throw new InvalidInputException(
            name, "header", "empty file, expected ra_deg,dec_deg,flux_jy");
      }
      String[] h = line.split(",", -1);
      int ra = -1;
      int dec = -1;
      int flux = -1;
      int nm = -1;
      for (int i = 0; i < h.length; i++) {
        switch (h[i].trim().toLowerCase(Locale.ROOT)) {
          case "ra_deg" -> ra = i;
          case "dec_deg" -> dec = i;
          case "flux_jy" -> flux = i;
          case "name" -> nm = i;
          default -> {}
        }
      }
      if (ra < 0 || dec < 0 || flux < 0) {
        throw new InvalidInputException(
            name, "header", "expected columns ra_deg, dec_deg and flux_jy, found '" + line + "'");
      }
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(",", -1);
        double raDeg = number(f, ra, name, lineNo, "ra_deg");
        double decDeg = number(f, dec, name, lineNo, "dec_deg");
        double fluxJy = number(f, flux, name, lineNo, "flux_jy");
        if (!(Math.abs(decDeg) <= 90)) {
          throw new InvalidInputException(
              name, "line " + lineNo + ": dec_deg", "expected -90..90, found " + decDeg);
        }
        out.add(
            new ReferenceSource(
                nm >= 0 && nm < f.length ? f[nm].trim() : "", raDeg, decDeg, fluxJy));
      }
    }
    return new CsvReferenceCatalogue(out, name);
  }

  private static double number(String[] f, int col, String file, int line, String field) {
    String where = "line " + line + ": " + field;
    if (col >= f.length || f[col].isBlank()) {
      throw new InvalidInputException(file, where, "missing value");
    }
    try {
      double v = Double.parseDouble(f[col].trim());
      if (!Double.isFinite(v)) {
        throw new InvalidInputException(file, where, "expected a finite number, found " + f[col]);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(file, where, "not a number: '" + f[col].trim() + "'");
    }
  }
}
