package org.radiospark.jobs.spectral;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.progress.Progress;
import org.radiospark.jobs.progress.RunSummary;
import org.radiospark.jobs.qa.QaMessage;
import org.radiospark.jobs.qa.QaSink;
import org.radiospark.jobs.qa.QaSinks;
import org.radiospark.jobs.sql.VisibilityInput;
import org.radiospark.jobs.sql.VisibilitySource;
import org.radiospark.kernels.io.CubeAxis;
import org.radiospark.kernels.io.FitsImageOptions;
import org.radiospark.kernels.io.FitsImageWriter;
import org.radiospark.kernels.io.ImageCube;
import org.radiospark.kernels.io.PngOptions;
import org.radiospark.kernels.io.PngQuickLook;
import org.radiospark.kernels.io.UvfitsPlan;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.polarisation.faraday.FaradayMoments;
import org.radiospark.kernels.polarisation.faraday.MomentImages;
import org.radiospark.kernels.polarisation.stokes.StokesVisibilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code radiospark spectral}: channel-by-channel full-Stokes imaging, then Faraday moments and RM
 * synthesis per spatial tile (the SKA DPrepB/C spectral pipeline).
 *
 * <p>Data flow: the driver reads the UVFITS file, checks the feeds and the memory a task needs
 * ({@link MemoryEstimate}; a task that cannot fit fails here, before any Spark work, with the
 * setting to change); the channels are cut into groups of {@code --channels-per-task} (one task
 * each), every channel is imaged and cleaned in I, Q, U, V ({@code StokesImager}) and the channel
 * images are persisted. The driver collects them (the IQUV cube and the per-channel QA) and makes
 * the RM-synthesis plan from the channels' noise ({@link FaradayPlan}). Then the one re-keying:
 * every channel image is cut into square tiles and a {@link HashPartitioner} over tiles brings all
 * channels of a tile together (a tile x all channels), where Faraday moments, RM synthesis and the
 * FDF peak maps are computed; the tile results are collected and assembled by the driver.
 *
 * <p>QA: channel statistics are computed in the imaging tasks and travel with the images; the
 * driver publishes one message per channel and one per stage to the {@link QaSink} of {@code --qa}.
 * Keeping the sink on the driver gives one ordered stream, a JSON-lines file on the driver's disk
 * and one place to configure a broker client, at the cost of nothing: the stats already reach the
 * driver with the images.
 *
 * <p>Performance note: the driver holds the restored IQUV cube ({@code 16 nx ny nChan} bytes) and
 * the FDF amplitude cube ({@code 4 nx ny nPhi} bytes) to write them as single FITS files; that
 * suits cubes of a few GB. Larger cubes need the channel planes and tiles written by the executors
 * into a pre-allocated FITS file, which this job does not do yet.
 *
 * <p>Retries: the job's own session sets {@code spark.task.maxFailures = 2} unless configured, and
 * a task that runs out of memory fails with {@link SpectralStages.ChannelMemoryException}, whose
 * message names the settings; a local master never retries. Outputs are staged and committed
 * together ({@link OutputSet}).
 */
public final class SpectralJob {
  private static final Logger LOG = LoggerFactory.getLogger(SpectralJob.class);

  /** Pipeline name in QA messages. */
  public static final String PIPELINE = "spectral";

  /** Moment image names, {@link MomentImages} order. */
  public static final List<String> MOMENTS =
      List.of(
          "meanQ", "stdQ", "skewQ", "kurtQ", "meanU", "stdU", "skewU", "kurtU", "meanP", "stdP",
          "skewP", "kurtP");

  /** Peak map names, {@link org.radiospark.kernels.polarisation.faraday.PeakMaps} order. */
  public static final List<String> PEAKS =
      List.of(
          "peak-phi",
          "peak-phi-err",
          "peak-pi",
          "peak-pi-eff",
          "peak-snr",
          "peak-angle",
          "peak-angle0",
          "peak-angle0-err");

  private static final List<String> PEAK_UNITS =
      List.of("rad/m^2", "rad/m^2", "JY/BEAM", "JY/BEAM", "", "deg", "deg", "deg");

