package org.radiospark.kernels.io.psrfits;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.testing.ReaderContract;
import org.radiospark.kernels.testing.TinyFiles;

/**
 * Issue 8 part 4: {@link Psrfits#read} lets only {@link
 * org.radiospark.kernels.model.InvalidInputException} escape, whatever the bytes (Jazzer seeds in
 * PsrfitsFuzzTestInputs; README "Fuzzing" for a longer run).
 */
class PsrfitsFuzzTest {
  private static final Path DIR = ReaderContract.scratchDir("psrfits");

  @FuzzTest(maxDuration = "2m")
  void readAnyBytes(byte[] data) throws IOException {
    ReaderContract.check(DIR.resolve("fuzz.fits"), data, Psrfits::read);
  }

  @Test
  void seededMutationsOfATinyFile(@TempDir Path dir) throws IOException {
    byte[] good = Files.readAllBytes(TinyFiles.psrfits(dir.resolve("good.fits"), 1));
    Path f = dir.resolve("bad.fits");
    int rejected = 0;
    for (byte[] b : ReaderContract.mutants(good, 11, 600)) {
      rejected += ReaderContract.check(f, b, Psrfits::read) == null ? 0 : 1;
    }
    assertTrue(rejected > 100, "rejected " + rejected);
  }
}
