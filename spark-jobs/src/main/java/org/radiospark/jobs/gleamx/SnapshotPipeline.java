package org.radiospark.jobs.gleamx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.radiospark.jobs.cli.ImageCommand;
import org.radiospark.jobs.cli.RadioSparkCli;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.jobs.imaging.ImageJob;
import org.radiospark.kernels.deconvolution.RobustNoise;
import org.radiospark.kernels.io.FitsImageReader;
import org.radiospark.kernels.model.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one GLEAM-X snapshot, run inside one Spark task that owns the snapshot (DESIGN.md:
 * one snapshot per task, one task per executor): {@code preprocess} (raw snapshots only), {@code
 * flag}, with a sky model {@code calibrate} (against the beam of the row's metafits, when given)
 * and {@code apply}, {@code image}, and with a reference catalogue {@code postimage} (background,
 * source finding, cross-match, astrometric and flux warps) and {@code rescale}. Each step is the
 * sub-command of the same name run in this JVM with the files of the step before, so a snapshot's
 * steps behave exactly as a user running them by hand.
 *
 * <p>A snapshot is built in {@code OUTDIR/.OBSID.partial-N} and renamed to {@code OUTDIR/OBSID}
 * only when every step has succeeded and its {@code summary.json} is written, so a folder named
 * after a snapshot is always complete. A failed attempt is deleted and tried again, up to {@link
 * GleamxOptions#attempts()} times; the failure is then reported in the result, not thrown, so that
 * one bad snapshot never fails the others.
 */
public final class SnapshotPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotPipeline.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SnapshotPipeline() {}

  /** A step failed; its message is the step's one-line error. */
  static final class StepFailure extends RuntimeException {
    StepFailure(String message) {
      super(message);
    }
  }

  /**
   * Runs a snapshot's steps with retries.
   *
   * @param threads threads for each step
   */
  public static SnapshotResult run(SnapshotRow row, GleamxOptions opt, int threads) {
    SnapshotResult r = new SnapshotResult();
    r.obsid = row.obsid;
    r.host = host();
    r.executorId =
        org.apache.spark.SparkEnv.get() == null
            ? "none"
            : org.apache.spark.SparkEnv.get().executorId();
    r.startMs = System.currentTimeMillis();
    Path out = Path.of(opt.outDir()).toAbsolutePath();
    long t0 = System.nanoTime();
    for (int attempt = 1; attempt <= opt.attempts(); attempt++) {
      r.attempts = attempt;
      Path stage = out.resolve("." + row.obsid + ".partial-" + attempt);
      try {
        OutputSet.deleteTree(stage);
        Files.createDirectories(stage);
        steps(row, opt, threads, stage, r);
        r.status = SnapshotResult.OK;
        r.error = null;
        r.seconds = (System.nanoTime() - t0) * 1e-9;
        r.endMs = System.currentTimeMillis();
        writeSummary(stage.resolve(GleamxOptions.SUMMARY), r);
        Path target = out.resolve(row.obsid);
        OutputSet.deleteTree(target);
        Files.move(stage, target, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("gleamx: {} done in {} attempt(s), {} s", row.obsid, attempt, (int) r.seconds);
        return r;
      } catch (Exception e) {
        r.error = e instanceof StepFailure ? e.getMessage() : e.toString();
        LOG.warn(
            "gleamx: {} attempt {}/{} failed: {}", row.obsid, attempt, opt.attempts(), r.error);
        try {
          OutputSet.deleteTree(stage);
        } catch (UncheckedIOException ignored) {
          // the next attempt uses its own folder
        }
      }
    }
    r.status = SnapshotResult.FAILED;
    r.seconds = (System.nanoTime() - t0) * 1e-9;
    r.endMs = System.currentTimeMillis();
    return r;
  }

  private static void steps(
      SnapshotRow row, GleamxOptions opt, int threads, Path stage, SnapshotResult r)
      throws IOException {
    List<String> names = new ArrayList<>();
    List<Double> secs = new ArrayList<>();
    String uvfits = row.uvfits;
    if (row.raw()) {
      long s = System.nanoTime();
      String pre = stage.resolve(row.obsid + ".uvfits").toString();
      List<String> a =
          new ArrayList<>(List.of("preprocess", "--metafits", row.metafits, "-o", pre));
      a.addAll(withThreads(opt.preprocessArgs(), threads));
      a.addAll(List.of(row.gpubox));
      if (row.mwaf.length > 0) {
        a.add("--mwaf");
        a.addAll(List.of(row.mwaf));
      }
      cli("preprocess", a);
      uvfits = pre;
      names.add("preprocess");
      secs.add((System.nanoTime() - s) * 1e-9);
    }

    long s = System.nanoTime();
    String flagged = stage.resolve(row.obsid + "-flagged.uvfits").toString();
    List<String> f = new ArrayList<>(List.of("flag", uvfits, "-o", flagged));
    f.addAll(withThreads(opt.flagArgs(), threads));
    cli("flag", f);
    names.add("flag");
    secs.add((System.nanoTime() - s) * 1e-9);

    String toImage = flagged;
    if (opt.skymodel() != null) {
      s = System.nanoTime();
      String solutions = stage.resolve(row.obsid + "-solutions.fits").toString();
      List<String> c = new ArrayList<>(List.of("calibrate", "--skymodel", opt.skymodel()));
      c.addAll(row.metafits != null ? List.of("--metafits", row.metafits) : List.of("--no-beam"));
      c.addAll(withThreads(opt.calibrateArgs(), threads));
      c.addAll(List.of("-o", solutions, flagged));
      cli("calibrate", c);
      names.add("calibrate");
      secs.add((System.nanoTime() - s) * 1e-9);

      s = System.nanoTime();
      toImage = stage.resolve(row.obsid + "-calibrated.uvfits").toString();
      cli("apply", List.of("apply", "--solutions", solutions, "-o", toImage, flagged));
      names.add("apply");
      secs.add((System.nanoTime() - s) * 1e-9);
    }

    s = System.nanoTime();
    List<String> im = new ArrayList<>(withThreads(opt.imageArgs(), threads));
    im.addAll(List.of("-name", stage.resolve(row.obsid).toString(), toImage));
    try {
      ImageJob.run(ImageCommand.parseOptions(im.toArray(new String[0])), null);
    } catch (RuntimeException e) {
      throw new StepFailure("image: " + e.getMessage());
    }
    Image restored = FitsImageReader.readImage(stage.resolve(row.obsid + "-image.fits"));
    r.imageRmsJy = RobustNoise.madRms(restored.pixels());
    r.imagePeakJy = 0;
    for (double v : restored.pixels()) {
      r.imagePeakJy = Math.max(r.imagePeakJy, v);
    }
    names.add("image");
    secs.add((System.nanoTime() - s) * 1e-9);

    if (opt.catalogue() != null) {
      s = System.nanoTime();
      String prefix = stage.resolve(row.obsid).toString();
      List<String> p =
          new ArrayList<>(
              List.of(
                  "postimage",
                  prefix + "-image.fits",
                  "--catalogue",
                  opt.catalogue(),
                  "-name",
                  prefix));
      p.addAll(opt.postimageArgs());
      cli("postimage", p);
      names.add("postimage");
      secs.add((System.nanoTime() - s) * 1e-9);

      s = System.nanoTime();
      cli(
          "rescale",
          List.of(
              "rescale",
              prefix + "-warped.fits",
              "--components",
              prefix + "-warped-comp.csv",
              "--catalogue",
              opt.catalogue(),
              "-name",
              prefix));
      names.add("rescale");
      secs.add((System.nanoTime() - s) * 1e-9);
    }

    r.steps = names.toArray(new String[0]);
    r.stepSeconds = secs.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The step's arguments with {@code -j threads} unless they set {@code -j} themselves. */
  private static List<String> withThreads(List<String> args, int threads) {
    List<String> a = new ArrayList<>(args);
    if (!a.contains("-j")) {
      a.addAll(List.of("-j", Integer.toString(threads)));
    }
    return a;
  }

  /** Runs a sub-command in this JVM; a non-zero exit status is a {@link StepFailure}. */
  private static void cli(String step, List<String> args) {
    StringWriter err = new StringWriter();
    int status =
        RadioSparkCli.execute(
            new PrintWriter(new StringWriter()), new PrintWriter(err), args.toArray(new String[0]));
    if (status != 0) {
      String first =
          err.toString().lines().filter(l -> !l.isBlank()).findFirst().orElse("(no message)");
      throw new StepFailure(step + " (exit " + status + "): " + first);
    }
  }

  private static void writeSummary(Path file, SnapshotResult r) throws IOException {
    ObjectNode root = r.toJson(JSON.createObjectNode());
    ArrayNode files = root.putArray("files");
    try (Stream<Path> s = Files.list(file.getParent())) {
      s.map(p -> p.getFileName().toString()).sorted().forEach(files::add);
    }
    files.add(file.getFileName().toString());
    JSON.writeValue(file.toFile(), root);
  }

  /** True when {@code folder} is a finished snapshot (its summary says so). */
  static boolean complete(Path folder) {
    Path summary = folder.resolve(GleamxOptions.SUMMARY);
    try {
      return Files.isRegularFile(summary)
          && SnapshotResult.OK.equals(JSON.readTree(summary.toFile()).path("status").asText());
    } catch (IOException e) {
      return false;
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