  private static final PngOptions QUICK_LOOK = PngOptions.defaults().withOverwrite(true);

  private SpectralJob() {}

  /**
   * What a run produced.
   *
   * @param files the files written (committed)
   * @param plan the RM-synthesis plan used
   * @param nChannels channels imaged
   * @param nTiles spatial tiles of the Faraday stage
   */
  public record Result(List<Path> files, FaradayPlan plan, int nChannels, int nTiles) {}

  /** Runs in its own Spark session (the CLI entry point); at most one retry per task. */
  public static Result main(SpectralOptions options, String master) {
    SparkSession[] started = new SparkSession[1];
    try {
      return run(
          options,
          () -> {
            SparkConf conf = SparkSessions.conf("radiospark spectral", master);
            conf.setIfMissing("spark.task.maxFailures", "2");
            started[0] = SparkSession.builder().config(conf).getOrCreate();
            return started[0];
          });
    } finally {
      if (started[0] != null) {
        started[0].stop();
      }
    }
  }

  /**
   * Runs the pipeline on {@code opt.input()}.
   *
   * @param spark supplies the session once the input has been read and checked
   */
  public static Result run(SpectralOptions opt, Supplier<SparkSession> spark) {
    return run(opt, spark, UnaryOperator.identity());
  }

  /**
   * As {@link #run(SpectralOptions, Supplier)}, publishing QA through {@code decorateQa} applied to
   * the sink of {@code --qa} (opened by {@link QaSinks#open(String, String)} with the output
   * prefix, so a Kafka sink falls back to {@code PREFIX-qa-fallback.jsonl}); the decorator may
   * observe or count messages, e.g. in tests.
   */
  public static Result run(
      SpectralOptions opt, Supplier<SparkSession> spark, UnaryOperator<QaSink> decorateQa) {
    long t0 = System.nanoTime();
    Progress progress = Progress.start(PIPELINE);
    Map<String, Path> targets = outputNames(opt.prefix());
    try (OutputSet outputs = new OutputSet(opt.overwrite());
        QaSink qa = decorateQa.apply(QaSinks.open(opt.execution().qa(), opt.prefix()))) {
      Map<String, Path> staged = new LinkedHashMap<>();
      for (Map.Entry<String, Path> e : targets.entrySet()) {
        staged.put(e.getKey(), outputs.stage(e.getValue()));
      }
      progress.stage("read " + opt.input());
      // The driver plans the input (header, channels, row times); each task reads its channels.
      VisibilitySource source =
          VisibilityInput.open(opt.input(), UvfitsReadOptions.defaults(), null);
      UvfitsPlan data = source.plan();
      VisibilityBlock block = headerOnly(data);
      StokesVisibilities.FeedType feed = StokesVisibilities.FeedType.of(block);
      int nChan = block.nChan();
      int k = Math.min(opt.execution().channelsPerTask(), nChan);
      int nGroups = (nChan + k - 1) / k;

      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.get().sparkContext());
      MemoryEstimate mem =
          MemoryEstimate.of(
              jsc.getConf(),
              opt.execution().executorMemoryHintBytes(),
              data.nRows(),
              opt.nx(),
              opt.ny(),
              k);
      mem.check();
      int threads =
          opt.execution().threads() > 0
              ? opt.execution().threads()
              : SparkSessions.threadsPerTask(jsc.getConf(), nGroups);
      LOG.info(
          "spectral: {} rows x {} channels, {} feeds; {} task(s) of {} channel(s), about {} MiB"
              + " each of {} MiB",
          data.nRows(),
          nChan,
          feed,
          nGroups,
          k,
          mem.taskBytes() >> 20,
          mem.perTaskBytes() >> 20);

      // Stage 1: channels partitioned by frequency, K per task.
      long t1 = System.nanoTime();
      int[] edges = new int[nGroups + 1];
      for (int g = 0; g <= nGroups; g++) {
        edges[g] = Math.min(nChan, g * k);
      }
      JavaRDD<ChannelImages> channels =
          source
              .channelGroups(jsc, edges)
              .flatMap(
                  t -> SpectralStages.imageGroup(edges[t._1()], t._2(), opt, threads).iterator())
              .persist(StorageLevel.MEMORY_AND_DISK());
      List<ChannelImages> images;
      try {
        images =
            new ArrayList<>(
                progress.tasks(
                    "imaging", "channel group", channels.rdd(), () -> collectOrExplain(channels)));
        images.sort(Comparator.comparingInt(c -> c.channel));
        publishChannels(qa, images);
        qa.publish(
            QaMessage.stage(
                PIPELINE,
                "imaging",
                metrics(
                    "channels",
                    nChan,
                    "tasks",
                    nGroups,
                    "channelsPerTask",
                    k,
                    "seconds",
                    seconds(t1))));

        // Stage 2: the one re-keying, channels -> tiles (a tile x all channels).
        long t2 = System.nanoTime();
        double[] freq = new double[nChan];
        double[] sigma = new double[nChan];
        for (ChannelImages c : images) {
          freq[c.channel] = c.freqHz;
          sigma[c.channel] = 0.5 * (c.residualRms[1] + c.residualRms[2]);
        }
        FaradayPlan plan =
            FaradayPlan.of(freq, sigma, opt.faraday().phiMaxRadM2(), opt.faraday().dPhiRadM2());
        int nx = opt.nx();
        int ny = opt.ny();
        int tile = opt.execution().tileSize();
        int nTiles = SpectralStages.tilesAlong(nx, tile) * SpectralStages.tilesAlong(ny, tile);
        JavaRDD<TileResult> faraday =
            channels
                .flatMapToPair(c -> SpectralStages.slices(c, nx, ny, tile).iterator())
                .groupByKey(new HashPartitioner(nTiles))
                .map(t -> SpectralStages.faradayTile(t._1(), t._2(), plan, nx, ny, tile));
        List<TileResult> tiles =
            new ArrayList<>(
                progress.tasks("RM synthesis", "spatial tile", faraday.rdd(), faraday::collect));
        qa.publish(
            QaMessage.stage(
                PIPELINE,
                "faraday",
                metrics(
                    "tiles",
                    nTiles,
                    "tileSize",
                    tile,
                    "nPhi",
                    plan.nPhi(),
                    "dPhi",
                    plan.dPhiRadM2(),
                    "fwhmRMSF",
                    plan.fwhmRadM2(),
                    "dFDFth",
                    plan.dFdfTheory(),
                    "seconds",
                    seconds(t2))));

        // Stage 3: write.
        long t3 = System.nanoTime();
        progress.stage("write");
        outputs.createDirectories();
        FitsImageOptions fits =
            FitsImageOptions.defaults()
                .withOverwrite(true)
                .withNames(data.object(), data.telescope())
                .withDateObs(data.dateObs());
        write(staged, images, tiles, plan, opt, block, fits);
        outputs.commit();
        qa.publish(
            QaMessage.stage(
                PIPELINE, "write", metrics("files", targets.size(), "seconds", seconds(t3))));
        qa.publish(
            QaMessage.stage(PIPELINE, "done", metrics("channels", nChan, "seconds", seconds(t0))));
        summary(opt, images, tiles, plan, nGroups, targets.values(), seconds(t0)).print(System.err);
        return new Result(new ArrayList<>(targets.values()), plan, nChan, nTiles);
      } finally {
        channels.unpersist(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Collects the channel images; an out-of-memory task surfaces as its own clear message. */
  private static List<ChannelImages> collectOrExplain(JavaRDD<ChannelImages> channels) {
    try {
      return channels.collect();
    } catch (RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof SpectralStages.ChannelMemoryException
            || c instanceof SparkException
                && String.valueOf(c.getMessage()).contains("ran out of memory")) {
          throw new IllegalStateException(firstLine(c.getMessage()), e);
        }
      }
      throw e;
    }
  }

  private static String firstLine(String s) {
    int i = s.indexOf("spectral: imaging channels");
    String t = i >= 0 ? s.substring(i) : s;
    int nl = t.indexOf('\n');
    return nl >= 0 ? t.substring(0, nl) : t;
  }

  private static void publishChannels(QaSink qa, List<ChannelImages> images) {
    String[] names = {"I", "Q", "U", "V"};
    for (ChannelImages c : images) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("freqHz", c.freqHz);
      for (int s = 0; s < 4; s++) {
        m.put("min" + names[s], c.min[s]);
        m.put("max" + names[s], c.max[s]);
        m.put("rms" + names[s], c.residualRms[s]);
      }
      m.put("beamMajorArcsec", Math.toDegrees(c.beamMajorRad) * 3600);
      m.put("beamMinorArcsec", Math.toDegrees(c.beamMinorRad) * 3600);
      m.put("beamPaDeg", Math.toDegrees(c.beamPaRad));
      m.put("iterations", c.iterations);
      m.put("majorCycles", c.majorCycles);
      m.put("stopReason", c.stopReason);
      m.put("seconds", c.seconds);
      qa.publish(QaMessage.channel(PIPELINE, "imaging", c.channel, m));
    }
  }

