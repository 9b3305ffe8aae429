package org.radiospark.kernels.selfcal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.calibration.JonesMode;
import org.radiospark.kernels.calibration.SolverParameters;
import org.radiospark.kernels.deconvolution.RobustNoise;
import org.radiospark.kernels.gridding.Precision;
import org.radiospark.kernels.imaging.Imager;
import org.radiospark.kernels.imaging.ImagingParams;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.simulation.TruthFile;
import org.radiospark.kernels.testing.DataSamples;
import org.radiospark.kernels.testing.GainTruth;
import org.radiospark.kernels.weighting.Weighting;

/**
 * One ICAL block of the SKA1-MID sample (48 dishes, one 60 s integration, one channel, XX YY, 0.05
 * Jy noise per part, diagonal gain errors of 0.5 rad and 7% rms), with the true sky as the model:
 * the solved gains equal the truth to the noise limit and the residual image is noise.
 */
class SelfCalStepTest {
  private static VisibilityBlock block;
  private static TruthFile.Truth truth;
  private static int nAnt;
  private static final double NOISE = 0.05;
  private static final ImagingParams IMAGING =
      ImagingParams.defaults(128, 128, Math.toRadians(2.0 / 3600))
          .withWeighting(Weighting.natural())
          .withStokes(Stokes.I)
          .withAccuracy(1e-5, Precision.FLOAT);

  @BeforeAll
  static void read() throws Exception {
    Path uv = DataSamples.path("ska1mid-ical.uvfits");
    truth = TruthFile.read(DataSamples.path("ska1mid-ical.truth.json"));
    VisibilityBlock all = UvfitsReader.read(uv).block();
    double t0 = all.timeMjdSec()[0];
    int[] rows =
        java.util.stream.IntStream.range(0, all.nRows())
            .filter(r -> all.timeMjdSec()[r] == t0)
            .toArray(); // the first integration
    block = all.selectRows(rows).selectChannels(0, 1);
    nAnt = truth.gains().nAnt();
  }

  private static SelfCalStep.Settings settings(SolverParameters solver, boolean psf) {
    return new SelfCalStep.Settings(IMAGING, solver, nAnt, psf);
  }

  @Test
  void solvedGainsMatchTheTruthToTheNoiseLimitAndTheResidualIsNoise() {
    SolverParameters diag = SolverParameters.defaults(JonesMode.DIAGONAL).withRefAnt(0);
    SelfCalStep.Result r =
        SelfCalStep.run(block, null, truth.components(), null, settings(diag, false));

    VisibilityBlock model = SelfCalStep.predict(block, null, truth.components(), IMAGING);
    GainTable g = r.gains();
    GainTable t = truth.gains();
    double err2 = 0;
    double bound2 = 0;
    int n = 0;
    for (int feed = 0; feed < 2; feed++) {
      int e = feed == 0 ? 0 : 6;
      // the solution has antenna 0's phase zero and a mean amplitude of 1: bring the truth there
      double scale = GainTruth.meanAmplitude(t);
      double ph0 =
          Math.atan2(t.jones()[8 * t.cell(0, 0, 0) + e + 1], t.jones()[8 * t.cell(0, 0, 0) + e]);
      for (int a = 0; a < nAnt; a++) {
        int tc = 8 * t.cell(0, 0, a) + e;
        double amp = Math.hypot(t.jones()[tc], t.jones()[tc + 1]) / scale;
        double ph = Math.atan2(t.jones()[tc + 1], t.jones()[tc]) - ph0;
        int gc = 8 * g.cell(0, 0, a) + e;
        double dr = g.jones()[gc] - amp * Math.cos(ph);
        double di = g.jones()[gc + 1] - amp * Math.sin(ph);
        err2 += dr * dr + di * di;
        // Cramer-Rao bound of one complex gain with the others known: 2 sigma^2 / sum |M|^2
        bound2 += 2 * NOISE * NOISE / GainTruth.modelPower(model, a, feed);
        n++;
      }
    }
    double rms = Math.sqrt(err2 / n);
    double limit = Math.sqrt(bound2 / n);
    System.out.printf(
        "SelfCalStep with the true sky: complex gain error rms %.2e = %.2f x the Cramer-Rao bound%n",
        rms, rms / limit);
    assertTrue(
        rms < 2.0 * limit && rms > 0.5 * limit,
        "gain error rms " + rms + " vs noise limit " + limit);

    double[] img = r.residual().clone();
    for (int i = 0; i < img.length; i++) {
      img[i] /= r.sumWeights();
    }
    // natural weighting: thermal rms of Stokes I = (sigma / sqrt 2) / sqrt(samples)
    double thermal = NOISE / Math.sqrt(2) / Math.sqrt(block.nRows());
    double rmsImg = RobustNoise.madRms(img);
    assertTrue(
        rmsImg < 1.2 * thermal && rmsImg > 0.8 * thermal,
        "residual rms " + rmsImg + " vs thermal " + thermal);
    assertNull(r.psf());
  }

  @Test
  void withoutGainsOrModelTheResidualIsTheDirtyImage() {
    SelfCalStep.Result r = SelfCalStep.run(block, null, List.of(), null, settings(null, true));
    double[] dirty = Imager.invert(block, IMAGING).pixels();
    double[] psf = Imager.psf(block, IMAGING).pixels();
    double[] res = r.residual().clone();
    double[] p = r.psf().clone();
    for (int i = 0; i < res.length; i++) {
      res[i] /= r.sumWeights();
      p[i] /= r.sumWeights();
    }
    assertArrayEquals(dirty, res, 0.0);
    assertArrayEquals(psf, p, 0.0);
    assertNull(r.gains());
  }

  @Test
  void partialImagesOfDisjointBlocksAddUpToTheImageOfTheirUnion() {
    int half = block.nRows() / 2;
    int[] first = java.util.stream.IntStream.range(0, half).toArray();
    int[] second = java.util.stream.IntStream.range(half, block.nRows()).toArray();
    Imager.Partial a = Imager.invertPartial(block.selectRows(first), IMAGING, false);
    Imager.Partial b = Imager.invertPartial(block.selectRows(second), IMAGING, false);
    double[] whole = Imager.invert(block, IMAGING).pixels();
    double w = a.sumWeights() + b.sumWeights();
    double peak = 0;
    double maxDiff = 0;
    for (int i = 0; i < whole.length; i++) {
      double sum = (a.pixels()[i] + b.pixels()[i]) / w;
      peak = Math.max(peak, Math.abs(whole[i]));
      maxDiff = Math.max(maxDiff, Math.abs(sum - whole[i]));
    }
    // the two halves are gridded with their own w-planes: equal to the gridder's accuracy
    assertTrue(maxDiff <= 1e-5 * peak * 10, "max difference " + maxDiff + " of peak " + peak);
  }

  @Test
  void amplitudeNormalisationMakesTheMeanDiagonalAmplitudeOne() {
    GainTable g =
        GainTable.identity(
            GainTable.JonesType.DIAGONAL,
            3,
            new double[] {0},
            new double[] {1},
            new double[] {1e9},
            0);
    double[] j = g.jones();
    for (int a = 0; a < 3; a++) {
      j[8 * a] = 2 * (a + 1);
      j[8 * a + 6] = 2 * (a + 1);
    }
    g.flagged()[2] = true; // the flagged antenna does not count
    SelfCalStep.normaliseAmplitudes(g);
    assertEquals(2.0 / 3, j[0], 1e-15);
    assertEquals(4.0 / 3, j[8], 1e-15);
  }
}
