package org.radiospark.kernels.io.vcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.io.mwa.Metafits;
import org.radiospark.kernels.io.mwa.MetafitsReader;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.testing.SharedData;

class LegacyVcsFileTest {
  @TempDir Path dir;

  @Test
  void everyByteUnpacksAndPacksBack() {
    for (int b = 0; b < 256; b++) {
      byte x = (byte) b;
      int re = VcsSample.real(x);
      int im = VcsSample.imag(x);
      // low nibble real, high nibble imaginary, two's complement
      int lo = b & 15;
      int hi = b >> 4;
      assertEquals(lo >= 8 ? lo - 16 : lo, re);
      assertEquals(hi >= 8 ? hi - 16 : hi, im);
      assertEquals(x, VcsSample.pack(re, im));
    }
    assertThrows(IllegalArgumentException.class, () -> VcsSample.pack(8, 0));
    assertEquals(-8, VcsSample.quantise(-20.0));
    assertEquals(7, VcsSample.quantise(7.6));
  }

  @Test
  void vcsOrderIsVcstoolsOffsetAndABijection() {
    Set<Integer> seen = new HashSet<>();
    for (int a = 0; a < 128; a++) {
      for (int p = 0; p < 2; p++) {
        int input = 2 * a + p;
        // vcstools form_beam.h offset within a (sample, channel) record
        int vcstools = (a >> 5) * 64 + ((2 * a + p) & 15) * 4 + ((a >> 3) & 3);
        assertEquals(vcstools, VcsInputMap.vcsOrder(input));
        seen.add(VcsInputMap.vcsOrder(input));
      }
    }
    assertEquals(256, seen.size());
    assertEquals(4, VcsInputMap.vcsOrder(1));
    assertEquals(1, VcsInputMap.vcsOrder(16));
  }

  @Test
  void metafitsMapsEveryTileAndPolToADistinctByte() {
    Metafits m = MetafitsReader.read(SharedData.require("layouts/1196175296.metafits"));
    VcsInputMap map = VcsInputMap.of(m);
    Set<Integer> seen = new HashSet<>();
    for (int a = 0; a < map.nTiles(); a++) {
      for (int p = 0; p < 2; p++) {
        seen.add(map.position(a, p));
      }
    }
    assertEquals(256, seen.size());
    m.inputs()
        .forEach(
            in ->
                assertEquals(
                    VcsInputMap.vcsOrder(in.input()), map.position(in.antenna(), in.polIndex())));
  }

  @Test
  void formatShapesAndFrequencies() {
    assertEquals(327_680_000L, VcsFormat.LEGACY.bytesPerFile());
    assertEquals(VcsFormat.LEGACY, VcsFormat.ofFileSize(327_680_000L));
    assertEquals(new VcsFormat(4), VcsFormat.ofFileSize(10_000L * 4 * 256));
    assertNull(VcsFormat.ofFileSize(10_000L * 3 * 256));
    assertNull(VcsFormat.ofFileSize(12345));
    assertThrows(IllegalArgumentException.class, () -> new VcsFormat(3));
    // fine channel 64 is the coarse channel centre
    assertEquals(109 * 1.28e6, new VcsFormat(1).slotFrequencyHz(109, 0), 1e-6);
    assertEquals(109 * 1.28e6 - 640e3, VcsFormat.LEGACY.slotFrequencyHz(109, 0), 1e-6);
    // reduced files keep equal spacing across coarse channels
    VcsFormat f = new VcsFormat(4);
    double last = f.slotFrequencyHz(109, 3);
    double next = f.slotFrequencyHz(110, 0);
    assertEquals(f.slotSpacingHz(), next - last, 1e-6);
    assertEquals(f.slotSpacingHz(), f.slotFrequencyHz(109, 1) - f.slotFrequencyHz(109, 0), 1e-6);
  }

