package org.radiospark.kernels.io.psrfits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.testing.SharedData;

class PsrfitsTest {
  @TempDir Path tmp;

  static PsrfitsSearch synthetic(int nbits, int npol, boolean perPolScales, long seed) {
    int nchan = 6;
    int nsblk = 5;
    PsrfitsSearch.Format f =
        new PsrfitsSearch.Format(
            nchan, npol, nsblk, nbits, 1e-4, -0.5, npol == 4 ? "IQUV" : "AA+BB");
    Random r = new Random(seed);
    List<PsrfitsSearch.Row> rows = new ArrayList<>();
    for (int row = 0; row < 3; row++) {
      double[] freq = new double[nchan];
      float[] wts = new float[nchan];
      int ns = perPolScales ? nchan * npol : nchan;
      float[] offs = new float[ns];
      float[] scl = new float[ns];
      for (int c = 0; c < nchan; c++) {
        freq[c] = 1400.123456789012 - 0.5 * c; // needs double precision
        wts[c] = c == 2 ? 0f : 1f;
      }
      for (int k = 0; k < ns; k++) {
        offs[k] = (float) r.nextGaussian();
        scl[k] = 0.5f + r.nextFloat();
      }
      byte[] s = new byte[f.samplesPerRow()];
      for (int i = 0; i < s.length; i++) {
        s[i] = (byte) r.nextInt(1 << nbits);
      }
      rows.add(
          new PsrfitsSearch.Row(nsblk * 1e-4, (row + 0.5) * nsblk * 1e-4, freq, wts, offs, scl, s));
    }
    return new PsrfitsSearch(
        new PsrfitsSearch.Primary(
            "MWA", "J0437-4715", "04:37:15.9", "-47:15:09.1", 1398.9, -3.0, 60000, 12345, 0.25),
        f,
        rows);
  }

