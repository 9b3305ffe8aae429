package org.radiospark.kernels.io.sigproc;

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
 * Issue 8 part 4: the SIGPROC filterbank and time-series readers let only {@link
 * org.radiospark.kernels.model.InvalidInputException} escape, whatever the bytes (Jazzer seeds in
 * SigprocFuzzTestInputs; README "Fuzzing" for a longer run).
 */
class SigprocFuzzTest {
  private static final Path DIR = ReaderContract.scratchDir("sigproc");

  @FuzzTest(maxDuration = "2m")
  void readFilterbankAnyBytes(byte[] data) throws IOException {
    ReaderContract.check(DIR.resolve("fuzz.fil"), data, Sigproc::readFilterbank);
  }

  @FuzzTest(maxDuration = "2m")
  void readTimeSeriesAnyBytes(byte[] data) throws IOException {
    ReaderContract.check(DIR.resolve("fuzz.tim"), data, Sigproc::readTimeSeries);
  }

  @Test
  void seededMutationsOfATinyFilterbank(@TempDir Path dir) throws IOException {
    byte[] good = Files.readAllBytes(TinyFiles.filterbank(dir.resolve("good.fil"), 1));
    Path f = dir.resolve("bad.fil");
    int rejected = 0;
    for (byte[] b : ReaderContract.mutants(good, 10, 600)) {
      rejected += ReaderContract.check(f, b, Sigproc::readFilterbank) == null ? 0 : 1;
      ReaderContract.check(f, b, Sigproc::readTimeSeries);
    }
    assertTrue(rejected > 100, "rejected " + rejected);
  }
}
