package org.radiospark.kernels.sourcefinding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import org.radiospark.kernels.io.AtomicFiles;
import org.radiospark.kernels.io.FitsTableFile;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Component catalogues in Aegean's column names, as CSV and as a FITS binary table (TOPCAT and
 * {@code astropy.table.Table.read} open both), and back, exactly (doubles are written in full
 * precision, the FITS columns are 64-bit).
 *
 * <p>Columns, in order, with units: {@code island}, {@code source} (0-based integers), {@code
 * background}, {@code local_rms} (Jy/beam), {@code ra}, {@code err_ra}, {@code dec}, {@code
 * err_dec} (deg; err_ra is an angle on the sky), {@code peak_flux}, {@code err_peak_flux}
 * (Jy/beam), {@code int_flux}, {@code err_int_flux} (Jy), {@code a}, {@code err_a}, {@code b},
 * {@code err_b} (arcsec, FWHM), {@code pa}, {@code err_pa} (deg east of north), {@code flags},
 * {@code x_pix}, {@code y_pix} (0-based pixel of the image the component was measured in). Errors
 * of -1 are undetermined (Aegean's convention). The FITS file has an empty primary HDU and one
 * BINTABLE extension {@code EXTNAME = 'COMPONENTS'}. All operations are O(rows); files are written
 * atomically.
 */
public final class ComponentCatalogue {
  /** Column names in file order. */
  public static final List<String> COLUMNS =
      List.of(
          "island",
          "source",
          "background",
          "local_rms",
          "ra",
          "err_ra",
          "dec",
          "err_dec",
          "peak_flux",
          "err_peak_flux",
          "int_flux",
          "err_int_flux",
          "a",
          "err_a",
          "b",
          "err_b",
          "pa",
          "err_pa",
          "flags",
          "x_pix",
          "y_pix");

  private static final List<String> UNITS =
      List.of(
          "", "", "Jy/beam", "Jy/beam", "deg", "deg", "deg", "deg", "Jy/beam", "Jy/beam", "Jy",
          "Jy", "arcsec", "arcsec", "arcsec", "arcsec", "deg", "deg", "", "pixel", "pixel");

  /** EXTNAME of the table in the FITS file. */
  public static final String EXTNAME = "COMPONENTS";

  private ComponentCatalogue() {}

  /** Writes the catalogue as CSV with a header line of {@link #COLUMNS}. */
  public static void writeCsv(Path file, List<SourceComponent> cs, boolean overwrite)
      throws IOException {
    AtomicFiles.write(file, overwrite, os -> writeCsv(os, cs));
  }

  /** Writes the CSV to a stream (not closed). */
  public static void writeCsv(OutputStream os, List<SourceComponent> cs) {
    PrintWriter w = new PrintWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
    w.println(String.join(",", COLUMNS));
    for (SourceComponent c : cs) {
      double[] v = values(c);
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < v.length; k++) {
        if (k > 0) {
          b.append(',');
        }
        boolean integer = k == 0 || k == 1 || k == 18;
        b.append(integer ? Long.toString((long) v[k]) : Double.toString(v[k]));
      }
      w.println(b);
    }
    w.flush();
  }

  /**
   * Reads a CSV written by {@link #writeCsv(Path, List, boolean)} (columns found by name, in any
   * order; other columns ignored).
   *
   * @throws InvalidInputException naming the line and column of a missing or malformed value
   */
  public static List<SourceComponent> readCsv(Path file) throws IOException {
    String name = file.toString();
    List<SourceComponent> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null) {
        throw new InvalidInputException(name, "header", "empty file, expected a header line");
      }
      int[] col = columnIndices(name, header.trim().split("\\s*,\\s*"));
      String line;
      int lineNo = 1;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(",", -1);
        double[] v = new double[COLUMNS.size()];
        for (int k = 0; k < v.length; k++) {
          if (col[k] >= f.length) {
            throw new InvalidInputException(
                name, "line " + lineNo + ": " + COLUMNS.get(k), "missing value");
          }
          try {
            v[k] = Double.parseDouble(f[col[k]].trim());
          } catch (NumberFormatException e) {
            throw new InvalidInputException(
                name,
                "line " + lineNo + ": " + COLUMNS.get(k),
                "not a number: '" + f[col[k]] + "'");
          }
        }
        out.add(fromValues(v));
      }
    }
    return out;
  }

  private static int[] columnIndices(String file, String[] header) {
    Map<String, Integer> pos = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      pos.put(header[i].toLowerCase(Locale.ROOT), i);
    }
    int[] col = new int[COLUMNS.size()];
    for (int k = 0; k < col.length; k++) {
      Integer p = pos.get(COLUMNS.get(k));
      if (p == null) {
        throw new InvalidInputException(
            file, "header", "missing column " + COLUMNS.get(k) + " (expected " + COLUMNS + ")");
      }
      col[k] = p;
    }
    return col;
  }

  /** Writes the catalogue as a FITS binary table (extension {@link #EXTNAME}). */
  public static void writeFits(Path file, List<SourceComponent> cs, boolean overwrite)
      throws IOException {
    BinaryTableHDU hdu = tableHdu(cs);
    FitsTableFile.write(file, overwrite, hdu, "component table");
  }

  private static BinaryTableHDU tableHdu(List<SourceComponent> cs) throws IOException {
    int n = cs.size();
    Object[] columns = new Object[COLUMNS.size()];
    for (int k = 0; k < columns.length; k++) {
      boolean integer = k == 0 || k == 1 || k == 18;
      columns[k] = integer ? new int[n] : new double[n];
    }
    for (int r = 0; r < n; r++) {
      double[] v = values(cs.get(r));
      for (int k = 0; k < v.length; k++) {
        if (columns[k] instanceof int[] ints) {
          ints[r] = (int) v[k];
        } else {
          ((double[]) columns[k])[r] = v[k];
        }
      }
    }
    try {
      BinaryTable bt = BinaryTable.fromColumnMajor(columns);
      BinaryTableHDU hdu = bt.toHDU();
      for (int k = 0; k < columns.length; k++) {
        hdu.setColumnName(k, COLUMNS.get(k), null);
        if (!UNITS.get(k).isEmpty()) {
          hdu.getHeader().addValue("TUNIT" + (k + 1), UNITS.get(k), "");
        }
      }
      hdu.getHeader().addValue("EXTNAME", EXTNAME, "source components (Aegean columns)");
      return hdu;
    } catch (FitsException e) {
      throw new IOException("cannot build the component table: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a FITS component table written by {@link #writeFits(Path, List, boolean)}.
   *
   * @throws InvalidInputException when the file has no binary table or lacks a column
   */
  public static List<SourceComponent> readFits(Path file) throws IOException {
    String name = file.toString();
    try (Fits fits = new Fits(file.toFile())) {
      BinaryTableHDU table = null;
      for (BasicHDU<?> h : fits.read()) {
        if (h instanceof BinaryTableHDU b) {
          table = b;
          break;
        }
      }
      if (table == null) {
        throw new InvalidInputException(name, "XTENSION", "no BINTABLE extension");
      }
      int rows = table.getNRows();
      double[][] cols = new double[COLUMNS.size()][];
      for (int k = 0; k < cols.length; k++) {
        int c = table.findColumn(COLUMNS.get(k));
        if (c < 0) {
          throw new InvalidInputException(name, COLUMNS.get(k), "missing column");
        }
        Object data = table.getData().getColumn(c);
        cols[k] = new double[rows];
        for (int r = 0; r < rows; r++) {
          cols[k][r] = data instanceof int[] ints ? ints[r] : ((double[]) data)[r];
        }
      }
      List<SourceComponent> out = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        double[] v = new double[cols.length];
        for (int k = 0; k < v.length; k++) {
          v[k] = cols[k][r];
        }
        out.add(fromValues(v));
      }
      return out;
    } catch (FitsException e) {
      throw new InvalidInputException(name, "BINTABLE", "unreadable table: " + e.getMessage(), e);
    }
  }

  private static double[] values(SourceComponent c) {
    ComponentErrors e = c.errors();
    return new double[] {
      c.island(), c.source(), c.background(), c.localRms(), c.raDeg(), e.raDeg(), c.decDeg(),
      e.decDeg(), c.peakFlux(), e.peakFlux(), c.intFlux(), e.intFlux(), c.aArcsec(), e.aArcsec(),
      c.bArcsec(), e.bArcsec(), c.paDeg(), e.paDeg(), c.flags(), c.xPix(), c.yPix()
    };
  }

  private static SourceComponent fromValues(double[] v) {
    ComponentErrors e = new ComponentErrors(v[5], v[7], v[9], v[11], v[13], v[15], v[17]);
    return new SourceComponent(
        (int) v[0],
        (int) v[1],
        v[19],
        v[20],
        v[4],
        v[6],
        v[8],
        v[10],
        v[12],
        v[14],
        v[16],
        v[2],
        v[3],
        e,
        (int) v[18]);
  }
}
