package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

class FlagCommandTest {
  private static final int ANTENNAS = 6;
  private static final int TIMES = 32;
  private static final int CHANNELS = 48;
  private static final int LINE_CHANNEL = 20;

  @TempDir Path dir;
  private Path input;

  private record Run(int status, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = RadioSparkCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(status, out.toString(), err.toString());
  }

  /** Noise (sigma 1 per part) with a 20-sigma narrow-band line in one channel, all baselines. */
  @BeforeEach
  void writeInput() throws Exception {
    int nBl = ANTENNAS * (ANTENNAS - 1) / 2;
    int rows = nBl * TIMES;
    double[] u = new double[rows];
    double[] v = new double[rows];
    int[] a1 = new int[rows];
    int[] a2 = new int[rows];
    double[] t = new double[rows];
    double[] dt = new double[rows];
    int r = 0;
    for (int k = 0; k < TIMES; k++) {
      for (int i = 0; i < ANTENNAS; i++) {
        for (int j = i + 1; j < ANTENNAS; j++) {
          u[r] = 100.0 * (j - i);
          v[r] = 37.0 * (j + i);
          a1[r] = i;
          a2[r] = j;
          t[r] = 5e9 + 4.0 * k;
          dt[r] = 4;
          r++;
        }
      }
    }
    double[] freq = new double[CHANNELS];
    double[] width = new double[CHANNELS];
    for (int c = 0; c < CHANNELS; c++) {
      freq[c] = 1.5e8 + 4e4 * c;
      width[c] = 4e4;
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
            freq,
            width,
            new Stokes[] {Stokes.XX, Stokes.YY},
            PhaseCentre.ofDegrees(0, -27));
    SplittableRandom rng = new SplittableRandom(12);
    float[] vis = b.vis();
    for (int i = 0; i < vis.length; i++) {
      vis[i] = (float) rng.nextGaussian();
    }
    for (int row = 0; row < rows; row++) {
      for (int p = 0; p < 2; p++) {
        vis[2 * b.index(row, LINE_CHANNEL, p)] += 20f;
      }
    }
    String[] names = new String[ANTENNAS];
    for (int a = 0; a < ANTENNAS; a++) {
      names[a] = "Tile" + (101 + a);
    }
    AntennaConfiguration ants =
        new AntennaConfiguration(
            "MWA",
            names,
            new double[] {0, 100, 200, 300, 400, 500},
            new double[ANTENNAS],
            new double[ANTENNAS],
            new double[] {4, 4, 4, 4, 4, 4},
            new boolean[ANTENNAS]);
    input = dir.resolve("in.uvfits");
    UvfitsWriter.write(input, UvfitsData.of(b, ants, "TEST", "test"), true);
  }

  @Test
  void flagsTheLineAndTheBadAntennaAndPrintsStatistics() throws Exception {
    Path output = dir.resolve("out").resolve("flagged.uvfits");
    Run run =
        run(
            "flag",
            input.toString(),
            "-o",
            output.toString(),
            "--bad-antennas",
            "Tile103,4",
            "--uvflag-sigma",
            "5",
            "-j",
            "2");
    assertEquals(ExitCodes.OK, run.status(), run.err());
    assertTrue(run.out().contains("BAD_ANTENNA"), run.out());
    assertTrue(run.out().contains("THRESHOLD"), run.out());
    VisibilityBlock b = UvfitsReader.read(output).block();
    int lineFlagged = 0;
    int lineTotal = 0;
    int otherFlagged = 0;
    int otherTotal = 0;
    for (int r = 0; r < b.nRows(); r++) {
      boolean bad =
          b.antenna1()[r] == 2
              || b.antenna2()[r] == 2
              || b.antenna1()[r] == 4
              || b.antenna2()[r] == 4;
      for (int c = 0; c < b.nChan(); c++) {
        for (int p = 0; p < b.nPol(); p++) {
          boolean f = b.flag()[b.index(r, c, p)];
          if (bad) {
            assertTrue(f, "row " + r + " involves a bad antenna");
          } else if (c == LINE_CHANNEL) {
            lineTotal++;
            lineFlagged += f ? 1 : 0;
          } else {
            otherTotal++;
            otherFlagged += f ? 1 : 0;
          }
        }
      }
    }
    assertEquals(lineTotal, lineFlagged, "the 20-sigma line");
    assertTrue(otherFlagged <= 0.01 * otherTotal, otherFlagged + " of " + otherTotal);
  }

  @Test
  void refusesToOverwriteAndReportsBadOptionsWithoutWriting() throws Exception {
    Path output = dir.resolve("o.uvfits");
    assertEquals(ExitCodes.OK, run("flag", input.toString(), "-o", output.toString()).status());
    Run again = run("flag", input.toString(), "-o", output.toString());
    assertEquals(ExitCodes.BAD_INPUT, again.status());
    assertTrue(again.err().contains("--overwrite"), again.err());
    assertEquals(
        ExitCodes.OK,
        run("flag", input.toString(), "-o", output.toString(), "--overwrite").status());

    Path other = dir.resolve("other.uvfits");
    Run badAntenna = run("flag", input.toString(), "-o", other.toString(), "--bad-antennas", "99");
    assertEquals(ExitCodes.BAD_INPUT, badAntenna.status());
    assertTrue(badAntenna.err().contains("--bad-antennas"), badAntenna.err());
    Run badStrategy = run("flag", input.toString(), "-o", other.toString(), "--strategy", "lofar");
    assertEquals(ExitCodes.BAD_INPUT, badStrategy.status());
    assertTrue(badStrategy.err().contains("lofar"), badStrategy.err());
    Run missing = run("flag", dir.resolve("nope.uvfits").toString(), "-o", other.toString());
    assertEquals(ExitCodes.BAD_INPUT, missing.status());
    assertTrue(missing.err().contains("nope.uvfits"), missing.err());
    assertEquals(1, missing.err().lines().filter(l -> !l.isBlank()).count(), missing.err());
    assertFalse(Files.exists(other));
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".partial")));
    }
  }
}
