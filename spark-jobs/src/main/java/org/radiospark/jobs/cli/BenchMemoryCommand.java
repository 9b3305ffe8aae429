package org.radiospark.jobs.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.radiospark.jobs.cluster.LoopbackCluster;
import org.radiospark.jobs.cluster.SparkHome;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.ical.IcalJob;
import org.radiospark.jobs.imaging.ImageJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench memory}: runs {@code image} (and optionally {@code ical}) on a data set several
 * times larger than an executor's heap, on a loopback standalone cluster whose executors are
 * separate JVMs ({@link LoopbackCluster}), and prints the peak heap of every executor and of the
 * driver ({@link PeakMemoryListener}). That the run completes with executors of {@code
 * --executor-memory} and a driver whose maximum heap is smaller than the data shows the input is
 * streamed by channel blocks and never held whole; the peaks say by how much.
 *
 * <p>The data set is {@code --input}, or a {@link SyntheticUvfits} of {@code --size-gb} written to
 * {@code --work} first (and deleted at the end unless {@code --keep}).
 */
@Command(
    name = "memory",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Runs image (and ical with --ical-loops) on a data set larger than executor memory, on a"
            + " loopback standalone cluster with real executor JVMs, and prints peak executor and"
            + " driver heap.")
public final class BenchMemoryCommand implements Callable<Integer> {
  @Option(names = "--input", description = "UVFITS to use (default: a synthetic one).")
  Path input;

  @Option(names = "--size-gb", description = "Size of the synthetic data set, GB (default 3).")
  double sizeGb = 3;

  @Option(names = "--channels", description = "Channels of the synthetic data set (default 256).")
  int channels = 256;

  @Option(names = "--antennas", description = "Antennas of the synthetic array (default 64).")
  int antennas = 64;

  @Option(names = "--executors", description = "Executors, one core each (default 2).")
  int executors = 2;

  @Option(
      names = "--executor-memory",
      description = "spark.executor.memory (default 768m; Spark needs at least 450m).")
  String executorMemory = "768m";

  @Option(
      names = "-channels-out",
      description = "Channel groups of image, one task each (default 32).")
  int channelsOut = 32;

  @Option(
      names = "--image-args",
      description =
          "Imaging options (default: \"-size 512 512 -scale 3asec -weight natural"
              + " -niter 100\").")
  String imageArgs = "-size 512 512 -scale 3asec -weight natural -niter 100";

  @Option(
      names = "--ical-loops",
      description = "Also run ical with this many major loops (default 0: image only).")
  int icalLoops = 0;

  @Option(
      names = "--ical-args",
      description =
          "ical options (default: \"-size 256 256 -scale 3asec -niter 50"
              + " --freq-blocks 32 --freq-partitions 4\").")
  String icalArgs = "-size 256 256 -scale 3asec -niter 50 --freq-blocks 32 --freq-partitions 4";

  @Option(names = "--skip-image", description = "Run only ical (with --ical-loops).")
  boolean skipImage;

  @Option(names = "--work", description = "Folder for the data set, cluster and outputs.")
  Path work;

