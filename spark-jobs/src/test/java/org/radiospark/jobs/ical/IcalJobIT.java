package org.radiospark.jobs.ical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.metrics.StageMetrics;
import org.radiospark.kernels.coords.SinProjection;
import org.radiospark.kernels.deconvolution.RobustNoise;
import org.radiospark.kernels.imaging.ImagingParams;
import org.radiospark.kernels.io.FitsImageReader;
import org.radiospark.kernels.io.GainTableFits;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.selfcal.SelfCalStep;
import org.radiospark.kernels.simulation.TruthFile;
import org.radiospark.kernels.testing.GainTruth;
import org.radiospark.kernels.testing.SourceFits;
import org.radiospark.partitioners.VisKey;
import scala.Tuple2;

/**
 * ICAL on local Spark (issue 3, acceptance 1 to 4): self-calibration recovers planted gains and
 * sky; both strategies and any number of frequency partitions give the same images; the partitioner
 * strategy shuffles the visibilities once and a loop's shuffle does not grow with the data; twenty
 * loops do not grow the lineage.
 */
class IcalJobIT {
  private static SparkSession spark;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSessions.session("ical-it", "local[2]");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static IcalJob.Result run(IcalOptions o) {
    return IcalJob.run(o, () -> spark);
  }

  /**
   * Acceptance 1 on the committed sample (48 dishes, 4 x 60 s, 8 channels, 0.5 rad / 7% gain
   * errors), 3" pixels (15 per beam): source fluxes and positions, residual noise and gain
   * amplitudes against the Cramer-Rao bound.
   */
  @Test
  void selfCalibrationRecoversGainsAndSky() throws Exception {
    // a sky model of the 3 brightest sources (a catalogue) anchors positions and phases, as
    // ARL's ICAL starts from a global sky model
    IcalOptions o =
        IcalData.withSkymodel(
            IcalData.options(
                IcalData.sample(), dir.resolve("acc1"), 256, 3, 12, 8, "partitioner", 2, 8),
            IcalData.brightest(dir, 3));
    IcalJob.Result r = run(o);
    TruthFile.Truth truth = IcalData.sampleTruth();
    double sigma = truth.parameters().noiseSigmaJy();

    // thermal noise of the naturally weighted Stokes I image: (sigma / sqrt 2) / sqrt(samples)
    VisibilityBlock all = UvfitsReader.read(IcalData.sample()).block();
    double thermal = sigma / Math.sqrt(2) / Math.sqrt((double) all.nRows() * all.nChan());
    double residualRms = RobustNoise.madRms(r.residual().pixels());

    Image restored = r.restored();
    double freq = restored.geometry().freqHz();
    // Self-calibration's flux convention (CASA's solnorm): amplitude solutions average 1, so the
    // image has the flux scale of an array whose gains average 1. The simulated gains average
    // m = 0.9957, so the image is m^2 times the true sky; a real array's flux calibration sets m.
    double m = GainTruth.meanAmplitude(truth.gains());
    double scale = m * m;
    List<double[]> fits = new ArrayList<>();
    double worstRaw = 0;
    double meanDx = 0;
    double meanDy = 0;
    for (SkyComponent s : truth.components()) {
      double flux = s.fluxAt(0, freq);
      if (flux < 20 * thermal) {
        continue;
      }
      double[] xy = SinProjection.skyToPixel(restored.geometry(), s.raRad(), s.decRad());
      double[] fit = SourceFits.fitPoint(restored, r.beam(), xy[0], xy[1]);
      fits.add(new double[] {flux, fit[0], fit[1] - xy[0], fit[2] - xy[1]});
      worstRaw = Math.max(worstRaw, Math.abs(fit[0] / flux - 1));
      meanDx += fit[1] - xy[0];
      meanDy += fit[2] - xy[1];
    }
    int checked = fits.size();
    assertTrue(checked >= 20, "sources above 20 sigma: " + checked);
    meanDx /= checked;
    meanDy /= checked;
    double worstFlux = 0;
    double worstPos = 0;
    for (double[] f : fits) {
      worstFlux = Math.max(worstFlux, Math.abs(f[1] / (scale * f[0]) - 1));
      worstPos = Math.max(worstPos, Math.max(Math.abs(f[2]), Math.abs(f[3])));
    }
    double[] gain = amplitudeErrorAndNoiseLimit(r, truth, all, o, sigma);
    System.out.printf(
        "ical acceptance 1: %d sources > 20 sigma, worst flux error %.2f%% (against the true sky"
            + " unscaled: %.2f%%), worst position error %.3f px, mean shift (%.3f, %.3f) px;"
            + " residual rms %.3g = %.2f x thermal %.3g; gain amplitude error rms %.2e = %.2f x"
            + " noise limit%n",
        checked,
        100 * worstFlux,
        100 * worstRaw,
        worstPos,
        meanDx,
        meanDy,
        residualRms,
        residualRms / thermal,
        thermal,
        gain[0],
        gain[0] / gain[1]);
    assertTrue(worstFlux <= 0.01, "worst flux error " + worstFlux);
    assertTrue(worstPos <= 0.1, "worst position error " + worstPos + " px");
    assertTrue(residualRms <= 1.2 * thermal, "residual rms " + residualRms + " vs " + thermal);
    assertTrue(gain[0] <= 1.25 * gain[1], "gain amplitude error " + gain[0] + " vs " + gain[1]);

    // the files: gains read back equal, image, components and metrics written
    GainTable back = GainTableFits.read(Path.of(o.prefix() + "-gains.fits"));
    assertEquals(r.gains().nSlots(), back.nSlots());
    int cell = 8 * r.gains().cell(1, 1, 5);
    assertEquals(r.gains().jones()[cell], back.jones()[cell]);
    // ... and as Spark SQL tables (Parquet)
    var gains = spark.read().parquet(o.prefix() + "-gains.parquet");
    assertEquals(
        (long) r.gains().nSlots() * r.gains().nChanBlocks() * r.gains().nAnt(), gains.count());
    assertEquals(
        r.gains().jones()[cell],
        (double) gains.where("solint = 1 AND chanblk = 1 AND antenna = 5").first().getAs("j00_re"));
    assertEquals(
        r.components().size(), spark.read().parquet(o.prefix() + "-components.parquet").count());
    // every FITS image has its PNG quick-look
    assertEquals(
        5,
        org.radiospark.jobs.cli.QuickLookCheck.assertEveryFitsImageHasPng(
                Path.of(o.prefix()).toAbsolutePath().getParent())
            .stream()
            .filter(
                f -> f.getFileName().toString().startsWith(Path.of(o.prefix()).getFileName() + "-"))
            .count());
    Image image = FitsImageReader.readImage(Path.of(o.prefix() + "-image.fits"));
    assertEquals(restored.pixels()[128 * 256 + 100], image.pixels()[128 * 256 + 100], 1e-6);
    assertTrue(Files.readString(Path.of(o.prefix() + "-components.csv")).lines().count() > 25);
    assertTrue(
        Files.readString(Path.of(o.prefix() + "-metrics.json")).contains("rekey_deconvolve"));
  }

