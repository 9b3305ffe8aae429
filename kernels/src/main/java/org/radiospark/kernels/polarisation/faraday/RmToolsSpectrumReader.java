package org.radiospark.kernels.polarisation.faraday;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Reads RM-Tools' ASCII spectrum format (the input of its {@code rmsynth1d}): whitespace-separated
 * columns, one channel per line, either {@code freq_Hz I Q U dI dQ dU} (7 columns) or {@code
 * freq_Hz q u dq du} (5 columns, fractional, no Stokes I). Blank lines and lines starting with
 * {@code #} are skipped; every data line must have the column count of the first. Values parse as
 * Java doubles ({@code nan} and {@code inf} in any case are accepted, as numpy writes them);
 * frequencies must be finite and > 0, noise values >= 0 or NaN.
 *
 * <p>Errors are {@link InvalidInputException}s naming the file, the line and column, and what was
 * expected. O(channels).
 */
public final class RmToolsSpectrumReader {
  private static final String[] NAMES7 = {"freq_Hz", "I", "Q", "U", "dI", "dQ", "dU"};
  private static final String[] NAMES5 = {"freq_Hz", "q", "u", "dq", "du"};

  private RmToolsSpectrumReader() {}

  /** Reads {@code file}. */
  public static PolarisationSpectrum read(Path file) {
    String name = file.toString();
    List<double[]> rows = new ArrayList<>();
    int ncol = -1;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        String[] tok = t.split("\\s+");
        if (ncol < 0) {
          if (tok.length != 7 && tok.length != 5) {
            throw new InvalidInputException(
                name,
                "line " + lineNo,
                "expected 7 columns (freq_Hz I Q U dI dQ dU) or 5 (freq_Hz q u dq du), found "
                    + tok.length);
          }
          ncol = tok.length;
        } else if (tok.length != ncol) {
          throw new InvalidInputException(
              name,
              "line " + lineNo,
              "expected " + ncol + " columns like the first data line, found " + tok.length);
        }
        String[] names = ncol == 7 ? NAMES7 : NAMES5;
        double[] v = new double[ncol];
        for (int c = 0; c < ncol; c++) {
          v[c] = parse(tok[c], name, lineNo, c, names[c]);
        }
        if (!(v[0] > 0) || !Double.isFinite(v[0])) {
          throw new InvalidInputException(
              name, field(lineNo, 0, names[0]), "frequency must be finite and > 0 Hz: " + tok[0]);
        }
        int firstNoise = ncol == 7 ? 4 : 3;
        for (int c = firstNoise; c < ncol; c++) {
          if (v[c] < 0 || v[c] == Double.POSITIVE_INFINITY) {
            throw new InvalidInputException(
                name, field(lineNo, c, names[c]), "noise must be finite and >= 0: " + tok[c]);
          }
        }
        rows.add(v);
      }
    } catch (IOException e) {
      throw new InvalidInputException(name, null, "cannot read: " + e.getMessage(), e);
    }
    if (rows.size() < 2) {
      throw new InvalidInputException(
          name, null, "need at least 2 channels (data lines), found " + rows.size());
    }
    int n = rows.size();
    double[][] col = new double[ncol][n];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < ncol; c++) {
        col[c][i] = rows.get(i)[c];
      }
    }
    if (ncol == 7) {
      return new PolarisationSpectrum(col[0], col[1], col[2], col[3], col[4], col[5], col[6]);
    }
    return new PolarisationSpectrum(col[0], null, col[1], col[2], null, col[3], col[4]);
  }

  private static String field(int line, int col, String name) {
    return "line " + line + " column " + (col + 1) + " (" + name + ")";
  }

  private static double parse(String tok, String file, int line, int col, String name) {
    String lower = tok.toLowerCase(java.util.Locale.ROOT);
    switch (lower) {
      case "nan", "+nan", "-nan":
        return Double.NaN;
      case "inf", "+inf", "infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    try {
      return Double.parseDouble(tok);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          file, field(line, col, name), "expected a number, found '" + tok + "'");
    }
  }
}
