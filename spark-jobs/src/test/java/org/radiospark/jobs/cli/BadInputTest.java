package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.io.FitsImageOptions;
import org.radiospark.kernels.io.FitsImageWriter;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.testing.FitsPatch;
import org.radiospark.kernels.testing.TinyFiles;

/**
 * Acceptance 8 of issue 2 and part 3 of issue 8: bad input gives one clear line naming file and
 * problem, exit status 2, and no output files, for every command that reads files ({@code image},
 * {@code flag}, {@code preprocess}, {@code pulsar search}, {@code rmsynth1d}). These fail before
 * Spark starts. The inputs are the tiny files of the kernels' bad-input corpus ({@link TinyFiles},
 * broken at run time, and {@code badinput/} resources).
 */
class BadInputTest {
  @TempDir Path dir;
  private Path out;

  @BeforeEach
  void outputFolder() throws Exception {
    out = Files.createDirectories(dir.resolve("out"));
  }

  private record Run(int status, String err) {}

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    int status =
        RadioSparkCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    return new Run(status, err.toString());
  }

  private Run image(Path input, String... extra) {
    StringWriter err = new StringWriter();
    String[] base = {
      "image",
      "-name",
      out.resolve("new").resolve("img").toString(),
      "-size",
      "64",
      "64",
      "-scale",
      "10asec"
    };
    String[] args = Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new);
    args = Stream.concat(Stream.of(args), Stream.of(input.toString())).toArray(String[]::new);
    int status =
        RadioSparkCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    return new Run(status, err.toString());
  }

  private void assertBadInput(Run r, String fileName, String problem) throws Exception {
    assertEquals(ExitCodes.BAD_INPUT, r.status(), r.err());
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), "one line, got:\n" + r.err());
    assertTrue(lines.get(0).contains(fileName), lines.get(0));
    assertTrue(lines.get(0).toLowerCase().contains(problem), lines.get(0));
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of(), files.toList(), "no output files, not even their folder");
    }
  }

  private Path smallUvfits() throws Exception {
    int rows = 30;
    double[] u = new double[rows];
    double[] v = new double[rows];
    int[] a1 = new int[rows];
    int[] a2 = new int[rows];
    double[] t = new double[rows];
    double[] dt = new double[rows];
    for (int r = 0; r < rows; r++) {
      u[r] = 10 * r;
      v[r] = -5 * r;
      a1[r] = r % 5;
      a2[r] = 5;
      t[r] = 5e9;
      dt[r] = 10;
    }
    VisibilityBlock b =
        VisibilityBlock.zeros(
            u,
            v,
            new double[rows],
            a1,
            a2,
            t,
            dt,
            new double[] {1e8},
            new double[] {1e5},
            new Stokes[] {Stokes.XX, Stokes.YY},
            PhaseCentre.ofDegrees(10, -30));
    AntennaConfiguration ants =
        new AntennaConfiguration(
            "TEST",
            new String[] {"A0", "A1", "A2", "A3", "A4", "A5"},
            new double[] {0, 1, 2, 3, 4, 5},
            new double[6],
            new double[6],
            new double[] {4, 4, 4, 4, 4, 4},
            new boolean[6]);
    Path f = dir.resolve("small.uvfits");
    UvfitsWriter.write(f, UvfitsData.of(b, ants, "TEST", "test"), true);
    return f;
  }

  @Test
  void nonFitsFile() throws Exception {
    Path f = dir.resolve("notes.uvfits");
    Files.writeString(f, "this is not a FITS file\n");
    assertBadInput(image(f), "notes.uvfits", "fits");
  }

  @Test
  void truncatedUvfits() throws Exception {
    Path good = smallUvfits();
    byte[] all = Files.readAllBytes(good);
    Path f = dir.resolve("truncated.uvfits");
    Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
    assertBadInput(image(f), "truncated.uvfits", "truncated");
  }

  @Test
  void fitsImageWithWrongAxesInsteadOfVisibilities() throws Exception {
    Path f = dir.resolve("image.fits");
    FitsImageWriter.write(
        f,
        Image.zeros(new ImageGeometry(8, 8, 1e-4, PhaseCentre.ofDegrees(1, 2), 1e8, 1e6, Stokes.I)),
        FitsImageOptions.defaults());
    assertBadInput(image(f), "image.fits", "group");
  }

  @Test
  void missingInputFile() throws Exception {
    assertBadInput(image(dir.resolve("nowhere.uvfits")), "nowhere.uvfits", "no such file");
  }

  @Test
  void badOptionValues() throws Exception {
    Path f = smallUvfits();
    assertBadInput(image(f, "-weight", "robust"), "-weight", "natural");
    assertBadInput(image(f, "-channels-out", "3"), "-channels-out", "exceeds");
  }

  @Test
  void existingOutputIsNotOverwritten() throws Exception {
    Path f = smallUvfits();
    Path existing = Files.createDirectories(out.resolve("new")).resolve("img-dirty.fits");
    Files.writeString(existing, "keep me");
    Run r = image(f);
    assertEquals(ExitCodes.BAD_INPUT, r.status(), r.err());
    assertTrue(r.err().contains("--overwrite"), r.err());
    assertEquals("keep me", Files.readString(existing));
    try (Stream<Path> files = Files.list(existing.getParent())) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void allFlaggedInputIsNothingToImage() throws Exception {
    VisibilityBlock b = TinyFiles.block(7);
    java.util.Arrays.fill(b.flag(), true);
    Path f = TinyFiles.uvfits(dir.resolve("allflagged.uvfits"), b);
    assertBadInput(image(f), "allflagged.uvfits", "nothing to image");
  }

  @Test
  void garbledUvfitsHeader() throws Exception {
    byte[] good = Files.readAllBytes(TinyFiles.uvfits(dir.resolve("good.uvfits"), 7));
    Path f = dir.resolve("gcount.uvfits");
    Files.write(f, FitsPatch.replaceCard(good, "GCOUNT", FitsPatch.card("GCOUNT", "123456")));
    assertBadInput(image(f), "gcount.uvfits", "gcount");
  }

  @Test
  void flagRejectsATruncatedFile() throws Exception {
    byte[] good = Files.readAllBytes(TinyFiles.uvfits(dir.resolve("good.uvfits"), 7));
    Path f = dir.resolve("cut.uvfits");
    Files.write(f, java.util.Arrays.copyOf(good, good.length / 3));
    Run r =
        run("flag", f.toString(), "-o", out.resolve("new").resolve("flagged.uvfits").toString());
    assertBadInput(r, "cut.uvfits", "truncated");
  }

  @Test
  void preprocessRejectsAMetafitsWithoutTiledata() throws Exception {
    Path meta = TinyFiles.metafits(dir.resolve("obs.metafits"), false);
    Path g = TinyFiles.mwaxGpubox(dir, 1, TinyFiles.MWA_FINE, null, 1);
    Run r =
        run(
            "preprocess",
            "--metafits",
            meta.toString(),
            g.toString(),
            "-o",
            out.resolve("new").resolve("obs.uvfits").toString());
    assertBadInput(r, "obs.metafits", "tiledata");
  }

  @Test
  void preprocessRejectsAGpuboxThatDoesNotMatchItsMetafits() throws Exception {
    Path meta = TinyFiles.metafits(dir.resolve("obs.metafits"), true);
    Path g = TinyFiles.mwaxGpubox(dir, 3, 1, TinyFiles.MWA_FINE, null, 1);
    Run r =
        run(
            "preprocess",
            "--metafits",
            meta.toString(),
            g.toString(),
            "-o",
            out.resolve("new").resolve("obs.uvfits").toString());
    assertBadInput(r, g.getFileName().toString(), "naxis2");
  }

  @Test
  void pulsarSearchRejectsAFilterbankWithAGarbageHeader() throws Exception {
    byte[] good = Files.readAllBytes(TinyFiles.filterbank(dir.resolve("good.fil"), 2));
    // The length of the first keyword string becomes 2^30.
    java.nio.ByteBuffer.wrap(good).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(16, 1 << 30);
    Path f = Files.write(dir.resolve("garbage.fil"), good);
    Run r = run("pulsar", "search", f.toString(), "-o", out.resolve("new").resolve("c").toString());
    assertBadInput(r, "garbage.fil", "corrupt header");
  }

  @Test
  void rmsynth1dRejectsTheCorpusSpectra() throws Exception {
    for (String name : new String[] {"garbage-value.dat", "negative-noise.dat"}) {
      Path f = dir.resolve(name);
      try (java.io.InputStream in =
          BadInputTest.class.getResourceAsStream("/badinput/rmtools/" + name)) {
        Files.write(f, in.readAllBytes());
      }
      Run r =
          run("rmsynth1d", f.toString(), "-o", out.resolve("new").resolve("rm.json").toString());
      assertBadInput(r, name, "line 2");
    }
  }
}
