package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.imaging.Imager;
import org.radiospark.kernels.imaging.ImagingParams;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.mwacal.MwaSimulation;
import org.radiospark.kernels.mwacal.SolutionsFile;
import org.radiospark.kernels.testing.SharedData;
import org.radiospark.kernels.weighting.Weighting;

/**
 * calibrate then apply on a simulated MWA Phase II extended-array snapshot written as UVFITS (the
 * sky of the hyperdrive source list through the analytic beam, per-channel gains, noise): the
 * applied file matches the true sky to the noise.
 */
class CalibrateApplyCommandTest {
  /** The GLEAM-X array: MWA Phase II extended (tile positions only; pointing of 1090008640). */
  private static final String PHASE2_EXTENDED = "layouts/1196175296.metafits";

  @TempDir static Path dir;

  private static MwaSimulation sim;
  private static Path uvfits;
  private static Path metafits;
  private static Path srclist;

  @BeforeAll
  static void simulate() throws Exception {
    sim = new MwaSimulation(PHASE2_EXTENDED, 2, 1, 0.05, 21);
    uvfits = dir.resolve("sim.uvfits");
    UvfitsWriter.write(uvfits, UvfitsData.of(sim.data, sim.antennas, "sim", "MWA"), false);
    metafits = SharedData.require(MwaSimulation.METAFITS);
    srclist = SharedData.require(MwaSimulation.SRCLIST);
  }

  private static int run(StringWriter err, String... args) {
    return RadioSparkCli.execute(
        new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
  }

  @Test
  void calibrateThenApplyRecoversTheTrueSkyToTheNoise() throws Exception {
    Path sol = dir.resolve("sol.fits");
    Path out = dir.resolve("cal.uvfits");
    StringWriter err = new StringWriter();
    int rc =
        run(
            err,
            "calibrate",
            "--skymodel",
            srclist.toString(),
            "--radius",
            "20",
            "--flux-cut",
            "1",
            "--max-sources",
            "40",
            "--metafits",
            metafits.toString(),
            "--cal-type",
            "diagonal",
            "-j",
            "2",
            "-o",
            sol.toString(),
            uvfits.toString());
    assertEquals(ExitCodes.OK, rc, err.toString());
    assertEquals("DIAGONAL", SolutionsFile.keywords(sol).get("CALTYPE"));
    assertTrue(SolutionsFile.keywords(sol).get("BEAM").startsWith("MWA analytic"));
    for (String plot : new String[] {"sol-amp.png", "sol-phase.png"}) {
      java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(dir.resolve(plot).toFile());
      assertTrue(png != null && png.getWidth() > 100 && png.getHeight() > 100, plot);
    }

    rc = run(err, "apply", "--solutions", sol.toString(), "-o", out.toString(), uvfits.toString());
    assertEquals(ExitCodes.OK, rc, err.toString());
    VisibilityBlock cal = UvfitsReader.read(out).block();
    VisibilityBlock truth = sim.trueModel;
    double res = 0;
    double pow = 0;
    double cross = 0;
    long n = 0;
    for (int r = 0; r < cal.nRows(); r++) {
      for (int c = 0; c < cal.nChan(); c++) {
        for (int p = 0; p < 2; p++) { // XX, YY
          int i = cal.index(r, c, p);
          if (cal.flag()[i]) {
            continue;
          }
          double dr = cal.vis()[2 * i] - truth.vis()[2 * i];
          double di = cal.vis()[2 * i + 1] - truth.vis()[2 * i + 1];
          res += dr * dr + di * di;
          cross +=
              cal.vis()[2 * i] * truth.vis()[2 * i] + cal.vis()[2 * i + 1] * truth.vis()[2 * i + 1];
          pow +=
              truth.vis()[2 * i] * truth.vis()[2 * i]
                  + truth.vis()[2 * i + 1] * truth.vis()[2 * i + 1];
          n++;
        }
      }
    }
    // Noise 2 sigma^2 per sample, divided by |g_p g_q|^2 ~ 1 +- 20% when corrected.
    double noise = n * 2 * sim.sigma * sim.sigma;
    System.out.printf(
        "calibrate+apply on simulated UVFITS: |corrected - true|^2 / noise = %.3f (%d samples)%n",
        res / noise, n);
    assertTrue(res < 1.2 * noise && res > 0.8 * noise, res / noise + " x the noise power");
    assertTrue(pow > 100 * res, "the sky is well above the noise");
    // Flux scale: the least-squares factor between the corrected data and the true sky, which is
    // what the flux of every source in a calibrated image follows (issue 4 asks for 2%).
    double scale = cross / pow;
    System.out.printf("flux scale of the calibrated data: %.5f%n", scale);
    assertEquals(1, scale, 0.02);

    // ... and in the image (acceptance 3): the calibrated Stokes I image against the image of the
    // true apparent sky, 1024^2 x 1' (17 degrees), natural weighting: least-squares scale over the
    // pixels where the sky is brighter than 10% of its peak, and the ratio at the peak
    ImagingParams ip =
        ImagingParams.defaults(1024, 1024, Math.toRadians(1.0 / 60))
            .withWeighting(Weighting.natural())
            .withStokes(Stokes.I)
            .withThreads(2);
    double[] img = Imager.invert(cal, ip).pixels();
    double[] ref = Imager.invert(truth, ip).pixels();
    int peak = 0;
    for (int i = 0; i < ref.length; i++) {
      peak = ref[i] > ref[peak] ? i : peak;
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < ref.length; i++) {
      if (ref[i] > 0.1 * ref[peak]) {
        num += img[i] * ref[i];
        den += ref[i] * ref[i];
      }
    }
    System.out.printf(
        "flux scale of the calibrated image: %.5f (least squares), %.5f at the peak (%.3f Jy/beam)%n",
        num / den, img[peak] / ref[peak], ref[peak]);
    assertEquals(1, num / den, 0.02);
    assertEquals(1, img[peak] / ref[peak], 0.02);
  }

  @Test
  void badInputExitsTwoAndLeavesNoOutput() throws Exception {
    Path sol = dir.resolve("bad.fits");
    StringWriter err = new StringWriter();
    String[] noBeam = {
      "calibrate", "--skymodel", srclist.toString(), "-o", sol.toString(), uvfits.toString()
    };
    assertEquals(ExitCodes.BAD_INPUT, run(err, noBeam));
    assertTrue(err.toString().contains("--no-beam"), err.toString());
    assertEquals(
        ExitCodes.BAD_INPUT,
        run(
            err,
            "calibrate",
            "--skymodel",
            dir.resolve("missing.yaml").toString(),
            "--no-beam",
            "-o",
            sol.toString(),
            uvfits.toString()));
    assertEquals(
        ExitCodes.BAD_INPUT,
        run(
            err,
            "calibrate",
            "--skymodel",
            srclist.toString(),
            "--no-beam",
            "--cal-type",
            "scalar",
            "-o",
            sol.toString(),
            uvfits.toString()));
    assertEquals(
        ExitCodes.BAD_INPUT,
        run(
            err,
            "apply",
            "--solutions",
            uvfits.toString(),
            "-o",
            sol.toString(),
            uvfits.toString()));
    assertFalse(Files.exists(sol));
    try (Stream<Path> s = Files.list(dir)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".partial")));
    }
    StringWriter exists = new StringWriter();
    assertEquals(
        ExitCodes.BAD_INPUT,
        run(
            exists,
            "apply",
            "--solutions",
            uvfits.toString(),
            "-o",
            uvfits.toString(),
            uvfits.toString()));
    assertTrue(exists.toString().contains("--overwrite"), exists.toString());
  }
}
