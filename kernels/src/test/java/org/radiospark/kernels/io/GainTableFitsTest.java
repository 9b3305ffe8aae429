package org.radiospark.kernels.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.radiospark.kernels.calibration.CalibrationSolution;
import org.radiospark.kernels.calibration.ChannelBlocks;
import org.radiospark.kernels.calibration.JonesMode;
import org.radiospark.kernels.calibration.SolverParameters;
import org.radiospark.kernels.calibration.StefcalSolver;
import org.radiospark.kernels.io.GainTableFits.Metadata;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

class GainTableFitsTest {
  @TempDir Path dir;

  /**
   * A table with awkward values: interval edges whose centre is not exactly representable, Jones
   * values of every magnitude, subnormals and signed zeros, NaN in a flagged cell.
   */
  static GainTable randomTable(
      GainTable.JonesType type, int nAnt, int nSlots, int nBlocks, long seed) {
    Random rnd = new Random(seed);
    double[] start = new double[nSlots];
    double[] end = new double[nSlots];
    double t = 61_041.3 * 86_400.0 + rnd.nextDouble();
    for (int s = 0; s < nSlots; s++) {
      start[s] = t;
      end[s] = t + 60.0 / 7.0 + rnd.nextDouble() * 1e-3;
      t = end[s];
    }
    double[] freq = new double[nBlocks];
    for (int b = 0; b < nBlocks; b++) {
      freq[b] = 1.4e9 / 3.0 + b * 1.0e6 / 7.0;
    }
    int cells = nSlots * nBlocks * nAnt;
    double[] jones = new double[8 * cells];
    boolean[] flagged = new boolean[cells];
    for (int k = 0; k < jones.length; k++) {
      jones[k] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
    }
    if (cells > 3) {
      jones[0] = -0.0;
      jones[1] = Double.MIN_VALUE;
      flagged[2] = true;
      jones[8 * 2 + 3] = Double.NaN;
      flagged[cells - 1] = true;
    }
    return new GainTable(type, nAnt, start, end, freq, jones, flagged, Math.min(2, nAnt - 1));
  }

