package org.radiospark.kernels.io.psrfits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.util.ArrayFuncs;
import nom.tam.util.FitsOutputStream;
import org.radiospark.kernels.io.AtomicFiles;
import org.radiospark.kernels.io.FitsLayout;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Reader and writer of PSRFITS search-mode files with nom-tam-fits.
 *
 * <p>Read: the primary header's observation keywords and the {@code SUBINT} table's {@code
 * TSUBINT}, {@code OFFS_SUB}, {@code DAT_FREQ} (float or double), {@code DAT_WTS}, {@code
 * DAT_OFFS}, {@code DAT_SCL} and {@code DATA} columns; other columns are ignored. Written: the same
 * keywords and columns, {@code DAT_FREQ} as doubles ({@code D}), {@code DATA} as bytes with {@code
 * TDIM = (NCHAN, NPOL, NSBLK)} for 8 bits ({@code NCHAN*NPOL*NSBLK/2} bytes for 4 bits). Writing
 * then reading reproduces every kept value and sample exactly. O(file size).
 */
public final class Psrfits {
  private Psrfits() {}

  /** Reads a search-mode file. */
  public static PsrfitsSearch read(Path file) throws IOException {
    String name = file.toString();
    // Sizes are checked against the file before nom-tam-fits allocates anything from them.
    FitsLayout.requireComplete(file);
    try (Fits fits = new Fits(file.toFile())) {
      BasicHDU<?>[] hdus = fits.read();
      if (hdus == null || hdus.length == 0) {
        throw new InvalidInputException(name, "primary HDU", "not a FITS file");
      }
      Header ph = hdus[0].getHeader();
      String mode = ph.getStringValue("OBS_MODE");
      if (mode != null && !mode.trim().equals("SEARCH")) {
        throw new InvalidInputException(name, "OBS_MODE", "expected SEARCH, got " + mode.trim());
      }
      PsrfitsSearch.Primary primary =
          new PsrfitsSearch.Primary(
              str(ph, "TELESCOP"),
              str(ph, "SRC_NAME"),
              str(ph, "RA"),
              str(ph, "DEC"),
              ph.getDoubleValue("OBSFREQ", 0),
              ph.getDoubleValue("OBSBW", 0),
              ph.getIntValue("STT_IMJD", 0),
              ph.getIntValue("STT_SMJD", 0),
              ph.getDoubleValue("STT_OFFS", 0));
      BinaryTableHDU sub = null;
      for (BasicHDU<?> h : hdus) {
        if (h instanceof BinaryTableHDU b && "SUBINT".equals(str(h.getHeader(), "EXTNAME"))) {
          sub = b;
        }
      }
      if (sub == null) {
        throw new InvalidInputException(name, "SUBINT", "no SUBINT binary table");
      }
      Header sh = sub.getHeader();
      PsrfitsSearch.Format format;
      try {
        format =
            new PsrfitsSearch.Format(
                intKey(sh, "NCHAN", name),
                intKey(sh, "NPOL", name),
                intKey(sh, "NSBLK", name),
                intKey(sh, "NBITS", name),
                doubleKey(sh, "TBIN", name),
                sh.getDoubleValue("CHAN_BW", 0),
                str(sh, "POL_TYPE"));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(name, "SUBINT NCHAN/NPOL/NSBLK/NBITS/TBIN", e.getMessage());
      }
      BinaryTable t = sub.getData();
      int cData = column(sub, "DATA", name);
      int cFreq = column(sub, "DAT_FREQ", name);
      int cWts = column(sub, "DAT_WTS", name);
      int cOffs = column(sub, "DAT_OFFS", name);
      int cScl = column(sub, "DAT_SCL", name);
      int cTsub = sub.findColumn("TSUBINT");
      int cOffsSub = sub.findColumn("OFFS_SUB");
      List<PsrfitsSearch.Row> rows = new ArrayList<>();
      for (int r = 0; r < t.getNRows(); r++) {
        byte[] raw = bytes(t.getElement(r, cData), name);
        byte[] samples = unpack(raw, format, name);
        try {
          rows.add(
              new PsrfitsSearch.Row(
                  cTsub < 0 ? 0 : doubles(t.getElement(r, cTsub))[0],
                  cOffsSub < 0 ? 0 : doubles(t.getElement(r, cOffsSub))[0],
                  doubles(t.getElement(r, cFreq)),
                  floats(t.getElement(r, cWts)),
                  floats(t.getElement(r, cOffs)),
                  floats(t.getElement(r, cScl)),
                  samples));
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException(name, "SUBINT row " + r, e.getMessage());
        }
      }
      if (rows.isEmpty()) {
        throw new InvalidInputException(name, "SUBINT", "the table has no rows");
      }
      try {
        return new PsrfitsSearch(primary, format, rows);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(name, "SUBINT", e.getMessage());
      }
    } catch (FitsException e) {
      throw new InvalidInputException(name, "FITS structure", e.getMessage(), e);
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // nom-tam-fits reports corrupt cards and cells with unchecked exceptions or EOF.
      throw new InvalidInputException(name, "FITS structure", "corrupt: " + e, e);
    }
  }

