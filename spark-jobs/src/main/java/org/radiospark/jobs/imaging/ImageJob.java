package org.radiospark.jobs.imaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.radiospark.jobs.cli.RadioSparkCli.BadOptionException;
import org.radiospark.jobs.config.ImageOptions;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.progress.Progress;
import org.radiospark.jobs.progress.RunSummary;
import org.radiospark.jobs.sql.VisibilityInput;
import org.radiospark.jobs.sql.VisibilitySource;
import org.radiospark.kernels.deconvolution.BeamFitter;
import org.radiospark.kernels.deconvolution.CleanParameters;
import org.radiospark.kernels.deconvolution.MultiScaleParameters;
import org.radiospark.kernels.deconvolution.RobustNoise;
import org.radiospark.kernels.gridding.Precision;
import org.radiospark.kernels.imaging.CleanImager;
import org.radiospark.kernels.imaging.ImagingParams;
import org.radiospark.kernels.io.FitsImageOptions;
import org.radiospark.kernels.io.FitsImageWriter;
import org.radiospark.kernels.io.PngOptions;
import org.radiospark.kernels.io.PngQuickLook;
import org.radiospark.kernels.io.UvfitsPlan;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.weighting.Weighting;
import org.radiospark.partitioners.FrequencyPartitioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code radiospark image}: the visibilities are cut into {@code -channels-out} contiguous channel
 * groups (the blocks of a {@link FrequencyPartitioner}), one Spark task images and deconvolves each
 * group ({@link CleanImager}), and the driver writes WSClean's products for every group and, with
 * several groups, their weighted combination ({@code PREFIX-MFS-*}).
 *
 * <p>All outputs are staged and committed together; nothing is written when a step fails.
 */
public final class ImageJob {
  private static final Logger LOG = LoggerFactory.getLogger(ImageJob.class);

  /** WSClean's product names, in the order they are written. */
  public static final List<String> PRODUCTS = List.of("dirty", "psf", "model", "residual", "image");

  /** Quick-looks: the io defaults (percentile stretch, colour bar), replacing the staged file. */
  private static final PngOptions QUICK_LOOK = PngOptions.defaults().withOverwrite(true);

  private ImageJob() {}

  /**
   * Runs the job in its own Spark session (the CLI entry point). The outputs are checked and the
   * input read before Spark starts, so bad input fails in a second.
   */
  public static void main(ImageOptions options, String master) {
    SparkSession[] started = new SparkSession[1];
    try {
      run(options, () -> started[0] = SparkSessions.session("radiospark image", master));
    } finally {
      if (started[0] != null) {
        started[0].stop();
      }
    }
  }

