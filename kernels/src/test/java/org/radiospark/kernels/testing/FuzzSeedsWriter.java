package org.radiospark.kernels.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the valid seed of every Jazzer fuzz target ({@code <TestClass>Inputs/<method>/tiny-*}
 * under {@code kernels/src/test/resources}) from {@link TinyFiles}. Run only on request, after a
 * writer's format changes:
 *
 * <pre>
 * mvn -B -o -pl kernels test -Dtest=FuzzSeedsWriter -Dradiospark.writeFuzzSeeds=true
 * </pre>
 *
 * The other seeds ({@code crash-*}) are inputs that once broke a reader, kept as regressions.
 */
@EnabledIfSystemProperty(named = "radiospark.writeFuzzSeeds", matches = "true")
class FuzzSeedsWriter {
  private static final Path RESOURCES = Paths.get("src/test/resources/org/radiospark/kernels/io");

  private static void seed(Path made, String target) throws IOException {
    Path dir = Files.createDirectories(RESOURCES.resolve(target));
    Files.copy(
        made,
        dir.resolve("tiny-" + made.getFileName()),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void writeSeeds(@TempDir Path tmp) throws IOException {
    seed(
        TinyFiles.uvfits(tmp.resolve("good.uvfits"), 1), "UvfitsReaderFuzzTestInputs/readAnyBytes");
    seed(
        TinyFiles.fitsImage(tmp.resolve("good.fits"), 1),
        "FitsImageReaderFuzzTestInputs/readAnyBytes");
    seed(
        TinyFiles.filterbank(tmp.resolve("good.fil"), 1),
        "sigproc/SigprocFuzzTestInputs/readFilterbankAnyBytes");
    Path tim = tmp.resolve("good.tim");
    org.radiospark.kernels.io.sigproc.Sigproc.writeTimeSeries(
        tim,
        new org.radiospark.kernels.io.sigproc.TimeSeries(
            TinyFiles.sigprocHeader(1, 32), new float[] {1, 2, 3, 4, 5, 6, 7, 8}),
        true);
    seed(tim, "sigproc/SigprocFuzzTestInputs/readTimeSeriesAnyBytes");
    seed(
        TinyFiles.psrfits(tmp.resolve("good.sf"), 1), "psrfits/PsrfitsFuzzTestInputs/readAnyBytes");
    Path g = TinyFiles.mwaxGpubox(tmp, 1, TinyFiles.MWA_FINE, null, 1);
    Path renamed = Files.move(g, tmp.resolve("good_ch137.fits"));
    seed(renamed, "mwa/GpuboxReaderFuzzTestInputs/readAnyBytes");
    Path vcs = Files.createDirectories(tmp.resolve("vcs"));
    seed(
        org.radiospark.kernels.io.vcs.VcsFuzzTest.tinyArchive(vcs),
        "vcs/VcsFuzzTestInputs/readArchiveAnyBytes");
    // A .dat of the smallest legal size (2.56 MB) would make every fuzz input that large; a short
    // record of packed samples seeds the size checks instead.
    Path dat = tmp.resolve("short.dat");
    Files.write(dat, new byte[] {0x12, 0x34, (byte) 0x88, 0x7f, 0, 1, 2, 3});
    seed(dat, "vcs/VcsFuzzTestInputs/readDatAnyBytes");
  }
}
