package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.config.ImageOptions;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.io.layout.LayoutReader;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.simulation.SimulationParameters;
import org.radiospark.kernels.simulation.Simulator;
import org.radiospark.kernels.testing.SharedData;
import picocli.CommandLine;

/**
 * {@code image --preset gleamx}: exactly the GLEAM-X deep-image parameters, scaled to the array.
 */
class ImagePresetTest {
  @TempDir Path dir;

  private static ImageOptions parse(String... args) {
    ImageCommand c = new ImageCommand();
    new CommandLine(c).parseArgs(args);
    return c.toOptions();
  }

  /** A one-integration snapshot of a real MWA layout, centred on coarse channel 169. */
  private Path snapshot(String metafits) throws Exception {
    AntennaConfiguration a = LayoutReader.readMetafits(SharedData.require(metafits));
    SimulationParameters p =
        SimulationParameters.builder(PhaseCentre.ofDegrees(50, -27), 5.0e9)
            .channels(new double[] {215.68e6, 216.96e6}, new double[] {1.28e6, 1.28e6})
            .elevationLimitRad(-Math.PI / 2)
            .build();
    Path f = dir.resolve("snap.uvfits");
    UvfitsWriter.write(
        f, UvfitsData.of(Simulator.simulate(a, List.of(), p).visibilities(), a, "s", "MWA"), true);
    return f;
  }

  @Test
  void gleamxPresetOnTheExtendedArray() throws Exception {
    Path in = snapshot("layouts/1196175296.metafits");
    ImageOptions o = parse("--preset", "gleamx", "-name", "deep", in.toString());
    assertEquals(8000, o.nx());
    assertEquals(8000, o.ny());
    assertEquals(Math.toRadians(0.6 / 169), o.cellRad(), 1e-9 * o.cellRad());
    assertEquals("briggs", o.weighting());
    assertEquals(0.5, o.robust());
    assertTrue(o.multiscale());
    assertEquals(0.85, o.mgain());
    assertEquals(0.15, o.multiscaleGain());
    assertEquals(5, o.nmiter());
    assertEquals(10_000_000L, o.niter());
    assertEquals(3, o.autoMask());
    assertEquals(1, o.autoThreshold());
    assertEquals(Stokes.I, o.pol());
    assertEquals(4, o.channelsOut(), "an MFS image plus 4 sub-bands");
    assertEquals("deep", o.prefix());
    assertEquals(in.toString(), o.input());
  }

  @Test
  void phaseOneArrayGetsItsOwnSizeScaleAndWeighting() throws Exception {
    Path in = snapshot("mwa/hyperdrive_1090008640/1090008640.metafits");
    ImageOptions o = parse("--preset", "gleamx", "-name", "deep", in.toString());
    assertEquals(4000, o.nx());
    assertEquals(Math.toRadians(1.1 / 169), o.cellRad(), 1e-9 * o.cellRad());
    assertEquals(-1.0, o.robust());
  }

  @Test
  void commandLineOptionsWinAndNeedNoInput() {
    ImageOptions o =
        parse(
            "--preset",
            "gleamx",
            "-niter",
            "100",
            "-size",
            "512",
            "512",
            "-scale",
            "10asec",
            "-name",
            "p",
            "does-not-exist.uvfits");
    assertEquals(100, o.niter());
    assertEquals(512, o.nx());
    assertEquals(0.85, o.mgain(), "the rest from the preset");
    assertEquals("uniform", o.weighting(), "no array class applied when the user sets the size");
  }

  @Test
  void missingDefaultsFileIsBadInput() {
    StringWriter err = new StringWriter();
    int rc =
        RadioSparkCli.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            "image",
            "--defaults",
            dir.resolve("none.properties").toString(),
            "-name",
            "p",
            "x.uvfits");
    assertEquals(ExitCodes.BAD_INPUT, rc, err.toString());
    assertEquals(
        ExitCodes.BAD_INPUT,
        RadioSparkCli.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter(), true),
            "image",
            "-name",
            "p",
            "x.uvfits"),
        "no -size without a preset");
  }
}
