package org.radiospark.kernels.io.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import org.radiospark.kernels.coords.EnuFrame;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Readers of real array layouts into an {@link AntennaConfiguration} (geocentric ITRF metres).
 *
 * <ul>
 *   <li>{@code *.cfg} (ska-sdp-datamodels/ARL, e.g. {@code ska1mid.cfg}): {@code #} comment lines
 *       ({@code # observatory=NAME} gives the telescope), then {@code X Y Z diameter name} with
 *       geocentric ITRF X, Y, Z in metres.
 *   <li>Headerless 3-column CSV ({@code LOWBD2.csv}, {@code LOWBD2-CORE.csv}): local east, north,
 *       up metres about a reference site, the convention of ska-sdp-datamodels' {@code
 *       create_named_configuration("LOWBD2")} ({@code ecef=False}). Its SKA1-LOW reference is
 *       {@link #SKA1_LOW_REFERENCE}: lon 116.76444824 E, lat -26.824722084, and the third column
 *       (300 in every row, the reference height ska-sdp-datamodels gives) is read as the height
 *       above the WGS84 ellipsoid, i.e. the up offset from the ellipsoid point of the reference.
 *       Stations are named {@code LOWBD2_i} and have ARL's 35 m diameter.
 *   <li>{@code mwa_ant_pos.csv} (header {@code names,numbers,x,y,z}): ITRF-axis offsets in metres
 *       from the ellipsoid point (height 0) below the MWA array centre {@link #MWA_CENTRE}.
 *       (Checked in the tests: these equal the metafits East/North/Height rotated to ITRF axes, to
 *       0.18 m.)
 *   <li>MWA metafits ({@code *.metafits}, {@code *.fits}): binary table {@code TILEDATA} with one
 *       row per input (Pol X and Y); one antenna per {@code Tile}, ordered by the {@code Antenna}
 *       column (the correlator's order), named by {@code TileName}, flagged when the {@code Flag}
 *       of either input is non-zero. {@code East}, {@code North} are metres from the array centre
 *       and {@code Height} is the height above the ellipsoid (about 377 m), so the position is the
 *       ENU offset (East, North, Height) from the ellipsoid point below {@link #MWA_CENTRE}. MWA
 *       tiles are 4 m squares; their diameter is given as 4 m.
 * </ul>
 *
 * <p>Bad input throws {@link InvalidInputException} naming the file, the field and what was
 * expected. Reading is O(number of antennas).
 */
public final class LayoutReader {
  /** SKA1-LOW reference of ska-sdp-datamodels/ARL ({@code low_location}) at height 0. */
  public static final GeodeticPosition SKA1_LOW_REFERENCE =
      GeodeticPosition.ofDegrees(116.76444824, -26.824722084, 0);

  /** The MWA array centre (mwalib, Birli): lon 116.67081523611111, lat -26.703319405555554. */
  public static final GeodeticPosition MWA_CENTRE =
      GeodeticPosition.ofDegrees(116.67081523611111, -26.703319405555554, 377.827);

  /** Diameter given to SKA1-LOW stations (ska-sdp-datamodels LOWBD2), metres. */
  public static final double SKA1_LOW_STATION_DIAMETER = 35.0;

  /** Diameter given to an MWA tile (a 4 m square), metres. */
  public static final double MWA_TILE_DIAMETER = 4.0;

  private LayoutReader() {}

  /** The supported layout formats. */
  public enum Format {
    /** ECEF X Y Z diameter name ({@code .cfg}). */
    ECEF_CFG,
    /** Headerless east, north, up CSV about the SKA1-LOW reference. */
    SKA_LOW_LOCAL_CSV,
    /** MWA {@code names,numbers,x,y,z} CSV. */
    MWA_ANT_POS_CSV,
    /** MWA metafits {@code TILEDATA}. */
    MWA_METAFITS
  }

  /** Detects the format of {@code file} by extension and first line, then reads it. */
  public static AntennaConfiguration read(Path file) {
    return switch (detect(file)) {
      case ECEF_CFG -> readEcefCfg(file);
      case SKA_LOW_LOCAL_CSV ->
          readLocalEnuCsv(
              file, SKA1_LOW_REFERENCE, "SKA1-LOW", "LOWBD2_", SKA1_LOW_STATION_DIAMETER);
      case MWA_ANT_POS_CSV -> readMwaAntPosCsv(file);
      case MWA_METAFITS -> readMetafits(file);
    };
  }

  /**
   * The format of {@code file}: by extension, and for CSV by whether the first line is a header.
   */
  public static Format detect(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".metafits") || name.endsWith(".fits")) {
      return Format.MWA_METAFITS;
    }
    if (name.endsWith(".cfg")) {
      return Format.ECEF_CFG;
    }
    if (name.endsWith(".csv") || name.endsWith(".txt")) {
      List<String> lines = lines(file);
      String first = lines.stream().filter(s -> !s.isBlank()).findFirst().orElse("");
      if (first.toLowerCase(Locale.ROOT).startsWith("names,")) {
        return Format.MWA_ANT_POS_CSV;
      }
      if (first.split(",").length == 3) {
        return Format.SKA_LOW_LOCAL_CSV;
      }
      throw new InvalidInputException(
          file.toString(), "line 1", "expected a names,numbers,x,y,z header or three numbers");
    }
    throw new InvalidInputException(
        file.toString(), null, "unknown layout format (expected .cfg, .csv or .metafits)");
  }

  /** Reads an ska-sdp-datamodels {@code .cfg}: ITRF X Y Z (m), diameter (m), name per line. */
  public static AntennaConfiguration readEcefCfg(Path file) {
    String telescope = "UNKNOWN";
    List<String> names = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    List<String> lines = lines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        String c = line.substring(1).trim();
        if (c.startsWith("observatory=")) {
          telescope = c.substring("observatory=".length()).trim();
        }
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length < 4) {
        throw new InvalidInputException(
            file.toString(), "line " + (i + 1), "expected X Y Z diameter [name], got: " + line);
      }
      double[] v = new double[4];
      for (int k = 0; k < 4; k++) {
        v[k] = number(file, "line " + (i + 1) + " column " + (k + 1), f[k]);
      }
      rows.add(v);
      names.add(f.length > 4 ? f[4] : "ANT" + rows.size());
    }
    requireSome(file, rows);
    int n = rows.size();
    double[][] c = new double[4][n];
    for (int a = 0; a < n; a++) {
      for (int k = 0; k < 4; k++) {
        c[k][a] = rows.get(a)[k];
      }
    }
    return new AntennaConfiguration(
        telescope, names.toArray(new String[0]), c[0], c[1], c[2], c[3], new boolean[n]);
  }

  /**
   * Reads a headerless CSV of local east, north, up offsets (metres) about {@code reference}.
   *
   * @param namePrefix antenna names are this prefix plus the 0-based row index
   */
  public static AntennaConfiguration readLocalEnuCsv(
      Path file, GeodeticPosition reference, String telescope, String namePrefix, double diameter) {
    EnuFrame frame = new EnuFrame(reference);
    List<double[]> rows = new ArrayList<>();
    List<String> lines = lines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",");
      if (f.length != 3) {
        throw new InvalidInputException(
            file.toString(),
            "line " + (i + 1),
            "expected 3 comma-separated numbers (east, north, up)");
      }
      double[] enu = new double[3];
      for (int k = 0; k < 3; k++) {
        enu[k] = number(file, "line " + (i + 1) + " column " + (k + 1), f[k]);
      }
      rows.add(frame.enuToItrf(enu));
    }
    requireSome(file, rows);
    int n = rows.size();
    String[] names = new String[n];
    double[] d = new double[n];
    for (int a = 0; a < n; a++) {
      names[a] = namePrefix + a;
      d[a] = diameter;
    }
    return build(telescope, names, rows, d, new boolean[n]);
  }

  /** Reads MWA {@code mwa_ant_pos.csv}: names, numbers, x, y, z (ITRF offsets, metres). */
  public static AntennaConfiguration readMwaAntPosCsv(Path file) {
    List<String> lines = lines(file);
    if (lines.isEmpty()) {
      throw new InvalidInputException(file.toString(), null, "empty file");
    }
    String[] header = lines.get(0).trim().split(",");
    int ix = column(file, header, "x");
    int iy = column(file, header, "y");
    int iz = column(file, header, "z");
    int in = column(file, header, "names");
    double[] origin = new GeodeticPosition(MWA_CENTRE.lonRad(), MWA_CENTRE.latRad(), 0).toItrf();
    List<String> names = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",");
      if (f.length != header.length) {
        throw new InvalidInputException(
            file.toString(), "line " + (i + 1), "expected " + header.length + " columns");
      }
      String where = "line " + (i + 1) + " column ";
      rows.add(
          new double[] {
            origin[0] + number(file, where + "x", f[ix]),
            origin[1] + number(file, where + "y", f[iy]),
            origin[2] + number(file, where + "z", f[iz]),
          });
      names.add(f[in].trim());
    }
    requireSome(file, rows);
    int n = rows.size();
    double[] d = new double[n];
    java.util.Arrays.fill(d, MWA_TILE_DIAMETER);
    return build("MWA", names.toArray(new String[0]), rows, d, new boolean[n]);
  }

  /** Reads the {@code TILEDATA} table of an MWA metafits file. */
  public static AntennaConfiguration readMetafits(Path file) {
    String f = file.toString();
    try (Fits fits = new Fits(file.toFile())) {
      BinaryTableHDU table = null;
      for (BasicHDU<?> hdu = fits.readHDU(); hdu != null; hdu = fits.readHDU()) {
        if ("TILEDATA".equals(trimOrNull(hdu.getHeader().getStringValue("EXTNAME")))) {
          if (!(hdu instanceof BinaryTableHDU b)) {
            throw new InvalidInputException(f, "TILEDATA", "expected a binary table");
          }
          table = b;
          break;
        }
      }
      if (table == null) {
        throw new InvalidInputException(f, "TILEDATA", "no TILEDATA binary table in the file");
      }
      int cTile = findColumn(f, table, "Tile");
      int cName = findColumn(f, table, "TileName");
      int cFlag = findColumn(f, table, "Flag");
      int cNorth = findColumn(f, table, "North");
      int cEast = findColumn(f, table, "East");
      int cHeight = findColumn(f, table, "Height");
      int cAnt = table.findColumn("Antenna");
      // Keyed by correlator antenna index when present, else by tile number.
      Map<Integer, Object[]> tiles = new TreeMap<>();
      for (int r = 0; r < table.getNRows(); r++) {
        int tile = intValue(f, table, r, cTile, "Tile");
        int key = cAnt >= 0 ? intValue(f, table, r, cAnt, "Antenna") : tile;
        boolean flagged = intValue(f, table, r, cFlag, "Flag") != 0;
        double north = floatValue(f, table, r, cNorth, "North");
        double east = floatValue(f, table, r, cEast, "East");
        double height = floatValue(f, table, r, cHeight, "Height");
        String name = stringValue(table, r, cName);
        Object[] prev = tiles.get(key);
        if (prev == null) {
          tiles.put(key, new Object[] {name, new double[] {east, north, height}, flagged, tile});
        } else {
          if ((Integer) prev[3] != tile) {
            throw new InvalidInputException(
                f,
                "TILEDATA.Antenna",
                "antenna " + key + " maps to tiles " + prev[3] + " and " + tile);
          }
          prev[2] = (Boolean) prev[2] || flagged;
        }
      }
      if (tiles.isEmpty()) {
        throw new InvalidInputException(f, "TILEDATA", "the table has no rows");
      }
      EnuFrame frame =
          new EnuFrame(new GeodeticPosition(MWA_CENTRE.lonRad(), MWA_CENTRE.latRad(), 0));
      int n = tiles.size();
      String[] names = new String[n];
      boolean[] flags = new boolean[n];
      double[] d = new double[n];
      List<double[]> rows = new ArrayList<>();
      int a = 0;
      for (Object[] t : tiles.values()) {
        names[a] = (String) t[0];
        flags[a] = (Boolean) t[2];
        d[a] = MWA_TILE_DIAMETER;
        rows.add(frame.enuToItrf((double[]) t[1]));
        a++;
      }
      return build("MWA", names, rows, d, flags);
    } catch (FitsException | IOException e) {
      throw new InvalidInputException(f, null, "not a readable FITS file: " + e.getMessage(), e);
    }
  }

  private static String trimOrNull(String s) {
    return s == null ? null : s.trim();
  }

  private static int findColumn(String f, BinaryTableHDU t, String name) {
    int c = t.findColumn(name);
    if (c < 0) {
      throw new InvalidInputException(f, "TILEDATA." + name, "column missing");
    }
    return c;
  }

  private static int intValue(String f, BinaryTableHDU t, int r, int c, String name)
      throws FitsException {
    Object v = t.getElement(r, c);
    if (v instanceof short[] s && s.length == 1) {
      return s[0];
    }
    if (v instanceof int[] i && i.length == 1) {
      return i[0];
    }
    if (v instanceof long[] l && l.length == 1) {
      return (int) l[0];
    }
    if (v instanceof byte[] b && b.length == 1) {
      return b[0];
    }
    throw new InvalidInputException(f, "TILEDATA." + name, "expected an integer in row " + (r + 1));
  }

  private static double floatValue(String f, BinaryTableHDU t, int r, int c, String name)
      throws FitsException {
    Object v = t.getElement(r, c);
    double x;
    if (v instanceof float[] a && a.length == 1) {
      x = a[0];
    } else if (v instanceof double[] a && a.length == 1) {
      x = a[0];
    } else {
      throw new InvalidInputException(f, "TILEDATA." + name, "expected a number in row " + (r + 1));
    }
    if (!Double.isFinite(x)) {
      throw new InvalidInputException(f, "TILEDATA." + name, "non-finite value in row " + (r + 1));
    }
    return x;
  }

  private static String stringValue(BinaryTableHDU t, int r, int c) throws FitsException {
    Object v = t.getElement(r, c);
    if (v instanceof String s) {
      return s.trim();
    }
    if (v instanceof String[] s && s.length == 1) {
      return s[0].trim();
    }
    return String.valueOf(v).trim();
  }

  private static int column(Path file, String[] header, String name) {
    for (int i = 0; i < header.length; i++) {
      if (header[i].trim().equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new InvalidInputException(file.toString(), "header", "missing column '" + name + "'");
  }

  private static double number(Path file, String field, String s) {
    try {
      double v = Double.parseDouble(s.trim());
      if (!Double.isFinite(v)) {
        throw new InvalidInputException(
            file.toString(), field, "expected a finite number, got " + s);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          file.toString(), field, "expected a number, got '" + s + "'", e);
    }
  }

  private static void requireSome(Path file, List<double[]> rows) {
    if (rows.isEmpty()) {
      throw new InvalidInputException(file.toString(), null, "no antennas in the file");
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), null, "cannot read: " + e.getMessage(), e);
    }
  }

  private static AntennaConfiguration build(
      String telescope, String[] names, List<double[]> xyz, double[] diameter, boolean[] flags) {
    int n = names.length;
    double[] x = new double[n];
    double[] y = new double[n];
    double[] z = new double[n];
    for (int a = 0; a < n; a++) {
      x[a] = xyz.get(a)[0];
      y[a] = xyz.get(a)[1];
      z[a] = xyz.get(a)[2];
    }
    return new AntennaConfiguration(telescope, names, x, y, z, diameter, flags);
  }
}
