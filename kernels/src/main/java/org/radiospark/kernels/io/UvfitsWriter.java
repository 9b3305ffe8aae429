package org.radiospark.kernels.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.FitsUtil;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;
import org.jastronomy.jsofa.JSOFA;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Writes a {@link UvfitsData} as a UVFITS file that AIPS, CASA {@code importuvfits}, WSClean (via
 * CASA) and pyuvdata read: float32 random groups with parameters {@code UU VV WW BASELINE DATE DATE
 * INTTIM}, data axes {@code COMPLEX(3) STOKES FREQ IF(1) RA DEC}, then the {@code AIPS AN} and
 * {@code AIPS FQ} tables.
 *
 * <p>Encoding (the inverse of {@link UvfitsReader}):
 *
 * <ul>
 *   <li>uvw are negated (blocks hold {@code pos2 - pos1}, files {@code pos1 - pos2}) and written in
 *       seconds ({@code metres / c}) as float32; values that came from a float32 file read back
 *       bit-identical.
 *   <li>Time is split over the two DATE parameters: {@code PZERO} of the first holds the Julian
 *       date of 0h UTC of the first row's day, the first parameter the float32 day fraction and the
 *       second its float32 residual, so the sum keeps about 1e-11 s; times read back to within one
 *       double ulp of the MJD seconds (about 1 microsecond).
 *   <li>{@code BASELINE = 256 a1 + a2} with AIPS antenna numbers ({@code NOSTA}), or {@code 2048 a1
 *       + a2 + 65536} when a number exceeds 255 (exact in float32).
 *   <li>Weights: unflagged samples get {@code w}, flagged samples {@code -|w|} ({@code -0.0} for a
 *       zero weight). An unflagged sample of weight 0 therefore reads back as flagged: the format
 *       cannot tell the two apart.
 *   <li>Frequencies must be evenly spaced and polarisation codes evenly stepped (one FITS axis
 *       each); {@code CDELT} of FREQ is the channel spacing (the channel width for one channel),
 *       the widths go to {@code CH WIDTH} of the FQ table (written in double so they read back
 *       exactly).
 * </ul>
 *
 * <p>The file is written atomically with {@link AtomicFiles}. Cost O(rows x channels x pols), with
 * one group buffered at a time.
 */
public final class UvfitsWriter {
  /** Earth's rotation, degrees of sidereal angle per UT1 day (IERS value, for DEGPDY). */
  private static final double DEGREES_PER_DAY = 360.985_647_366_286_2;

  private UvfitsWriter() {}

  /**
   * Writes {@code data} to {@code file}.
   *
   * @param overwrite whether an existing file may be replaced
   * @throws IllegalArgumentException if the block cannot be expressed as UVFITS axes (uneven
   *     frequencies, unequal channel widths, unevenly stepped polarisations, an antenna index
   *     outside the table, or a flagged/unflagged weight below zero)
   * @throws java.nio.file.FileAlreadyExistsException if the file exists and {@code overwrite} is
   *     false
   */
  public static void write(Path file, UvfitsData data, boolean overwrite) throws IOException {
    VisibilityBlock b = data.block();
    Layout layout = Layout.of(b, data.antennaTable());
    AtomicFiles.write(file, overwrite, out -> writeTo(out, data, layout));
  }

