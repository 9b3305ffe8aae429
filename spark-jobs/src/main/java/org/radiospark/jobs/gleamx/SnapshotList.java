package org.radiospark.jobs.gleamx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * The {@code --snapshots} table: a CSV with a header line naming the columns {@code obsid}, {@code
 * metafits}, {@code gpubox}, {@code mwaf} and {@code uvfits} (any order; missing columns are
 * empty). Lists ({@code gpubox}, {@code mwaf}) are separated by semicolons. Relative paths are
 * relative to the CSV's folder. A row gives either {@code metafits} and {@code gpubox} (raw data)
 * or {@code uvfits}. Lines that are empty or start with {@code #} are skipped.
 */
public final class SnapshotList {
  private static final Set<String> COLUMNS =
      Set.of("obsid", "metafits", "gpubox", "mwaf", "uvfits");

  private SnapshotList() {}

  /**
   * Reads and checks the table: every file must exist and obsids must be unique and usable as
   * folder names.
   *
   * @throws InvalidInputException naming the file, line and column of the first problem
   */
  public static List<SnapshotRow> read(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    Path base = csv.toAbsolutePath().getParent();
    List<String> header = null;
    List<SnapshotRow> rows = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> cells = Arrays.stream(line.split(",", -1)).map(String::strip).toList();
      String where = "line " + (n + 1);
      if (header == null) {
        header = cells.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        for (String c : header) {
          if (!COLUMNS.contains(c)) {
            throw new InvalidInputException(
                csv.toString(), where, "unknown column '" + c + "' (expected " + COLUMNS + ")");
          }
        }
        if (!header.contains("obsid")) {
          throw new InvalidInputException(csv.toString(), where, "no obsid column");
        }
        continue;
      }
      if (cells.size() != header.size()) {
        throw new InvalidInputException(
            csv.toString(),
            where,
            cells.size() + " cells, expected " + header.size() + " as in the header");
      }
      SnapshotRow r = new SnapshotRow();
      for (int c = 0; c < cells.size(); c++) {
        String v = cells.get(c);
        String col = header.get(c);
        switch (col) {
          case "obsid" -> r.obsid = v;
          case "metafits" -> r.metafits = v.isEmpty() ? null : file(csv, base, where, col, v);
          case "uvfits" -> r.uvfits = v.isEmpty() ? null : file(csv, base, where, col, v);
          case "gpubox" -> r.gpubox = files(csv, base, where, col, v);
          default -> r.mwaf = files(csv, base, where, col, v);
        }
      }
      if (!r.obsid.matches("[A-Za-z0-9_.-]+") || r.obsid.startsWith(".")) {
        throw new InvalidInputException(
            csv.toString(),
            where + ", obsid",
            "'" + r.obsid + "' is not a folder name ([A-Za-z0-9_.-]+)");
      }
      if (!ids.add(r.obsid)) {
        throw new InvalidInputException(
            csv.toString(), where + ", obsid", r.obsid + " appears twice");
      }
      boolean raw = r.metafits != null && r.gpubox.length > 0;
      if (raw == (r.uvfits != null)) {
        throw new InvalidInputException(
            csv.toString(), where, "give either metafits and gpubox files, or a uvfits file");
      }
      rows.add(r);
    }
    if (rows.isEmpty()) {
      throw new InvalidInputException(csv.toString(), "rows", "no snapshots listed");
    }
    return rows;
  }

  private static String[] files(Path csv, Path base, String where, String col, String v) {
    if (v.isEmpty()) {
      return new String[0];
    }
    return Arrays.stream(v.split(";"))
        .map(String::strip)
        .map(f -> file(csv, base, where, col, f))
        .toArray(String[]::new);
  }

  private static String file(Path csv, Path base, String where, String col, String v) {
    Path p = base.resolve(v).normalize();
    if (!Files.isRegularFile(p)) {
      throw new InvalidInputException(csv.toString(), where + ", " + col, "no such file: " + p);
    }
    return p.toString();
  }
}
