package org.radiospark.kernels.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radiospark.kernels.testing.FitsPatch.card;
import static org.radiospark.kernels.testing.FitsPatch.removeCard;
import static org.radiospark.kernels.testing.FitsPatch.replaceCard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.radiospark.kernels.io.psrfits.Psrfits;
import org.radiospark.kernels.io.sigproc.Sigproc;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.polarisation.faraday.RmToolsSpectrumReader;
import org.radiospark.kernels.skymodel.ComponentCsv;
import org.radiospark.kernels.testing.ReaderContract;
import org.radiospark.kernels.testing.TinyFiles;

/**
 * Issue 8 part 3, the bad-input corpus: every case gives one {@link InvalidInputException} whose
 * single-line message names the file, the field and the expectation. Text cases are the small
 * hand-made files of {@code src/test/resources/badinput} (listed with the text their message must
 * contain in {@code cases.csv}); binary cases are tiny files written by our own writers ({@link
 * TinyFiles}) and broken here at run time, one keyword or field each.
 */
class BadInputCorpusTest {
  @TempDir Path dir;

  static Stream<Arguments> textCases() throws IOException {
    try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/badinput/cases.csv")) {
      String csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return csv
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split(",", 3))
          .map(f -> Arguments.of(f[0], f[1], f[2]))
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("textCases")
  void textFile(String reader, String resource, String expected) throws IOException {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/badinput/" + resource)) {
      bytes = in.readAllBytes();
    }
    ReaderContract.Reader r =
        switch (reader) {
          case "rmtools" -> RmToolsSpectrumReader::read;
          case "componentcsv" -> ComponentCsv::read;
          default -> throw new IllegalArgumentException(reader);
        };
    String name = resource.substring(resource.indexOf('/') + 1);
    expectMessage(ReaderContract.expectInvalid(dir.resolve(name), bytes, r), expected);
  }

  private static void expectMessage(InvalidInputException e, String expected) {
    assertTrue(
        e.getMessage().toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT)),
        "message names '" + expected + "': " + e.getMessage());
  }

  private void fitsImage(String name, byte[] bytes, String expected) throws IOException {
    expectMessage(
        ReaderContract.expectInvalid(dir.resolve(name), bytes, FitsImageReader::read), expected);
  }

  @Test
  void fitsImagesWithWrongAxesOrMissingKeywords() throws IOException {
    byte[] good = Files.readAllBytes(TinyFiles.fitsImage(dir.resolve("good.fits"), 2));
    fitsImage("naxis5.fits", replaceCard(good, "NAXIS", card("NAXIS", "5")), "NAXIS");
    fitsImage("naxis1.fits", replaceCard(good, "NAXIS", card("NAXIS", "1")), "NAXIS");
    fitsImage("naxis3huge.fits", replaceCard(good, "NAXIS3", card("NAXIS3", "99999")), "NAXIS");
    fitsImage("naxis1zero.fits", replaceCard(good, "NAXIS1", card("NAXIS1", "0")), "NAXIS1");
    fitsImage("noctype1.fits", removeCard(good, "CTYPE1"), "CTYPE1");
    fitsImage("nocdelt2.fits", removeCard(good, "CDELT2"), "CDELT2");
    fitsImage("nocrval2.fits", removeCard(good, "CRVAL2"), "CRVAL2");
    fitsImage("nobitpix.fits", removeCard(good, "BITPIX"), "BITPIX");
    fitsImage("bitpix7.fits", replaceCard(good, "BITPIX", card("BITPIX", "7")), "BITPIX");
    fitsImage("tan.fits", replaceCard(good, "CTYPE1", "CTYPE1  = 'RA---TAN'"), "CTYPE1");
    fitsImage("textnaxis.fits", replaceCard(good, "NAXIS2", card("NAXIS2", "'eight'")), "NAXIS2");
    fitsImage("truncated.fits", Arrays.copyOf(good, good.length - 3000), "truncated");
    fitsImage("headeronly.fits", Arrays.copyOf(good, 2880), "truncated");
  }

  @Test
  void garbledUvfits() throws IOException {
    byte[] good = Files.readAllBytes(TinyFiles.uvfits(dir.resolve("good.uvfits"), 3));
    ReaderContract.Reader r = UvfitsReader::read;
    expectMessage(
        ReaderContract.expectInvalid(
            dir.resolve("gcount.uvfits"), replaceCard(good, "GCOUNT", card("GCOUNT", "99999")), r),
        "GCOUNT");
    expectMessage(
        ReaderContract.expectInvalid(
            dir.resolve("pcount.uvfits"),
            replaceCard(good, "PCOUNT", card("PCOUNT", "2000000000")),
            r),
        "PCOUNT");
    expectMessage(
        ReaderContract.expectInvalid(
            dir.resolve("naxis3.uvfits"), replaceCard(good, "NAXIS3", card("NAXIS3", "7")), r),
        "NAXIS");
    byte[] garbled = good.clone();
    // Cards 4-6 (NAXIS1 on) overwritten by control bytes: the first keyword needed is named.
    Arrays.fill(garbled, 80 * 3, 80 * 6, (byte) 0x07);
    expectMessage(
        ReaderContract.expectInvalid(dir.resolve("garbled.uvfits"), garbled, r), "NAXIS1");
    expectMessage(
        ReaderContract.expectInvalid(
            dir.resolve("truncated.uvfits"), Arrays.copyOf(good, good.length / 3), r),
        "truncated");
  }

  /** A SIGPROC header of the given keyword/value pairs (Integer, Double or String values). */
  private static byte[] sigproc(Object... kv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    string(out, "HEADER_START");
    for (int i = 0; i < kv.length; i += 2) {
      string(out, (String) kv[i]);
      Object v = kv[i + 1];
      ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      if (v instanceof Integer n) {
        out.write(b.putInt(n).array(), 0, 4);
      } else if (v instanceof Double d) {
        out.write(b.putDouble(d).array(), 0, 8);
      } else {
        string(out, (String) v);
      }
    }
    string(out, "HEADER_END");
    out.writeBytes(new byte[64]);
    return out.toByteArray();
  }

  private static void string(ByteArrayOutputStream out, String s) {
    out.writeBytes(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(s.length()).array());
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  private void filterbank(String name, byte[] bytes, String expected) throws IOException {
    expectMessage(
        ReaderContract.expectInvalid(dir.resolve(name), bytes, Sigproc::readFilterbank), expected);
  }

  @Test
  void filterbankHeadersWithGarbage() throws IOException {
    Object[] ok = {"nchans", 8, "nbits", 8, "tsamp", 6.4e-5};
    assertTrue(Sigproc.readFilterbank(write("ok.fil", sigproc(ok))).nSamples() == 8);
    filterbank("unknown.fil", sigproc("nchans", 8, "xyzzy", 3, "nbits", 8), "xyzzy");
    filterbank("nchans0.fil", sigproc("nchans", 0, "nbits", 8, "tsamp", 1e-4), "nchans");
    filterbank("nbits3.fil", sigproc("nchans", 8, "nbits", 3, "tsamp", 1e-4), "nbits");
    filterbank("tsamp0.fil", sigproc("nchans", 8, "nbits", 8, "tsamp", 0.0), "tsamp");
    filterbank("nonbits.fil", sigproc("nchans", 8, "tsamp", 1e-4), "nbits");
    filterbank("twice.fil", sigproc("nchans", 8, "nchans", 8, "nbits", 8), "twice");
    byte[] b = sigproc(ok);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 1 << 30);
    filterbank("length.fil", b, "string length");
    filterbank("noend.fil", Arrays.copyOf(b, 30), "header");
    byte[] text = "HEADER_START nchans 8\n".getBytes(StandardCharsets.US_ASCII);
    filterbank("text.fil", text, "HEADER_START");
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void psrfitsWithMissingOrWrongSubintKeywords() throws IOException {
    byte[] good = Files.readAllBytes(TinyFiles.psrfits(dir.resolve("good.sf"), 3));
    ReaderContract.Reader r = Psrfits::read;
    int subint = new String(good, StandardCharsets.US_ASCII).indexOf("XTENSION");
    expectMessage(
        ReaderContract.expectInvalid(
            dir.resolve("nonchan.sf"), replaceCard(good, subint, "NCHAN", "COMMENT"), r),
        "NCHAN");
    expectMessage(
        ReaderContract.expectInvalid(
            dir.resolve("nchan.sf"), replaceCard(good, subint, "NCHAN", card("NCHAN", "5")), r),
        "DATA");
    expectMessage(
        ReaderContract.expectInvalid(
            dir.resolve("rows.sf"), replaceCard(good, subint, "NAXIS2", card("NAXIS2", "900")), r),
        "truncated");
    expectMessage(
        ReaderContract.expectInvalid(
            dir.resolve("mode.sf"), replaceCard(good, "OBS_MODE", "OBS_MODE= 'PSR     '"), r),
        "OBS_MODE");
  }
}