  @Test
  void roundTripIsExactAndUnpackFollowsTheLayout() throws IOException {
    VcsFormat f = new VcsFormat(2);
    byte[] bytes = new byte[(int) f.bytesPerFile()];
    new Random(3).nextBytes(bytes);
    VcsSecond s = new VcsSecond(f, bytes);
    Path file = dir.resolve(new VcsFileName(1196175296L, 1196175297L, 109).toString());
    LegacyVcsFile.write(file, s, false);
    assertEquals("1196175296_1196175297_ch109.dat", file.getFileName().toString());
    VcsSecond back = LegacyVcsFile.read(file);
    assertEquals(f, back.format());
    assertArrayEquals(bytes, back.data());
    float[] re = new float[10_000];
    float[] im = new float[10_000];
    back.unpack(1, 77, re, im);
    for (int t : new int[] {0, 1, 4999, 9999}) {
      byte b = bytes[(t * 2 + 1) * 256 + 77];
      assertEquals(VcsSample.real(b), re[t]);
      assertEquals(VcsSample.imag(b), im[t]);
    }
    assertThrows(Exception.class, () -> LegacyVcsFile.write(file, s, false));
  }

  @Test
  void wrongSizeNamesFileAndField() throws IOException {
    Path file = dir.resolve("bad_ch109.dat");
    Files.write(file, new byte[1000]);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> LegacyVcsFile.read(file));
    assertEquals(file.toString(), e.file());
    assertEquals("file size", e.field());
    Files.write(file, new byte[(int) new VcsFormat(1).bytesPerFile()]);
    InvalidInputException e2 =
        assertThrows(InvalidInputException.class, () -> LegacyVcsFile.read(file, new VcsFormat(2)));
    assertTrue(e2.getMessage().contains("2 fine channels"), e2.getMessage());
  }

  @Test
  void fileNamesParse() {
    VcsFileName n = VcsFileName.parse("1196175296_1196175300_ch132.dat");
    assertEquals(new VcsFileName(1196175296L, 1196175300L, 132), n);
    assertNull(VcsFileName.parse("1196175296_ch132.dat"));
  }

  @Test
  void archiveRoundTripIsExact() throws IOException {
    Random r = new Random(5);
    Path a = dir.resolve("1_1_ch001.dat");
    Path b = dir.resolve("1_2_ch001.dat");
    byte[] da = new byte[10_000];
    byte[] db = new byte[777];
    for (int i = 0; i < da.length; i++) {
      da[i] = (byte) (r.nextGaussian() * 2); // compressible, like voltages
    }
    r.nextBytes(db);
    Files.write(a, da);
    Files.write(b, db);
    Path tar = dir.resolve("1_1_ch001.tar.zst");
    VcsArchive.Stats st = VcsArchive.write(tar, List.of(a, b), 3, false);
    assertEquals(da.length + db.length, st.rawBytes());
    assertEquals(512 + 10_240 + 512 + 1024 + 1024, st.tarBytes());
    assertEquals(Files.size(tar), st.compressedBytes());
    assertTrue(st.ratio() > 1, "ratio " + st.ratio());
    List<VcsArchive.Member> m = VcsArchive.read(tar);
    assertEquals(2, m.size());
    assertEquals("1_1_ch001.dat", m.get(0).name());
    assertArrayEquals(da, m.get(0).data());
    assertEquals("1_2_ch001.dat", m.get(1).name());
    assertArrayEquals(db, m.get(1).data());
  }

  @Test
  void archiveWithABadHeaderIsRefused() throws IOException {
    Path tar = dir.resolve("x.tar.zst");
    byte[] junk = new byte[1024];
    java.util.Arrays.fill(junk, (byte) 'a');
    try (var out = new com.github.luben.zstd.ZstdOutputStream(Files.newOutputStream(tar))) {
      out.write(junk);
    }
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> VcsArchive.read(tar));
    assertTrue(e.field().startsWith("tar header"), e.field());
    assertEquals(tar.toString(), e.file());
  }
}
