package org.radiospark.jobs.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.cli.RadioSparkCli.BadOptionException;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.coords.SinProjection;
import org.radiospark.kernels.io.FitsImageData;
import org.radiospark.kernels.io.FitsImageReader;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.io.layout.LayoutReader;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.polarisation.stokes.PolarisationCleanMode;
import org.radiospark.kernels.simulation.FaradayThinSource;
import org.radiospark.kernels.simulation.ObservationTiming;
import org.radiospark.kernels.simulation.PolarisedSimulator;
import org.radiospark.kernels.simulation.SimulationParameters;
import org.radiospark.kernels.testing.SharedData;

/**
 * Acceptance 2 of issue 5 on local Spark: a simulated 40-channel full-polarisation observation of
 * four Faraday-thin sources (30 SKA1-MID core dishes, 352.5-547.5 MHz, RMSF FWHM 9 rad/m^2) goes
 * through {@code SpectralJob}; the peak maps at the source pixels give RM within FWHM/10,
 * fractional polarisation within 5% (relative) and angle within 3 degrees, for linear and circular
 * feeds (joint IQUV CLEAN for the linear, complex Q+iU CLEAN for the circular). Acceptance 4: a
 * task that cannot fit fails before any Spark job with the setting to change.
 */
class SpectralJobIT {
  private static final int N = 128;
  private static final int NCHAN = 40;
  private static final PhaseCentre CENTRE = PhaseCentre.ofDegrees(150, -30);
  private static final double F0 = 352.5e6;
  private static final double DF = 5e6;
  // {dx, dy (pixels from centre), I Jy, fractional polarisation, chi0 deg, RM rad/m^2}
  private static final double[][] SOURCES = {
    {-30, 18, 1.0, 0.10, 10, -45},
    {25, 30, 0.6, 0.25, -35, -12},
    {-12, -33, 0.35, 0.40, 60, 20},
    {35, -20, 0.2, 0.60, -80, 55}
  };

  private static SparkSession spark;
  @TempDir static Path dir;
  private static double cellRad;

