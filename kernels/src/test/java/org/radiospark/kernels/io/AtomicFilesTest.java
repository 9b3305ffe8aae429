package org.radiospark.kernels.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private static long countFiles(Path d) throws IOException {
    try (var s = Files.list(d)) {
      return s.count();
    }
  }

  @Test
  void writesTheWholeContentWithNormalPermissions() throws IOException {
    Path f = dir.resolve("out.bin");
    byte[] data = new byte[200_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31);
    }
    AtomicFiles.write(f, false, out -> out.write(data));
    assertArrayEquals(data, Files.readAllBytes(f));
    assertEquals(1, countFiles(dir));
    if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertTrue(Files.getPosixFilePermissions(f).contains(PosixFilePermission.OTHERS_READ));
    }
  }

  @Test
  void failureLeavesNeitherTargetNorTemporaryFile() throws IOException {
    Path f = dir.resolve("fail.bin");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    f,
                    false,
                    out -> {
                      out.write(new byte[100_000]);
                      throw new IOException("simulated disk full");
                    }));
    assertEquals("simulated disk full", e.getMessage());
    assertFalse(Files.exists(f));
    assertEquals(0, countFiles(dir));
  }

  @Test
  void failureDuringOverwriteKeepsTheOldFile() throws IOException {
    Path f = dir.resolve("keep.bin");
    Files.write(f, new byte[] {1, 2, 3});
    assertThrows(
        IOException.class,
        () ->
            AtomicFiles.write(
                f,
                true,
                out -> {
                  out.write(new byte[] {9, 9});
                  throw new IOException("boom");
                }));
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
    assertEquals(1, countFiles(dir));
  }

  @Test
  void refusesToOverwriteUnlessAsked() throws IOException {
    Path f = dir.resolve("x.bin");
    Files.write(f, new byte[] {1});
    assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.write(f, false, out -> {}));
    assertArrayEquals(new byte[] {1}, Files.readAllBytes(f));
    AtomicFiles.write(f, true, out -> out.write(7));
    assertArrayEquals(new byte[] {7}, Files.readAllBytes(f));
  }
}
