package org.radiospark.kernels.skymodel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.SkyComponent;

/**
 * Sky components as CSV, one component per line, with a header naming the columns (any order):
 *
 * <pre>
 * ra_deg,dec_deg,i_jy,q_jy,u_jy,v_jy,ref_freq_hz,spectral_index,major_arcsec,minor_arcsec,pa_deg
 * </pre>
 *
 * Only {@code ra_deg}, {@code dec_deg}, {@code i_jy} and {@code ref_freq_hz} are required; Q, U, V,
 * spectral index and shape default to 0 (an unpolarised flat-spectrum point source). Major and
 * minor axes are FWHM; the position angle runs north through east. Lines starting with {@code #}
 * are comments. TOPCAT and astropy read the files this class writes.
 */
public final class ComponentCsv {
  /** The columns in the order {@link #write} writes them. */
  public static final List<String> COLUMNS =
      List.of(
          "ra_deg",
          "dec_deg",
          "i_jy",
          "q_jy",
          "u_jy",
          "v_jy",
          "ref_freq_hz",
          "spectral_index",
          "major_arcsec",
          "minor_arcsec",
          "pa_deg");

  private static final double ARCSEC = Math.PI / (180 * 3600);

  private ComponentCsv() {}

  /**
   * Reads components from {@code file}.
   *
   * @throws InvalidInputException naming the file, line and column of the first bad value
   */
  public static List<SkyComponent> read(Path file) {
    String name = file.toString();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Map<String, Integer> col = null;
      List<SkyComponent> out = new ArrayList<>();
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        String[] f = t.split("\\s*,\\s*", -1);
        if (col == null) {
          col = header(f, name);
          continue;
        }
        if (f.length != col.size()) {
          throw new InvalidInputException(
              name,
              "line " + lineNo,
              "has " + f.length + " fields, expected " + col.size() + " as in the header");
        }
        out.add(parse(f, col, name, lineNo));
      }
      if (col == null) {
        throw new InvalidInputException(name, "header", "missing (expected " + COLUMNS + ")");
      }
      return out;
    } catch (IOException e) {
      throw new InvalidInputException(name, null, "cannot be read: " + e.getMessage(), e);
    }
  }

  private static Map<String, Integer> header(String[] f, String name) {
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < f.length; i++) {
      col.put(f[i].toLowerCase(Locale.ROOT), i);
    }
    for (String req : List.of("ra_deg", "dec_deg", "i_jy", "ref_freq_hz")) {
      if (!col.containsKey(req)) {
        throw new InvalidInputException(name, "header", "no column '" + req + "'");
      }
    }
    return col;
  }

  private static SkyComponent parse(String[] f, Map<String, Integer> col, String name, int line) {
    double ra = value(f, col, "ra_deg", Double.NaN, name, line);
    double dec = value(f, col, "dec_deg", Double.NaN, name, line);
    double[] iquv = {
      value(f, col, "i_jy", Double.NaN, name, line),
      value(f, col, "q_jy", 0, name, line),
      value(f, col, "u_jy", 0, name, line),
      value(f, col, "v_jy", 0, name, line)
    };
    double ref = value(f, col, "ref_freq_hz", Double.NaN, name, line);
    double alpha = value(f, col, "spectral_index", 0, name, line);
    double maj = value(f, col, "major_arcsec", 0, name, line);
    double min = value(f, col, "minor_arcsec", 0, name, line);
    double pa = value(f, col, "pa_deg", 0, name, line);
    if (dec < -90 || dec > 90) {
      throw new InvalidInputException(name, "line " + line + " dec_deg", "must be in [-90, 90]");
    }
    try {
      return new SkyComponent(
          Math.toRadians(ra),
          Math.toRadians(dec),
          iquv,
          ref,
          alpha,
          maj * ARCSEC,
          min * ARCSEC,
          Math.toRadians(pa));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(name, "line " + line, e.getMessage());
    }
  }

  private static double value(
      String[] f, Map<String, Integer> col, String key, double dflt, String name, int line) {
    Integer i = col.get(key);
    if (i == null || f[i].isEmpty()) {
      if (Double.isNaN(dflt)) {
        throw new InvalidInputException(name, "line " + line + " " + key, "missing value");
      }
      return dflt;
    }
    try {
      double v = Double.parseDouble(f[i]);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          name, "line " + line + " " + key, "not a finite number: '" + f[i] + "'");
    }
  }

  /** Writes {@code components} with every column of {@link #COLUMNS}. */
  public static void write(List<SkyComponent> components, Writer out) {
    try {
      out.write(String.join(",", COLUMNS));
      out.write('\n');
      for (SkyComponent c : components) {
        double[] s = c.fluxJy();
        out.write(
            String.format(
                Locale.ROOT,
                "%.10f,%.10f,%.9g,%.9g,%.9g,%.9g,%.9g,%.6f,%.6f,%.6f,%.6f%n",
                Math.toDegrees(c.raRad()),
                Math.toDegrees(c.decRad()),
                s[0],
                s[1],
                s[2],
                s[3],
                c.refFreqHz(),
                c.spectralIndex(),
                c.majorRad() / ARCSEC,
                c.minorRad() / ARCSEC,
                Math.toDegrees(c.paRad())));
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