  /** Writes a search-mode file atomically (see {@link AtomicFiles}). */
  public static void write(Path file, PsrfitsSearch data, boolean overwrite) throws IOException {
    PsrfitsSearch.Format f = data.format();
    int n = data.rows().size();
    double[] tsub = new double[n];
    double[] offsSub = new double[n];
    double[][] freq = new double[n][];
    float[][] wts = new float[n][];
    float[][] offs = new float[n][];
    float[][] scl = new float[n][];
    byte[][] raw = new byte[n][];
    for (int r = 0; r < n; r++) {
      PsrfitsSearch.Row row = data.rows().get(r);
      tsub[r] = row.tsubintSec();
      offsSub[r] = row.offsSubSec();
      freq[r] = row.datFreqMHz();
      wts[r] = row.datWts();
      offs[r] = row.datOffs();
      scl[r] = row.datScl();
      raw[r] = pack(row.samples(), f);
    }
    try {
      BinaryTable t =
          BinaryTable.fromColumnMajor(new Object[] {tsub, offsSub, freq, wts, offs, scl, raw});
      BinaryTableHDU hdu = BinaryTableHDU.wrap(t);
      String[] cols = {"TSUBINT", "OFFS_SUB", "DAT_FREQ", "DAT_WTS", "DAT_OFFS", "DAT_SCL", "DATA"};
      for (int c = 0; c < cols.length; c++) {
        hdu.setColumnName(c, cols[c], null);
      }
      Header h = hdu.getHeader();
      if (f.nbits() == 8) {
        h.addValue("TDIM7", "(" + f.nchan() + "," + f.npol() + "," + f.nsblk() + ")", "");
      }
      h.addValue("TUNIT1", "s", "");
      h.addValue("TUNIT2", "s", "");
      h.addValue("TUNIT3", "MHz", "");
      h.addValue("EXTNAME", "SUBINT", "subintegration data");
      h.addValue("INT_TYPE", "TIME", "time axis");
      h.addValue("INT_UNIT", "SEC", "");
      h.addValue("NPOL", f.npol(), "number of polarisations");
      h.addValue("POL_TYPE", f.polType(), "polarisation identifier");
      h.addValue("TBIN", f.tbinSec(), "[s] time per sample");
      h.addValue("NBIN", 1, "");
      h.addValue("NBITS", f.nbits(), "bits per sample");
      h.addValue("NCHAN", f.nchan(), "number of channels");
      h.addValue("CHAN_BW", f.chanBwMHz(), "[MHz] channel width");
      h.addValue("NSBLK", f.nsblk(), "samples per row");
      h.addValue("NSUBOFFS", 0, "");
      Header primary = primaryHeader(data.primary(), f);
      AtomicFiles.write(
          file,
          overwrite,
          os -> {
            FitsOutputStream out = new FitsOutputStream(os);
            try {
              primary.write(out);
              hdu.write(out);
            } catch (FitsException e) {
              throw new IOException(e);
            }
            out.flush();
          });
    } catch (FitsException e) {
      throw new IOException("cannot build the SUBINT table: " + e.getMessage(), e);
    }
  }

