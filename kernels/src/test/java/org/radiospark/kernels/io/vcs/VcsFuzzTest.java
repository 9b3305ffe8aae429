package org.radiospark.kernels.io.vcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.testing.ReaderContract;

/**
 * Issue 8 part 4: the legacy VCS readers, {@link LegacyVcsFile#read(Path)} ({@code .dat}, format
 * from the size) and {@link VcsArchive#forEach} ({@code .tar.zst} of {@code .dat} members, each
 * checked as a VCS second), let only {@link InvalidInputException} escape, whatever the bytes
 * (Jazzer seeds in VcsFuzzTestInputs; README "Fuzzing" for a longer run).
 */
public class VcsFuzzTest {
  private static final Path DIR = ReaderContract.scratchDir("vcs");

  /** Reads every member of an archive as a VCS second of the format its size implies. */
  static Object readArchive(Path file) throws IOException {
    long[] bytes = {0};
    VcsArchive.forEach(
        file,
        m -> {
          VcsFormat f = VcsFormat.ofFileSize(m.data().length);
          if (f == null) {
            throw new InvalidInputException(
                file.toString(), "member " + m.name() + " size", m.data().length + " bytes");
          }
          bytes[0] += new VcsSecond(f, m.data()).data().length;
        });
    return bytes[0];
  }

  /** A valid archive of one reduced (one fine channel) second: the seed of the archive target. */
  public static Path tinyArchive(Path dir) throws IOException {
    VcsFormat f = new VcsFormat(1);
    VcsSecond s = VcsSecond.zeros(f);
    for (int t = 0; t < VcsFormat.SAMPLES_PER_SECOND; t += 7) {
      s.set(t, 0, t % VcsFormat.INPUTS, VcsSample.pack(t % 16 - 8, 3));
    }
    Path dat = dir.resolve("1196175296_1196175298_ch121.dat");
    LegacyVcsFile.write(dat, s, true);
    Path tar = dir.resolve("good.tar.zst");
    VcsArchive.write(tar, List.of(dat), 19, true);
    return tar;
  }

  @FuzzTest(maxDuration = "2m")
  void readDatAnyBytes(byte[] data) throws IOException {
    ReaderContract.check(DIR.resolve("fuzz.dat"), data, LegacyVcsFile::read);
  }

  @FuzzTest(maxDuration = "2m")
  void readArchiveAnyBytes(byte[] data) throws IOException {
    ReaderContract.check(DIR.resolve("fuzz.tar.zst"), data, VcsFuzzTest::readArchive);
  }

  @Test
  void tinyArchiveIsReadBack(@TempDir Path dir) throws IOException {
    assertEquals(new VcsFormat(1).bytesPerFile(), readArchive(tinyArchive(dir)));
  }

  @Test
  void seededMutationsOfATinyArchive(@TempDir Path dir) throws IOException {
    byte[] good = Files.readAllBytes(tinyArchive(dir));
    Path f = dir.resolve("bad.tar.zst");
    int rejected = 0;
    for (byte[] b : ReaderContract.mutants(good, 14, 600)) {
      rejected += ReaderContract.check(f, b, VcsFuzzTest::readArchive) == null ? 0 : 1;
    }
    assertTrue(rejected > 100, "rejected " + rejected);
  }

  @Test
  void garbageTarHeadersAreRejectedWithoutAllocatingTheirSize(@TempDir Path dir)
      throws IOException {
    // A member claiming 2 GB (octal 17777777777) in an archive that holds a few bytes: the reader
    // must report the truncation, not allocate the announced size first.
    byte[] h = new byte[512];
    byte[] name = "x.dat".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, h, 0, name.length);
    byte[] size = "17777777000\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, h, 124, size.length);
    h[156] = '0';
    java.util.Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    byte[] chk = String.format("%06o\0 ", sum).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(chk, 0, h, 148, chk.length);
    Path tar = dir.resolve("huge.tar.zst");
    try (var out =
        new com.github.luben.zstd.ZstdOutputStream(
            Files.newOutputStream(tar.resolveSibling("t")))) {
      out.write(h);
      out.write(new byte[100]);
    }
    byte[] bytes = Files.readAllBytes(tar.resolveSibling("t"));
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    InvalidInputException e = ReaderContract.expectInvalid(tar, bytes, VcsFuzzTest::readArchive);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals("member data", e.field());
    // a chunk (1 MiB) and the streams' buffers, not the 2 GB announced
    assertTrue(allocated < 64L << 20, "allocated " + allocated + " bytes");
  }
}
