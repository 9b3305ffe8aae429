package org.radiospark.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.radiospark.jobs.beamform.BeamOutputs;
import org.radiospark.jobs.beamform.BeamformJob;
import org.radiospark.jobs.beamform.BeamformPlan;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.progress.RunSummary;
import org.radiospark.kernels.beamform.BeamformParams;
import org.radiospark.kernels.beamform.CalibrationJones;
import org.radiospark.kernels.beamform.Pointing;
import org.radiospark.kernels.beamform.TiedArray;
import org.radiospark.kernels.io.mwa.AoCalFile;
import org.radiospark.kernels.io.mwa.AoCalSolutions;
import org.radiospark.kernels.io.mwa.Metafits;
import org.radiospark.kernels.io.mwa.MetafitsReader;
import org.radiospark.kernels.io.vcs.VcsArchive;
import org.radiospark.kernels.io.vcs.VcsFileName;
import org.radiospark.kernels.io.vcs.VcsFormat;
import org.radiospark.kernels.model.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code radiospark beamform}: tied-array beams of many pointings from MWA legacy VCS voltages
 * ({@code .dat} files or {@code repack} archives), one merged filterbank and/or PSRFITS file per
 * pointing, on Spark ({@link BeamformJob}).
 */
@Command(
    name = "beamform",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Forms tied-array beams (geometric and cable delays, calibration, coherent sum, detection)"
          + " for many pointings from VCS voltages and writes PREFIX_<pointing>.fil/.fits with all"
          + " coarse channels merged, ready for 'radiospark pulsar search'."
    })
public final class BeamformCommand implements Callable<Integer> {

  @Parameters(
      arity = "1..*",
      paramLabel = "INPUT",
      description = "<obsid>_<gps>_chNNN.dat files, repack archives, or folders of them.")
  List<Path> inputs;

  @Option(names = "--metafits", required = true, paramLabel = "FILE", description = "Metafits.")
  Path metafitsPath;

  @Option(
      names = "--pointings",
      split = ";",
      paramLabel = "[NAME=]RA,DEC",
      description =
          "Pointings separated by ';': RA and Dec in degrees or hh:mm:ss,dd:mm:ss (sexagesimal).")
  List<String> pointingTexts = new ArrayList<>();

  @Option(
      names = "--pointings-file",
      paramLabel = "CSV",
      description = "Pointings, one 'name,ra,dec' per line (same angle forms; '#' comments).")
  Path pointingsFile;

  @Option(names = "--cal", paramLabel = "FILE", description = "MWAOCAL calibration solutions.")
  Path calPath;

  @Option(names = "--batch", description = "Pointings per Spark task (24).")
  int batch = 24;

  @Option(names = "--downsample", description = "Samples averaged in time, dividing 10000 (4).")
  int downsample = 4;

  @Option(names = "--stokes", description = "I or IQUV (I).")
  String stokes = "I";

  @Option(names = "--format", split = ",", description = "fil and/or psrfits (fil).")
  List<String> formats = new ArrayList<>(List.of("fil"));

  @Option(names = "--incoherent", description = "Also write PREFIX_incoherent (sum of powers).")
  boolean incoherent;