  private static void writeTo(OutputStream os, UvfitsData data, Layout layout) throws IOException {
    VisibilityBlock b = data.block();
    FitsOutputStream out = new FitsOutputStream(os);
    Header primary = primaryHeader(data, layout);
    primary.write(out);

    int nChan = b.nChan();
    int nPol = b.nPol();
    int groupFloats = 7 + 3 * nChan * nPol;
    ByteBuffer bb = ByteBuffer.allocate(4 * groupFloats).order(ByteOrder.BIG_ENDIAN);
    int[] nosta = data.antennaTable().stationNumbers();
    for (int r = 0; r < b.nRows(); r++) {
      bb.clear();
      // blocks hold pos2 - pos1, UVFITS files pos1 - pos2 (see UvfitsReader)
      bb.putFloat((float) (-b.uMetres()[r] / VisibilityBlock.C));
      bb.putFloat((float) (-b.vMetres()[r] / VisibilityBlock.C));
      bb.putFloat((float) (-b.wMetres()[r] / VisibilityBlock.C));
      bb.putFloat(baseline(nosta[b.antenna1()[r]], nosta[b.antenna2()[r]]));
      double dayFraction = (b.timeMjdSec()[r] - layout.mjdDay * 86_400.0) / 86_400.0;
      float d1 = (float) dayFraction;
      bb.putFloat(d1);
      bb.putFloat((float) (dayFraction - d1));
      bb.putFloat((float) b.integrationSec()[r]);
      for (int c = 0; c < nChan; c++) {
        for (int p = 0; p < nPol; p++) {
          int i = b.index(r, c, p);
          bb.putFloat(b.vis()[2 * i]);
          bb.putFloat(b.vis()[2 * i + 1]);
          float w = Math.abs(b.weight()[i]);
          bb.putFloat(b.flag()[i] ? -w : w);
        }
      }
      out.write(bb.array(), 0, bb.position());
    }
    FitsUtil.pad(out, 4L * groupFloats * b.nRows());
    antennaHdu(data, layout).write(out);
    frequencyHdu(b, layout).write(out);
    out.flush();
  }

  /** AIPS baseline code of 1-based antenna numbers; exact in float32 (< 2^24). */
  static float baseline(int a1, int a2) {
    if (a1 > 255 || a2 > 255) {
      return 2048f * a1 + a2 + 65536f;
    }
    return 256f * a1 + a2;
  }

  private static Header primaryHeader(UvfitsData data, Layout l) throws IOException {
    VisibilityBlock b = data.block();
    Header h = new Header();
    h.addValue("SIMPLE", true, "conforms to FITS standard");
    h.addValue("BITPIX", -32, "IEEE float32");
    h.addValue("NAXIS", 7, "number of array dimensions");
    h.addValue("NAXIS1", 0, "random groups");
    h.addValue("NAXIS2", 3, "COMPLEX");
    h.addValue("NAXIS3", b.nPol(), "STOKES");
    h.addValue("NAXIS4", b.nChan(), "FREQ");
    h.addValue("NAXIS5", 1, "IF");
    h.addValue("NAXIS6", 1, "RA");
    h.addValue("NAXIS7", 1, "DEC");
    h.addValue("EXTEND", true, "tables follow");
    h.addValue("GROUPS", true, "random groups");
    h.addValue("PCOUNT", 7, "number of random parameters");
    h.addValue("GCOUNT", b.nRows(), "number of groups (rows)");
    String[] ptype = {"UU", "VV", "WW", "BASELINE", "DATE", "DATE", "INTTIM"};
    for (int k = 0; k < ptype.length; k++) {
      h.addValue("PTYPE" + (k + 1), ptype[k], k < 3 ? "seconds" : k == 4 ? "Julian date" : "");
      h.addValue("PSCAL" + (k + 1), 1.0, "");
      h.addValue("PZERO" + (k + 1), k == 4 ? l.mjdDay + 2_400_000.5 : 0.0, "");
    }
    h.addValue("BSCALE", 1.0, "");
    h.addValue("BZERO", 0.0, "");
    h.addValue("BUNIT", "JY", "visibility unit");
    axis(h, 2, "COMPLEX", 1, 1);
    axis(h, 3, "STOKES", b.pols()[0].code(), l.stokesStep);
    axis(h, 4, "FREQ", b.freqHz()[0], l.freqStep);
    axis(h, 5, "IF", 1, 1);
    axis(h, 6, "RA", b.phaseCentre().raDeg(), 1);
    axis(h, 7, "DEC", b.phaseCentre().decDeg(), 1);
    h.addValue("OBJECT", data.object(), "");
    h.addValue("TELESCOP", data.telescope(), "");
    h.addValue("INSTRUME", data.instrument().isEmpty() ? data.telescope() : data.instrument(), "");
    h.addValue("EPOCH", data.equinox(), "equinox of RA/DEC, years");
    h.addValue("OBSRA", b.phaseCentre().raDeg(), "phase centre RA, degrees");
    h.addValue("OBSDEC", b.phaseCentre().decDeg(), "phase centre Dec, degrees");
    h.addValue("DATE-OBS", data.dateObs().isEmpty() ? iso(l.firstTime) : data.dateObs(), "UTC");
    h.addValue("SPECSYS", "TOPOCENT", "");
    h.addValue("ORIGIN", "RadioSpark", "");
    return h;
  }

