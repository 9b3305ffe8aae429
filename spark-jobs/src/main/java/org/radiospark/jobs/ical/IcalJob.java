package org.radiospark.jobs.ical;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.radiospark.jobs.cli.RadioSparkCli.BadOptionException;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.imaging.ImageJob;
import org.radiospark.jobs.metrics.PipelineMetricsListener;
import org.radiospark.jobs.progress.Progress;
import org.radiospark.jobs.progress.RunSummary;
import org.radiospark.jobs.sql.Tables;
import org.radiospark.jobs.sql.VisibilityInput;
import org.radiospark.jobs.sql.VisibilitySource;
import org.radiospark.kernels.io.FitsImageOptions;
import org.radiospark.kernels.io.GainTableFits;
import org.radiospark.kernels.io.UvfitsPlan;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.selfcal.FacetLayout;
import org.radiospark.kernels.skymodel.ComponentCsv;
import org.radiospark.partitioners.VisKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code radiospark ical}: self-calibration and imaging, ARL's ICAL on Spark (DESIGN.md, "The ICAL
 * data flow"). The driver reads the data, cuts them into blocks ({@link IcalBlocks}), loads them
 * once, then runs {@code nmajor} major loops and a final residual pass; each loop broadcasts the
 * local sky model and gains ({@link LoopModel}), runs the narrow per-block work ({@link
 * IcalStages}), collects the small gain solutions, re-keys the facet windows once, deconvolves per
 * facet and folds the components into the model. Nothing carries from loop to loop as an RDD: the
 * state is the driver's model image and gain table, so the lineage does not grow.
 *
 * <p>Outputs (staged, committed together): WSClean's five images with PNG quick-looks, {@code
 * PREFIX-gains.fits}, {@code PREFIX-components.csv}, {@code PREFIX-metrics.json}.
 */
public final class IcalJob {
  private static final Logger LOG = LoggerFactory.getLogger(IcalJob.class);

  private IcalJob() {}

  /**
   * Figures of one major loop ({@code loop == nmajor} is the final residual pass).
   *
   * @param loop 0-based loop
   * @param solved whether gains were solved in it
   * @param residualRmsJy robust rms of the residual image it started from
   * @param residualPeakJy |peak| of that residual
   * @param iterations CLEAN components added
   * @param modelFluxJy model flux after the loop
   * @param maxSolverIterations most solver iterations of any block
   * @param shuffleDependencies shuffle dependencies between the loop's result and the loaded
   *     visibilities (the partitioner strategy's facet re-keying is one)
   * @param lineageRdds RDDs in the loop's lineage down to the loaded visibilities
   * @param persistedRdds RDDs persisted at the end of the loop (the visibilities only, when each
   *     loop cleans up after itself)
   * @param seconds wall time
   */
  public record LoopStats(
      int loop,
      boolean solved,
      double residualRmsJy,
      double residualPeakJy,
      long iterations,
      double modelFluxJy,
      int maxSolverIterations,
      int shuffleDependencies,
      int lineageRdds,
      int persistedRdds,
      double seconds) {}

  /**
   * What a run produced.
   *
   * @param gains the final gains, one slot per time slot and one channel block per frequency block
   * @param blockGains the same per block key
   */
  public record Result(
      Image dirty,
      Image psf,
      Image model,
      Image residual,
      Image restored,
      Beam beam,
      GainTable gains,
      Map<VisKey, GainTable> blockGains,
      List<SkyComponent> components,
      List<LoopStats> loops,
      PipelineMetricsListener metrics) {}

  /** CLI entry point: its own Spark session, stopped at the end. */
  public static void main(IcalOptions options, String master) {
    SparkSession[] started = new SparkSession[1];
    try {
      run(options, () -> started[0] = SparkSessions.session("radiospark ical", master));
    } finally {
      if (started[0] != null) {
        started[0].stop();
      }
    }
  }

  /** Target files by key. */
  static Map<String, Path> outputNames(String prefix) {
    Map<String, Path> out = new LinkedHashMap<>(ImageJob.outputNames(prefix, 1));
    out.put("gains", Path.of(prefix + "-gains.fits"));
    out.put("gains-amp.png", Path.of(prefix + "-gains-amp.png"));
    out.put("gains-phase.png", Path.of(prefix + "-gains-phase.png"));
    out.put("components", Path.of(prefix + "-components.csv"));
    out.put("gains.parquet", Path.of(prefix + "-gains.parquet"));
    out.put("components.parquet", Path.of(prefix + "-components.parquet"));
    out.put("metrics", Path.of(prefix + "-metrics.json"));
    return out;
  }

