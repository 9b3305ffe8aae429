package org.radiospark.kernels.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.FitsUtil;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Hand-made files in dialects our writer does not produce: two IFs with an FQ table, ANTENNA1/2
 * parameters instead of BASELINE, AIPS antenna numbers that are not 1..n, 16-bit scaled data and
 * parameters, subarrays. Planted values: {@code re = 10 g + 4 if + 2 f + s}, {@code im = -re},
 * {@code weight = 1 + s}.
 */
class UvfitsDialectsTest {
  @TempDir Path dir;

  private static final int GROUPS = 3;
  private static final int[] NOSTA = {5, 6, 7};

  Path handMade(String name, int bitpix, int subarray) throws IOException {
    boolean ints = bitpix == 16;
    Header h = new Header();
    h.addValue("SIMPLE", true, "");
    h.addValue("BITPIX", bitpix, "");
    h.addValue("NAXIS", 7, "");
    int[] n = {0, 3, 2, 2, 2, 1, 1};
    for (int k = 0; k < 7; k++) {
      h.addValue("NAXIS" + (k + 1), n[k], "");
    }
    h.addValue("EXTEND", true, "");
    h.addValue("GROUPS", true, "");
    h.addValue("PCOUNT", 7, "");
    h.addValue("GCOUNT", GROUPS, "");
    String[] ptype = {
      "UU---SIN", "VV---SIN", "WW---SIN", "DATE", "ANTENNA1", "ANTENNA2", "SUBARRAY"
    };
    double[] pscal = {
      ints ? 1e-9 : 1, ints ? 1e-9 : 1, ints ? 1e-9 : 1, ints ? 1 / 86400.0 : 1, 1, 1, 1
    };
    for (int k = 0; k < 7; k++) {
      h.addValue("PTYPE" + (k + 1), ptype[k], "");
      h.addValue("PSCAL" + (k + 1), pscal[k], "");
      h.addValue("PZERO" + (k + 1), k == 3 ? 2456528.5 : 0.0, "");
    }
    h.addValue("BSCALE", ints ? 0.5 : 1.0, "");
    h.addValue("BZERO", ints ? 1.0 : 0.0, "");
    String[] ctype = {"COMPLEX", "STOKES", "FREQ", "IF", "RA---SIN", "DEC--SIN"};
    double[] crval = {1, -1, 100e6, 1, 10.0, -30.0};
    double[] cdelt = {1, -1, 1e4, 1, 1, 1};
    for (int k = 0; k < 6; k++) {
      h.addValue("CTYPE" + (k + 2), ctype[k], "");
      h.addValue("CRVAL" + (k + 2), crval[k], "");
      h.addValue("CDELT" + (k + 2), cdelt[k], "");
      h.addValue("CRPIX" + (k + 2), 1.0, "");
    }
    h.addValue("TELESCOP", "HANDMADE", "");
    Path f = dir.resolve(name);
    try (FitsOutputStream out = new FitsOutputStream(Files.newOutputStream(f))) {
      h.write(out);
      int bytes = Math.abs(bitpix) / 8;
      int perGroup = 7 + 3 * 2 * 2 * 2;
      ByteBuffer bb = ByteBuffer.allocate(bytes * perGroup * GROUPS);
      for (int g = 0; g < GROUPS; g++) {
        // u = 100 ns, v = 200 ns, w = -50 ns; 1000 s + 10 s per group into the day.
        double[] par = {
          100e-9 * (g + 1),
          200e-9,
          -50e-9,
          (1000 + 10 * g) / 86400.0,
          NOSTA[g % 3],
          NOSTA[(g + 1) % 3],
          subarray
        };
        for (int k = 0; k < 7; k++) {
          put(bb, ints, par[k] / pscal[k]);
        }
        for (int i = 0; i < 2; i++) {
          for (int fq = 0; fq < 2; fq++) {
            for (int s = 0; s < 2; s++) {
              double re = 10 * g + 4 * i + 2 * fq + s;
              double[] cx = {re, -re, 1 + s};
              for (double v : cx) {
                put(bb, ints, ints ? (v - 1.0) / 0.5 : v);
              }
            }
          }
        }
      }
      out.write(bb.array());
      FitsUtil.pad(out, bb.capacity());
      BinaryTableHDU an =
          BinaryTableHDU.wrap(
              BinaryTable.fromColumnMajor(
                  new Object[] {
                    new String[] {"A5", "A6", "A7"},
                    new double[][] {{1, 0, 0}, {0, 10, 0}, {0, 0, 100}},
                    NOSTA.clone()
                  }));
      an.setColumnName(0, "ANNAME", null);
      an.setColumnName(1, "STABXYZ", null);
      an.setColumnName(2, "NOSTA", null);
      an.getHeader().addValue("EXTNAME", "AIPS AN", "");
      an.getHeader().addValue("ARRAYX", 1000.0, "");
      an.getHeader().addValue("ARRAYY", 2000.0, "");
      an.getHeader().addValue("ARRAYZ", 3000.0, "");
      an.write(out);
      BinaryTableHDU fq =
          BinaryTableHDU.wrap(
              BinaryTable.fromColumnMajor(
                  new Object[] {
                    new int[] {1}, new double[][] {{0.0, 5e6}}, new float[][] {{1e4f, 2e4f}}
                  }));
      fq.setColumnName(0, "FRQSEL", null);
      fq.setColumnName(1, "IF FREQ", null);
      fq.setColumnName(2, "CH WIDTH", null);
      fq.getHeader().addValue("EXTNAME", "AIPS FQ", "");
      fq.write(out);
    }
    return f;
  }