  @BeforeAll
  static void start() {
    spark = SparkSessions.session("spectral-job-it", "local[2]");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static AntennaConfiguration core(int n) {
    return LayoutReader.read(SharedData.require("layouts/ska1mid.cfg")).nearestToCentroid(n);
  }

  /** Writes the simulated observation with the given feeds; returns the file and the geometry. */
  private static Path simulate(Stokes[] pols, String name, int nChan) throws Exception {
    AntennaConfiguration mid = core(30);
    double lon = GeodeticPosition.fromItrf(mid.centroidMetres()).lonRad();
    double start =
        ObservationTiming.transitCentredStart(CENTRE.raRad(), lon, 61041 * 86400.0, 6, 900);
    SimulationParameters sp =
        SimulationParameters.builder(CENTRE, start)
            .times(6, 900)
            .channels(F0, DF, nChan)
            .pols(pols)
            .noiseSigmaJy(0.1)
            .seed(5)
            .nThreads(2)
            .build();
    double maxUv = 0;
    var probe = PolarisedSimulator.simulate(mid, List.of(), sp.toBuilder().noiseSigmaJy(0).build());
    for (int r = 0; r < probe.visibilities().nRows(); r++) {
      maxUv =
          Math.max(
              maxUv,
              Math.hypot(probe.visibilities().uMetres()[r], probe.visibilities().vMetres()[r]));
    }
    // About four pixels across the main lobe at the top of the band.
    cellRad = 299_792_458.0 / (F0 + (NCHAN - 1) * DF) / maxUv / 4;
    ImageGeometry geo = new ImageGeometry(N, N, cellRad, CENTRE, F0, DF, Stokes.I);
    List<FaradayThinSource> sky = new ArrayList<>();
    for (double[] s : SOURCES) {
      double[] rd = SinProjection.pixelToSky(geo, N / 2 + s[0], N / 2 + s[1]);
      sky.add(
          new FaradayThinSource(rd[0], rd[1], s[2], F0, 0, s[3], Math.toRadians(s[4]), s[5], 0));
    }
    Path file = dir.resolve(name + ".uvfits");
    var obs = PolarisedSimulator.simulate(mid, sky, sp);
    UvfitsWriter.write(file, UvfitsData.of(obs.visibilities(), mid, "SPECTRAL", "sim"), true);
    return file;
  }

  /**
   * Image-plane CLEAN (mgain 1: the PSF spans the image, the sources sit on pixel centres), to keep
   * the run short; the major cycles are covered by {@code StokesImagerTest}.
   */
  private static SpectralOptions options(
      Path input, String prefix, String qa, long hintBytes, PolarisationCleanMode mode) {
    return new SpectralOptions(
            input.toString(),
            dir.resolve(prefix).toString(),
            N,
            N,
            cellRad,
            new SpectralOptions.Deconvolution("briggs", 0, 1000, 1, 1.0, 0.1, 0, 3, mode, 1e-4),
            SpectralOptions.Faraday.defaults(),
            new SpectralOptions.Execution(4, 64, qa, hintBytes, 1),
            false)
        .validate();
  }

  private static double at(Path fits, int dx, int dy) throws Exception {
    Image im = FitsImageReader.readImage(fits);
    return im.get(N / 2 + dx, N / 2 + dy);
  }

  private void recoversThePlantedSources(Stokes[] pols, String feed, PolarisationCleanMode mode)
      throws Exception {
    Path input = simulate(pols, feed, NCHAN);
    Path qa = dir.resolve(feed + "-qa.jsonl");
    long t0 = System.nanoTime();
    SpectralJob.Result r =
        SpectralJob.run(options(input, feed, "jsonl:" + qa, 0, mode), () -> spark);
    double seconds = (System.nanoTime() - t0) * 1e-9;
    double fwhm = r.plan().fwhmRadM2();
    String p = dir.resolve(feed).toString();
    for (double[] s : SOURCES) {
      int dx = (int) s[0];
      int dy = (int) s[1];
      double rm = at(Path.of(p + "-peak-phi.fits"), dx, dy);
      double frac = at(Path.of(p + "-fracpol.fits"), dx, dy);
      double angle = at(Path.of(p + "-peak-angle0.fits"), dx, dy);
      double dAngle = Math.IEEEremainder(angle - s[4], 180);
      System.out.printf(
          "spectral %s: source I=%.2f Jy: RM %.3f (true %.0f, |err| %.3f = %.3f FWHM); fracPol"
              + " %.4f (true %.2f, %.2f%%); angle0 %.2f deg (true %.0f, err %.2f)%n",
          feed,
          s[2],
          rm,
          s[5],
          Math.abs(rm - s[5]),
          Math.abs(rm - s[5]) / fwhm,
          frac,
          s[3],
          100 * Math.abs(frac / s[3] - 1),
          angle,
          s[4],
          dAngle);
      assertEquals(s[5], rm, fwhm / 10, feed + " RM of the source of " + s[2] + " Jy");
      assertEquals(s[3], frac, 0.05 * s[3], feed + " fracPol of the source of " + s[2] + " Jy");
      assertEquals(0, dAngle, 3, feed + " angle of the source of " + s[2] + " Jy");
    }
    // Every FITS output (2 cubes and 23 maps) has its PNG quick-look.
    assertEquals(
        25,
        org.radiospark.jobs.cli.QuickLookCheck.assertEveryFitsImageHasPng(dir).stream()
            .filter(f -> f.getFileName().toString().startsWith(feed + "-"))
            .count());
    // The IQUV cube reads back as 40 channels x 4 Stokes with the planted Stokes at a source.
    FitsImageData cube = FitsImageReader.read(Path.of(p + "-image-IQUV.fits"));
    assertEquals(NCHAN, cube.cube().nFreq());
    assertEquals(4, cube.cube().nStokes());
    double[] s0 = SOURCES[0];
    for (int k = 0; k < 4; k++) {
      Image plane = cube.cube().plane(0, k);
      assertEquals(Stokes.values()[k], plane.geometry().stokes());
      assertEquals(F0, plane.geometry().freqHz(), 1e-3);
    }
    double q0 = cube.cube().plane(0, 1).get(N / 2 + (int) s0[0], N / 2 + (int) s0[1]);
    double u0 = cube.cube().plane(0, 2).get(N / 2 + (int) s0[0], N / 2 + (int) s0[1]);
    double lambda2 = Math.pow(299_792_458.0 / F0, 2);
    double chi = Math.toRadians(s0[4]) + s0[5] * lambda2;
    // One channel's noise (about 2 mJy/beam) against 0.1 Jy of polarised flux.
    assertEquals(s0[2] * s0[3] * Math.cos(2 * chi), q0, 0.01, "Q of channel 0");
    assertEquals(s0[2] * s0[3] * Math.sin(2 * chi), u0, 0.01, "U of channel 0");
    System.out.printf(
        "spectral %s: %d channels, %d tiles, FWHM %.2f rad/m^2, %d phi samples, %.1f s%n",
        feed, r.nChannels(), r.nTiles(), fwhm, r.plan().nPhi(), seconds);
    List<String> lines = Files.readAllLines(qa);
    ObjectMapper json = new ObjectMapper();
    long channelMsgs = 0;
    double channelSeconds = 0;
    List<String> stages = new ArrayList<>();
    StringBuilder stageTimes = new StringBuilder();
    for (String line : lines) {
      JsonNode n = json.readTree(line);
      if (n.get("kind").asText().equals("channel")) {
        channelMsgs++;
        channelSeconds += n.get("seconds").asDouble();
        assertTrue(n.get("rmsQ").asDouble() > 0, line);
      } else {
        stages.add(n.get("stage").asText());
        stageTimes.append(
            String.format(" %s %.1f s", n.get("stage").asText(), n.get("seconds").asDouble()));
      }
    }
    System.out.printf(
        "spectral %s: QA stages:%s; channel imaging %.1f s of task time in all%n",
        feed, stageTimes, channelSeconds);
    assertEquals(NCHAN, channelMsgs, "one QA message per channel");
    assertEquals(List.of("imaging", "faraday", "write", "done"), stages);
  }

  @Test
  void linearFeeds() throws Exception {
    recoversThePlantedSources(
        SimulationParameters.LINEAR, "linear", PolarisationCleanMode.JOINED_IQUV);
  }

  @Test
  void circularFeeds() throws Exception {
    recoversThePlantedSources(
        SimulationParameters.CIRCULAR, "circular", PolarisationCleanMode.COMPLEX_QU);
  }

  @Test
  void aTaskThatCannotFitFailsBeforeAnySparkJob() throws Exception {
    Path input = simulate(SimulationParameters.LINEAR, "tiny", 2);
    int jobsBefore = spark.sparkContext().statusTracker().getJobIdsForGroup(null).length;
    BadOptionException e =
        assertThrows(
            BadOptionException.class,
            () ->
                SpectralJob.run(
                    options(input, "tiny", "log:", 64L << 20, PolarisationCleanMode.JOINED_IQUV),
                    () -> spark));
    System.out.println("spectral memory check: " + e.getMessage());
    assertTrue(e.getMessage().contains("spark.executor.memory"), e.getMessage());
    assertTrue(e.getMessage().contains("--executor-memory-hint"), e.getMessage());
    assertEquals(
        jobsBefore,
        spark.sparkContext().statusTracker().getJobIdsForGroup(null).length,
        "no Spark job ran");
    assertFalse(Files.exists(dir.resolve("tiny-image-IQUV.fits")));
  }
}
