package org.radiospark.jobs.gleamx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.radiospark.jobs.cli.RadioSparkCli.BadOptionException;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.progress.Progress;
import org.radiospark.jobs.progress.RunSummary;
import org.radiospark.kernels.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code radiospark gleamx}: the GLEAM-X snapshot pipeline for many snapshots (issue 4), one
 * snapshot per Spark task ({@link SnapshotPipeline}); with {@code spark.task.cpus} equal to {@code
 * spark.executor.cores} that is one snapshot per executor, which then images it with all its cores.
 * The driver only reads the table, skips complete snapshots ({@code --resume}), collects one small
 * result per snapshot and writes {@code OUTDIR/gleamx-summary.json} and a table.
 */
public final class GleamxJob {
  private static final Logger LOG = LoggerFactory.getLogger(GleamxJob.class);

  /** The run's summary, in the output folder. */
  public static final String RUN_SUMMARY = "gleamx-summary.json";

  private GleamxJob() {}

  /** CLI entry point: its own session; returns the results. */
  public static List<SnapshotResult> main(GleamxOptions opt, String master) throws IOException {
    SparkSession[] started = new SparkSession[1];
    try {
      return run(opt, () -> started[0] = SparkSessions.session("radiospark gleamx", master));
    } finally {
      if (started[0] != null) {
        started[0].stop();
      }
    }
  }

  /**
   * Runs every snapshot of the table that is not complete yet.
   *
   * @return one result per snapshot of the table, in its order
   */
  public static List<SnapshotResult> run(GleamxOptions opt, Supplier<SparkSession> spark)
      throws IOException {
    long t0 = System.nanoTime();
    Progress progress = Progress.start("gleamx");
    List<SnapshotRow> rows = SnapshotList.read(Path.of(opt.snapshots()));
    Path out = Path.of(opt.outDir()).toAbsolutePath();
    List<SnapshotRow> todo = new ArrayList<>();
    List<SnapshotResult> skipped = new ArrayList<>();
    for (SnapshotRow r : rows) {
      Path folder = out.resolve(r.obsid);
      if (opt.resume() && SnapshotPipeline.complete(folder)) {
        SnapshotResult s = new SnapshotResult();
        s.obsid = r.obsid;
        s.status = SnapshotResult.SKIPPED;
        skipped.add(s);
      } else if (Files.exists(folder) && !opt.overwrite() && !opt.resume()) {
        throw new BadOptionException(
            folder + " exists (use --resume to skip complete snapshots, --overwrite to redo them)");
      } else {
        todo.add(r);
      }
    }
    Files.createDirectories(out);
    LOG.info(
        "gleamx: {} snapshots, {} to run, {} complete already",
        rows.size(),
        todo.size(),
        skipped.size());
    List<SnapshotResult> done = new ArrayList<>();
    if (!todo.isEmpty()) {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.get().sparkContext());
      int threads = SparkSessions.threadsPerTask(jsc.getConf(), todo.size());
      JavaRDD<SnapshotResult> snapshots =
          jsc.parallelize(todo, todo.size()).map(r -> SnapshotPipeline.run(r, opt, threads));
      done.addAll(progress.tasks("snapshots", "snapshot", snapshots.rdd(), snapshots::collect));
    }
    List<SnapshotResult> all = new ArrayList<>();
    for (SnapshotRow r : rows) {
      all.add(find(done, skipped, r.obsid));
    }
    writeRunSummary(out.resolve(RUN_SUMMARY), all, (System.nanoTime() - t0) * 1e-9);
    System.err.print(table(all));
    summary(opt, out, all, (System.nanoTime() - t0) * 1e-9).print(System.err);
    return all;
  }

  private static SnapshotResult find(List<SnapshotResult> a, List<SnapshotResult> b, String obsid) {
    for (List<SnapshotResult> l : List.of(a, b)) {
      for (SnapshotResult s : l) {
        if (s.obsid.equals(obsid)) {
          return s;
        }
      }
    }
    throw new IllegalStateException("no result for " + obsid);
  }

  /** The one-screen table printed at the end. */
  static String table(List<SnapshotResult> all) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%-16s %-8s %8s %9s %12s %12s  %s%n",
            "obsid",
            "status",
            "attempts",
            "time",
            "rms Jy/beam",
            "peak Jy/beam",
            "host / error"));
    int ok = 0;
    int failed = 0;
    for (SnapshotResult s : all) {
      ok += SnapshotResult.FAILED.equals(s.status) ? 0 : 1;
      failed += SnapshotResult.FAILED.equals(s.status) ? 1 : 0;
      b.append(
          String.format(
              Locale.ROOT,
              "%-16s %-8s %8d %8.1fs %12.4g %12.4g  %s%n",
              s.obsid,
              s.status,
              s.attempts,
              s.seconds,
              s.imageRmsJy,
              s.imagePeakJy,
              s.error != null ? s.error : s.host == null ? "" : s.host));
    }
    b.append(
        String.format(
            Locale.ROOT, "gleamx: %d snapshots: %d complete, %d failed%n", all.size(), ok, failed));
    return b.toString();
  }

  private static void writeRunSummary(Path file, List<SnapshotResult> all, double seconds) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("seconds", seconds);
    ArrayNode snaps = root.putArray("snapshots");
    for (SnapshotResult s : all) {
      s.toJson(snaps.addObject());
    }
    try {
      AtomicFiles.write(file, true, out -> out.write(json.writeValueAsBytes(root)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The end-of-run summary: snapshots ok, failed and skipped, image noise, the folders written. */
  static RunSummary summary(GleamxOptions opt, Path out, List<SnapshotResult> all, double seconds) {
    int ok = 0;
    int failed = 0;
    int skipped = 0;
    int retried = 0;
    List<Double> rms = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<Path> folders = new ArrayList<>();
    folders.add(out.resolve(RUN_SUMMARY));
    for (SnapshotResult s : all) {
      switch (s.status) {
        case SnapshotResult.FAILED -> {
          failed++;
          failures.add(s.obsid + ": " + s.error);
        }
        case SnapshotResult.SKIPPED -> skipped++;
        default -> {
          ok++;
          folders.add(out.resolve(s.obsid));
          if (Double.isFinite(s.imageRmsJy)) {
            rms.add(s.imageRmsJy);
          }
        }
      }
      retried += s.attempts > 1 ? 1 : 0;
    }
    RunSummary summary =
        new RunSummary("gleamx", opt.snapshots() + " -> " + out)
            .wallSeconds(seconds)
            .figure(
                "snapshots",
                "%d: %d ok, %d failed, %d complete already",
                all.size(),
                ok,
                failed,
                skipped)
            .figure("retried", "%d snapshot(s) needed more than one attempt", retried);
    if (!rms.isEmpty()) {
      rms.sort(Double::compare);
      summary.figure(
          "image rms",
          "median %.4g Jy/beam (%.4g .. %.4g)",
          rms.get(rms.size() / 2),
          rms.get(0),
          rms.get(rms.size() - 1));
    }
    for (int i = 0; i < Math.min(3, failures.size()); i++) {
      summary.figure("failed " + (i + 1), failures.get(i));
    }
    return summary.outputs(folders);
  }
}