  @Option(names = "--keep", description = "Keep the synthetic data set and the outputs.")
  boolean keep;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (executors < 1 || channelsOut < 1 || sizeGb <= 0 || icalLoops < 0) {
      throw new RadioSparkCli.BadOptionException(
          "--executors, -channels-out and --size-gb must be positive, --ical-loops >= 0");
    }
    if (skipImage && icalLoops == 0) {
      throw new RadioSparkCli.BadOptionException("--skip-image needs --ical-loops N");
    }
    Path dir =
        work != null
            ? Files.createDirectories(work)
            : Files.createTempDirectory("radiospark-bench-memory");
    Path data = input;
    String datasetNote;
    if (data == null) {
      data = dir.resolve("synthetic.uvfits");
      long t0 = System.nanoTime();
      SyntheticUvfits.Written w =
          new SyntheticUvfits(antennas, channels, (long) (sizeGb * 1e9), 1).write(data);
      datasetNote =
          String.format(
              Locale.ROOT,
              "synthetic: %d antennas, %d rows (%d time steps of %d baselines), %d channels, XX YY;"
                  + " written in %.1f s",
              antennas,
              w.rows(),
              w.timeSteps(),
              w.rows() / w.timeSteps(),
              channels,
              (System.nanoTime() - t0) * 1e-9);
    } else {
      datasetNote = "given";
    }
    long dataBytes = Files.size(data);
    List<String> lines = new ArrayList<>();
    try (LoopbackCluster cluster =
        LoopbackCluster.start(
            SparkHome.link(
                dir.resolve("spark-home"),
                Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)),
                name -> name.startsWith("radiospark-")),
            dir.resolve("cluster"),
            executors,
            gigabytesFor(executorMemory, executors))) {
      SparkConf conf =
          SparkSessions.conf("radiospark bench memory", cluster.masterUrl())
              .set("spark.driver.host", "127.0.0.1")
              .set("spark.driver.bindAddress", "127.0.0.1")
              .set("spark.executor.memory", executorMemory)
              .set("spark.executor.cores", "1")
              .set("spark.cores.max", Integer.toString(executors))
              .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
              .set("spark.local.dir", cluster.localDir().toString())
              .set("spark.executor.metrics.pollingInterval", "100ms")
              .set("spark.executor.heartbeatInterval", "2s")
              .set("spark.scheduler.minRegisteredResourcesRatio", "1.0")
              .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s")
              .set("spark.ui.enabled", "false")
              .set("spark.ui.showConsoleProgress", "false");
      SparkSession session = SparkSession.builder().config(conf).getOrCreate();
      try (PeakMemoryListener peaks = new PeakMemoryListener()) {
        session.sparkContext().addSparkListener(peaks);
        long t0 = System.nanoTime();
        List<String> args = new ArrayList<>(Arrays.asList(imageArgs.trim().split("\\s+")));
        args.addAll(
            List.of(
                "-channels-out",
                Integer.toString(channelsOut),
                "-name",
                dir.resolve("bench-image").toString(),
                "--overwrite",
                data.toString()));
        if (!skipImage) {
          ImageJob.run(ImageCommand.parseOptions(args.toArray(String[]::new)), () -> session);
        }
        double imageSeconds = (System.nanoTime() - t0) * 1e-9;
        double icalSeconds = 0;
        if (icalLoops > 0) {
          long t1 = System.nanoTime();
          IcalCommand ical = new IcalCommand();
          List<String> ia = new ArrayList<>(Arrays.asList(icalArgs.trim().split("\\s+")));
          ia.addAll(
              List.of(
                  "--nmajor",
                  Integer.toString(icalLoops),
                  "-name",
                  dir.resolve("bench-ical").toString(),
                  "--overwrite",
                  data.toString()));
          new CommandLine(ical).parseArgs(ia.toArray(String[]::new));
          IcalJob.run(ical.toOptions(), () -> session);
          icalSeconds = (System.nanoTime() - t1) * 1e-9;
        }
        lines.addAll(report(data, dataBytes, datasetNote, peaks, imageSeconds, icalSeconds));
      } finally {
        session.stop();
      }
    } finally {
      if (!keep) {
        deleteQuietly(dir, input == null);
      }
    }
    lines.forEach(spec.commandLine().getOut()::println);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /** The Worker's memory: every executor's heap plus 256 MB of room. */
  private static String gigabytesFor(String executorMemory, int executors) {
    long mb = parseMegabytes(executorMemory);
    return (mb * executors + 256) + "m";
  }

  private static long parseMegabytes(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    long scale = t.endsWith("g") ? 1024 : 1;
    String digits = t.replaceAll("[mg]$", "");
    try {
      return Long.parseLong(digits) * scale;
    } catch (NumberFormatException e) {
      throw new RadioSparkCli.BadOptionException(
          "--executor-memory must be like 768m or 1g, not " + s);
    }
  }

  private List<String> report(
      Path data,
      long dataBytes,
      String note,
      PeakMemoryListener peaks,
      double imageSeconds,
      double icalSeconds) {
    List<String> out = new ArrayList<>();
    long execBytes = parseMegabytes(executorMemory) << 20;
    out.add(
        String.format(
            Locale.ROOT,
            "bench memory: %s, %.2f GB (%s)",
            data.getFileName(),
            dataBytes / 1e9,
            note));
    out.add(
        String.format(
            Locale.ROOT,
            "bench memory: %d executor(s) x %s (data / executor heap = %.1f)%s%s",
            executors,
            executorMemory,
            (double) dataBytes / execBytes,
            skipImage
                ? ""
                : String.format(
                    Locale.ROOT,
                    "; image -channels-out %d %s: %.1f s",
                    channelsOut,
                    imageArgs,
                    imageSeconds),
            icalLoops > 0
                ? String.format(
                    Locale.ROOT, "; ical %d loop(s) %s: %.1f s", icalLoops, icalArgs, icalSeconds)
                : ""));
    out.add(
        String.format(
            Locale.ROOT,
            "%-10s %16s %22s %20s",
            "executor",
            "peak heap MB",
            "peak on-heap exec MB",
            "peak storage MB"));
    for (Map.Entry<String, long[]> e : peaks.executorPeaks().entrySet()) {
      long[] v = e.getValue();
      out.add(
          String.format(
              Locale.ROOT,
              "%-10s %16.0f %22.0f %20.0f",
              e.getKey(),
              v[0] / 1048576.0,
              v[1] / 1048576.0,
              v[2] / 1048576.0));
    }
    out.add(
        String.format(
            Locale.ROOT,
            "driver     peak heap %.0f MB of max %.0f MB (JVM %s %s)",
            peaks.driverPeakHeapBytes() / 1048576.0,
            ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / 1048576.0,
            System.getProperty("java.vm.name"),
            System.getProperty("java.runtime.version")));
    return out;
  }

  private static void deleteQuietly(Path dir, boolean withData) {
    try (var files = Files.walk(dir)) {
      files
          .sorted(java.util.Comparator.reverseOrder())
          .filter(p -> withData || !p.getFileName().toString().endsWith(".uvfits"))
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // a folder still holding a kept file stays
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
