package org.radiospark.kernels.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.testing.ReaderContract;
import org.radiospark.kernels.testing.TinyFiles;

/**
 * Issue 8 part 4: {@link UvfitsReader} lets only {@link
 * org.radiospark.kernels.model.InvalidInputException} escape, whatever the bytes. The Jazzer target
 * runs its seeds (UvfitsReaderFuzzTestInputs) in the default build and fuzzes with {@code
 * JAZZER_FUZZ=1} (README, "Fuzzing"); the seeded mutation test covers the same contract without
 * Jazzer.
 */
class UvfitsReaderFuzzTest {
  private static final Path DIR = ReaderContract.scratchDir("uvfits");

  @FuzzTest(maxDuration = "2m")
  void readAnyBytes(byte[] data) throws IOException {
    ReaderContract.check(DIR.resolve("fuzz.uvfits"), data, UvfitsReader::read);
  }

  @Test
  void seededMutationsOfATinyFile(@TempDir Path dir) throws IOException {
    byte[] good = Files.readAllBytes(TinyFiles.uvfits(dir.resolve("good.uvfits"), 1));
    Path f = dir.resolve("bad.uvfits");
    int rejected = 0;
    for (byte[] b : ReaderContract.mutants(good, 8, 600)) {
      rejected += ReaderContract.check(f, b, UvfitsReader::read) == null ? 0 : 1;
    }
    org.junit.jupiter.api.Assertions.assertTrue(rejected > 100, "rejected " + rejected);
  }
}
