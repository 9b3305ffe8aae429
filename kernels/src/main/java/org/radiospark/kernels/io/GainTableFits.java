package org.radiospark.kernels.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Gain solutions ({@link GainTable}) as a FITS binary table that astropy ({@code Table.read(f,
 * hdu="GAINS")}) and TOPCAT open directly, and back, exactly.
 *
 * <p>File layout: an empty primary HDU, then one BINTABLE extension {@code EXTNAME = 'GAINS'} with
 * one row per (solution interval, channel block, antenna), in the order of {@link GainTable}'s
 * cells: row {@code r = (slot * NBLOCK + block) * NANT + ant}. Columns:
 *
 * <table>
 *   <caption>Columns of the GAINS table</caption>
 *   <tr><th>name</th><th>TFORM</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>SOLINT</td><td>J</td><td></td><td>0-based solution interval (slot)</td></tr>
 *   <tr><td>CHANBLK</td><td>J</td><td></td><td>0-based channel block</td></tr>
 *   <tr><td>ANTENNA</td><td>J</td><td></td><td>0-based antenna index</td></tr>
 *   <tr><td>ANTNAME</td><td>nA</td><td></td><td>antenna name (ANT&lt;index&gt; if none given)</td></tr>
 *   <tr><td>TIME</td><td>D</td><td>s</td><td>centre of the interval, MJD seconds (UTC)</td></tr>
 *   <tr><td>INTERVAL</td><td>D</td><td>s</td><td>length of the interval</td></tr>
 *   <tr><td>SOLSTART, SOLEND</td><td>D</td><td>s</td><td>interval edges, MJD seconds (these, not
 *       TIME +- INTERVAL / 2, are read back, so that the edges survive bit for bit)</td></tr>
 *   <tr><td>FREQ</td><td>D</td><td>Hz</td><td>frequency of the block ({@link
 *       GainTable#blockFreqHz()}, NaN for a block without channels)</td></tr>
 *   <tr><td>FREQ_LO, FREQ_HI</td><td>D</td><td>Hz</td><td>lower and upper band edges of the block
 *       (only when given in {@link Metadata})</td></tr>
 *   <tr><td>CHAN_LO, CHAN_HI</td><td>J</td><td></td><td>first and last (inclusive) 0-based
 *       channel of the block (only when given in {@link Metadata})</td></tr>
 *   <tr><td>JONES</td><td>8D</td><td></td><td>J00re J00im J01re J01im J10re J10im J11re J11im,
 *       the 2x2 Jones matrix row-major (for linear feeds J00 is X, J11 is Y), exactly the 8
 *       values of the cell in {@link GainTable#jones()}</td></tr>
 *   <tr><td>FLAG</td><td>L</td><td></td><td>T: the solution failed or had no data</td></tr>
 * </table>
 *
 * <p>The Jones values are stored in double precision (8D, not 8E) because the gain table holds
 * doubles and the round trip must be exact. Header keywords of the extension: {@code JONESTYP}
 * (PHASE, DIAGONAL or FULL), {@code REFANT} (0-based, -1 for none), {@code NANT}, {@code NSOLINT},
 * {@code NBLOCK}, {@code TIMESYS = 'UTC'}, {@code MJDREF = 0}, {@code TIMEUNIT = 's'} (the FITS
 * time convention for a TIME column in MJD seconds), and any extra keywords of the {@link
 * Metadata}.
 *
 * <p>Visibilities are corrupted as {@code V_pq = J_p M_pq J_q^H} (see {@link GainTable}); to
 * calibrate, multiply by the inverses. Writing and reading are O(rows); the file is written
 * atomically with {@link AtomicFiles}.
 */
public final class GainTableFits {
  /** EXTNAME of the gain table extension. */
  public static final String EXTNAME = "GAINS";

  private static final Pattern KEYWORD = Pattern.compile("[A-Z0-9_-]{1,8}");

  /** Keywords this class writes itself; {@link Metadata#keywords()} may not use them. */
  private static final Set<String> RESERVED =
      Set.of(
          "SIMPLE",
          "BITPIX",
          "NAXIS",
          "NAXIS1",
          "NAXIS2",
          "EXTEND",
          "XTENSION",
          "PCOUNT",
          "GCOUNT",
          "TFIELDS",
          "EXTNAME",
          "JONESTYP",
          "REFANT",
          "NANT",
          "NSOLINT",
          "NBLOCK",
          "TIMESYS",
          "MJDREF",
          "TIMEUNIT",
          "END",
          "COMMENT",
          "HISTORY");

  private GainTableFits() {}

  /**
   * What a gain table does not hold itself but a reader of the file wants: antenna names, the
   * channel range and band edges of each block, and free header keywords (e.g. {@code OBJECT},
   * {@code TELESCOP}, {@code DATE-OBS}). Every part is optional: {@code null} arrays or an empty
   * list are left out of the file.
   *
   * @param antennaNames one name per antenna, or empty for {@code ANT<index>}
   * @param chanLo first 0-based channel of each block (inclusive), or null
   * @param chanHi last 0-based channel of each block (inclusive), or null
   * @param freqLoHz lower band edge of each block, Hz, or null
   * @param freqHiHz upper band edge of each block, Hz, or null
   * @param keywords extra header keywords (upper-case, at most 8 characters) and string values
   */
  public record Metadata(
      List<String> antennaNames,
      int[] chanLo,
      int[] chanHi,
      double[] freqLoHz,
      double[] freqHiHz,
      Map<String, String> keywords) {

    /** Checks the pairs are given together with equal lengths and that keywords are valid. */
    public Metadata {
      antennaNames = List.copyOf(Objects.requireNonNull(antennaNames, "antennaNames"));
      keywords =
          Collections.unmodifiableMap(
              new LinkedHashMap<>(Objects.requireNonNull(keywords, "keywords")));
      if ((chanLo == null) != (chanHi == null)
          || chanLo != null && chanLo.length != chanHi.length) {
        throw new IllegalArgumentException("chanLo and chanHi must be given together, same length");
      }
      if ((freqLoHz == null) != (freqHiHz == null)
          || freqLoHz != null && freqLoHz.length != freqHiHz.length) {
        throw new IllegalArgumentException(
            "freqLoHz and freqHiHz must be given together, same length");
      }
      for (Map.Entry<String, String> e : keywords.entrySet()) {
        if (!KEYWORD.matcher(e.getKey()).matches() || RESERVED.contains(e.getKey())) {
          throw new IllegalArgumentException(
              "not a usable FITS keyword (upper case, <= 8 characters, not reserved): "
                  + e.getKey());
        }
        if (e.getValue() == null || !e.getValue().chars().allMatch(c -> c >= 32 && c < 127)) {
          throw new IllegalArgumentException("keyword " + e.getKey() + ": value must be ASCII");
        }
      }
      for (String n : antennaNames) {
        if (n == null || !n.chars().allMatch(c -> c > 32 && c < 127)) {
          throw new IllegalArgumentException(
              "antenna names must be printable ASCII without blanks: '" + n + "'");
        }
      }
    }

    /** No metadata: antennas are named {@code ANT<index>}, no block edges, no extra keywords. */
    public static Metadata none() {
      return new Metadata(List.of(), null, null, null, null, Map.of());
    }

    /** A copy with these antenna names. */
    public Metadata withAntennaNames(List<String> names) {
      return new Metadata(names, chanLo, chanHi, freqLoHz, freqHiHz, keywords);
    }

    /**
     * A copy with the channel range and band edges of each block, from the channel-to-block map a
     * solution was made with ({@code CalibrationSolution.chanToBlock()}). O(nChan).
     *
     * @param freqHz channel centres, Hz
     * @param chanWidthHz channel widths, Hz (positive)
     * @param chanToBlock block of each channel; each block's channels must be contiguous
     * @throws IllegalArgumentException if lengths differ, a block has no channels or its channels
     *     are not contiguous
     */
    public Metadata withChannelBlocks(double[] freqHz, double[] chanWidthHz, int[] chanToBlock) {
      if (freqHz.length != chanToBlock.length || chanWidthHz.length != chanToBlock.length) {
        throw new IllegalArgumentException("freqHz, chanWidthHz and chanToBlock lengths differ");
      }
      int n = 0;
      for (int b : chanToBlock) {
        if (b < 0) {
          throw new IllegalArgumentException("negative channel block " + b);
        }
        n = Math.max(n, b + 1);
      }
      int[] lo = new int[n];
      int[] hi = new int[n];
      double[] fLo = new double[n];
      double[] fHi = new double[n];
      Arrays.fill(lo, -1);
      Arrays.fill(fLo, Double.POSITIVE_INFINITY);
      Arrays.fill(fHi, Double.NEGATIVE_INFINITY);
      int[] count = new int[n];
      for (int c = 0; c < chanToBlock.length; c++) {
        int b = chanToBlock[c];
        if (lo[b] < 0) {
          lo[b] = c;
        }
        hi[b] = c;
        count[b]++;
        double half = 0.5 * Math.abs(chanWidthHz[c]);
        fLo[b] = Math.min(fLo[b], freqHz[c] - half);
        fHi[b] = Math.max(fHi[b], freqHz[c] + half);
      }
      for (int b = 0; b < n; b++) {
        if (count[b] == 0 || hi[b] - lo[b] + 1 != count[b]) {
          throw new IllegalArgumentException(
              "channel block " + b + " is empty or not a contiguous range of channels");
        }
      }
      return new Metadata(antennaNames, lo, hi, fLo, fHi, keywords);
    }

    /** A copy with one more header keyword. */
    public Metadata withKeyword(String key, String value) {
      Map<String, String> k = new LinkedHashMap<>(keywords);
      k.put(key, value);
      return new Metadata(antennaNames, chanLo, chanHi, freqLoHz, freqHiHz, k);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Metadata m
          && antennaNames.equals(m.antennaNames)
          && Arrays.equals(chanLo, m.chanLo)
          && Arrays.equals(chanHi, m.chanHi)
          && Arrays.equals(freqLoHz, m.freqLoHz)
          && Arrays.equals(freqHiHz, m.freqHiHz)
          && keywords.equals(m.keywords);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          antennaNames,
          Arrays.hashCode(chanLo),
          Arrays.hashCode(chanHi),
          Arrays.hashCode(freqLoHz),
          Arrays.hashCode(freqHiHz),
          keywords);
    }

    @Override
    public String toString() {
      return "Metadata[antennas="
          + antennaNames.size()
          + ", blocks="
          + (chanLo == null ? "-" : chanLo.length)
          + ", keywords="
          + keywords.keySet()
          + "]";
    }
  }

  /** A gain table and the metadata that was stored with it. */
  public record Contents(GainTable table, Metadata metadata) {
    /** Checks that neither part is null. */
    public Contents {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(metadata, "metadata");
    }
  }

  /**
   * Writes {@code table} to {@code file}, refusing to replace an existing file.
   *
   * @see #write(GainTable, Metadata, Path, boolean)
   */
  public static void write(GainTable table, Metadata metadata, Path file) throws IOException {
    write(table, metadata, file, false);
  }

  /**
   * Writes {@code table} with {@code metadata} to {@code file} atomically.
   *
   * @param overwrite whether an existing file may be replaced
   * @throws IllegalArgumentException if the table has no cells (no row could carry its interval
   *     times and block frequencies), the metadata does not match the table (number of antenna
   *     names or of blocks), or an unflagged cell holds a non-finite Jones value (the reader would
   *     reject it)
   * @throws java.nio.file.FileAlreadyExistsException if the file exists and overwrite is false
   */
  public static void write(GainTable table, Metadata metadata, Path file, boolean overwrite)
      throws IOException {
    BinaryTableHDU hdu = buildHdu(table, metadata);
    FitsTableFile.write(file, overwrite, hdu, "gain table");
  }

  private static BinaryTableHDU buildHdu(GainTable t, Metadata m) throws IOException {
    Objects.requireNonNull(t, "table");
    Objects.requireNonNull(m, "metadata");
    int nAnt = t.nAnt();
    int nSlots = t.nSlots();
    int nBlocks = t.nChanBlocks();
    if (!m.antennaNames().isEmpty() && m.antennaNames().size() != nAnt) {
      throw new IllegalArgumentException(
          m.antennaNames().size() + " antenna names for " + nAnt + " antennas");
    }
    if (m.chanLo() != null && m.chanLo().length != nBlocks
        || m.freqLoHz() != null && m.freqLoHz().length != nBlocks) {
      throw new IllegalArgumentException(
          "metadata block edges do not match " + nBlocks + " blocks");
    }
    int rows = nSlots * nBlocks * nAnt;
    if (rows == 0) {
      // With no rows the block frequencies and interval times would have nowhere to go.
      throw new IllegalArgumentException(
          "a gain table without cells cannot be written: "
              + nSlots
              + " intervals x "
              + nBlocks
              + " blocks x "
              + nAnt
              + " antennas");
    }
    double[] jones = t.jones();
    boolean[] flagged = t.flagged();
    for (int cell = 0; cell < rows; cell++) {
      for (int k = 0; k < 8 && !flagged[cell]; k++) {
        if (!Double.isFinite(jones[8 * cell + k])) {
          throw new IllegalArgumentException("non-finite Jones value in unflagged cell " + cell);
        }
      }
    }
    String[] names = new String[nAnt];
    int width = 8;
    for (int a = 0; a < nAnt; a++) {
      names[a] = m.antennaNames().isEmpty() ? "ANT" + a : m.antennaNames().get(a);
      width = Math.max(width, names[a].length());
    }

    int[] solint = new int[rows];
    int[] chanBlk = new int[rows];
    int[] ant = new int[rows];
    String[] antName = new String[rows];
    double[] time = new double[rows];
    double[] interval = new double[rows];
    double[] start = new double[rows];
    double[] end = new double[rows];
    double[] freq = new double[rows];
    double[][] j8 = new double[rows][8];
    boolean[] flag = new boolean[rows];
    for (int s = 0; s < nSlots; s++) {
      double t0 = t.slotStartMjdSec()[s];
      double t1 = t.slotEndMjdSec()[s];
      for (int b = 0; b < nBlocks; b++) {
        for (int a = 0; a < nAnt; a++) {
          int r = t.cell(s, b, a);
          solint[r] = s;
          chanBlk[r] = b;
          ant[r] = a;
          antName[r] = String.format("%-" + width + "s", names[a]);
          time[r] = 0.5 * (t0 + t1);
          interval[r] = t1 - t0;
          start[r] = t0;
          end[r] = t1;
          freq[r] = t.blockFreqHz()[b];
          System.arraycopy(jones, 8 * r, j8[r], 0, 8);
          flag[r] = flagged[r];
        }
      }
    }
    List<String> cols = new ArrayList<>();
    List<String> units = new ArrayList<>();
    List<Object> data = new ArrayList<>();
    column(cols, units, data, "SOLINT", solint, null);
    column(cols, units, data, "CHANBLK", chanBlk, null);
    column(cols, units, data, "ANTENNA", ant, null);
    column(cols, units, data, "ANTNAME", antName, null);
    column(cols, units, data, "TIME", time, "s");
    column(cols, units, data, "INTERVAL", interval, "s");
    column(cols, units, data, "SOLSTART", start, "s");
    column(cols, units, data, "SOLEND", end, "s");
    column(cols, units, data, "FREQ", freq, "Hz");
    if (m.freqLoHz() != null) {
      column(cols, units, data, "FREQ_LO", perRow(m.freqLoHz(), chanBlk), "Hz");
      column(cols, units, data, "FREQ_HI", perRow(m.freqHiHz(), chanBlk), "Hz");
    }
    if (m.chanLo() != null) {
      column(cols, units, data, "CHAN_LO", perRow(m.chanLo(), chanBlk), null);
      column(cols, units, data, "CHAN_HI", perRow(m.chanHi(), chanBlk), null);
    }
    column(cols, units, data, "JONES", j8, null);
    column(cols, units, data, "FLAG", flag, null);
    try {
      BinaryTable bt = BinaryTable.fromColumnMajor(data.toArray());
      BinaryTableHDU hdu = bt.toHDU();
      for (int c = 0; c < cols.size(); c++) {
        hdu.setColumnName(c, cols.get(c), null);
        if (units.get(c) != null) {
          hdu.getHeader().addValue("TUNIT" + (c + 1), units.get(c), "");
        }
      }
      Header h = hdu.getHeader();
      h.addValue("EXTNAME", EXTNAME, "per-antenna gain solutions");
      h.addValue("JONESTYP", t.type().name(), "PHASE, DIAGONAL or FULL");
      h.addValue("REFANT", t.refAnt(), "0-based reference antenna, -1 for none");
      h.addValue("NANT", nAnt, "number of antennas");
      h.addValue("NSOLINT", nSlots, "number of solution intervals");
      h.addValue("NBLOCK", nBlocks, "number of channel blocks");
      h.addValue("TIMESYS", "UTC", "");
      h.addValue("MJDREF", 0.0, "TIME is MJD seconds");
      h.addValue("TIMEUNIT", "s", "");
      for (Map.Entry<String, String> e : m.keywords().entrySet()) {
        h.addValue(e.getKey(), e.getValue(), "");
      }
      h.insertComment("row = (SOLINT * NBLOCK + CHANBLK) * NANT + ANTENNA");
      h.insertComment("JONES = J00re J00im J01re J01im J10re J10im J11re J11im (row-major 2x2)");
      h.insertComment("corruption model V_pq = J_p M_pq J_q^H");
      return hdu;
    } catch (FitsException e) {
      throw new IOException("cannot build the gain table: " + e.getMessage(), e);
    }
  }

  private static void column(
      List<String> cols, List<String> units, List<Object> data, String name, Object v, String u) {
    cols.add(name);
    units.add(u);
    data.add(v);
  }

  private static double[] perRow(double[] perBlock, int[] block) {
    double[] out = new double[block.length];
    for (int r = 0; r < block.length; r++) {
      out[r] = perBlock[block[r]];
    }
    return out;
  }

  private static int[] perRow(int[] perBlock, int[] block) {
    int[] out = new int[block.length];
    for (int r = 0; r < block.length; r++) {
      out[r] = perBlock[block[r]];
    }
    return out;
  }

  /**
   * Reads the gain table of {@code file}.
   *
   * @throws InvalidInputException naming the file and the keyword or column that is missing,
   *     malformed or inconsistent
   * @throws IOException if the file cannot be opened
   */
  public static GainTable read(Path file) throws IOException {
    return readWithMetadata(file).table();
  }

  /**
   * Reads the gain table of {@code file} and the metadata stored with it (antenna names, block
   * edges when present, and every header keyword of the extension that this class does not write
   * itself or that is not a table-structure keyword). O(rows).
   *
   * @throws InvalidInputException naming the file and the keyword or column that is wrong
   * @throws IOException if the file cannot be opened
   */
  public static Contents readWithMetadata(Path file) throws IOException {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          name, null, Files.exists(file) ? "not a regular file" : "no such file");
    }
    byte[] first = new byte[9];
    try (var in = Files.newInputStream(file)) {
      // nom-tam-fits logs a stack trace for junk before failing; check the signature first.
      if (in.readNBytes(first, 0, 9) < 9
          || !new String(first, java.nio.charset.StandardCharsets.US_ASCII).equals("SIMPLE  =")) {
        throw new InvalidInputException(name, "SIMPLE", "not a FITS file (no SIMPLE card)");
      }
    }
    long size = Files.size(file);
    if (size % 2880 != 0) {
      throw new InvalidInputException(
          name,
          "NAXIS2",
          "truncated: " + size + " bytes is not a whole number of 2880-byte blocks");
    }
    // Table sizes are checked against the file before nom-tam-fits allocates anything from them.
    FitsLayout.requireComplete(file);
    try (Fits fits = new Fits(file.toFile())) {
      BasicHDU<?>[] hdus;
      try {
        hdus = fits.read();
      } catch (RuntimeException e) {
        throw new InvalidInputException(name, "HDU", "not a readable FITS file: " + e.getMessage());
      }
      for (BasicHDU<?> hdu : hdus) {
        if (hdu instanceof BinaryTableHDU b
            && EXTNAME.equals(new HeaderAccess(b.getHeader(), name).string("EXTNAME", ""))) {
          return new TableReader(name, b).read();
        }
      }
      throw new InvalidInputException(
          name, "EXTNAME", "expected a binary table extension named " + EXTNAME + ", found none");
    }
  }

  /** Reads and cross-checks one GAINS extension. */
  private static final class TableReader {
    private final String file;
    private final BinaryTableHDU hdu;
    private final BinaryTable table;
    private final HeaderAccess h;

    TableReader(String file, BinaryTableHDU hdu) {
      this.file = file;
      this.hdu = hdu;
      this.table = hdu.getData();
      this.h = new HeaderAccess(hdu.getHeader(), file);
    }

    Contents read() {
      GainTable.JonesType type;
      String typ = h.string("JONESTYP");
      try {
        type = GainTable.JonesType.valueOf(typ.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            file, "JONESTYP", "expected PHASE, DIAGONAL or FULL, found '" + typ + "'");
      }
      int nAnt = nonNegative("NANT");
      int nSlots = nonNegative("NSOLINT");
      int nBlocks = nonNegative("NBLOCK");
      int refAnt = h.integer("REFANT");
      if (refAnt < -1 || refAnt >= nAnt) {
        throw new InvalidInputException(
            file, "REFANT", "expected -1 or an antenna in [0, " + nAnt + "), found " + refAnt);
      }
      long rowsL = (long) nSlots * nBlocks * nAnt;
      int rows = table.getNRows();
      if (rowsL != rows) {
        throw new InvalidInputException(
            file, "NAXIS2", "expected NSOLINT x NBLOCK x NANT = " + rowsL + " rows, found " + rows);
      }
      int cSol = column("SOLINT", true, 1);
      int cBlk = column("CHANBLK", true, 1);
      int cAnt = column("ANTENNA", true, 1);
      int cName = column("ANTNAME", true, -1);
      int cStart = column("SOLSTART", false, 1);
      int cEnd = column("SOLEND", false, 1);
      int cTime = column("TIME", cStart < 0 || cEnd < 0, 1);
      int cInt = column("INTERVAL", cStart < 0 || cEnd < 0, 1);
      int cFreq = column("FREQ", true, 1);
      int cFLo = column("FREQ_LO", false, 1);
      int cFHi = column("FREQ_HI", cFLo >= 0, 1);
      int cCLo = column("CHAN_LO", false, 1);
      int cCHi = column("CHAN_HI", cCLo >= 0, 1);
      int cJones = column("JONES", true, 8);
      int cFlag = column("FLAG", true, 1);

      double[] slotStart = new double[nSlots];
      double[] slotEnd = new double[nSlots];
      boolean[] slotSeen = new boolean[nSlots];
      boolean[] blockSeen = new boolean[nBlocks];
      double[] blockFreq = new double[nBlocks];
      double[] fLo = cFLo < 0 ? null : new double[nBlocks];
      double[] fHi = cFLo < 0 ? null : new double[nBlocks];
      int[] chLo = cCLo < 0 ? null : new int[nBlocks];
      int[] chHi = cCLo < 0 ? null : new int[nBlocks];
      String[] names = new String[nAnt];
      double[] jones = new double[8 * rows];
      boolean[] flagged = new boolean[rows];
      boolean[] seen = new boolean[rows];
      for (int r = 0; r < rows; r++) {
        int s = index(r, cSol, "SOLINT", nSlots);
        int b = index(r, cBlk, "CHANBLK", nBlocks);
        int a = index(r, cAnt, "ANTENNA", nAnt);
        int cell = (s * nBlocks + b) * nAnt + a;
        if (seen[cell]) {
          throw new InvalidInputException(
              file,
              "SOLINT/CHANBLK/ANTENNA",
              "row " + (r + 1) + " repeats the cell (" + s + ", " + b + ", " + a + ")");
        }
        seen[cell] = true;
        double t0;
        double t1;
        if (cStart >= 0 && cEnd >= 0) {
          t0 = number(r, cStart, "SOLSTART");
          t1 = number(r, cEnd, "SOLEND");
        } else {
          double mid = number(r, cTime, "TIME");
          double len = number(r, cInt, "INTERVAL");
          t0 = mid - 0.5 * len;
          t1 = mid + 0.5 * len;
        }
        if (!(t1 >= t0)) {
          throw new InvalidInputException(
              file, "INTERVAL", "row " + (r + 1) + ": interval must not be negative");
        }
        String tCol = cStart >= 0 && cEnd >= 0 ? "SOLSTART/SOLEND" : "TIME/INTERVAL";
        slotStart[s] = agree(!slotSeen[s], slotStart[s], t0, r, tCol, "solution interval");
        slotEnd[s] = agree(!slotSeen[s], slotEnd[s], t1, r, tCol, "solution interval");
        slotSeen[s] = true;
        boolean first = !blockSeen[b];
        blockFreq[b] =
            agree(first, blockFreq[b], rawDouble(r, cFreq, "FREQ"), r, "FREQ", "channel block");
        if (fLo != null) {
          fLo[b] = agree(first, fLo[b], number(r, cFLo, "FREQ_LO"), r, "FREQ_LO", "channel block");
          fHi[b] = agree(first, fHi[b], number(r, cFHi, "FREQ_HI"), r, "FREQ_HI", "channel block");
        }
        if (chLo != null) {
          chLo[b] = (int) agree(first, chLo[b], integer(r, cCLo, "CHAN_LO"), r, "CHAN_LO", "block");
          chHi[b] = (int) agree(first, chHi[b], integer(r, cCHi, "CHAN_HI"), r, "CHAN_HI", "block");
        }
        blockSeen[b] = true;
        String an = string(r, cName);
        if (names[a] == null) {
          names[a] = an;
        } else if (!names[a].equals(an)) {
          throw new InvalidInputException(
              file,
              "ANTNAME",
              "row " + (r + 1) + ": antenna " + a + " is '" + an + "', earlier '" + names[a] + "'");
        }
        flagged[cell] = logical(r, cFlag);
        double[] j = jones(r, cJones);
        for (int k = 0; k < 8; k++) {
          if (!flagged[cell] && !Double.isFinite(j[k])) {
            throw new InvalidInputException(
                file, "JONES", "row " + (r + 1) + ": non-finite value in an unflagged solution");
          }
          jones[8 * cell + k] = j[k];
        }
      }
      GainTable t =
          new GainTable(type, nAnt, slotStart, slotEnd, blockFreq, jones, flagged, refAnt);
      Metadata m =
          new Metadata(
              rows == 0 ? List.of() : Arrays.asList(names), chLo, chHi, fLo, fHi, extraKeywords());
      return new Contents(t, m);
    }

    /** Keywords that are neither ours nor part of the table structure (TTYPEn, TFORMn, ...). */
    private Map<String, String> extraKeywords() {
      Map<String, String> out = new LinkedHashMap<>();
      Pattern structure = Pattern.compile("(TTYPE|TFORM|TUNIT|TDIM|TNULL|TSCAL|TZERO|TDISP)\\d+");
      for (var it = hdu.getHeader().iterator(); it.hasNext(); ) {
        var card = it.next();
        String key = card.getKey();
        if (key == null
            || key.isBlank()
            || RESERVED.contains(key)
            || structure.matcher(key).matches()
            || !KEYWORD.matcher(key).matches()
            || card.getValue() == null) {
          continue;
        }
        out.put(key, card.getValue().strip());
      }
      return out;
    }

    private int nonNegative(String key) {
      int v = h.integer(key);
      if (v < 0) {
        throw new InvalidInputException(file, key, "expected a count >= 0, found " + v);
      }
      return v;
    }

    /** 0-based column index, or -1 if absent and not required; checks the repeat count. */
    private int column(String name, boolean required, int repeat) {
      int n = h.integer("TFIELDS");
      for (int k = 1; k <= n; k++) {
        if (h.string("TTYPE" + k, "").equalsIgnoreCase(name)) {
          if (repeat > 0) {
            int[] sizes = table.getSizes();
            if (sizes[k - 1] != repeat) {
              throw new InvalidInputException(
                  file, name, "expected " + repeat + " value(s) per row, found " + sizes[k - 1]);
            }
          }
          return k - 1;
        }
      }
      if (required) {
        throw new InvalidInputException(
            file, name, "required column missing from table " + EXTNAME);
      }
      return -1;
    }

    private Object element(int r, int c, String col) {
      try {
        return table.getElement(r, c);
      } catch (RuntimeException e) {
        throw new InvalidInputException(
            file, col, "row " + (r + 1) + " unreadable: " + e.getMessage(), e);
      }
    }

    private double rawDouble(int r, int c, String col) {
      Object o = element(r, c, col);
      if (o instanceof double[] d && d.length == 1) {
        return d[0];
      }
      if (o instanceof float[] f && f.length == 1) {
        return f[0];
      }
      if (o instanceof Number num) {
        return num.doubleValue();
      }
      throw new InvalidInputException(
          file, col, "expected a floating-point column, found " + o.getClass().getSimpleName());
    }

    private double number(int r, int c, String col) {
      double v = rawDouble(r, c, col);
      if (!Double.isFinite(v)) {
        throw new InvalidInputException(file, col, "row " + (r + 1) + ": not a finite number");
      }
      return v;
    }

    private long integer(int r, int c, String col) {
      Object o = element(r, c, col);
      long v;
      if (o instanceof int[] i && i.length == 1) {
        v = i[0];
      } else if (o instanceof short[] s && s.length == 1) {
        v = s[0];
      } else if (o instanceof long[] l && l.length == 1) {
        v = l[0];
      } else if (o instanceof byte[] b && b.length == 1) {
        v = b[0] & 0xff;
      } else if (o instanceof Number num && !(o instanceof Double) && !(o instanceof Float)) {
        v = num.longValue();
      } else {
        throw new InvalidInputException(
            file, col, "expected an integer column, found " + o.getClass().getSimpleName());
      }
      return v;
    }

    private int index(int r, int c, String col, int n) {
      long v = integer(r, c, col);
      if (v < 0 || v >= n) {
        throw new InvalidInputException(
            file, col, "row " + (r + 1) + ": expected an index in [0, " + n + "), found " + v);
      }
      return (int) v;
    }

    private String string(int r, int c) {
      Object o = element(r, c, "ANTNAME");
      if (o instanceof String s) {
        return s.strip();
      }
      if (o instanceof String[] s && s.length == 1) {
        return s[0].strip();
      }
      throw new InvalidInputException(
          file, "ANTNAME", "expected a character column, found " + o.getClass().getSimpleName());
    }

    private boolean logical(int r, int c) {
      Object o = element(r, c, "FLAG");
      if (o instanceof boolean[] b && b.length == 1) {
        return b[0];
      }
      if (o instanceof Boolean[] b && b.length == 1) {
        if (b[0] == null) {
          throw new InvalidInputException(file, "FLAG", "row " + (r + 1) + ": undefined logical");
        }
        return b[0];
      }
      if (o instanceof Boolean b) {
        return b;
      }
      throw new InvalidInputException(
          file, "FLAG", "expected a logical (L) column, found " + o.getClass().getSimpleName());
    }

    private double[] jones(int r, int c) {
      Object o = element(r, c, "JONES");
      if (o instanceof double[] d && d.length == 8) {
        return d;
      }
      if (o instanceof float[] f && f.length == 8) {
        double[] d = new double[8];
        for (int k = 0; k < 8; k++) {
          d[k] = f[k];
        }
        return d;
      }
      throw new InvalidInputException(
          file, "JONES", "expected 8 floating-point values (8D or 8E) per row");
    }

    /**
     * The value a property of a slot or block must have in every row of it: the first row seen sets
     * it, every later one must repeat it bit for bit.
     */
    private double agree(boolean first, double held, double v, int r, String col, String what) {
      if (!first && Double.compare(held, v) != 0) {
        throw new InvalidInputException(
            file, col, "row " + (r + 1) + ": differs from an earlier row of the same " + what);
      }
      return v;
    }
  }
}