  private static Header primaryHeader(PsrfitsSearch.Primary p, PsrfitsSearch.Format f)
      throws FitsException {
    Header h = new Header();
    h.addValue("SIMPLE", true, "conforms to FITS standard");
    h.addValue("BITPIX", 8, "");
    h.addValue("NAXIS", 0, "");
    h.addValue("EXTEND", true, "");
    h.addValue("HDRVER", "6.1", "header version");
    h.addValue("FITSTYPE", "PSRFITS", "FITS definition for pulsar data files");
    h.addValue("OBS_MODE", "SEARCH", "");
    h.addValue("TELESCOP", p.telescope(), "");
    h.addValue("SRC_NAME", p.sourceName(), "");
    h.addValue("RA", p.ra(), "hh:mm:ss.ssss");
    h.addValue("DEC", p.dec(), "dd:mm:ss.sss");
    h.addValue("OBSFREQ", p.obsFreqMHz(), "[MHz] centre frequency");
    h.addValue("OBSBW", p.obsBwMHz(), "[MHz] bandwidth");
    h.addValue("OBSNCHAN", f.nchan(), "");
    h.addValue("STT_IMJD", p.sttImjd(), "start MJD (UTC days)");
    h.addValue("STT_SMJD", p.sttSmjd(), "[s] start time past 0h UTC");
    h.addValue("STT_OFFS", p.sttOffsSec(), "[s] start time offset");
    return h;
  }

  private static String str(Header h, String key) {
    String s = h.getStringValue(key);
    return s == null ? "" : s.trim();
  }

  private static int intKey(Header h, String key, String file) {
    if (!h.containsKey(key)) {
      throw new InvalidInputException(file, key, "missing from the SUBINT header");
    }
    return h.getIntValue(key);
  }

  private static double doubleKey(Header h, String key, String file) {
    if (!h.containsKey(key)) {
      throw new InvalidInputException(file, key, "missing from the SUBINT header");
    }
    return h.getDoubleValue(key);
  }

  private static int column(BinaryTableHDU t, String name, String file) {
    int c = t.findColumn(name);
    if (c < 0) {
      throw new InvalidInputException(file, name, "column missing from the SUBINT table");
    }
    return c;
  }

  private static byte[] bytes(Object o, String file) {
    Object flat = ArrayFuncs.flatten(o);
    if (flat instanceof byte[] b) {
      return b;
    }
    throw new InvalidInputException(file, "DATA", "expected a byte (B) column");
  }

  private static double[] doubles(Object o) {
    Object flat = ArrayFuncs.flatten(o);
    if (flat instanceof double[] d) {
      return d.clone();
    }
    if (flat instanceof float[] f) {
      double[] d = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        d[i] = f[i];
      }
      return d;
    }
    throw new IllegalArgumentException("expected a float or double column");
  }

  private static float[] floats(Object o) {
    Object flat = ArrayFuncs.flatten(o);
    if (flat instanceof float[] f) {
      return f.clone();
    }
    if (flat instanceof double[] d) {
      float[] f = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        f[i] = (float) d[i];
      }
      return f;
    }
    throw new IllegalArgumentException("expected a float column");
  }

  private static byte[] unpack(byte[] raw, PsrfitsSearch.Format f, String file) {
    int n = f.samplesPerRow();
    int need = f.nbits() == 8 ? n : n / 2;
    if (raw.length != need) {
      throw new InvalidInputException(
          file,
          "DATA",
          raw.length + " bytes per row, expected " + need + " for NBITS " + f.nbits());
    }
    if (f.nbits() == 8) {
      return raw.clone();
    }
    byte[] out = new byte[n];
    for (int i = 0; i < raw.length; i++) {
      out[2 * i] = (byte) ((raw[i] >> 4) & 0x0f);
      out[2 * i + 1] = (byte) (raw[i] & 0x0f);
    }
    return out;
  }

  private static byte[] pack(byte[] samples, PsrfitsSearch.Format f) {
    if (f.nbits() == 8) {
      return samples.clone();
    }
    byte[] out = new byte[samples.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((samples[2 * i] & 0x0f) << 4 | (samples[2 * i + 1] & 0x0f));
    }
    return out;
  }
}
