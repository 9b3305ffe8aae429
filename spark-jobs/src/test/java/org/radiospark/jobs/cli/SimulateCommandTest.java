package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.simulation.TruthFile;
import org.radiospark.kernels.testing.SharedData;

class SimulateCommandTest {
  @TempDir Path dir;

  private int run(StringWriter err, String... args) {
    return RadioSparkCli.execute(
        new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
  }

  @Test
  void writesUvfitsAndTruthThatReadBack() throws Exception {
    Path layout = SharedData.require("layouts/ska1mid.cfg");
    Path out = dir.resolve("sim.uvfits");
    String[] args = {
      "simulate",
      "--layout",
      layout.toString(),
      "--ra",
      "150",
      "--dec",
      "-30",
      "--freq-hz",
      "1.4e9",
      "--channels",
      "3",
      "--chan-width-hz",
      "1e6",
      "--times",
      "2",
      "--int-s",
      "30",
      "--random-sources",
      "5",
      "--noise-jy",
      "0.01",
      "--gain-phase-rms",
      "0.1",
      "--antennas",
      "12",
      "--pols",
      "XX,YY",
      "--seed",
      "4",
      "-o",
      out.toString()
    };
    StringWriter err = new StringWriter();
    assertEquals(ExitCodes.OK, run(err, args), err.toString());

    UvfitsData d = UvfitsReader.read(out);
    assertEquals(2 * 12 * 11 / 2, d.block().nRows());
    assertEquals(3, d.block().nChan());
    assertEquals(Stokes.XX, d.block().pols()[0]);
    assertEquals(Stokes.YY, d.block().pols()[1]);
    assertEquals(12, d.antennas().nAntennas());
    TruthFile.Truth t = TruthFile.read(dir.resolve("sim.truth.json"));
    assertEquals(5, t.components().size());
    assertEquals(12, t.antennaNames().size());

    StringWriter again = new StringWriter();
    assertEquals(ExitCodes.BAD_INPUT, run(again, args));
    assertTrue(again.toString().contains("--overwrite"), again.toString());
  }

  @Test
  void truthFileNameFollowsTheOutput() {
    assertEquals(Path.of("a/b.truth.json"), SimulateCommand.truthPathOf(Path.of("a/b.uvfits")));
    assertEquals(Path.of("c.truth.json"), SimulateCommand.truthPathOf(Path.of("c")));
  }

  @Test
  void badLayoutIsBadInput() throws Exception {
    Path bad = dir.resolve("layout.cfg");
    Files.writeString(bad, "# nothing here\nnot numbers at all\n");
    StringWriter err = new StringWriter();
    int status =
        run(
            err,
            "simulate",
            "--layout",
            bad.toString(),
            "--ra",
            "0",
            "--dec",
            "-30",
            "--freq-hz",
            "1e8",
            "--random-sources",
            "1",
            "-o",
            dir.resolve("x.uvfits").toString());
    assertEquals(ExitCodes.BAD_INPUT, status, err.toString());
    assertTrue(err.toString().contains("layout.cfg"), err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
  }
}
