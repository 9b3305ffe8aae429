package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.radiospark.jobs.spectral.SpectralOptions;
import org.radiospark.kernels.polarisation.stokes.PolarisationCleanMode;
import picocli.CommandLine;

/** Option parsing of {@code radiospark spectral}; bad values exit 2 before Spark starts. */
class SpectralCommandTest {
  private static SpectralOptions parse(String... args) {
    SpectralCommand c = new SpectralCommand();
    new CommandLine(c).parseArgs(args);
    return c.toOptions();
  }

  @Test
  void optionsReachTheJob() {
    SpectralOptions o =
        parse(
            "-name",
            "out/s",
            "-size",
            "256",
            "128",
            "-scale",
            "20asec",
            "-weight",
            "uniform",
            "--channels-per-task",
            "8",
            "--tile-size",
            "32",
            "--qa",
            "jsonl:qa.jsonl",
            "--executor-memory-hint",
            "2g",
            "--pol-clean",
            "qu",
            "-l",
            "200",
            "-d",
            "1.5",
            "in.uvfits");
    assertEquals("in.uvfits", o.input());
    assertEquals(256, o.nx());
    assertEquals(128, o.ny());
    assertEquals(Math.toRadians(20.0 / 3600), o.cellRad(), 1e-18);
    assertEquals("uniform", o.clean().weighting());
    assertEquals(PolarisationCleanMode.COMPLEX_QU, o.clean().mode());
    assertEquals(8, o.execution().channelsPerTask());
    assertEquals(32, o.execution().tileSize());
    assertEquals("jsonl:qa.jsonl", o.execution().qa());
    assertEquals(2L << 30, o.execution().executorMemoryHintBytes());
    assertEquals(200, o.faraday().phiMaxRadM2());
    assertEquals(1.5, o.faraday().dPhiRadM2());
  }

  private static int run(StringWriter err, String... args) {
    return RadioSparkCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
  }

  @Test
  void badOptionsExitTwoWithTheOptionNamed() {
    String[][] cases = {
      {"--qa", "kafka://localhost/qa", "--qa"},
      {"--pol-clean", "iq", "--pol-clean"},
      {"--channels-per-task", "0", "--channels-per-task"},
      {"--executor-memory-hint", "lots", "--executor-memory-hint"},
      {"-size", "7", "--size"}
    };
    for (String[] c : cases) {
      StringWriter err = new StringWriter();
      String[] args =
          c[0].equals("-size")
              ? new String[] {"spectral", "-name", "x", "-size", "7", "8", "-scale", "1amin", "in"}
              : new String[] {
                "spectral", "-name", "x", "-size", "64", "64", "-scale", "1amin", c[0], c[1], "in"
              };
      assertEquals(2, run(err, args), String.join(" ", args) + ": " + err);
      String expect = c[2].equals("--size") ? "-size" : c[2];
      assertTrue(err.toString().contains(expect), err.toString());
    }
  }
}