  @Option(
      names = "--keep-autos",
      description = "Keep the tiles' own powers in the coherent beams (removed by default).")
  boolean keepAutos;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "PREFIX")
  String prefix;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (local[*]).")
  String master;

  @Option(names = "--overwrite", description = "Replace existing outputs.")
  boolean overwrite;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (batch < 1) {
      throw new RadioSparkCli.BadOptionException("--batch must be >= 1: " + batch);
    }
    if (downsample < 1 || VcsFormat.SAMPLES_PER_SECOND % downsample != 0) {
      throw new RadioSparkCli.BadOptionException(
          "--downsample must divide 10000 samples per second: " + downsample);
    }
    boolean iquv = stokes.equalsIgnoreCase("IQUV");
    if (!iquv && !stokes.equalsIgnoreCase("I")) {
      throw new RadioSparkCli.BadOptionException("--stokes must be I or IQUV: " + stokes);
    }
    boolean fil = false;
    boolean fits = false;
    for (String f : formats) {
      switch (f.trim().toLowerCase(Locale.ROOT)) {
        case "fil" -> fil = true;
        case "psrfits", "fits" -> fits = true;
        default ->
            throw new RadioSparkCli.BadOptionException("--format must be fil and/or psrfits: " + f);
      }
    }
    List<Pointing> pointings = pointings();
    Metafits m = MetafitsReader.read(metafitsPath);
    Sources src = sources(m);
    TiedArray array = TiedArray.fromMetafits(m);
    BeamOutputs outputs = new BeamOutputs(prefix, fil, fits, overwrite);
    List<Path> targets = new ArrayList<>();
    for (Pointing p : pointings) {
      targets.addAll(outputs.paths(BeamOutputs.safeName(p)));
    }
    if (incoherent) {
      targets.addAll(outputs.paths(BeamOutputs.INCOHERENT));
    }
    for (Path t : targets) {
      if (Files.exists(t) && !overwrite) {
        throw new RadioSparkCli.BadOptionException(
            t + ": output exists (use --overwrite to replace it)");
      }
    }
    if (targets.stream().distinct().count() != targets.size()) {
      throw new RadioSparkCli.BadOptionException("two pointings have the same name");
    }
    BeamformParams params = new BeamformParams(downsample, iquv, !keepAutos);
    double[][][][] inv = calPath == null ? null : inverseJones(array, src);
    BeamformPlan plan =
        new BeamformPlan(
            array,
            src.channels,
            src.fineChannels,
            src.paths,
            src.seconds,
            m.startUnixSec() + (src.firstGps - m.gpsTime()),
            pointings,
            batch,
            params,
            inv,
            incoherent);
    out.printf(
        Locale.ROOT,
        "beamform: %d pointings x %d coarse channels (%d-%d) x %d fine x %d s, %d of %d tiles,"
            + " %s, downsample %d, %d task(s) per channel%n",
        pointings.size(),
        src.channels.length,
        src.channels[0],
        src.channels[src.channels.length - 1],
        src.fineChannels,
        src.seconds,
        array.activeTiles().length,
        array.nTiles(),
        calPath == null ? "uncalibrated" : "calibrated by " + calPath.getFileName(),
        downsample,
        plan.nBatches());
    out.flush();
    Path parent = Path.of(prefix).toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    SparkConf conf = SparkSessions.conf("radiospark beamform", master);
    // the detected beams cross the one shuffle compressed with zstd (DESIGN: intermediates)
    conf.setIfMissing("spark.io.compression.codec", "zstd");
    SparkSession session = SparkSession.builder().config(conf).getOrCreate();
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
      long t0 = System.nanoTime();
      List<String[]> written = BeamformJob.run(jsc, plan, outputs);
      double sec = (System.nanoTime() - t0) * 1e-9;
      List<Path> files = new ArrayList<>();
      for (String[] w : written) {
        for (int i = 1; i < w.length; i++) {
          files.add(Path.of(w[i]));
        }
      }
      double units = (double) pointings.size() * src.channels.length * src.seconds;
      new RunSummary(
              "beamform",
              String.format(
                  Locale.ROOT,
                  "%d pointings x %d coarse channels x %d fine x %d s, %d tiles, %s",
                  pointings.size(),
                  src.channels.length,
                  src.fineChannels,
                  src.seconds,
                  array.activeTiles().length,
                  calPath == null ? "uncalibrated" : "calibrated by " + calPath.getFileName()))
          .wallSeconds(sec)
          .figure(
              "beams",
              "%d written (%d coherent%s), Stokes %s",
              written.size(),
              pointings.size(),
              incoherent ? " + incoherent sum" : "",
              iquv ? "IQUV" : "I")
          .figure(
              "samples per beam",
              "%d of %.4g ms x %d channels",
              src.seconds * plan.samplesPerSecond(),
              1e3 / plan.samplesPerSecond(),
              src.channels.length * src.fineChannels)
          .figure(
              "throughput",
              "%.3g pointing x coarse-channel x seconds per second on %d core(s)",
              units / sec,
              jsc.defaultParallelism())
          .outputs(files)
          .print(out);
    } finally {
      session.stop();
    }
    return ExitCodes.OK;
  }

  /** The per-channel inputs. */
  record Sources(int[] channels, String[][] paths, int seconds, long firstGps, int fineChannels) {}

  private Sources sources(Metafits m) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path in : inputs) {
      if (Files.isDirectory(in)) {
        try (Stream<Path> s = Files.list(in)) {
          s.filter(p -> kindOf(p) != 0).sorted().forEach(files::add);
        }
      } else if (!Files.isRegularFile(in)) {
        throw new InvalidInputException(in.toString(), "file", "does not exist");
      } else if (kindOf(in) == 0) {
        throw new InvalidInputException(
            in.toString(),
            "file name",
            "expected <obsid>_<gps>_chNNN.dat or <obsid>_<gps>_chNNN_<n>s.tar.zst");
      } else {
        files.add(in);
      }
    }
    if (files.isEmpty()) {
      throw new RadioSparkCli.BadOptionException("beamform: no VCS files found in the inputs");
    }
    // channel -> first gps -> (file, seconds)
    Map<Integer, TreeMap<Long, Object[]>> byChannel = new TreeMap<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      long obs;
      long gps;
      int ch;
      int n;
      if (kindOf(f) == 1) {
        VcsFileName v = VcsFileName.parse(name);
        obs = v.obsId();
        gps = v.gpsSecond();
        ch = v.coarseChannel();
        n = 1;
      } else {
        Matcher mm = RepackCommand.ARCHIVE.matcher(name);
        mm.matches();
        obs = Long.parseLong(mm.group(1));
        gps = Long.parseLong(mm.group(2));
        ch = Integer.parseInt(mm.group(3));
        n = Integer.parseInt(mm.group(4));
      }
      if (obs != m.gpsTime()) {
        throw new InvalidInputException(
            f.toString(), "obsid", obs + " differs from the metafits' GPSTIME " + m.gpsTime());
      }
      byChannel.computeIfAbsent(ch, k -> new TreeMap<>()).put(gps, new Object[] {f, n});
    }
    int[] channels = byChannel.keySet().stream().mapToInt(Integer::intValue).toArray();
    for (int i = 1; i < channels.length; i++) {
      if (channels[i] != channels[i - 1] + 1) {
        throw new RadioSparkCli.BadOptionException(
            "beamform: coarse channels must be contiguous for one merged file: "
                + java.util.Arrays.toString(channels));
      }
    }
    String[][] paths = new String[channels.length][];
    long firstGps = -1;
    int seconds = -1;
    for (int c = 0; c < channels.length; c++) {
      TreeMap<Long, Object[]> t = byChannel.get(channels[c]);
      long expect = t.firstKey();
      List<String> ps = new ArrayList<>();
      for (Map.Entry<Long, Object[]> e : t.entrySet()) {
        if (e.getKey() != expect) {
          throw new InvalidInputException(
              e.getValue()[0].toString(),
              "gps second",
              "channel " + channels[c] + " has no data for GPS second " + expect);
        }
        ps.add(e.getValue()[0].toString());
        expect += (Integer) e.getValue()[1];
      }
      int n = (int) (expect - t.firstKey());
      if (c == 0) {
        firstGps = t.firstKey();
        seconds = n;
      } else if (t.firstKey() != firstGps || n != seconds) {
        throw new InvalidInputException(
            ps.get(0),
            "gps seconds",
            "channel " + channels[c] + " covers other seconds than channel " + channels[0]);
      }
      paths[c] = ps.toArray(new String[0]);
    }
    return new Sources(channels, paths, seconds, firstGps, fineChannelsOf(Path.of(paths[0][0])));
  }

  /** 1 for a .dat name, 2 for an archive name, 0 otherwise. */
  private static int kindOf(Path p) {
    String n = p.getFileName().toString();
    if (VcsFileName.parse(n) != null) {
      return 1;
    }
    return RepackCommand.ARCHIVE.matcher(n).matches() ? 2 : 0;
  }

  /** Fine channels of the data: from a .dat file's size, or an archive's first member's. */
  private static int fineChannelsOf(Path first) throws IOException {
    long size;
    if (kindOf(first) == 1) {
      size = Files.size(first);
    } else {
      long[] s = {-1};
      try {
        VcsArchive.forEach(
            first,
            mem -> {
              s[0] = mem.data().length;
              throw new StopReading();
            });
      } catch (StopReading stop) {
        // the first member is enough
      }
      size = s[0];
    }
    VcsFormat f = VcsFormat.ofFileSize(size);
    if (f == null) {
      throw new InvalidInputException(
          first.toString(),
          "file size",
          size + " bytes is not 10000 samples x F fine channels x 256 inputs (F dividing 128)");
    }
    return f.fineChannels();
  }

  private static final class StopReading extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StopReading() {
      super(null, null, false, false);
    }
  }

  private double[][][][] inverseJones(TiedArray array, Sources src) throws IOException {
    AoCalSolutions s = AoCalFile.read(calPath);
    if (s.nAntennas() < array.nTiles()) {
      throw new InvalidInputException(
          calPath.toString(),
          "antennaCount",
          s.nAntennas() + ", expected the metafits' " + array.nTiles() + " antennas");
    }
    int[] tiles = array.activeTiles();
    VcsFormat f = new VcsFormat(src.fineChannels);
    int total = src.channels.length * VcsFormat.FULL_FINE_CHANNELS;
    double[][][][] inv = new double[src.channels.length][src.fineChannels][][];
    for (int c = 0; c < src.channels.length; c++) {
      for (int slot = 0; slot < src.fineChannels; slot++) {
        int g = c * VcsFormat.FULL_FINE_CHANNELS + f.fineChannelOfSlot(slot);
        inv[c][slot] = CalibrationJones.forChannel(s, tiles, g, total);
      }
    }
    return inv;
  }

  private List<Pointing> pointings() throws IOException {
    List<Pointing> out = new ArrayList<>();
    for (String t : pointingTexts) {
      if (!t.isBlank()) {
        out.add(parsePointing(t.trim(), "--pointings"));
      }
    }
    if (pointingsFile != null) {
      if (!Files.isRegularFile(pointingsFile)) {
        throw new InvalidInputException(pointingsFile.toString(), "file", "does not exist");
      }
      int line = 0;
      for (String l : Files.readAllLines(pointingsFile)) {
        line++;
        String s = l.trim();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        String[] f = s.split(",");
        if (f.length != 3) {
          throw new InvalidInputException(
              pointingsFile.toString(), "line " + line, "expected name,ra,dec: " + s);
        }
        try {
          out.add(parsePointing(f[0].trim() + "=" + f[1] + "," + f[2], "line " + line));
        } catch (RadioSparkCli.BadOptionException e) {
          throw new InvalidInputException(pointingsFile.toString(), "line " + line, e.getMessage());
        }
      }
    }
    if (out.isEmpty()) {
      throw new RadioSparkCli.BadOptionException(
          "beamform: give pointings with --pointings or --pointings-file");
    }
    return out;
  }

  /** {@code [NAME=]RA,DEC}: degrees, or hh:mm:ss and dd:mm:ss. */
  static Pointing parsePointing(String text, String where) {
    String name = null;
    String s = text;
    int eq = s.indexOf('=');
    if (eq >= 0) {
      name = s.substring(0, eq).trim();
      s = s.substring(eq + 1);
    }
    String[] f = s.split(",");
    if (f.length != 2) {
      throw new RadioSparkCli.BadOptionException(where + ": expected RA,DEC: " + text);
    }
    try {
      double ra = f[0].contains(":") ? 15 * sexagesimal(f[0]) : Double.parseDouble(f[0].trim());
      double dec = f[1].contains(":") ? sexagesimal(f[1]) : Double.parseDouble(f[1].trim());
      if (name == null || name.isEmpty()) {
        name = PointingNames.of(ra, dec);
      }
      return new Pointing(name, ra, dec);
    } catch (IllegalArgumentException e) {
      throw new RadioSparkCli.BadOptionException(where + ": not a pointing: " + text);
    }
  }

  private static double sexagesimal(String t) {
    String s = t.trim();
    boolean neg = s.startsWith("-");
    String[] p = s.replaceFirst("^[+-]", "").split(":");
    double v = 0;
    double scale = 1;
    for (String x : p) {
      v += Double.parseDouble(x) / scale;
      scale *= 60;
    }
    return neg ? -v : v;
  }

  /** vcstools-style pointing names, {@code hh:mm:ss.ss_+dd:mm:ss.ss}. */
  static final class PointingNames {
    private PointingNames() {}

    static String of(double raDeg, double decDeg) {
      double ra = ((raDeg % 360) + 360) % 360 / 15;
      return hms(ra, "") + "_" + hms(decDeg, decDeg < 0 ? "-" : "+");
    }

    private static String hms(double v, String sign) {
      double a = Math.abs(v);
      long cs = Math.round(a * 360000);
      long h = cs / 360000;
      long mi = (cs / 6000) % 60;
      double sec = (cs % 6000) / 100.0;
      return String.format(Locale.ROOT, "%s%02d:%02d:%05.2f", sign, h, mi, sec);
    }
  }
}