  @ParameterizedTest
  @CsvSource({"8,1,false", "8,4,true", "4,1,false", "4,4,true", "4,2,true", "8,4,false"})
  void roundTripIsExact(int nbits, int npol, boolean perPol) throws IOException {
    PsrfitsSearch a = synthetic(nbits, npol, perPol, nbits * 10L + npol);
    Path f = tmp.resolve("x.fits");
    Psrfits.write(f, a, false);
    PsrfitsSearch b = Psrfits.read(f);
    assertEquals(a.primary(), b.primary());
    assertEquals(a.format(), b.format());
    assertEquals(a.rows().size(), b.rows().size());
    for (int r = 0; r < a.rows().size(); r++) {
      PsrfitsSearch.Row x = a.rows().get(r);
      PsrfitsSearch.Row y = b.rows().get(r);
      assertEquals(x.tsubintSec(), y.tsubintSec());
      assertEquals(x.offsSubSec(), y.offsSubSec());
      assertArrayEquals(x.datFreqMHz(), y.datFreqMHz());
      assertArrayEquals(x.datWts(), y.datWts());
      assertArrayEquals(x.datOffs(), y.datOffs());
      assertArrayEquals(x.datScl(), y.datScl());
      assertArrayEquals(x.samples(), y.samples());
    }
    // writing what was read reproduces the file byte for byte
    Path g = tmp.resolve("y.fits");
    Psrfits.write(g, b, false);
    assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(g));
  }

  @Test
  void totalIntensityAppliesScaleOffsetAndWeight() {
    PsrfitsSearch a = synthetic(8, 4, true, 5);
    float[][] i = a.totalIntensity();
    PsrfitsSearch.Row row = a.rows().get(1);
    int nc = 6;
    int t = 3;
    for (int c = 0; c < nc; c++) {
      int raw = row.samples()[(t * 4) * nc + c] & 0xff; // pol 0 = I
      float expect = (raw * row.datScl()[c] + row.datOffs()[c]) * row.datWts()[c];
      assertEquals(expect, i[c][5 + t]);
    }
    PsrfitsSearch aabb = synthetic(4, 2, true, 6);
    PsrfitsSearch.Row r0 = aabb.rows().get(0);
    int c = 1;
    float expect = 0;
    for (int p = 0; p < 2; p++) {
      expect +=
          (r0.samples()[p * nc + c] & 0xff) * r0.datScl()[p * nc + c] + r0.datOffs()[p * nc + c];
    }
    assertEquals(expect, aabb.totalIntensity()[c][0], 1e-5);
  }

  @ParameterizedTest
  @CsvSource({"8", "4"})
  void quantisedIntensityIsReproducedWithinHalfAScaleStep(int nbits) throws IOException {
    Random r = new Random(nbits);
    int nc = 8;
    int nt = 103; // not a multiple of nsblk: the last row is padded
    float[][] x = new float[nc][nt];
    double[] freqs = new double[nc];
    for (int c = 0; c < nc; c++) {
      freqs[c] = 200 - 0.04 * c;
      for (int t = 0; t < nt; t++) {
        x[c][t] = (float) (50 + 5 * c + r.nextGaussian());
      }
    }
    PsrfitsSearch.Primary pr =
        new PsrfitsSearch.Primary(
            "MWA", "SIM", "00:00:00", "-27:00:00", 199.86, -0.32, 60000, 0, 0);
    PsrfitsSearch q = PsrfitsSearch.quantise(pr, x, freqs, 1e-4, 25, nbits);
    Path f = tmp.resolve("q.fits");
    Psrfits.write(f, q, false);
    PsrfitsSearch back = Psrfits.read(f);
    assertEquals(125, back.nSamples());
    float[][] y = back.totalIntensity();
    for (int c = 0; c < nc; c++) {
      for (int t = 0; t < nt; t++) {
        float scl = back.rows().get(t / 25).datScl()[c];
        // half a step, plus float rounding of (v - lo) / scl and raw x scl + offs
        assertEquals(x[c][t], y[c][t], 0.5 * scl * (1 + 1e-4) + 1e-4, "c " + c + " t " + t);
      }
    }
    assertArrayEquals(freqs, back.channelFrequenciesMHz());
  }

  @Test
  void readsTheSharedFourPolFile() throws IOException {
    PsrfitsSearch p = Psrfits.read(SharedData.require("pulsar/your_test_4pol.fits"));
    assertEquals(512, p.format().nchan());
    assertEquals(4, p.format().npol());
    assertEquals(8, p.format().nbits());
    assertEquals(200, p.nSamples());
    assertEquals("IQUV", p.format().polType());
    assertEquals(2.048e-5, p.format().tbinSec(), 1e-15);
    assertEquals("B0950+08", p.primary().sourceName());
    assertEquals(58164, p.primary().sttImjd());
    double[] f = p.channelFrequenciesMHz();
    // 800 MHz centred on 1380 with -1.5625 MHz channels: descending
    assertTrue(f[0] > f[511]);
    assertEquals(-1.5625, f[1] - f[0], 1e-3);
    float[][] i = p.totalIntensity();
    assertEquals(512, i.length);
    assertEquals(200, i[0].length);
    // a round trip of the real file keeps every sample
    Path out = tmp.resolve("copy.fits");
    Psrfits.write(out, p, false);
    PsrfitsSearch q = Psrfits.read(out);
    assertArrayEquals(p.rows().get(0).samples(), q.rows().get(0).samples());
    assertArrayEquals(p.rows().get(0).datScl(), q.rows().get(0).datScl());
  }

  @Test
  void notSearchModeOrNotFitsIsNamed() throws IOException {
    Path junk = tmp.resolve("junk.fits");
    Files.writeString(junk, "this is not FITS at all".repeat(200));
    assertThrows(InvalidInputException.class, () -> Psrfits.read(junk));
    PsrfitsSearch a = synthetic(8, 1, false, 1);
    Path f = tmp.resolve("fold.fits");
    Psrfits.write(f, a, false);
    byte[] b = Files.readAllBytes(f);
    String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = s.indexOf("'SEARCH  '");
    System.arraycopy(
        "'PSR     '".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, at, 10);
    Path g = tmp.resolve("psr.fits");
    Files.write(g, b);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Psrfits.read(g));
    assertEquals("OBS_MODE", e.field());
    assertEquals(g.toString(), e.file());
  }
}