  /**
   * rms over blocks, antennas and feeds of {@code |g| / |g_true| - 1} (both with unit mean
   * amplitude) and the rms Cramer-Rao bound of a gain amplitude, {@code sqrt(sigma^2 / sum |M|^2)},
   * with M the true model visibilities of the antenna's baselines.
   */
  private static double[] amplitudeErrorAndNoiseLimit(
      IcalJob.Result r, TruthFile.Truth truth, VisibilityBlock all, IcalOptions o, double sigma) {
    GainTable t = truth.gains();
    double scale = GainTruth.meanAmplitude(t);
    ImagingParams ip = IcalSettings.imaging(o, 1);
    double err2 = 0;
    double bound2 = 0;
    int n = 0;
    for (Tuple2<VisKey, VisibilityBlock> b :
        IcalBlocks.split(all, o.freqBlocks(), o.solintSec()).blocks()) {
      GainTable g = r.blockGains().get(b._1());
      VisibilityBlock model = SelfCalStep.predict(b._2(), null, truth.components(), ip);
      for (int e : new int[] {0, 6}) {
        for (int a = 0; a < t.nAnt(); a++) {
          int tc = 8 * t.cell(0, 0, a) + e;
          int gc = 8 * g.cell(0, 0, a) + e;
          double truthAmp = Math.hypot(t.jones()[tc], t.jones()[tc + 1]) / scale;
          double d = Math.hypot(g.jones()[gc], g.jones()[gc + 1]) / truthAmp - 1;
          err2 += d * d;
          bound2 += sigma * sigma / GainTruth.modelPower(model, a, e == 0 ? 0 : 1);
          n++;
        }
      }
    }
    return new double[] {Math.sqrt(err2 / n), Math.sqrt(bound2 / n)};
  }

