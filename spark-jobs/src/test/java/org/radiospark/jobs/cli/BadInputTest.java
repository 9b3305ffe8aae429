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

/**
 * Acceptance 8 of issue 2: bad input gives one clear line naming file and problem, exit status 2,
 * and no output files. These fail before Spark starts.
 */
class BadInputTest {
  @TempDir Path dir;
  private Path out;

  @BeforeEach
  void outputFolder() throws Exception {
    out = Files.createDirectories(dir.resolve("out"));
  }

  private record Run(int status, String err) {}

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
}
