package org.radiospark.kernels.io.mwa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.testing.ReaderContract;
import org.radiospark.kernels.testing.TinyFiles;

/**
 * Issue 8 part 4: {@link GpuboxReader#scan} and {@link GpuboxReader#read} let only {@link
 * org.radiospark.kernels.model.InvalidInputException} escape, whatever the bytes of the gpubox file
 * (the metafits is the tiny valid one of {@link TinyFiles#metafits}; Jazzer seeds in
 * GpuboxReaderFuzzTestInputs; README "Fuzzing" for a longer run).
 */
class GpuboxReaderFuzzTest {
  private static final Path DIR = ReaderContract.scratchDir("gpubox");
  private static final Metafits META = tinyMetafits();

  private static Metafits tinyMetafits() {
    try {
      return MetafitsReader.read(TinyFiles.metafits(DIR.resolve("tiny.metafits"), true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object scanAndRead(Path file) {
    GpuboxFile g = GpuboxReader.scan(file, META);
    double[] sum = new double[1];
    GpuboxReader.read(g, null, (ts, vis, weights) -> sum[0] += vis.length);
    return sum[0];
  }

  private static Path target() {
    return DIR.resolve(TinyFiles.MWA_GPSTIME + "_20211108122750_ch137_000.fits");
  }

  @FuzzTest(maxDuration = "2m")
  void readAnyBytes(byte[] data) throws IOException {
    ReaderContract.check(target(), data, GpuboxReaderFuzzTest::scanAndRead);
  }

  @Test
  void seededMutationsOfATinyFile(@TempDir Path dir) throws IOException {
    byte[] good = Files.readAllBytes(TinyFiles.mwaxGpubox(dir, 2, TinyFiles.MWA_FINE, null, 1));
    int rejected = 0;
    for (byte[] b : ReaderContract.mutants(good, 12, 600)) {
      rejected +=
          ReaderContract.check(target(), b, GpuboxReaderFuzzTest::scanAndRead) == null ? 0 : 1;
    }
    assertTrue(rejected > 100, "rejected " + rejected);
  }
}
