package org.radiospark.jobs.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.config.ImageOptions;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.kernels.io.FitsImageReader;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.io.layout.LayoutReader;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.simulation.ObservationTiming;
import org.radiospark.kernels.simulation.SimulatedObservation;
import org.radiospark.kernels.simulation.SimulationParameters;
import org.radiospark.kernels.simulation.Simulator;
import org.radiospark.kernels.testing.SharedData;

/** The image job on local Spark: products written, sources where they were planted. */
class ImageJobIT {
  private static SparkSession spark;
  @TempDir static Path dir;
  private static Path input;
  private static final PhaseCentre CENTRE = PhaseCentre.ofDegrees(150, -30);
  private static final double CELL = Math.toRadians(1.0 / 3600);

  @BeforeAll
  static void start() throws Exception {
    spark = SparkSessions.session("image-job-it", "local[2]");
    input = dir.resolve("mid.uvfits");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** Two planted sources 20 and 40 pixels from the centre, 64 SKA1-MID dishes, 4 channels. */
  private static void simulate() throws Exception {
    if (Files.exists(input)) {
      return;
    }
    AntennaConfiguration mid = LayoutReader.read(SharedData.require("layouts/ska1mid.cfg"));
    double dec = CENTRE.decRad();
    List<SkyComponent> sky =
        List.of(
            SkyComponent.point(CENTRE.raRad() + 20 * CELL / Math.cos(dec), dec, 2.0, 1.4e9, 0),
            SkyComponent.point(CENTRE.raRad(), dec + 40 * CELL, 1.0, 1.4e9, 0));
    double lon =
        org.radiospark.kernels.coords.GeodeticPosition.fromItrf(mid.centroidMetres()).lonRad();
    double start =
        ObservationTiming.transitCentredStart(CENTRE.raRad(), lon, 61041 * 86400.0, 4, 300);
    SimulatedObservation obs =
        Simulator.simulate(
            mid,
            sky,
            SimulationParameters.builder(CENTRE, start)
                .times(4, 300)
                .channels(1.4e9, 2e6, 4)
                .noiseSigmaJy(0)
                .seed(7)
                .build());
    UvfitsWriter.write(input, UvfitsData.of(obs.visibilities(), mid, "TEST", "test"), true);
  }

  private static ImageOptions options(String prefix, long niter, int channelsOut) {
    return new ImageOptions(
        input.toString(),
        dir.resolve(prefix).toString(),
        256,
        256,
        CELL,
        "uniform",
        0,
        niter,
        20,
        0.8,
        0.1,
        false,
        0.2,
        0.6,
        List.of(),
        0,
        0,
        0,
        Stokes.I,
        channelsOut,
        1e-5,
        true,
        false,
        1,
        false,
        1.2,
        3,
        16);
  }

  @Test
  void dirtyImageProductsAndSourcePositions() throws Exception {
    simulate();
    List<Path> written = ImageJob.run(options("dirty", 0, 1), () -> spark);
    assertEquals(10, written.size(), "five FITS products and their PNG quick-looks");
    for (Path p : written) {
      assertTrue(Files.size(p) > 0, p.toString());
    }
    Image dirty = FitsImageReader.readImage(dir.resolve("dirty-dirty.fits"));
    Image psf = FitsImageReader.readImage(dir.resolve("dirty-psf.fits"));
    assertEquals(1.0, psf.get(128, 128), 1e-5, "PSF peak 1 at the centre, to epsilon");
    // l = -(x - nx/2) cell: a source east of the centre sits at x = 128 - 20
    assertEquals(2.0, dirty.get(108, 128), 0.02);
    assertEquals(1.0, dirty.get(128, 168), 0.02);
    assertTrue(dirty.beam() != null, "dirty image carries the fitted beam");
  }

  @Test
  void cleaningWithMajorCyclesRecoversTheFluxes() throws Exception {
    simulate();
    ImageJob.run(options("clean", 2000, 1), () -> spark);
    Image model = FitsImageReader.readImage(dir.resolve("clean-model.fits"));
    Image residual = FitsImageReader.readImage(dir.resolve("clean-residual.fits"));
    assertEquals(2.0, sumAround(model, 108, 128, 2), 0.02);
    assertEquals(1.0, sumAround(model, 128, 168, 2), 0.01);
    double peakResidual = 0;
    for (double v : residual.pixels()) {
      peakResidual = Math.max(peakResidual, Math.abs(v));
    }
    assertTrue(peakResidual < 0.02, "residual peak " + peakResidual);
  }

  @Test
  void channelGroupsGiveMfsProducts() throws Exception {
    simulate();
    List<Path> written = ImageJob.run(options("mfs", 0, 2), () -> spark);
    assertEquals(3 * 5 * 2, written.size());
    Image g0 = FitsImageReader.readImage(dir.resolve("mfs-0000-dirty.fits"));
    Image g1 = FitsImageReader.readImage(dir.resolve("mfs-0001-dirty.fits"));
    Image mfs = FitsImageReader.readImage(dir.resolve("mfs-MFS-dirty.fits"));
    assertTrue(g1.geometry().freqHz() > g0.geometry().freqHz());
    assertEquals(2.0, mfs.get(108, 128), 0.02);
    assertEquals(
        0.5 * (g0.geometry().freqHz() + g1.geometry().freqHz()), mfs.geometry().freqHz(), 1.0);
  }

  private static double sumAround(Image im, int x0, int y0, int r) {
    double s = 0;
    for (int y = y0 - r; y <= y0 + r; y++) {
      for (int x = x0 - r; x <= x0 + r; x++) {
        s += im.get(x, y);
      }
    }
    return s;
  }
}