  /**
   * Runs ICAL on {@code opt.input()} and writes the products.
   *
   * @param spark supplies the session once the input has been read
   */
  public static Result run(IcalOptions opt, Supplier<SparkSession> spark) {
    long t0 = System.nanoTime();
    Progress progress = Progress.start("ical");
    Map<String, Path> targets = outputNames(opt.prefix());
    try (OutputSet outputs = new OutputSet(opt.overwrite() || opt.resume())) {
      Map<String, Path> staged = new LinkedHashMap<>();
      targets.forEach((k, v) -> staged.put(k, outputs.stage(v)));
      progress.stage("read " + opt.input());
      // The driver plans the input (header, channels, row times); executors read the visibilities.
      VisibilitySource source =
          VisibilityInput.open(opt.input(), UvfitsReadOptions.defaults(), spark);
      UvfitsPlan data = source.plan();
      List<SkyComponent> bright =
          opt.skymodel() == null ? List.of() : ComponentCsv.read(Path.of(opt.skymodel()));
      UvfitsPlan all = data;
      FacetLayout layout = new FacetLayout(opt.nx(), opt.ny(), opt.facetsX(), opt.facetsY());
      int freqBlocks = freqBlocks(opt, all.nChan());
      IcalBlocks.Layout split = IcalBlocks.layout(all, freqBlocks, opt.solintSec());
      int nAnt = data.antennas().nAntennas();
      ImageGeometry geometry = geometry(opt, all);

      SparkSession session = spark.get();
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
      PipelineMetricsListener metrics = PipelineMetricsListener.register(jsc.sc());
      int threads =
          opt.threads() > 0
              ? opt.threads()
              : SparkSessions.threadsPerTask(jsc.getConf(), opt.freqPartitions());
      LOG.info(
          "ical: {} rows x {} channels x {} pols, {} antennas; {} blocks ({} frequency x {} time),"
              + " {} frequency partitions, {}, strategy {}, {} thread(s) per task",
          all.nRows(),
          all.nChan(),
          all.nPol(),
          nAnt,
          split.keys().size(),
          freqBlocks,
          split.timeSlots(),
          opt.freqPartitions(),
          layout,
          opt.strategy(),
          threads);

      IcalCheckpoint checkpoint = new IcalCheckpoint(opt, jsc.getConf());
      IcalCheckpoint.State resumed = opt.resume() ? checkpoint.load() : null;
      if (opt.resume()) {
        LOG.info(
            resumed == null
                ? "ical: --resume: no checkpoint in {}; starting from the first loop"
                : "ical: --resume: continuing from {} at major loop "
                    + (resumed.nextLoop + 1)
                    + "/"
                    + opt.nmajor(),
            IcalCheckpoint.directory(opt.prefix()));
      }
      if (resumed != null && resumed.nextLoop > opt.nmajor()) {
        throw new BadOptionException(
            "--resume: the checkpoint has "
                + resumed.nextLoop
                + " major loops done, more than --nmajor "
                + opt.nmajor());
      }
      IcalLoops loops =
          new IcalLoops(opt, jsc, metrics, layout, geometry, nAnt, threads, bright, source, split);
      Result r;
      try {
        r = loops.run(checkpoint, resumed, progress);
      } finally {
        metrics.close();
      }
      progress.stage("write");
      outputs.createDirectories();
      write(staged, r, data, opt, metrics, split, freqBlocks);
      Tables.writeParquet(
          Tables.gains(session, r.gains(), antennaNames(data)), staged.get("gains.parquet"));
      Tables.writeParquet(
          Tables.components(session, r.components()), staged.get("components.parquet"));
      outputs.commit();
      checkpoint.delete();
      System.err.println(metrics.summary());
      summary(r, opt, layout, targets.values(), (System.nanoTime() - t0) * 1e-9).print(System.err);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Frequency blocks: the option, or min(channels, max(8, partitions)). */
  static int freqBlocks(IcalOptions opt, int nChan) {
    int b =
        opt.freqBlocks() > 0
            ? opt.freqBlocks()
            : Math.min(nChan, Math.max(8, opt.freqPartitions()));
    if (b > nChan) {
      throw new BadOptionException(
          "--freq-blocks " + b + " exceeds the " + nChan + " channels of " + opt.input());
    }
    if (opt.freqPartitions() > b) {
      throw new BadOptionException(
          "--freq-partitions "
              + opt.freqPartitions()
              + " exceeds the "
              + b
              + " frequency blocks (set --freq-blocks, at most the "
              + nChan
              + " channels of "
              + opt.input()
              + ")");
    }
    return b;
  }

  private static ImageGeometry geometry(IcalOptions opt, UvfitsPlan all) {
    double fMin = Double.POSITIVE_INFINITY;
    double fMax = Double.NEGATIVE_INFINITY;
    double bw = 0;
    for (int c = 0; c < all.nChan(); c++) {
      fMin = Math.min(fMin, all.freqHz()[c]);
      fMax = Math.max(fMax, all.freqHz()[c]);
      bw += Math.abs(all.chanWidthHz()[c]);
    }
    return new ImageGeometry(
        opt.nx(), opt.ny(), opt.cellRad(), all.phaseCentre(), 0.5 * (fMin + fMax), bw, Stokes.I);
  }

  private static void write(
      Map<String, Path> staged,
      Result r,
      UvfitsPlan data,
      IcalOptions opt,
      PipelineMetricsListener metrics,
      IcalBlocks.Layout split,
      int freqBlocks)
      throws IOException {
    FitsImageOptions fits =
        FitsImageOptions.defaults()
            .withOverwrite(true)
            .withNames(data.object(), data.telescope())
            .withDateObs(data.dateObs());
    Image[] images = {r.dirty(), r.psf(), r.model(), r.residual().withBeam(r.beam()), r.restored()};
    ImageJob.writeProducts(staged, "", images, fits);
    GainTableFits.write(
        r.gains(),
        GainTableFits.Metadata.none().withAntennaNames(antennaNames(data)),
        staged.get("gains"),
        true);
    GainPlots.write(r.gains(), staged.get("gains-amp.png"), staged.get("gains-phase.png"));
    try (Writer w = Files.newBufferedWriter(staged.get("components"), StandardCharsets.UTF_8)) {
      ComponentCsv.write(r.components(), w);
    }
    Files.writeString(staged.get("metrics"), metricsJson(r, opt, metrics, split, freqBlocks));
  }

  /** Antenna names as the gains tables carry them (printable ASCII, no blanks). */
  private static List<String> antennaNames(UvfitsPlan data) {
    List<String> names = new ArrayList<>();
    for (String a : data.antennas().names()) {
      names.add(a.strip().replaceAll("[^!-~]", "_"));
    }
    return names;
  }

  /** {@code PREFIX-metrics.json}: the run's shape, per-loop figures and per-stage Spark metrics. */
  static String metricsJson(
      Result r,
      IcalOptions opt,
      PipelineMetricsListener metrics,
      IcalBlocks.Layout split,
      int freqBlocks)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("strategy", opt.strategy());
    root.put("freqPartitions", opt.freqPartitions());
    root.put("freqBlocks", freqBlocks);
    root.put("timeSlots", split.timeSlots());
    root.put("facets", opt.facetsX() + "x" + opt.facetsY());
    root.put("nmajor", opt.nmajor());
    ArrayNode loops = root.putArray("loops");
    for (LoopStats s : r.loops()) {
      loops.add(mapper.valueToTree(s));
    }
    root.set("stages", mapper.readTree(metrics.toJson()).get("stages"));
    return mapper.writeValueAsString(root);
  }

  /** The end-of-run summary: loops, final residual, model, gains and the files written. */
  static RunSummary summary(
      Result r, IcalOptions opt, FacetLayout layout, Collection<Path> files, double seconds) {
    LoopStats last = r.loops().get(r.loops().size() - 1);
    long selfcal = r.loops().stream().filter(LoopStats::solved).count();
    int flagged = 0;
    for (boolean f : r.gains().flagged()) {
      flagged += f ? 1 : 0;
    }
    return new RunSummary(
            "ical",
            String.format(
                Locale.ROOT,
                "%s, %dx%d px, %s, strategy %s, %d frequency partitions",
                opt.input(),
                opt.nx(),
                opt.ny(),
                layout,
                opt.strategy(),
                opt.freqPartitions()))
        .wallSeconds(seconds)
        .figure(
            "major loops",
            "%d (%d self-cal) + final residual pass%s",
            opt.nmajor(),
            selfcal,
            opt.resume() ? " (--resume)" : "")
        .figure("final residual rms", "%.4g Jy/beam", last.residualRmsJy())
        .figure("final residual peak", "%.4g Jy/beam", last.residualPeakJy())
        .figure(
            "model",
            "%d components, %.4g Jy; CLEAN iterations %d",
            r.components().size(),
            last.modelFluxJy(),
            r.loops().stream().mapToLong(LoopStats::iterations).sum())
        .figure(
            "restoring beam",
            "%.3f x %.3f arcsec, PA %.1f deg",
            Math.toDegrees(r.beam().majorRad()) * 3600,
            Math.toDegrees(r.beam().minorRad()) * 3600,
            Math.toDegrees(r.beam().paRad()))
        .figure(
            "gain solutions",
            "%d blocks x %d antennas, %d of %d cells flagged (%s)",
            r.blockGains().size(),
            r.gains().nAnt(),
            flagged,
            r.gains().flagged().length,
            r.gains().type())
        .outputs(files);
  }
}