  private static Map<String, Object> metrics(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) * 1e-9;
  }

  /** Output files by key (see the README section "Spectral imaging and RM synthesis"). */
  public static Map<String, Path> outputNames(String prefix) {
    Map<String, Path> out = new LinkedHashMap<>();
    put(out, prefix, "image-IQUV", ".fits");
    put(out, prefix, "channels", ".csv");
    put(out, prefix, "fdf-amplitude", ".fits");
    for (String m : MOMENTS) {
      put(out, prefix, "moment-" + m, ".fits");
    }
    put(out, prefix, "moment-candidates", ".fits");
    for (String p : PEAKS) {
      put(out, prefix, p, ".fits");
    }
    put(out, prefix, "fracpol", ".fits");
    put(out, prefix, "mean-I", ".fits");
    // a PNG quick-look beside every FITS image
    for (String image : List.copyOf(out.keySet())) {
      if (out.get(image).toString().endsWith(".fits")) {
        put(out, prefix, image, ".png");
      }
    }
    return out;
  }

  private static void put(Map<String, Path> out, String prefix, String name, String ext) {
    String key = ext.equals(".fits") ? name : name + ext;
    out.put(key, Path.of(prefix + "-" + name + ext));
  }

  /**
   * A block of no rows with the input's channels, correlations and phase centre: what the driver
   * needs of the visibilities (the feed type, the phase centre of the products).
   */
  private static VisibilityBlock headerOnly(UvfitsPlan p) {
    return VisibilityBlock.zeros(
        new double[0],
        new double[0],
        new double[0],
        new int[0],
        new int[0],
        new double[0],
        new double[0],
        p.freqHz(),
        p.chanWidthHz(),
        p.pols(),
        p.phaseCentre());
  }

  private static void write(
      Map<String, Path> staged,
      List<ChannelImages> images,
      List<TileResult> tiles,
      FaradayPlan plan,
      SpectralOptions opt,
      VisibilityBlock block,
      FitsImageOptions fits)
      throws IOException {
    int nx = opt.nx();
    int ny = opt.ny();
    int nChan = images.size();
    // IQUV cube; the beam differs per channel and is listed in PREFIX-channels.csv.
    List<Image> planes = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      for (ChannelImages c : images) {
        ImageGeometry g =
            new ImageGeometry(
                nx,
                ny,
                opt.cellRad(),
                block.phaseCentre(),
                c.freqHz,
                c.bandwidthHz,
                StokesVisibilities.IQUV[s]);
        planes.add(new Image(g, toDouble(c.restored[s]), null, "JY/BEAM"));
      }
    }
    FitsImageWriter.writeCube(staged.get("image-IQUV"), new ImageCube(planes, nChan, 4), fits);
    // the cube's quick-look: Stokes I of the middle channel
    png(staged, "image-IQUV", images.get(nChan / 2).restored[0], nx, ny);
    Files.writeString(staged.get("channels.csv"), channelTable(images), StandardCharsets.UTF_8);

    double fMin = Double.POSITIVE_INFINITY;
    double fMax = Double.NEGATIVE_INFINITY;
    double bw = 0;
    for (ChannelImages c : images) {
      fMin = Math.min(fMin, c.freqHz);
      fMax = Math.max(fMax, c.freqHz);
      bw += c.bandwidthHz;
    }
    ImageGeometry mapGeo =
        new ImageGeometry(
            nx, ny, opt.cellRad(), block.phaseCentre(), 0.5 * (fMin + fMax), bw, Stokes.I);

    int nPhi = plan.nPhi();
    float[][] moments = new float[MOMENTS.size()][nx * ny];
    float[][] peaks = new float[PEAKS.size()][nx * ny];
    float[] fdf = new float[nPhi * nx * ny];
    float[] meanI = new float[nx * ny];
    for (TileResult t : tiles) {
      for (int y = 0; y < t.height; y++) {
        for (int x = 0; x < t.width; x++) {
          int p = y * t.width + x;
          int g = (t.y0 + y) * nx + t.x0 + x;
          for (int m = 0; m < moments.length; m++) {
            moments[m][g] = t.moments[m][p];
          }
          for (int m = 0; m < peaks.length; m++) {
            peaks[m][g] = t.peaks[m][p];
          }
          meanI[g] = t.meanI[p];
          for (int j = 0; j < nPhi; j++) {
            fdf[j * nx * ny + g] = t.fdfAmplitude[p * nPhi + j];
          }
        }
      }
    }
    List<Image> fdfPlanes = new ArrayList<>();
    for (int j = 0; j < nPhi; j++) {
      double[] px = new double[nx * ny];
      for (int g = 0; g < px.length; g++) {
        px[g] = fdf[j * nx * ny + g];
      }
      fdfPlanes.add(new Image(mapGeo, px, null, "JY/BEAM"));
    }
    FitsImageWriter.writeAxisCube(
        staged.get("fdf-amplitude"),
        fdfPlanes,
        CubeAxis.faradayDepth(plan.phiStartRadM2(), plan.dPhiRadM2()),
        fits);
    // the cube's quick-look: the largest |F| over Faraday depth of each pixel
    float[] fdfMax = new float[nx * ny];
    java.util.Arrays.fill(fdfMax, Float.NEGATIVE_INFINITY);
    for (int j = 0; j < nPhi; j++) {
      for (int g = 0; g < fdfMax.length; g++) {
        fdfMax[g] = Math.max(fdfMax[g], fdf[j * nx * ny + g]);
      }
    }
    png(staged, "fdf-amplitude", fdfMax, nx, ny);

    for (int m = 0; m < moments.length; m++) {
      writeMap(staged, "moment-" + MOMENTS.get(m), mapGeo, moments[m], "JY/BEAM", fits);
    }
    MomentImages mi =
        new MomentImages(
            moments[0],
            moments[1],
            moments[2],
            moments[3],
            moments[4],
            moments[5],
            moments[6],
            moments[7],
            moments[8],
            moments[9],
            moments[10],
            moments[11]);
    boolean[] mask = FaradayMoments.candidateMask(mi, opt.faraday().candidateSigma());
    float[] maskPx = new float[mask.length];
    for (int g = 0; g < mask.length; g++) {
      maskPx[g] = mask[g] ? 1f : 0f;
    }
    writeMap(staged, "moment-candidates", mapGeo, maskPx, "", fits);
    for (int m = 0; m < peaks.length; m++) {
      writeMap(staged, PEAKS.get(m), mapGeo, peaks[m], PEAK_UNITS.get(m), fits);
    }
    float[] frac = new float[nx * ny];
    for (int g = 0; g < frac.length; g++) {
      frac[g] = peaks[3][g] / meanI[g];
    }
    writeMap(staged, "fracpol", mapGeo, frac, "", fits);
    writeMap(staged, "mean-I", mapGeo, meanI, "JY/BEAM", fits);
  }

  private static void writeMap(
      Map<String, Path> staged,
      String key,
      ImageGeometry geo,
      float[] px,
      String unit,
      FitsImageOptions fits)
      throws IOException {
    FitsImageWriter.write(staged.get(key), new Image(geo, toDouble(px), null, unit), fits);
    png(staged, key, px, geo.nx(), geo.ny());
  }

  private static void png(Map<String, Path> staged, String key, float[] px, int nx, int ny)
      throws IOException {
    PngQuickLook.write(staged.get(key + ".png"), toDouble(px), nx, ny, QUICK_LOOK);
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int k = 0; k < f.length; k++) {
      d[k] = f[k];
    }
    return d;
  }

  private static String channelTable(List<ChannelImages> images) {
    StringBuilder sb =
        new StringBuilder(
            "channel,freq_hz,bmaj_arcsec,bmin_arcsec,bpa_deg,rms_i,rms_q,rms_u,rms_v,"
                + "max_i,iterations,major_cycles,stop_reason\n");
    for (ChannelImages c : images) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%d,%.6f,%.4f,%.4f,%.3f,%.6g,%.6g,%.6g,%.6g,%.6g,%d,%d,%s%n",
              c.channel,
              c.freqHz,
              Math.toDegrees(c.beamMajorRad) * 3600,
              Math.toDegrees(c.beamMinorRad) * 3600,
              Math.toDegrees(c.beamPaRad),
              c.residualRms[0],
              c.residualRms[1],
              c.residualRms[2],
              c.residualRms[3],
              c.max[0],
              c.iterations,
              c.majorCycles,
              c.stopReason));
    }
    return sb.toString();
  }

  /**
   * The end-of-run summary: channels and tasks, channel noise, the Faraday axis, the brightest
   * polarised pixel (peak-pi-eff, its Faraday depth and S/N), pixels above S/N 8, files written.
   */
  static RunSummary summary(
      SpectralOptions opt,
      List<ChannelImages> images,
      List<TileResult> tiles,
      FaradayPlan plan,
      int tasks,
      Collection<Path> files,
      double seconds) {
    double[] rmsQu = new double[images.size()];
    for (int i = 0; i < rmsQu.length; i++) {
      rmsQu[i] = 0.5 * (images.get(i).residualRms[1] + images.get(i).residualRms[2]);
    }
    java.util.Arrays.sort(rmsQu);
    float best = Float.NEGATIVE_INFINITY;
    float bestPhi = Float.NaN;
    float bestSnr = Float.NaN;
    int[] bestXy = {-1, -1};
    long above8 = 0;
    for (TileResult t : tiles) {
      for (int p = 0; p < t.width * t.height; p++) {
        float snr = t.peaks[4][p];
        above8 += snr >= 8 ? 1 : 0;
        if (t.peaks[3][p] > best) {
          best = t.peaks[3][p];
          bestPhi = t.peaks[0][p];
          bestSnr = snr;
          bestXy = new int[] {t.x0 + p % t.width, t.y0 + p / t.width};
        }
      }
    }
    RunSummary summary =
        new RunSummary(
                PIPELINE,
                String.format(
                    Locale.ROOT,
                    "%s, %dx%d px, %d channels in %d task(s), %d spatial tiles",
                    opt.input(),
                    opt.nx(),
                    opt.ny(),
                    images.size(),
                    tasks,
                    tiles.size()))
            .wallSeconds(seconds)
            .figure(
                "Q/U residual rms",
                "median %.3g Jy/beam (%.3g .. %.3g) over channels",
                rmsQu[rmsQu.length / 2],
                rmsQu[0],
                rmsQu[rmsQu.length - 1])
            .figure(
                "Faraday depth axis",
                "%d x %.3g rad/m^2, RMSF FWHM %.3g rad/m^2",
                plan.nPhi(),
                plan.dPhiRadM2(),
                plan.fwhmRadM2());
    if (bestXy[0] >= 0) {
      summary.figure(
          "brightest peak PI",
          "%.4g Jy/beam (Ricean-corrected) at pixel (%d, %d), phi %.4g rad/m^2, S/N %.1f",
          best,
          bestXy[0],
          bestXy[1],
          bestPhi,
          bestSnr);
    } else {
      summary.figure("brightest peak PI", "none: no pixel has a finite peak");
    }
    return summary
        .figure("pixels with S/N >= 8", "%d of %d", above8, (long) opt.nx() * opt.ny())
        .outputs(files);
  }
}
