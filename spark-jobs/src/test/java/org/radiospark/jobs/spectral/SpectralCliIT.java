package org.radiospark.jobs.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.cli.RadioSparkCli;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.io.layout.LayoutReader;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.simulation.PolarisedSimulator;
import org.radiospark.kernels.simulation.SimulationParameters;
import org.radiospark.kernels.testing.SharedData;

/**
 * Acceptance 4 through the command line: with an executor memory too small for one channel, {@code
 * radiospark spectral} exits 2 before any task runs, naming the settings to change, and leaves no
 * output.
 */
class SpectralCliIT {
  @TempDir Path dir;

  @Test
  void tooLittleMemoryExitsTwoNamingTheSetting() throws Exception {
    AntennaConfiguration a = LayoutReader.read(SharedData.require("layouts/ska1mid.cfg"));
    AntennaConfiguration few = a.select(new int[] {0, 1, 2, 3, 4, 5});
    PhaseCentre centre = PhaseCentre.ofDegrees(150, -30);
    SimulationParameters sp =
        SimulationParameters.builder(centre, 61041 * 86400.0)
            .channels(1e9, 1e6, 2)
            .elevationLimitRad(-Math.PI / 2)
            .build();
    Path input = dir.resolve("in.uvfits");
    UvfitsWriter.write(
        input,
        UvfitsData.of(
            PolarisedSimulator.simulate(few, List.of(), sp).visibilities(), few, "T", "t"),
        true);
    StringWriter err = new StringWriter();
    int status =
        RadioSparkCli.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            "spectral",
            "-name",
            dir.resolve("out/s").toString(),
            "-size",
            "64",
            "64",
            "-scale",
            "1amin",
            "--master",
            "local[1]",
            "--executor-memory-hint",
            "100m",
            input.toString());
    System.out.println("spectral CLI: exit " + status + ": " + err.toString().trim());
    assertEquals(2, status, err.toString());
    assertTrue(err.toString().contains("spark.executor.memory"), err.toString());
    assertTrue(err.toString().contains("--executor-memory-hint"), err.toString());
    assertFalse(Files.exists(dir.resolve("out")), "no output folder");
  }
}