  static List<String> names(int n) {
    List<String> out = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      out.add("SKA" + String.format("%03d", a) + (a % 3 == 0 ? "_long_name" : ""));
    }
    return out;
  }

  static void assertSameTable(GainTable expected, GainTable actual) {
    assertEquals(expected.type(), actual.type());
    assertEquals(expected.nAnt(), actual.nAnt());
    assertEquals(expected.nSlots(), actual.nSlots());
    assertEquals(expected.nChanBlocks(), actual.nChanBlocks());
    assertEquals(expected.refAnt(), actual.refAnt());
    // assertArrayEquals on doubles compares bit patterns via Double.equals: -0.0 != 0.0, NaN == NaN
    assertArrayEquals(expected.slotStartMjdSec(), actual.slotStartMjdSec());
    assertArrayEquals(expected.slotEndMjdSec(), actual.slotEndMjdSec());
    assertArrayEquals(expected.blockFreqHz(), actual.blockFreqHz());
    assertArrayEquals(expected.jones(), actual.jones());
    assertArrayEquals(expected.flagged(), actual.flagged());
  }

  @ParameterizedTest
  @EnumSource(GainTable.JonesType.class)
  void roundTripIsExactWithMetadata(GainTable.JonesType type) throws Exception {
    int nAnt = 7;
    int nChan = 10;
    GainTable t = randomTable(type, nAnt, 3, 3, 11);
    double[] freqHz = new double[nChan];
    double[] width = new double[nChan];
    for (int c = 0; c < nChan; c++) {
      freqHz[c] = 1.0e9 + c * 1.1e5;
      width[c] = 1.1e5;
    }
    Metadata m =
        Metadata.none()
            .withAntennaNames(names(nAnt))
            .withChannelBlocks(freqHz, width, ChannelBlocks.regular(nChan, 4))
            .withKeyword("OBJECT", "SIM FIELD")
            .withKeyword("DATE-OBS", "2026-01-01T00:00:00");
    Path f = dir.resolve("g.fits");
    GainTableFits.write(t, m, f);
    GainTableFits.Contents back = GainTableFits.readWithMetadata(f);
    assertSameTable(t, back.table());
    assertEquals(m, back.metadata());
    assertSameTable(t, GainTableFits.read(f));
  }

  /** The way IcalJob writes a solver's result: a real StEFCal solution with its channel blocks. */
  @Test
  void stefcalSolutionRoundTripsWithItsChannelBlocks() throws Exception {
    int nAnt = 5;
    int nTimes = 4;
    int nChan = 6;
    Stokes[] pols = {Stokes.XX, Stokes.XY, Stokes.YX, Stokes.YY};
    int rows = nTimes * nAnt * (nAnt - 1) / 2;
    double[] u = new double[rows];
    double[] v = new double[rows];
    int[] a1 = new int[rows];
    int[] a2 = new int[rows];
    double[] time = new double[rows];
    double[] dt = new double[rows];
    Random rnd = new Random(7);
    int r = 0;
    for (int t = 0; t < nTimes; t++) {
      for (int p = 0; p < nAnt; p++) {
        for (int q = p + 1; q < nAnt; q++) {
          a1[r] = p;
          a2[r] = q;
          u[r] = 100 * rnd.nextGaussian();
          v[r] = 100 * rnd.nextGaussian();
          time[r] = 61_041.5 * 86_400 + 10.0 * t;
          dt[r] = 10;
          r++;
        }
      }
    }
    double[] freq = new double[nChan];
    double[] width = new double[nChan];
    for (int c = 0; c < nChan; c++) {
      freq[c] = 1.4e9 + 1e6 * c;
      width[c] = 1e6;
    }
    VisibilityBlock model =
        VisibilityBlock.zeros(
            u,
            v,
            new double[rows],
            a1,
            a2,
            time,
            dt,
            freq,
            width,
            pols,
            PhaseCentre.ofDegrees(0, -30));
    for (int i = 0; i < model.vis().length; i += 8) {
      model.vis()[i] = 1 + (float) rnd.nextDouble();
      model.vis()[i + 6] = 1 + (float) rnd.nextDouble();
    }
    VisibilityBlock data = model.copy();
    SolverParameters params =
        SolverParameters.defaults(JonesMode.DIAGONAL).withIntervals(20, 4).withRefAnt(0);
    CalibrationSolution sol = new StefcalSolver(params).solve(data, model, nAnt);
    Metadata m =
        Metadata.none()
            .withAntennaNames(List.of("M000", "M001", "M002", "M003", "SKA004"))
            .withChannelBlocks(freq, width, sol.chanToBlock());
    Path f = dir.resolve("stefcal-gains.fits");
    GainTableFits.write(sol.table(), m, f);
    GainTableFits.Contents back = GainTableFits.readWithMetadata(f);
    assertSameTable(sol.table(), back.table());
    assertEquals(2, back.table().nSlots());
    assertArrayEquals(new int[] {0, 4}, back.metadata().chanLo());
    assertArrayEquals(new int[] {3, 5}, back.metadata().chanHi());
    assertEquals(m, back.metadata());
  }

  @Test
  void withoutMetadataAntennasGetIndexNamesAndNoEdgeColumns() throws Exception {
    GainTable t = randomTable(GainTable.JonesType.DIAGONAL, 4, 2, 1, 3);
    GainTable noRef =
        new GainTable(
            t.type(),
            t.nAnt(),
            t.slotStartMjdSec(),
            t.slotEndMjdSec(),
            t.blockFreqHz(),
            t.jones(),
            t.flagged(),
            -1);
    Path f = dir.resolve("g.fits");
    GainTableFits.write(noRef, Metadata.none(), f);
    GainTableFits.Contents back = GainTableFits.readWithMetadata(f);
    assertSameTable(noRef, back.table());
    assertEquals(List.of("ANT0", "ANT1", "ANT2", "ANT3"), back.metadata().antennaNames());
    assertNull(back.metadata().chanLo());
    assertNull(back.metadata().freqLoHz());
    assertTrue(back.metadata().keywords().isEmpty(), back.metadata().keywords().toString());
  }

  @Test
  void tableWithoutCellsIsRefusedBeforeWriting() {
    GainTable t = randomTable(GainTable.JonesType.PHASE, 3, 0, 2, 5);
    Path f = dir.resolve("empty.fits");
    assertThrows(IllegalArgumentException.class, () -> GainTableFits.write(t, Metadata.none(), f));
    assertFalse(Files.exists(f));
  }

  @Test
  void channelBlocksGiveInclusiveRangesAndBandEdges() {
    double[] f = {100, 110, 120, 130, 140};
    double[] w = {10, 10, 10, 10, 10};
    Metadata m = Metadata.none().withChannelBlocks(f, w, ChannelBlocks.regular(5, 2));
    assertArrayEquals(new int[] {0, 2, 4}, m.chanLo());
    assertArrayEquals(new int[] {1, 3, 4}, m.chanHi());
    assertArrayEquals(new double[] {95, 115, 135}, m.freqLoHz());
    assertArrayEquals(new double[] {115, 135, 145}, m.freqHiHz());
    assertThrows(
        IllegalArgumentException.class,
        () -> Metadata.none().withChannelBlocks(f, w, new int[] {0, 1, 0, 1, 1}));
  }

  /**
   * The file as a generic FITS reader (astropy, TOPCAT) sees it: header cards parsed from the raw
   * 2880-byte blocks and one row decoded by hand from its big-endian bytes.
   */
  @Test
  void rawBytesFollowTheDocumentedLayout() throws Exception {
    int nAnt = 5;
    GainTable t = randomTable(GainTable.JonesType.FULL, nAnt, 2, 2, 9);
    Path f = dir.resolve("g.fits");
    GainTableFits.write(t, Metadata.none().withAntennaNames(names(nAnt)), f);
    byte[] bytes = Files.readAllBytes(f);
    assertEquals(0, bytes.length % 2880);
    int ext = headerEnd(bytes, 0);
    Map<String, String> h = cards(bytes, ext);
    assertEquals("'BINTABLE'", h.get("XTENSION"));
    assertEquals("'GAINS   '", h.get("EXTNAME"));
    assertEquals("'FULL    '", h.get("JONESTYP"));
    assertEquals("5", h.get("NANT"));
    assertEquals("2", h.get("NSOLINT"));
    assertEquals("2", h.get("NBLOCK"));
    assertEquals("2", h.get("REFANT"));
    int nFields = Integer.parseInt(h.get("TFIELDS"));
    Map<String, Integer> col = new HashMap<>();
    int[] offset = new int[nFields + 1];
    for (int k = 1; k <= nFields; k++) {
      String name = unquote(h.get("TTYPE" + k));
      String form = unquote(h.get("TFORM" + k));
      col.put(name, k);
      offset[k] = offset[k - 1] + width(form);
      if (name.equals("JONES")) {
        assertEquals("8D", form);
      }
      if (name.equals("FLAG")) {
        assertEquals("1L", form.length() == 1 ? "1" + form : form);
      }
    }
    assertEquals("'s       '", h.get("TUNIT" + col.get("TIME")));
    int rowBytes = offset[nFields];
    assertEquals(String.valueOf(rowBytes), h.get("NAXIS1"));
    assertEquals(String.valueOf(2 * 2 * nAnt), h.get("NAXIS2"));

    int dataStart = headerEnd(bytes, ext);
    int slot = 1;
    int block = 1;
    int ant = 3;
    int r = t.cell(slot, block, ant);
    ByteBuffer row = ByteBuffer.wrap(bytes, dataStart + r * rowBytes, rowBytes).slice();
    assertEquals(ant, row.getInt(offset[col.get("ANTENNA") - 1]));
    assertEquals(slot, row.getInt(offset[col.get("SOLINT") - 1]));
    double mid = 0.5 * (t.slotStartMjdSec()[slot] + t.slotEndMjdSec()[slot]);
    assertEquals(mid, row.getDouble(offset[col.get("TIME") - 1]));
    assertEquals(
        t.slotEndMjdSec()[slot] - t.slotStartMjdSec()[slot],
        row.getDouble(offset[col.get("INTERVAL") - 1]));
    for (int k = 0; k < 8; k++) {
      assertEquals(t.jones()[8 * r + k], row.getDouble(offset[col.get("JONES") - 1] + 8 * k));
    }
    byte flag = row.get(offset[col.get("FLAG") - 1]);
    assertEquals(t.flagged()[r] ? 'T' : 'F', (char) flag);
    String name =
        new String(
                bytes,
                dataStart + r * rowBytes + offset[col.get("ANTNAME") - 1],
                width(unquote(h.get("TFORM" + col.get("ANTNAME")))),
                StandardCharsets.US_ASCII)
            .trim();
    assertEquals(names(nAnt).get(ant), name);
  }

  @Test
  void refusesToOverwriteAndLeavesNothingOnBadMetadata() throws Exception {
    GainTable t = randomTable(GainTable.JonesType.PHASE, 3, 1, 1, 1);
    Path f = dir.resolve("g.fits");
    GainTableFits.write(t, Metadata.none(), f);
    assertThrows(
        FileAlreadyExistsException.class, () -> GainTableFits.write(t, Metadata.none(), f));
    GainTableFits.write(t, Metadata.none(), f, true);
    Path g = dir.resolve("bad.fits");
    assertThrows(
        IllegalArgumentException.class,
        () -> GainTableFits.write(t, Metadata.none().withAntennaNames(names(2)), g));
    assertFalse(Files.exists(g));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "no temporary file left behind");
    }
  }

  @Test
  void metadataRejectsReservedKeywordsAndUnpairedEdges() {
    assertThrows(IllegalArgumentException.class, () -> Metadata.none().withKeyword("NANT", "3"));
    assertThrows(IllegalArgumentException.class, () -> Metadata.none().withKeyword("lower", "x"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Metadata(List.of(), new int[1], null, null, null, Map.of()));
  }

  // ---- bad files -------------------------------------------------------------------------

  private Path goodFile() throws Exception {
    GainTable t = randomTable(GainTable.JonesType.DIAGONAL, 4, 2, 2, 21);
    Path f = dir.resolve("good.fits");
    if (!Files.exists(f)) {
      GainTableFits.write(t, Metadata.none().withAntennaNames(names(4)), f);
    }
    return f;
  }

  /** A copy of the good file with cards rewritten: {@code key1, value1, key2, value2, ...}. */
  private Path patched(String... keyValues) throws Exception {
    byte[] b = Files.readAllBytes(goodFile());
    int ext = headerEnd(b, 0);
    int end = headerEnd(b, ext);
    for (int i = 0; i < keyValues.length; i += 2) {
      String key = keyValues[i];
      boolean found = false;
      for (int p = ext; p < end; p += 80) {
        String k = new String(b, p, 8, StandardCharsets.US_ASCII).trim();
        if (k.equals(key)) {
          String card = String.format("%-8s= %20s", key, keyValues[i + 1]);
          byte[] c = String.format("%-80s", card).getBytes(StandardCharsets.US_ASCII);
          System.arraycopy(c, 0, b, p, 80);
          found = true;
        }
      }
      assertTrue(found, key);
    }
    Path out =
        dir.resolve("bad-" + String.join("-", keyValues).replaceAll("[^A-Za-z0-9-]", "") + ".fits");
    Files.write(out, b);
    return out;
  }

  private String columnKey(String name) throws Exception {
    byte[] b = Files.readAllBytes(goodFile());
    Map<String, String> h = cards(b, headerEnd(b, 0));
    for (int k = 1; ; k++) {
      if (unquote(h.get("TTYPE" + k)).equals(name)) {
        return "TTYPE" + k;
      }
    }
  }

  private void assertBad(Path f, String field) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> GainTableFits.read(f));
    assertEquals(f.toString(), e.file(), e.getMessage());
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }

  @Test
  void missingColumnIsNamed() throws Exception {
    assertBad(patched(columnKey("JONES"), "'JONEZ'"), "JONES");
    assertBad(patched(columnKey("FLAG"), "'FLAGS'"), "FLAG");
    assertBad(patched(columnKey("ANTENNA"), "'ANTENNX'"), "ANTENNA");
  }

  @Test
  void badKeywordsAreNamed() throws Exception {
    assertBad(patched("JONESTYP", "'SCALAR'"), "JONESTYP");
    assertBad(patched("NANT", "5"), "NAXIS2");
    assertBad(patched("REFANT", "4"), "REFANT");
    assertBad(patched("NBLOCK", "-1"), "NBLOCK");
  }

  @Test
  void inconsistentRowsAreNamed() throws Exception {
    // NANT 2 and NSOLINT 4 keep the row count but put antenna indices 2 and 3 out of range.
    assertBad(patched("NANT", "2", "NSOLINT", "4", "REFANT", "0"), "ANTENNA");
    // Swapping the SOLINT and CHANBLK column names keeps every index in range (2 x 2) but makes
    // the rows of one "block" disagree about its frequency (row 5 is the first to tell).
    assertBad(patched(columnKey("SOLINT"), "'CHANBLK'", columnKey("CHANBLK"), "'SOLINT'"), "FREQ");
  }

  @Test
  void notAGainFileIsRejected() throws Exception {
    Path junk = dir.resolve("junk.fits");
    Files.write(junk, "this is not FITS".repeat(400).getBytes(StandardCharsets.US_ASCII));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> GainTableFits.read(junk));
    assertEquals(junk.toString(), e.file());

    Path truncated = dir.resolve("truncated.fits");
    byte[] good = Files.readAllBytes(goodFile());
    int dataStart = headerEnd(good, headerEnd(good, 0));
    Files.write(truncated, java.util.Arrays.copyOf(good, dataStart + 10));
    assertBad(truncated, "NAXIS2");
    // cut at a block boundary: the data of the table are missing altogether
    Files.write(truncated, java.util.Arrays.copyOf(good, dataStart));
    InvalidInputException cut =
        assertThrows(InvalidInputException.class, () -> GainTableFits.read(truncated));
    assertEquals(truncated.toString(), cut.file());

    Path noExt = patched("EXTNAME", "'OTHER'");
    assertBad(noExt, "EXTNAME");
    assertBad(dir.resolve("missing.fits"), null);
  }

  // ---- a minimal independent FITS header parser ------------------------------------------

  /** Offset just past the header that starts at {@code start} (the END card's block). */
  static int headerEnd(byte[] b, int start) {
    for (int p = start; p + 80 <= b.length; p += 80) {
      if (new String(b, p, 80, StandardCharsets.US_ASCII).startsWith("END     ")) {
        return (p / 2880 + 1) * 2880;
      }
    }
    throw new AssertionError("no END card");
  }

  /** Keyword -> raw value text (comment removed) of the header starting at {@code start}. */
  static Map<String, String> cards(byte[] b, int start) {
    Map<String, String> out = new HashMap<>();
    for (int p = start; p + 80 <= b.length; p += 80) {
      String card = new String(b, p, 80, StandardCharsets.US_ASCII);
      String key = card.substring(0, 8).trim();
      if (key.equals("END")) {
        break;
      }
      if (card.startsWith("= ", 8)) {
        String v = card.substring(10).trim();
        if (v.startsWith("'")) {
          v = v.substring(0, v.indexOf('\'', 1) + 1);
        } else if (v.contains("/")) {
          v = v.substring(0, v.indexOf('/')).trim();
        }
        out.put(key, v);
      }
    }
    return out;
  }

  static String unquote(String v) {
    return v.replace("'", "").trim();
  }

  /** Bytes of a TFORM such as J, 1J, 8D, 16A, L. */
  static int width(String form) {
    char type = form.charAt(form.length() - 1);
    int repeat = form.length() == 1 ? 1 : Integer.parseInt(form.substring(0, form.length() - 1));
    int size =
        switch (type) {
          case 'L', 'A', 'B' -> 1;
          case 'I' -> 2;
          case 'J', 'E' -> 4;
          case 'K', 'D' -> 8;
          default -> throw new AssertionError("unexpected TFORM " + form);
        };
    return repeat * size;
  }
}