  private static void put(ByteBuffer bb, boolean ints, double v) {
    if (ints) {
      bb.putShort((short) Math.round(v));
    } else {
      bb.putFloat((float) v);
    }
  }

  private static void checkPlanted(VisibilityBlock b) {
    assertEquals(GROUPS, b.nRows());
    assertArrayEquals(new double[] {100e6, 100.01e6, 105e6, 105.01e6}, b.freqHz(), 1e-6);
    assertArrayEquals(new double[] {1e4, 1e4, 2e4, 2e4}, b.chanWidthHz(), 0.0);
    assertArrayEquals(new Stokes[] {Stokes.RR, Stokes.LL}, b.pols());
    for (int g = 0; g < GROUPS; g++) {
      assertEquals(g % 3, b.antenna1()[g], "NOSTA 5, 6, 7 are rows 0, 1, 2");
      assertEquals((g + 1) % 3, b.antenna2()[g]);
      // Parameters are float32 (or exact 16-bit integers): half an ulp, 2^-24 relative.
      // The file holds pos1 - pos2; the block pos2 - pos1 (negated on reading).
      double u = 100e-9 * (g + 1) * VisibilityBlock.C;
      assertEquals(-u, b.uMetres()[g], 0x1p-24 * u);
      assertEquals(50e-9 * VisibilityBlock.C, b.wMetres()[g], 0x1p-24 * 15);
      double mjdSec = (2456528.5 - 2400000.5) * 86400 + 1000 + 10 * g;
      assertEquals(mjdSec, b.timeMjdSec()[g], 1e-3);
      assertEquals(10.0, b.integrationSec()[g], 1e-3, "from the spacing: no INTTIM");
      for (int i = 0; i < 2; i++) {
        for (int fq = 0; fq < 2; fq++) {
          for (int s = 0; s < 2; s++) {
            int idx = b.index(g, 2 * i + fq, s);
            float re = 10 * g + 4 * i + 2 * fq + s;
            assertEquals(re, b.vis()[2 * idx], "re of g" + g + " if" + i + " f" + fq + " s" + s);
            assertEquals(-re, b.vis()[2 * idx + 1], 0f, "-0 and 0 are both right");
            assertEquals(1f + s, b.weight()[idx]);
            assertFalse(b.flag()[idx]);
          }
        }
      }
    }
  }

  @Test
  void twoIfsFlattenIntoChannelsWithAntennaParameters() throws IOException {
    UvfitsData d = UvfitsReader.read(handMade("if2.uvfits", -32, 1));
    checkPlanted(d.block());
    assertEquals("HANDMADE", d.telescope());
    assertEquals(10.0, d.block().phaseCentre().raDeg(), 1e-12);
    assertEquals(1001.0, d.antennas().xMetres()[0], 0.0);
    assertEquals(2010.0, d.antennas().yMetres()[1], 0.0);
    assertEquals(3100.0, d.antennas().zMetres()[2], 0.0);
    assertArrayEquals(new String[] {"A5", "A6", "A7"}, d.antennas().names());
  }

  @Test
  void sixteenBitScaledDataAndParameters() throws IOException {
    checkPlanted(UvfitsReader.read(handMade("int16.uvfits", 16, 1)).block());
  }

  @Test
  void channelSelectionAcrossTheIfBoundary() throws IOException {
    VisibilityBlock b =
        UvfitsReader.read(
                handMade("sel.uvfits", -32, 1), UvfitsReadOptions.defaults().withChannels(1, 2))
            .block();
    assertArrayEquals(new double[] {100.01e6, 105e6}, b.freqHz(), 1e-6);
    assertEquals(2f, b.vis()[2 * b.index(0, 0, 0)], "if 0, f 1");
    assertEquals(4f, b.vis()[2 * b.index(0, 1, 0)], "if 1, f 0");
    assertThrows(
        InvalidInputException.class,
        () ->
            UvfitsReader.read(
                dir.resolve("sel.uvfits"), UvfitsReadOptions.defaults().withChannels(3, 2)));
  }

  @Test
  void secondSubarrayIsRejected() throws IOException {
    Path f = handMade("sub2.uvfits", -32, 2);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> UvfitsReader.read(f));
    assertEquals("SUBARRAY", e.field());
  }
}
