package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.radiospark.kernels.testing.SharedData;

class PreprocessCommandTest {
  @TempDir Path dir;

  private int run(StringWriter err, String... args) {
    return RadioSparkCli.execute(
        new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
  }

  @Test
  void legacyMiniFilesToUvfits() throws Exception {
    Path mwa = SharedData.require("mwa/1131733552.metafits").getParent();
    Path out = dir.resolve("pre.uvfits");
    String[] args = {
      "preprocess",
      "--metafits",
      mwa.resolve("1131733552.metafits").toString(),
      mwa.resolve("1131733552_20151116182537_mini_gpubox01_00.fits").toString(),
      mwa.resolve("1131733552_20151116182637_mini_gpubox06_01.fits").toString(),
      "--mwaf",
      mwa.resolve("1131733552_mini_01.mwaf").toString(),
      mwa.resolve("1131733552_mini_06.mwaf").toString(),
      "--edge-khz",
      "40",
      "--no-geometric",
      "-o",
      out.toString()
    };
    StringWriter err = new StringWriter();
    assertEquals(ExitCodes.OK, run(err, args), err.toString());
    UvfitsData d = UvfitsReader.read(out);
    assertEquals(2 * 8256, d.block().nRows(), "one integration in each file, a minute apart");
    assertEquals(6, d.block().nChan(), "one fine channel of each of coarse channels 149..154");
    assertEquals(Stokes.XX, d.block().pols()[0]);
    assertEquals(128, d.antennas().nAntennas());

    StringWriter again = new StringWriter();
    assertEquals(ExitCodes.BAD_INPUT, run(again, args));
    assertTrue(again.toString().contains("--overwrite"), again.toString());
  }

  @Test
  void mwaxFileWithGeometricPhasing() throws Exception {
    Path mwa = SharedData.require("mwa/1320409688.metafits").getParent();
    Path out = dir.resolve("mwax.uvfits");
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "preprocess",
            "--metafits",
            mwa.resolve("1320409688.metafits").toString(),
            mwa.resolve("1320409688_20211108122750_mini_ch137_000.fits").toString(),
            "-o",
            out.toString());
    assertEquals(ExitCodes.OK, code, err.toString());
    UvfitsData d = UvfitsReader.read(out);
    assertEquals(8256, d.block().nRows());
    assertEquals(333.6069, d.block().phaseCentre().raDeg(), 1e-9);
  }

  @Test
  void badInputExitsTwoAndLeavesNoOutput() throws Exception {
    Path mwa = SharedData.require("mwa/1131733552.metafits").getParent();
    Path out = dir.resolve("bad.uvfits");
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "preprocess",
            "--metafits",
            dir.resolve("missing.metafits").toString(),
            mwa.resolve("1131733552_20151116182537_mini_gpubox01_00.fits").toString(),
            "-o",
            out.toString());
    assertEquals(ExitCodes.BAD_INPUT, code);
    assertTrue(err.toString().contains("missing.metafits"), err.toString());
    assertFalse(Files.exists(out));

    StringWriter err2 = new StringWriter();
    int code2 =
        run(
            err2,
            "preprocess",
            "--metafits",
            mwa.resolve("1131733552.metafits").toString(),
            mwa.resolve("1131733552_20151116182537_mini_gpubox01_00.fits").toString(),
            "--time-avg-s",
            "0.7",
            "-o",
            out.toString());
    assertEquals(ExitCodes.BAD_INPUT, code2, err2.toString());
    assertTrue(err2.toString().contains("time averaging"), err2.toString());
    assertFalse(Files.exists(out));
  }
}
