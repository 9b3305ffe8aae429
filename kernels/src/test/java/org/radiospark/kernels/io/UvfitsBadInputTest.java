package org.radiospark.kernels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Bad UVFITS input: each fixture is made here from a valid file written by {@link UvfitsWriter} and
 * then damaged in one place, so the expected field of the error is known.
 */
class UvfitsBadInputTest {
  @TempDir Path dir;
  private byte[] good;
  private long dataEnd;

  @BeforeEach
  void writeGoodFile() throws IOException {
    Path f = dir.resolve("good.uvfits");
    UvfitsData d = UvfitsRoundTripTest.synthetic(8, 11);
    UvfitsWriter.write(f, d, false);
    good = Files.readAllBytes(f);
    int groupBytes = 4 * (7 + 3 * d.block().nChan() * d.block().nPol());
    dataEnd = headerBytes(good) + (long) groupBytes * d.block().nRows();
    assertTrue(UvfitsReader.read(f).block().nRows() > 0);
  }

  /** Size of the primary header: up to its END card, padded to 2880 bytes. */
  static int headerBytes(byte[] file) {
    for (int card = 0; 80 * card + 80 <= file.length; card++) {
      String c = new String(file, 80 * card, 80, StandardCharsets.US_ASCII);
      if (c.startsWith("END     ")) {
        return (80 * card + 80 + 2879) / 2880 * 2880;
      }
    }
    throw new IllegalStateException("no END card");
  }

  private InvalidInputException readBroken(String name, byte[] content) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, content);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> UvfitsReader.read(f));
    assertEquals(f.toString(), e.file(), "the error names the file");
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    return e;
  }

  /** Replaces the first occurrence of {@code from} in the header area by {@code to}. */
  private byte[] patchHeader(String from, String to) {
    assertEquals(from.length(), to.length());
    byte[] b = good.clone();
    String head = new String(b, 0, headerBytes(b), StandardCharsets.US_ASCII);
    int at = head.indexOf(from);
    assertTrue(at >= 0, "fixture header lacks " + from);
    System.arraycopy(to.getBytes(StandardCharsets.US_ASCII), 0, b, at, to.length());
    return b;
  }

  @Test
  void textFileIsNotFits() throws IOException {
    byte[] text = "uu vv ww\n1 2 3\n".repeat(300).getBytes(StandardCharsets.US_ASCII);
    assertEquals("SIMPLE", readBroken("notes.uvfits", text).field());
  }

  @Test
  void emptyFileIsNotFits() throws IOException {
    assertEquals("SIMPLE", readBroken("empty.uvfits", new byte[0]).field());
  }

  @Test
  void truncatedInsideTheGroupsNamesTheData() throws IOException {
    byte[] cut = Arrays.copyOf(good, (int) (dataEnd - 1000));
    InvalidInputException e = readBroken("cut.uvfits", cut);
    assertEquals("data", e.field());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void truncatedBeforeTheAntennaTableNamesTheTable() throws IOException {
    byte[] cut = Arrays.copyOf(good, (int) (dataEnd + 2880 - dataEnd % 2880));
    assertEquals("AIPS AN", readBroken("noan.uvfits", cut).field());
  }

  @Test
  void missingUuParameter() throws IOException {
    InvalidInputException e = readBroken("nouu.uvfits", patchHeader("'UU      '", "'QQ      '"));
    assertEquals("PTYPEn", e.field());
    assertTrue(e.getMessage().contains("UU"), e.getMessage());
  }

  @Test
  void missingDateParameter() throws IOException {
    byte[] b = good;
    good = patchHeader("'DATE    '", "'DATX    '");
    good = patchHeader("'DATE    '", "'DATX    '");
    InvalidInputException e = readBroken("nodate.uvfits", good);
    good = b;
    assertTrue(e.getMessage().contains("DATE"), e.getMessage());
  }

  @Test
  void missingBaselineParameter() throws IOException {
    InvalidInputException e = readBroken("nobl.uvfits", patchHeader("'BASELINE'", "'BASELINX'"));
    assertTrue(e.getMessage().contains("BASELINE"), e.getMessage());
  }

  @Test
  void missingFreqAxisNamesTheAxis() throws IOException {
    // FREQ has 3 channels in the fixture, so an unknown axis of that length is rejected first.
    InvalidInputException e = readBroken("nofreq.uvfits", patchHeader("'FREQ    '", "'FREX    '"));
    assertEquals("NAXIS4", e.field());
  }

  @Test
  void missingStokesAxis() throws IOException {
    InvalidInputException e =
        readBroken("nostokes.uvfits", patchHeader("CTYPE3  = 'STOKES  '", "CTYPE3  = 'STOKEX  '"));
    assertEquals("NAXIS3", e.field());
  }

  @Test
  void missingCtypeKeyword() throws IOException {
    assertEquals("CTYPE4", readBroken("noctype.uvfits", patchHeader("CTYPE4 ", "CTYPX4 ")).field());
  }

  @Test
  void notRandomGroups() throws IOException {
    assertEquals(
        "GROUPS", readBroken("nogroups.uvfits", patchHeader("GROUPS ", "GROUPX ")).field());
  }

  @Test
  void unknownStokesCode() throws IOException {
    InvalidInputException e =
        readBroken(
            "badcode.uvfits",
            patchHeader("CRVAL3  =                 -5.0", "CRVAL3  =                -15.0"));
    assertEquals("CRVAL3", e.field());
  }

  @Test
  void failedWriteLeavesNothingBehind() throws IOException {
    Path target = dir.resolve("never.fits");
    assertThrows(
        IOException.class,
        () ->
            AtomicFiles.write(
                target,
                false,
                out -> {
                  out.write(new byte[1000]);
                  throw new IOException("disk full (simulated)");
                }));
    assertFalse(Files.exists(target));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "only good.uvfits remains; the temporary file was removed");
    }
  }

  @Test
  void writerRejectsUnevenChannels() {
    UvfitsData d = UvfitsRoundTripTest.synthetic(4, 5);
    d.block().freqHz()[2] += 1000;
    assertThrows(
        IllegalArgumentException.class,
        () -> UvfitsWriter.write(dir.resolve("uneven.uvfits"), d, false));
    assertFalse(Files.exists(dir.resolve("uneven.uvfits")));
  }
}