  private static void axis(Header h, int k, String type, double crval, double cdelt)
      throws IOException {
    h.addValue("CTYPE" + k, type, "");
    h.addValue("CRVAL" + k, crval, "");
    h.addValue("CDELT" + k, cdelt, "");
    h.addValue("CRPIX" + k, 1.0, "");
    h.addValue("CROTA" + k, 0.0, "");
  }

  private static BinaryTableHDU antennaHdu(UvfitsData data, Layout l) throws IOException {
    AipsAntennaTable an = data.antennaTable();
    int n = an.size();
    double[][] xyz = new double[n][];
    int[] mount = new int[n];
    float[] zeros = new float[n];
    String[] polA = new String[n];
    String[] polB = new String[n];
    boolean circular = data.block().nPol() > 0 && data.block().pols()[0].isCircular();
    for (int i = 0; i < n; i++) {
      xyz[i] = new double[] {an.stabX()[i], an.stabY()[i], an.stabZ()[i]};
      polA[i] = circular ? "R" : "X";
      polB[i] = circular ? "L" : "Y";
    }
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      // A fixed width of at least 8 characters, as AIPS writes ANNAME.
      names[i] = String.format("%-8s", an.names()[i]);
    }
    BinaryTable t =
        BinaryTable.fromColumnMajor(
            new Object[] {
              names,
              xyz,
              an.stationNumbers().clone(),
              mount,
              zeros.clone(),
              polA,
              zeros.clone(),
              polB,
              zeros.clone(),
              an.diameterMetres().clone()
            });
    BinaryTableHDU hdu = BinaryTableHDU.wrap(t);
    String[] cols = {
      "ANNAME",
      "STABXYZ",
      "NOSTA",
      "MNTSTA",
      "STAXOF",
      "POLTYA",
      "POLAA",
      "POLTYB",
      "POLAB",
      "DIAMETER"
    };
    for (int c = 0; c < cols.length; c++) {
      hdu.setColumnName(c, cols[c], null);
    }
    Header h = hdu.getHeader();
    h.addValue("EXTNAME", "AIPS AN", "antenna table");
    h.addValue("EXTVER", 1, "");
    h.addValue("ARRAYX", an.arrayX(), "metres");
    h.addValue("ARRAYY", an.arrayY(), "metres");
    h.addValue("ARRAYZ", an.arrayZ(), "metres");
    h.addValue("FRAME", an.frame(), "");
    double gst0 = Math.toDegrees(JSOFA.jauGmst82(2_400_000.5, l.mjdDay));
    h.addValue("GSTIA0", gst0, "GMST at 0h UTC of RDATE, degrees");
    h.addValue("DEGPDY", DEGREES_PER_DAY, "");
    h.addValue("FREQ", data.block().nChan() > 0 ? data.block().freqHz()[0] : 0.0, "Hz");
    h.addValue("RDATE", iso(l.mjdDay * 86_400.0).substring(0, 10), "");
    h.addValue("POLARX", 0.0, "");
    h.addValue("POLARY", 0.0, "");
    h.addValue("UT1UTC", 0.0, "");
    h.addValue("DATUTC", 0.0, "");
    h.addValue("TIMSYS", "UTC", "");
    h.addValue("ARRNAM", an.arrayName().isEmpty() ? data.telescope() : an.arrayName(), "");
    h.addValue("XYZHAND", "RIGHT", "");
    h.addValue("NUMORB", 0, "");
    h.addValue("NOPCAL", 0, "");
    h.addValue("NO_IF", 1, "");
    h.addValue("FREQID", 1, "");
    h.addValue("POLTYPE", circular ? "R-L CIRC" : "X-Y LIN", "");
    return hdu;
  }

  private static BinaryTableHDU frequencyHdu(VisibilityBlock b, Layout l) throws IOException {
    BinaryTable t =
        BinaryTable.fromColumnMajor(
            new Object[] {
              new int[] {1},
              new double[][] {{0.0}},
              new double[][] {{l.chanWidth}},
              new double[][] {{l.chanWidth * b.nChan()}},
              new int[][] {{l.freqStep < 0 ? -1 : 1}}
            });
    BinaryTableHDU hdu = BinaryTableHDU.wrap(t);
    String[] cols = {"FRQSEL", "IF FREQ", "CH WIDTH", "TOTAL BANDWIDTH", "SIDEBAND"};
    for (int c = 0; c < cols.length; c++) {
      hdu.setColumnName(c, cols[c], null);
    }
    Header h = hdu.getHeader();
    h.addValue("EXTNAME", "AIPS FQ", "frequency table");
    h.addValue("EXTVER", 1, "");
    h.addValue("NO_IF", 1, "");
    return hdu;
  }

  private static String iso(double mjdSec) {
    long ms = Math.round((mjdSec - 40_587.0 * 86_400.0) * 1000.0);
    return LocalDateTime.ofEpochSecond(
            Math.floorDiv(ms, 1000), (int) Math.floorMod(ms, 1000) * 1_000_000, ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS"));
  }

  /** The axis parameters a block needs, checked once before anything is written. */
  private record Layout(
      double freqStep, double chanWidth, int stokesStep, long mjdDay, double firstTime) {
    static Layout of(VisibilityBlock b, AipsAntennaTable an) {
      int nChan = b.nChan();
      int nPol = b.nPol();
      if (nChan == 0 || nPol == 0) {
        throw new IllegalArgumentException("a UVFITS file needs at least one channel and one pol");
      }
      double[] f = b.freqHz();
      double width = b.chanWidthHz()[0];
      for (double cw : b.chanWidthHz()) {
        if (cw != width) {
          throw new IllegalArgumentException(
              "UVFITS with one IF needs equal channel widths: " + width + " and " + cw);
        }
      }
      double step = nChan == 1 ? width : (f[nChan - 1] - f[0]) / (nChan - 1);
      for (int c = 0; c < nChan; c++) {
        double expected = f[0] + c * step;
        if (Math.abs(f[c] - expected) > 1e-9 * Math.max(Math.abs(f[c]), 1)) {
          throw new IllegalArgumentException(
              "UVFITS needs evenly spaced channels; channel " + c + " is at " + f[c] + " Hz");
        }
      }
      Stokes[] pols = b.pols();
      int stokesStep = nPol == 1 ? -1 : pols[1].code() - pols[0].code();
      for (int p = 0; p < nPol; p++) {
        if (pols[p].code() != pols[0].code() + p * stokesStep) {
          throw new IllegalArgumentException(
              "UVFITS needs evenly stepped STOKES codes: " + java.util.Arrays.toString(pols));
        }
      }
      int n = an.size();
      for (int r = 0; r < b.nRows(); r++) {
        for (int a : new int[] {b.antenna1()[r], b.antenna2()[r]}) {
          if (a < 0 || a >= n) {
            throw new IllegalArgumentException(
                "row " + r + " has antenna index " + a + " outside the " + n + "-row AN table");
          }
        }
      }
      for (int s : an.stationNumbers()) {
        if (s < 1 || s > 2047) {
          throw new IllegalArgumentException("AIPS antenna numbers must be 1..2047: " + s);
        }
      }
      for (float w : b.weight()) {
        if (!(w >= 0)) {
          throw new IllegalArgumentException("weights must be >= 0 (flags carry the sign): " + w);
        }
      }
      double t0 = Double.POSITIVE_INFINITY;
      for (double t : b.timeMjdSec()) {
        t0 = Math.min(t0, t);
      }
      if (b.nRows() == 0) {
        t0 = 0;
      }
      return new Layout(step, width, stokesStep, (long) Math.floor(t0 / 86_400.0), t0);
    }
  }
}
