package org.radiospark.kernels.io.mwa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.preprocess.PreprocessParameters;
import org.radiospark.kernels.preprocess.Preprocessor;
import org.radiospark.kernels.testing.FitsPatch;
import org.radiospark.kernels.testing.ReaderContract;
import org.radiospark.kernels.testing.TinyFiles;

/**
 * Issue 8 part 3 for the MWA raw formats: metafits without TILEDATA or with missing keywords,
 * gpubox files that do not match their metafits (antennas, fine channels, coarse channel), and
 * NaN/Inf samples, which are flagged and never reach the preprocessed visibilities. The files are
 * the tiny observation of {@link TinyFiles} (2 tiles, 1 coarse channel of 2 fine channels).
 */
class MwaBadInputTest {
  @TempDir Path dir;

  /** Everything kept: no edge, centre or quack flags, so only bad samples are flagged. */
  private static final PreprocessParameters KEEP_ALL =
      new PreprocessParameters(
          0, 0, 0, false, false, true, true, PreprocessParameters.UvwFrame.COTTER, 1);

  private static void expectNamed(InvalidInputException e, Path file, String field) {
    assertEquals(file.toString(), e.file(), e.getMessage());
    assertTrue(
        e.getMessage().toUpperCase(Locale.ROOT).contains(field.toUpperCase(Locale.ROOT)),
        "names " + field + ": " + e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  private Metafits meta() throws IOException {
    return MetafitsReader.read(TinyFiles.metafits(dir.resolve("obs.metafits"), true));
  }

  @Test
  void metafitsWithoutTiledata() throws IOException {
    Path f = TinyFiles.metafits(dir.resolve("notiles.metafits"), false);
    expectNamed(
        assertThrows(InvalidInputException.class, () -> MetafitsReader.read(f)), f, "TILEDATA");
  }

  @Test
  void metafitsWithMissingOrBrokenKeywords() throws IOException {
    byte[] good = Files.readAllBytes(TinyFiles.metafits(dir.resolve("good.metafits"), true));
    for (String key : new String[] {"FINECHAN", "INTTIME", "CHANNELS", "DATE-OBS", "GPSTIME"}) {
      Path f = dir.resolve("no-" + key + ".metafits");
      expectNamed(
          ReaderContract.expectInvalid(f, FitsPatch.removeCard(good, key), MetafitsReader::read),
          f,
          key);
    }
    Path f = dir.resolve("channels.metafits");
    expectNamed(
        ReaderContract.expectInvalid(
            f,
            FitsPatch.replaceCard(good, "CHANNELS", "CHANNELS= '137,abc'"),
            MetafitsReader::read),
        f,
        "CHANNELS");
    Path t = dir.resolve("truncated.metafits");
    ReaderContract.expectInvalid(t, Arrays.copyOf(good, good.length / 2), MetafitsReader::read);
  }

  @Test
  void gpuboxOfMoreTilesThanItsMetafits() throws IOException {
    Metafits meta = meta();
    Path g = TinyFiles.mwaxGpubox(dir, 3, 1, TinyFiles.MWA_FINE, null, 1);
    expectNamed(
        assertThrows(InvalidInputException.class, () -> GpuboxReader.scan(g, meta)), g, "NAXIS2");
  }

  @Test
  void gpuboxWithMoreFineChannelsThanTheMetafits() throws IOException {
    Metafits meta = meta();
    Path g = TinyFiles.mwaxGpubox(dir, 1, 2 * TinyFiles.MWA_FINE, null, 1);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> Preprocessor.run(meta, List.of(g), List.of(), KEEP_ALL));
    expectNamed(e, dir.resolve("obs.metafits"), "NCHANS");
  }

  @Test
  void gpuboxOfACoarseChannelTheMetafitsDoesNotList() throws IOException {
    Metafits meta = meta();
    Path g = TinyFiles.mwaxGpubox(dir, 1, TinyFiles.MWA_FINE, null, 1);
    Path other = Files.move(g, dir.resolve(TinyFiles.MWA_GPSTIME + "_20211108122750_ch140.fits"));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> Preprocessor.run(meta, List.of(other), List.of(), KEEP_ALL));
    expectNamed(e, dir.resolve("obs.metafits"), "CHANNELS");
  }

  @Test
  void truncatedGpubox() throws IOException {
    Metafits meta = meta();
    byte[] good = Files.readAllBytes(TinyFiles.mwaxGpubox(dir, 2, TinyFiles.MWA_FINE, null, 1));
    Path g = dir.resolve(TinyFiles.MWA_GPSTIME + "_20211108122750_ch137_000.fits");
    expectNamed(
        ReaderContract.expectInvalid(
            g, Arrays.copyOf(good, good.length - 2880), p -> GpuboxReader.scan(p, meta)),
        g,
        "truncated");
  }

  @Test
  void nonFiniteSamplesAreFlaggedNotPropagated() throws IOException {
    Metafits meta = meta();
    int nb = 3;
    int per = nb * TinyFiles.MWA_FINE * 8;
    float[][] vis = new float[1][per];
    java.util.Random r = new java.util.Random(4);
    for (int i = 0; i < per; i++) {
      vis[0][i] = (float) r.nextGaussian();
    }
    // Baseline 1 (tile 0 x tile 1), fine channel 1, pol XX: NaN real part; pol YY: Inf imaginary.
    int base = (1 * TinyFiles.MWA_FINE + 1) * 8;
    vis[0][base] = Float.NaN;
    vis[0][base + 3 * 2 + 1] = Float.POSITIVE_INFINITY;
    Path g = TinyFiles.mwaxGpubox(dir, 1, TinyFiles.MWA_FINE, vis, 1);

    float[][] seen = new float[1][];
    GpuboxReader.read(GpuboxReader.scan(g, meta), null, (ts, v, w) -> seen[0] = v.clone());
    assertTrue(Float.isNaN(seen[0][base]) && Float.isNaN(seen[0][base + 1]), "NaN in both parts");
    assertTrue(Float.isNaN(seen[0][base + 6]) && Float.isNaN(seen[0][base + 7]));

    VisibilityBlock out = Preprocessor.run(meta, List.of(g), List.of(), KEEP_ALL).block();
    int flagged = 0;
    for (int i = 0; i < out.flag().length; i++) {
      assertTrue(Float.isFinite(out.vis()[2 * i]) && Float.isFinite(out.vis()[2 * i + 1]));
      flagged += out.flag()[i] ? 1 : 0;
    }
    // Output row 1 is baseline (0, 1); pols are written XX YY XY YX; channel 1.
    int nPol = out.nPol();
    int xx = (1 * out.nChan() + 1) * nPol;
    assertTrue(out.flag()[xx], "XX with a NaN is flagged");
    assertTrue(out.flag()[xx + 1], "YY with an Inf is flagged");
    assertFalse(out.flag()[xx + 2], "XY of the same baseline and channel is kept");
    assertEquals(2, flagged, "only the two non-finite samples are flagged");
  }
}
