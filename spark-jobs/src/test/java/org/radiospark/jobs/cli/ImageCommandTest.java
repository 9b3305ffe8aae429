package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.radiospark.jobs.config.ImageOptions;
import org.radiospark.kernels.model.Stokes;
import picocli.CommandLine;

class ImageCommandTest {
  private static ImageOptions parse(String... args) {
    ImageCommand c = new ImageCommand();
    new CommandLine(c).parseArgs(args);
    return c.toOptions();
  }

  @Test
  void wscleanStyleOptions() {
    ImageOptions o =
        parse(
            "-name",
            "out/p",
            "-size",
            "1024",
            "512",
            "-scale",
            "2asec",
            "-weight",
            "briggs",
            "0.5",
            "-niter",
            "1e4",
            "-mgain",
            "0.85",
            "-multiscale",
            "-auto-threshold",
            "1",
            "-auto-mask",
            "3",
            "-pol",
            "xx",
            "-channels-out",
            "4",
            "-epsilon",
            "1e-5",
            "in.uvfits");
    assertEquals("in.uvfits", o.input());
    assertEquals(1024, o.nx());
    assertEquals(512, o.ny());
    assertEquals(Math.toRadians(2.0 / 3600), o.cellRad(), 1e-18);
    assertEquals("briggs", o.weighting());
    assertEquals(0.5, o.robust());
    assertEquals(10000, o.niter());
    assertTrue(o.multiscale());
    assertEquals(Stokes.XX, o.pol());
    assertEquals(4, o.channelsOut());
  }

  @Test
  void weightWithoutRobustnessLeavesTheInputAlone() {
    ImageOptions o =
        parse(
            "-name", "p", "-size", "64", "64", "-scale", "1amin", "-weight", "uniform", "x.uvfits");
    assertEquals("uniform", o.weighting());
    assertEquals("x.uvfits", o.input());
    assertEquals(Math.toRadians(1.0 / 60), o.cellRad(), 1e-18);
  }

  @Test
  void anglesInEveryUnit() {
    assertEquals(Math.toRadians(1.5 / 60), AngleParser.parseRadians("1.5amin"), 1e-18);
    assertEquals(Math.toRadians(0.01), AngleParser.parseRadians("0.01deg"), 1e-18);
    assertEquals(Math.toRadians(0.01), AngleParser.parseRadians("0.01"), 1e-18);
    assertEquals(1e-4, AngleParser.parseRadians("1e-4rad"), 1e-18);
    assertEquals(Math.toRadians(5.0 / 3.6e6), AngleParser.parseRadians("5masec"), 1e-20);
    assertThrows(IllegalArgumentException.class, () -> AngleParser.parseRadians("2 parsecs"));
  }

  @Test
  void invalidValuesAreBadOptions() {
    assertThrows(
        RadioSparkCli.BadOptionException.class,
        () -> parse("-name", "p", "-size", "63", "64", "-scale", "1amin", "x.uvfits"));
    assertThrows(
        RadioSparkCli.BadOptionException.class,
        () -> parse("-name", "p", "-size", "64", "64", "-scale", "1amin", "-pol", "Z", "x"));
    assertThrows(
        RadioSparkCli.BadOptionException.class,
        () -> parse("-name", "p", "-size", "64", "64", "-scale", "1amin", "-mgain", "0", "x"));
  }
}
