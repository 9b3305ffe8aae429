package org.radiospark.kernels.io.mwa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import org.radiospark.kernels.io.FitsLayout;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Reads an MWA metafits file (primary header plus the {@code TILEDATA} binary table) into a {@link
 * Metafits}. Antenna positions are read by {@link
 * org.radiospark.kernels.io.layout.LayoutReader#readMetafits}; this class adds what a preprocessor
 * needs: inputs, polarisations, cable lengths, flags, channels, times, delays applied.
 *
 * <p>Bad input throws {@link InvalidInputException} naming the file, the keyword or column and what
 * was expected. Cost O(rows of TILEDATA).
 */
public final class MetafitsReader {
  /**
   * Velocity factor of the coaxial cables: a {@code Length} without the {@code EL_} prefix is a
   * physical length and is multiplied by this to get the electrical length (mwalib's value).
   */
  public static final double COAX_VELOCITY_FACTOR = 1.204;

  private MetafitsReader() {}

  /** Reads {@code file}. */
  public static Metafits read(Path file) {
    String f = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(f, null, "no such metafits file");
    }
    try (Fits fits = openChecked(file)) {
      BasicHDU<?> primary = fits.readHDU();
      if (primary == null) {
        throw new InvalidInputException(f, null, "empty FITS file");
      }
      Header h = primary.getHeader();
      BinaryTableHDU table = null;
      for (BasicHDU<?> hdu = fits.readHDU(); hdu != null; hdu = fits.readHDU()) {
        String ext = hdu.getHeader().getStringValue("EXTNAME");
        if (ext != null && ext.trim().equals("TILEDATA")) {
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
      List<MwaRfInput> inputs = readInputs(f, table);
      double ra = requireDouble(f, h, "RA");
      double dec = requireDouble(f, h, "DEC");
      double fineKhz = requireDouble(f, h, "FINECHAN");
      double intTime = requireDouble(f, h, "INTTIME");
      if (!(fineKhz > 0)) {
        throw new InvalidInputException(f, "FINECHAN", "expected a positive width in kHz");
      }
      if (!(intTime > 0)) {
        throw new InvalidInputException(f, "INTTIME", "expected a positive time in seconds");
      }
      String dateObs = requireString(f, h, "DATE-OBS");
      try {
        java.time.LocalDateTime.parse(dateObs);
      } catch (java.time.format.DateTimeParseException e) {
        throw new InvalidInputException(f, "DATE-OBS", "expected yyyy-mm-ddThh:mm:ss", e);
      }
      int[] channels = parseChannels(f, requireString(f, h, "CHANNELS"));
      int nChans = requireInt(f, h, "NCHANS");
      if (nChans <= 0 || nChans % channels.length != 0) {
        throw new InvalidInputException(
            f, "NCHANS", "expected a positive multiple of the " + channels.length + " CHANNELS");
      }
      return new Metafits(
          f,
          requireLong(f, h, "GPSTIME"),
          dateObs,
          h.containsKey("FILENAME") ? h.getStringValue("FILENAME").trim() : "",
          h.getIntValue("CENTCHAN", channels[channels.length / 2]),
          channels,
          fineKhz * 1e3,
          intTime,
          nChans,
          h.getIntValue("NSCANS", 0),
          ra,
          dec,
          h.containsKey("RAPHASE") ? h.getDoubleValue("RAPHASE") : ra,
          h.containsKey("DECPHASE") ? h.getDoubleValue("DECPHASE") : dec,
          h.getIntValue("CABLEDEL", 0) != 0,
          h.getIntValue("GEODEL", 0) != 0,
          h.getIntValue("CALIBDEL", 0) != 0,
          h.getDoubleValue("QUACKTIM", 0.0),
          inputs);
    } catch (FitsException | IOException e) {
      throw new InvalidInputException(f, null, "not a readable FITS file: " + e.getMessage(), e);
    } catch (InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      // nom-tam-fits reports corrupt cards and cells with unchecked exceptions.
      throw new InvalidInputException(f, null, "corrupt FITS file: " + e, e);
    }
  }

  /** Opens {@code file} once its HDU sizes are known to fit in it (see {@link FitsLayout}). */
  private static Fits openChecked(Path file) throws IOException {
    FitsLayout.requireComplete(file);
    try {
      return new Fits(file.toFile());
    } catch (FitsException e) {
      throw new InvalidInputException(file.toString(), null, "not a readable FITS file", e);
    }
  }

  private static List<MwaRfInput> readInputs(String f, BinaryTableHDU t) throws FitsException {
    int cInput = column(f, t, "Input");
    int cAnt = column(f, t, "Antenna");
    int cTile = column(f, t, "Tile");
    int cName = column(f, t, "TileName");
    int cPol = column(f, t, "Pol");
    int cRx = t.findColumn("Rx");
    int cSlot = t.findColumn("Slot");
    int cFlag = column(f, t, "Flag");
    int cLength = column(f, t, "Length");
    int cNorth = column(f, t, "North");
    int cEast = column(f, t, "East");
    int cHeight = column(f, t, "Height");
    int cDelays = t.findColumn("Delays");
    int n = t.getNRows();
    if (n == 0 || n % 2 != 0) {
      throw new InvalidInputException(f, "TILEDATA", "expected an even, non-zero number of rows");
    }
    List<MwaRfInput> out = new ArrayList<>(n);
    Set<Integer> seenInputs = new HashSet<>();
    Set<Integer> seenAntPol = new HashSet<>();
    for (int r = 0; r < n; r++) {
      String row = " row " + (r + 1);
      int input = ints(f, t, r, cInput, "Input")[0];
      int antenna = ints(f, t, r, cAnt, "Antenna")[0];
      String pol = string(t, r, cPol);
      if (!pol.equals("X") && !pol.equals("Y")) {
        throw new InvalidInputException(f, "TILEDATA.Pol", "expected X or Y in" + row);
      }
      if (antenna < 0 || antenna >= n / 2) {
        throw new InvalidInputException(
            f, "TILEDATA.Antenna", "expected 0.." + (n / 2 - 1) + " in" + row);
      }
      if (!seenInputs.add(input) || !seenAntPol.add(2 * antenna + (pol.equals("Y") ? 1 : 0))) {
        throw new InvalidInputException(
            f, "TILEDATA", "duplicate Input or Antenna/Pol pair in" + row);
      }
      out.add(
          new MwaRfInput(
              input,
              antenna,
              ints(f, t, r, cTile, "Tile")[0],
              string(t, r, cName),
              pol.charAt(0),
              cRx >= 0 ? ints(f, t, r, cRx, "Rx")[0] : 0,
              cSlot >= 0 ? ints(f, t, r, cSlot, "Slot")[0] : 0,
              ints(f, t, r, cFlag, "Flag")[0] != 0,
              electricalLength(f, string(t, r, cLength), r),
              number(f, t, r, cNorth, "North"),
              number(f, t, r, cEast, "East"),
              number(f, t, r, cHeight, "Height"),
              cDelays >= 0 ? ints(f, t, r, cDelays, "Delays") : new int[0]));
    }
    return out;
  }

  /**
   * Electrical length in metres from a {@code Length} cell: {@code EL_123.4} is already electrical;
   * a bare number is physical and scaled by {@link #COAX_VELOCITY_FACTOR}.
   */
  static double electricalLength(String f, String cell, int row) {
    String s = cell.trim();
    boolean electrical = s.startsWith("EL_");
    try {
      double v = Double.parseDouble(electrical ? s.substring(3) : s);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException("not finite");
      }
      return electrical ? v : v * COAX_VELOCITY_FACTOR;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          f, "TILEDATA.Length", "expected EL_<metres> or <metres> in row " + (row + 1), e);
    }
  }

  /** Parses {@code CHANNELS}: comma-separated receiver channel numbers 1..255. */
  static int[] parseChannels(String f, String value) {
    String[] parts = value.split(",");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            f, "CHANNELS", "expected comma-separated integers, got '" + value + "'", e);
      }
      if (out[i] < 1 || out[i] > 255) {
        throw new InvalidInputException(f, "CHANNELS", "channel outside 1..255: " + out[i]);
      }
    }
    return out;
  }

  private static int column(String f, BinaryTableHDU t, String name) {
    int c = t.findColumn(name);
    if (c < 0) {
      throw new InvalidInputException(f, "TILEDATA." + name, "column missing");
    }
    return c;
  }

  private static int[] ints(String f, BinaryTableHDU t, int r, int c, String name)
      throws FitsException {
    Object v = t.getElement(r, c);
    if (v instanceof short[] s) {
      int[] out = new int[s.length];
      for (int i = 0; i < s.length; i++) {
        out[i] = s[i];
      }
      return out;
    }
    if (v instanceof int[] i) {
      return i.clone();
    }
    if (v instanceof long[] l) {
      return java.util.Arrays.stream(l).mapToInt(x -> (int) x).toArray();
    }
    if (v instanceof byte[] b) {
      int[] out = new int[b.length];
      for (int i = 0; i < b.length; i++) {
        out[i] = b[i];
      }
      return out;
    }
    throw new InvalidInputException(f, "TILEDATA." + name, "expected integers in row " + (r + 1));
  }

  private static double number(String f, BinaryTableHDU t, int r, int c, String name)
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

  private static String string(BinaryTableHDU t, int r, int c) throws FitsException {
    Object v = t.getElement(r, c);
    String s;
    if (v instanceof String str) {
      s = str;
    } else if (v instanceof String[] a && a.length == 1) {
      s = a[0];
    } else if (v instanceof char[] a) {
      s = new String(a);
    } else if (v instanceof byte[] a) {
      s = new String(a, java.nio.charset.StandardCharsets.US_ASCII);
    } else {
      s = String.valueOf(v);
    }
    int nul = s.indexOf('\0');
    return (nul >= 0 ? s.substring(0, nul) : s).trim();
  }

  private static String requireString(String f, Header h, String key) {
    if (!h.containsKey(key)) {
      throw new InvalidInputException(f, key, "keyword missing from the primary header");
    }
    String v = h.getStringValue(key);
    if (v == null || v.isBlank()) {
      throw new InvalidInputException(f, key, "expected a non-empty string");
    }
    return v.trim();
  }

  private static double requireDouble(String f, Header h, String key) {
    if (!h.containsKey(key)) {
      throw new InvalidInputException(f, key, "keyword missing from the primary header");
    }
    double v = h.getDoubleValue(key, Double.NaN);
    if (!Double.isFinite(v)) {
      throw new InvalidInputException(f, key, "expected a finite number");
    }
    return v;
  }

  private static int requireInt(String f, Header h, String key) {
    return (int) requireLong(f, h, key);
  }

  private static long requireLong(String f, Header h, String key) {
    if (!h.containsKey(key)) {
      throw new InvalidInputException(f, key, "keyword missing from the primary header");
    }
    return h.getLongValue(key);
  }
}