  /**
   * Images {@code opt.input()} and writes the products.
   *
   * @param spark supplies the session once the input has been read; null to image the channel
   *     groups one after the other in this JVM (inside a task that owns a whole snapshot, as {@code
   *     gleamx} runs it), with {@code -j} threads or all cores
   * @return the files written
   */
  public static List<Path> run(ImageOptions opt, Supplier<SparkSession> spark) {
    long t0 = System.nanoTime();
    Progress progress = spark == null ? Progress.silent("image") : Progress.start("image");
    int k = opt.channelsOut();
    Map<String, Path> targets = outputNames(opt.prefix(), k);
    try (OutputSet outputs = new OutputSet(opt.overwrite())) {
      Map<String, Path> staged = new LinkedHashMap<>();
      for (Map.Entry<String, Path> e : targets.entrySet()) {
        staged.put(e.getKey(), outputs.stage(e.getValue()));
      }
      progress.stage("read " + opt.input());
      VisibilitySource source = read(opt, spark);
      UvfitsPlan plan = source.plan();
      requireSomethingToImage(source, opt, spark);
      if (k > plan.nChan()) {
        throw new BadOptionException(
            "-channels-out " + k + " exceeds the " + plan.nChan() + " channels of " + opt.input());
      }
      JavaSparkContext jsc =
          spark == null ? null : JavaSparkContext.fromSparkContext(spark.get().sparkContext());
      int threads =
          opt.threads() > 0
              ? opt.threads()
              : jsc == null
                  ? Runtime.getRuntime().availableProcessors()
                  : SparkSessions.threadsPerTask(jsc.getConf(), k);
      LOG.info(
          "image: {} rows x {} channels x {} pols from {}; {} channel group(s), {} thread(s) per task",
          plan.nRows(),
          plan.nChan(),
          plan.nPol(),
          opt.input(),
          k,
          threads);

      // The driver holds one channel group's products at a time: it writes them and adds them to
      // the MFS sums, so its memory does not grow with -channels-out.
      Iterator<ImageGroupResult> results;
      JavaRDD<ImageGroupResult> imaged = null;
      if (jsc == null) {
        VisibilityBlock block = source.readAll().block();
        results =
            IntStream.range(0, k)
                .mapToObj(
                    g -> {
                      int c0 = FrequencyPartitioner.firstChannel(g, block.nChan(), k);
                      int c1 = FrequencyPartitioner.firstChannel(g + 1, block.nChan(), k);
                      return imageGroup(
                          g, k == 1 ? block : block.selectChannels(c0, c1), opt, threads);
                    })
                .iterator();
      } else {
        // Each task reads its own channel group (the driver holds only the plan) and images it.
        // The products wait on the executors' local disks until the driver fetches them one group
        // at a time: kept in memory, they would take the heap the next group's gridding needs.
        imaged =
            source
                .channelGroups(jsc, k)
                .map(t -> imageGroup(t._1(), t._2(), opt, threads))
                .persist(StorageLevel.DISK_ONLY());
        JavaRDD<ImageGroupResult> counted = imaged;
        progress.tasks("grid+FFT+clean", "channel group", imaged.rdd(), counted::count);
        results = imaged.toLocalIterator();
      }

      progress.stage("write");
      outputs.createDirectories();
      FitsImageOptions fits =
          FitsImageOptions.defaults()
              .withOverwrite(true)
              .withNames(plan.object(), plan.telescope())
              .withDateObs(plan.dateObs());
      Mfs mfs = new Mfs();
      List<ImageGroupResult> groups = new ArrayList<>();
      Image[] summary = null;
      while (results.hasNext()) {
        ImageGroupResult r = results.next();
        String tag = k == 1 ? "" : String.format(Locale.ROOT, "%04d-", r.group);
        writeProducts(staged, tag, products(r), fits);
        LOG.info(
            "image: group {}: {} iterations in {} major cycle(s), stop: {}, {} s",
            r.group,
            r.iterations,
            r.majorCycles,
            r.stopReason,
            String.format(Locale.ROOT, "%.1f", r.seconds));
        if (k == 1) {
          summary = products(r);
        } else {
          mfs.add(r);
          r.dropImages();
        }
        groups.add(r);
      }
      if (imaged != null) {
        imaged.unpersist(false);
      }
      if (k > 1) {
        summary = mfs.result();
        writeProducts(staged, "MFS-", summary, fits);
      }
      outputs.commit();
      if (spark != null) {
        summary(opt, summary, groups, targets.values(), (System.nanoTime() - t0) * 1e-9)
            .print(System.err);
      }
      return new ArrayList<>(targets.values());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An input whose cross-correlations are all flagged would give an all-zero (or NaN) image that
   * looks finished; it is bad input instead (exit status 2). Autocorrelations are never imaged. A
   * UVFITS file is scanned on the driver up to its first usable sample (bounded memory, before
   * Spark starts); a table is asked through Spark SQL.
   */
  private static void requireSomethingToImage(
      VisibilitySource source, ImageOptions opt, Supplier<SparkSession> spark) throws IOException {
    if (!source.hasUnflaggedCrossCorrelation(spark)) {
      throw new InvalidInputException(
          opt.input(),
          "weights/flags",
          "every cross-correlation sample is flagged: nothing to image"
              + (opt.ignoreFlags()
                  ? ""
                  : " (-ignore-flags images them if the flags are spurious)"));
    }
  }

  private static VisibilitySource read(ImageOptions opt, Supplier<SparkSession> spark)
      throws IOException {
    return VisibilityInput.open(
        opt.input(), UvfitsReadOptions.defaults().withIgnoreFlags(opt.ignoreFlags()), spark);
  }

  /**
   * Target files by key: {@code "dirty"}, {@code "dirty.png"}, ..., or with several groups {@code
   * "0001-dirty"}, {@code "MFS-image.png"}, ...: a FITS image and its PNG quick-look per product.
   */
  public static Map<String, Path> outputNames(String prefix, int k) {
    Map<String, Path> out = new LinkedHashMap<>();
    List<String> tags = new ArrayList<>();
    if (k == 1) {
      tags.add("");
    } else {
      for (int g = 0; g < k; g++) {
        tags.add(String.format(Locale.ROOT, "%04d-", g));
      }
      tags.add("MFS-");
    }
    for (String tag : tags) {
      for (String p : PRODUCTS) {
        out.put(tag + p, Path.of(prefix + "-" + tag + p + ".fits"));
        out.put(tag + p + ".png", Path.of(prefix + "-" + tag + p + ".png"));
      }
    }
    return out;
  }

  /** The work of one task: image and deconvolve one channel group. */
  static ImageGroupResult imageGroup(
      int group, VisibilityBlock block, ImageOptions opt, int threads) {
    long t0 = System.nanoTime();
    CleanImager.Products p = CleanImager.run(block, imagingParams(opt, threads), cleanParams(opt));
    ImageGroupResult r = new ImageGroupResult();
    r.group = group;
    r.dirty = p.dirty();
    r.psf = p.psf();
    r.model = p.model();
    r.residual = p.residual();
    r.restored = p.restored();
    r.sumWeights = p.sumWeights();
    r.iterations = p.iterations();
    r.majorCycles = p.majorCycles();
    r.stopReason = p.stopReason().name();
    r.finalThresholdJy = p.finalThresholdJy();
    r.seconds = (System.nanoTime() - t0) * 1e-9;
    return r;
  }

  static ImagingParams imagingParams(ImageOptions opt, int threads) {
    Weighting scheme =
        switch (opt.weighting()) {
          case "natural" -> Weighting.natural();
          case "briggs" -> Weighting.briggs(opt.robust());
          default -> Weighting.uniform();
        };
    Weighting w =
        scheme
            .withPadding(opt.padding())
            .withRankFilter(opt.rankFilterLevel(), opt.rankFilterSize());
    return ImagingParams.defaults(opt.nx(), opt.ny(), opt.cellRad())
        .withWeighting(w)
        .withStokes(opt.pol())
        .withAccuracy(opt.epsilon(), opt.epsilon() < 1e-5 ? Precision.DOUBLE : Precision.FLOAT)
        .withWGridding(opt.wCorrection())
        .withThreads(threads);
  }

  static CleanParameters cleanParams(ImageOptions opt) {
    CleanParameters c =
        CleanParameters.defaults()
            .withGain(opt.gain())
            .withMajorLoopGain(opt.mgain())
            .withMaxIterations(opt.niter())
            .withMaxMajorCycles(opt.nmiter())
            .withAbsoluteThreshold(opt.thresholdJy())
            .withAutoThreshold(opt.autoThreshold())
            .withAutoMask(opt.autoMask());
    if (opt.multiscale()) {
      MultiScaleParameters ms =
          MultiScaleParameters.defaults()
              .withSubMinorGain(opt.multiscaleGain())
              .withScaleBias(opt.multiscaleScaleBias());
      if (!opt.multiscaleScales().isEmpty()) {
        ms =
            ms.withScales(
                opt.multiscaleScales().stream().mapToDouble(Double::doubleValue).toArray());
      }
      c = c.withMultiscale(ms);
    }
    return c;
  }

  private static Image[] products(ImageGroupResult r) {
    return new Image[] {r.dirty, r.psf, r.model, r.residual, r.restored};
  }

  public static void writeProducts(
      Map<String, Path> staged, String tag, Image[] images, FitsImageOptions fits)
      throws IOException {
    for (int i = 0; i < PRODUCTS.size(); i++) {
      FitsImageWriter.write(staged.get(tag + PRODUCTS.get(i)), images[i], fits);
      PngQuickLook.write(staged.get(tag + PRODUCTS.get(i) + ".png"), images[i], QUICK_LOOK);
    }
  }

  /**
   * Multi-frequency synthesis products, added one channel group at a time: every image averaged
   * over the groups with the groups' summed imaging weights (the dirty MFS image is then the dirty
   * image of all channels at once), at the middle frequency of the band with the total bandwidth;
   * the MFS PSF's fitted beam labels the combined images (nothing is restored anew). Holds one
   * image of each product (5 nx ny doubles) whatever the number of groups.
   */
  static final class Mfs {
    private double[][] sums;
    private Image[] first;
    private double total;
    private double fMin = Double.POSITIVE_INFINITY;
    private double fMax = Double.NEGATIVE_INFINITY;
    private double bandwidth;

    /** Adds one group's products with its weight. */
    void add(ImageGroupResult r) {
      Image[] p = products(r);
      if (sums == null) {
        first = p;
        sums = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
          sums[i] = new double[p[i].pixels().length];
        }
      }
      for (int i = 0; i < p.length; i++) {
        double[] px = p[i].pixels();
        double[] acc = sums[i];
        for (int j = 0; j < acc.length; j++) {
          acc[j] += r.sumWeights * px[j];
        }
      }
      total += r.sumWeights;
      fMin = Math.min(fMin, r.dirty.geometry().freqHz());
      fMax = Math.max(fMax, r.dirty.geometry().freqHz());
      bandwidth += r.dirty.geometry().bandwidthHz();
    }

    /** The MFS products, in {@link #PRODUCTS} order. */
    Image[] result() {
      Image[] out = new Image[sums.length];
      for (int i = 0; i < out.length; i++) {
        double[] px = sums[i];
        for (int j = 0; j < px.length; j++) {
          px[j] /= total;
        }
        out[i] =
            new Image(
                first[i].geometry().withFrequency(0.5 * (fMin + fMax), bandwidth),
                px,
                null,
                first[i].unit());
      }
      Beam beam = BeamFitter.fit(out[1]);
      for (int i = 0; i < out.length; i++) {
        if (i != 1 && i != 2) {
          out[i] = out[i].withBeam(beam);
        }
      }
      return out;
    }
  }

  /** The end-of-run summary: peak, noise, beam, CLEAN figures and the files written. */
  static RunSummary summary(
      ImageOptions opt,
      Image[] products,
      List<ImageGroupResult> groups,
      Collection<Path> files,
      double seconds) {
    Image image = products[4];
    double[] px = image.pixels();
    int peak = 0;
    for (int i = 1; i < px.length; i++) {
      if (px[i] > px[peak]) {
        peak = i;
      }
    }
    int nx = image.nx();
    double rms = RobustNoise.madRms(products[3].pixels());
    long iterations = 0;
    int cycles = 0;
    for (ImageGroupResult g : groups) {
      iterations += g.iterations;
      cycles = Math.max(cycles, g.majorCycles);
    }
    RunSummary s =
        new RunSummary(
                "image",
                String.format(
                    Locale.ROOT,
                    "%s, %dx%d px, weight %s, %d channel group(s)",
                    opt.input(),
                    opt.nx(),
                    opt.ny(),
                    opt.weighting(),
                    groups.size()))
            .wallSeconds(seconds)
            .figure("peak", "%.4g Jy/beam at pixel (%d, %d)", px[peak], peak % nx, peak / nx)
            .figure("residual rms (MAD)", "%.3g Jy/beam", rms)
            .figure("peak/rms", "%.1f", px[peak] / rms)
            .figure(
                "CLEAN",
                "%d iterations, up to %d major cycle(s), stop: %s",
                iterations,
                cycles,
                groups.get(0).stopReason);
    Beam b = image.beam();
    if (b != null) {
      s.figure(
          "restoring beam",
          "%.3f x %.3f arcsec, PA %.1f deg",
          Math.toDegrees(b.majorRad()) * 3600,
          Math.toDegrees(b.minorRad()) * 3600,
          Math.toDegrees(b.paRad()));
    }
    return s.outputs(files);
  }
}