  /**
   * Acceptance 2 and 3: the same images from both strategies and from 1 and 4 frequency partitions;
   * the partitioner strategy shuffles the visibilities once, a loop's shuffle is the facet
   * re-keying alone, does not grow with twice the time samples, and is at least 10x smaller than
   * the cogroup strategy's.
   */
  @Test
  void strategiesAndPartitionsAgreeAndOnlyFacetsMove() throws Exception {
    Path data = IcalData.sample();
    IcalJob.Result p1 = run(options(data, "p1", IcalOptions.PARTITIONER, 1));
    IcalJob.Result p4 = run(options(data, "p4", IcalOptions.PARTITIONER, 4));
    IcalJob.Result cg = run(options(data, "cg", IcalOptions.COGROUP, 2));
    for (IcalJob.Result other : List.of(p4, cg)) {
      assertTrue(relDiff(p1.restored(), other.restored()) <= 1e-6, "restored images differ");
      assertTrue(relDiff(p1.residual(), other.residual()) <= 1e-6, "residual images differ");
      assertTrue(relDiff(p1.model(), other.model()) <= 1e-6, "models differ");
      double[] a = p1.gains().jones();
      double[] b = other.gains().jones();
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], b[i], 1e-6, "gain element " + i);
      }
    }
    System.out.printf(
        "ical acceptance 2: restored max |diff| / peak: 4 partitions %.2e, cogroup %.2e%n",
        relDiff(p1.restored(), p4.restored()), relDiff(p1.restored(), cg.restored()));

    // visibilities move once, at load; within a loop only the facet re-keying shuffles
    assertTrue(p4.metrics().get(-1, "load").shuffleWriteBytes() > 500_000);
    for (IcalJob.LoopStats s : p4.loops()) {
      assertEquals(1, s.shuffleDependencies(), "shuffles in loop " + s.loop());
      StageMetrics narrow = p4.metrics().get(s.loop(), "predict_solve_correct_grid");
      assertEquals(0, narrow.shuffleWriteBytes(), "narrow stages of loop " + s.loop());
    }
    assertTrue(cg.loops().get(1).shuffleDependencies() >= 3, "cogroup: joins and regrouping");

    // the same data and data with twice the time samples, with the cogroup run's 2 partitions
    IcalJob.Result p2 = run(options(data, "p2", IcalOptions.PARTITIONER, 2));
    Path doubled = IcalData.simulate(dir, 48, 8, 8, 3);
    IcalJob.Result d2 = run(options(doubled, "d2", IcalOptions.PARTITIONER, 2));
    long perLoop = loopShuffle(p2, 1);
    long perLoopDoubled = loopShuffle(d2, 1);
    long cogroupPerLoop = loopShuffle(cg, 1);
    System.out.printf(
        "ical acceptance 3: loop shuffle partitioner %d B, with twice the times %d B; cogroup %d B"
            + " = %.1fx (2 frequency partitions each)%n",
        perLoop, perLoopDoubled, cogroupPerLoop, (double) cogroupPerLoop / perLoop);
    assertTrue(
        Math.abs(perLoopDoubled - perLoop) < 0.05 * perLoop,
        "loop shuffle " + perLoop + " B vs " + perLoopDoubled + " B with twice the times");
    assertTrue(
        cogroupPerLoop >= 10 * perLoop,
        "cogroup " + cogroupPerLoop + " B per loop vs partitioner " + perLoop + " B");
  }

  private static IcalOptions options(Path data, String name, String strategy, int partitions) {
    return IcalData.options(data, dir.resolve(name), 256, 2.5, 3, 2, strategy, partitions, 4);
  }

  private static long loopShuffle(IcalJob.Result r, int loop) {
    long sum = 0;
    for (StageMetrics m : r.metrics().snapshot()) {
      if (m.loop() == loop) {
        sum += m.shuffleWriteBytes();
      }
    }
    return sum;
  }

  private static double relDiff(Image a, Image b) {
    double peak = 0;
    double diff = 0;
    for (int i = 0; i < a.pixels().length; i++) {
      peak = Math.max(peak, Math.abs(a.pixels()[i]));
      diff = Math.max(diff, Math.abs(a.pixels()[i] - b.pixels()[i]));
    }
    return diff / peak;
  }

  /** Acceptance 4: twenty loops, lineage and persisted RDDs constant, deserialisation flat. */
  @Test
  void twentyLoopsWithoutLineageGrowth() throws Exception {
    Path data = IcalData.simulate(dir, 16, 1, 2, 5);
    IcalJob.Result r =
        run(IcalData.options(data, dir.resolve("l20"), 64, 8, 20, 2, "partitioner", 2, 2));
    IcalJob.LoopStats first = r.loops().get(0);
    double early = 0;
    double late = 0;
    for (IcalJob.LoopStats s : r.loops()) {
      assertEquals(first.lineageRdds(), s.lineageRdds(), "lineage RDDs of loop " + s.loop());
      assertEquals(first.persistedRdds(), s.persistedRdds(), "persisted RDDs of loop " + s.loop());
      StageMetrics m = r.metrics().get(s.loop(), "predict_solve_correct_grid");
      if (s.loop() >= 1 && s.loop() <= 5) {
        early += m.deserializeTimeMs();
      } else if (s.loop() >= 16) {
        late += m.deserializeTimeMs();
      }
    }
    System.out.printf(
        "ical acceptance 4: 20 loops, lineage %d RDDs each, deserialisation loops 1-5 %.0f ms,"
            + " 16-20 %.0f ms%n",
        first.lineageRdds(), early, late);
    assertTrue(late <= 2 * early + 100, "task deserialisation " + early + " ms -> " + late + " ms");
  }

  /**
   * With the whole sky as {@code --skymodel}, self-calibration starts in the first loop, CLEAN
   * finds almost nothing left, and the restored image still shows the sky-model sources.
   */
  @Test
  void skyModelComponentsArePredictedAndRestored() throws Exception {
    TruthFile.Truth truth = IcalData.sampleTruth();
    IcalJob.Result r =
        run(
            IcalData.withSkymodel(
                IcalData.options(
                    IcalData.sample(), dir.resolve("sky"), 256, 2.5, 3, 2, "partitioner", 2, 4),
                IcalData.brightest(dir, truth.components().size())));
    assertTrue(r.loops().get(0).solved(), "a sky model lets the first loop solve");
    double total = 0;
    SkyComponent brightest = truth.components().get(0);
    for (SkyComponent c : truth.components()) {
      total += c.fluxAt(0, 1.435e9);
      brightest = c.fluxAt(0, 1.435e9) > brightest.fluxAt(0, 1.435e9) ? c : brightest;
    }
    double cleaned = 0;
    for (double x : r.model().pixels()) {
      cleaned += x;
    }
    assertTrue(Math.abs(cleaned) < 0.02 * total, "CLEAN flux " + cleaned + " of " + total);
    double[] xy =
        SinProjection.skyToPixel(r.restored().geometry(), brightest.raRad(), brightest.decRad());
    double peak = 0;
    for (int y = (int) xy[1] - 2; y <= (int) xy[1] + 2; y++) {
      for (int x = (int) xy[0] - 2; x <= (int) xy[0] + 2; x++) {
        peak = Math.max(peak, r.restored().get(x, y));
      }
    }
    double flux = brightest.fluxAt(0, r.restored().geometry().freqHz());
    assertEquals(flux, peak, 0.03 * flux, "restored peak of the brightest sky-model source");
    assertEquals(truth.components().size(), r.components().size() - countNonZero(r.model()));
  }

  private static int countNonZero(Image im) {
    int n = 0;
    for (double x : im.pixels()) {
      n += x != 0 ? 1 : 0;
    }
    return n;
  }
}
