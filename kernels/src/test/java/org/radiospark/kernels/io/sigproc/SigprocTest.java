package org.radiospark.kernels.io.sigproc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.testing.SharedData;

class SigprocTest {
  @TempDir Path tmp;

  static SigprocHeader header(int nchans, int nbits, int nifs) {
    return SigprocHeader.empty()
        .with("source_name", "FAKE")
        .with("telescope_id", 6)
        .with("machine_id", 10)
        .with("data_type", 1)
        .with("fch1", 1500.0)
        .with("foff", -0.5)
        .with("nchans", nchans)
        .with("nbits", nbits)
        .with("nifs", nifs)
        .with("tstart", 60000.123456789)
        .with("tsamp", 64e-6)
        .with("src_raj", 123456.7)
        .with("src_dej", -300102.5);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 8, 32})
  void filterbankRoundTripIsExact(int nbits) throws IOException {
    // 7 channels x 2 IFs x 13 samples: odd sizes so sub-byte packing ends mid-byte
    int n = 7 * 2 * 13;
    float[] data = new float[n];
    Random r = new Random(nbits);
    for (int k = 0; k < n; k++) {
      data[k] = nbits == 32 ? (float) r.nextGaussian() * 100 : r.nextInt(1 << nbits);
    }
    Filterbank fb = new Filterbank(header(7, nbits, 2), data);
    Path f = tmp.resolve("x.fil");
    Sigproc.writeFilterbank(f, fb, false);
    Filterbank back = Sigproc.readFilterbank(f);
    assertEquals(fb.header(), back.header());
    assertEquals(
        java.util.List.copyOf(fb.header().values().keySet()),
        java.util.List.copyOf(back.header().values().keySet()));
    // sub-byte padding of the last byte can only add whole samples that do not fit a spectrum
    assertEquals(13, back.nSamples());
    assertArrayEquals(data, back.data());
    // writing what was read reproduces the file byte for byte
    Path g = tmp.resolve("y.fil");
    Sigproc.writeFilterbank(g, back, false);
    assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(g));
  }

  @Test
  void totalIntensitySumsTwoIfsAndTakesTheFirstOfFour() {
    // 2 samples x IFs x 3 channels, value = 100 t + 10 i + c
    for (int nifs : new int[] {1, 2, 4}) {
      float[] d = new float[2 * nifs * 3];
      for (int t = 0; t < 2; t++) {
        for (int i = 0; i < nifs; i++) {
          for (int c = 0; c < 3; c++) {
            d[(t * nifs + i) * 3 + c] = 100 * t + 10 * i + c;
          }
        }
      }
      float[][] cm = new Filterbank(header(3, 32, nifs), d).channelMajor();
      float expect = nifs == 2 ? 2 * (100 + 2) + 10 : 100 + 2; // t = 1, c = 2
      assertEquals(expect, cm[2][1], "nifs " + nifs);
    }
  }

  @Test
  void twoBitSamplesArePackedLowBitsFirst() throws IOException {
    Filterbank fb = new Filterbank(header(4, 2, 1), new float[] {1, 2, 3, 0});
    Path f = tmp.resolve("p.fil");
    Sigproc.writeFilterbank(f, fb, false);
    byte[] b = Files.readAllBytes(f);
    assertEquals((byte) (1 | 2 << 2 | 3 << 4), b[b.length - 1]);
  }

  @Test
  void timeSeriesRoundTripIsExact() throws IOException {
    float[] s = new float[1001];
    Random r = new Random(3);
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) r.nextGaussian();
    }
    SigprocHeader h =
        SigprocHeader.empty()
            .with("source_name", "J0000")
            .with("data_type", 2)
            .with("nchans", 1)
            .with("nbits", 32)
            .with("refdm", 12.5)
            .with("tsamp", 1e-3)
            .with("tstart", 59000.5);
    Path f = tmp.resolve("x.tim");
    Sigproc.writeTimeSeries(f, new TimeSeries(h, s), false);
    TimeSeries back = Sigproc.readTimeSeries(f);
    assertEquals(h, back.header());
    assertArrayEquals(s, back.samples());
  }

  @Test
  void unknownKeywordIsNamed() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(100).order(ByteOrder.LITTLE_ENDIAN);
    putString(b, "HEADER_START");
    putString(b, "bogus_key");
    b.putInt(3);
    Path f = tmp.resolve("bad.fil");
    Files.write(f, java.util.Arrays.copyOf(b.array(), b.position()));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Sigproc.readFilterbank(f));
    assertEquals("bogus_key", e.field());
    assertEquals(f.toString(), e.file());
  }

  @Test
  void missingHeaderStartAndMissingKeywordsAreNamed() throws IOException {
    Path f = tmp.resolve("junk.fil");
    Files.write(f, new byte[] {5, 0, 0, 0, 'h', 'e', 'l', 'l', 'o', 0, 0, 0});
    assertEquals(
        "HEADER_START",
        assertThrows(InvalidInputException.class, () -> Sigproc.readFilterbank(f)).field());
    Path g = tmp.resolve("nonbits.fil");
    ByteBuffer b = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
    putString(b, "HEADER_START");
    putString(b, "nchans");
    b.putInt(4);
    putString(b, "tsamp");
    b.putDouble(1e-3);
    putString(b, "HEADER_END");
    Files.write(g, java.util.Arrays.copyOf(b.array(), b.position()));
    assertEquals(
        "nbits",
        assertThrows(InvalidInputException.class, () -> Sigproc.readFilterbank(g)).field());
    Path h = tmp.resolve("bits3.fil");
    b.position(b.position() - 14);
    putString(b, "nbits");
    b.putInt(3);
    putString(b, "HEADER_END");
    Files.write(h, java.util.Arrays.copyOf(b.array(), b.position()));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Sigproc.readFilterbank(h));
    assertEquals("nbits", e.field());
    assertTrue(e.getMessage().contains("expected 1, 2, 4, 8 or 32"));
  }

  @Test
  void readsSharedFiles() throws IOException {
    Filterbank tut = Sigproc.readFilterbank(SharedData.require("pulsar/sigpyproc3_tutorial.fil"));
    assertEquals(64, tut.nChans());
    assertEquals(2, tut.header().nBits());
    assertEquals(320e-6, tut.header().tsampSec(), 1e-12);
    assertEquals(187520, tut.nSamples());
    Filterbank your = Sigproc.readFilterbank(SharedData.require("pulsar/your_28.fil"));
    assertEquals(336, your.nChans());
    assertEquals(5120, your.nSamples());
    assertEquals(-1.0, your.header().foffMHz(), 0);
    TimeSeries tim =
        Sigproc.readTimeSeries(SharedData.require("pulsar/sigpyproc3_GBT_J1807-0847.tim"));
    assertEquals(131130, tim.samples().length);
    assertEquals(0.00016384, tim.header().tsampSec(), 1e-12);
    assertEquals(112.3802, tim.header().getDouble("refdm", 0), 1e-3);
  }

  @Test
  void sharedFilterbankRewritesByteForByte() throws IOException {
    Path src = SharedData.require("pulsar/your_28.fil");
    Path out = tmp.resolve("copy.fil");
    Sigproc.writeFilterbank(out, Sigproc.readFilterbank(src), false);
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(out));
  }

  private static void putString(ByteBuffer b, String s) {
    b.putInt(s.length());
    b.put(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }
}
