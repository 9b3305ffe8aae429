package org.radiospark.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.kernels.io.vcs.VcsArchive;
import org.radiospark.kernels.io.vcs.VcsFileName;
import org.radiospark.kernels.model.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code radiospark repack}: legacy VCS {@code .dat} files into per-coarse-channel zstd-compressed
 * tar archives of {@code --seconds-per-tar} seconds ({@code <obsid>_<first
 * gps>_chNNN_<n>s.tar.zst}), printing each archive's compression ratio; {@code --extract} reverses
 * it.
 */
@Command(
    name = "repack",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Packs VCS .dat files into per-channel 30-second .tar.zst archives, prints the"
          + " compression ratio (raw bytes / compressed bytes) and records it in OUT/repack.csv;"
          + " --extract unpacks archives."
    })
public final class RepackCommand implements Callable<Integer> {
  /** Archive names: {@code <obsid>_<first gps>_chNNN_<n>s.tar.zst}. */
  public static final Pattern ARCHIVE =
      Pattern.compile("(\\d+)_(\\d+)_ch(\\d{1,3})_(\\d+)s\\.tar\\.zst");

  @Parameters(
      arity = "1..*",
      paramLabel = "INPUT",
      description = ".dat files or folders of them (with --extract: .tar.zst archives).")
  List<Path> inputs;

  @Option(names = "--extract", description = "Unpack .tar.zst archives into .dat files.")
  boolean extract;

  @Option(names = "--seconds-per-tar", description = "Seconds per archive (30).")
  int secondsPerTar = 30;

  @Option(names = "--level", description = "zstd level 1..19 (3).")
  int level = 3;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR")
  Path outDir;

  @Option(names = "--overwrite", description = "Replace existing outputs.")
  boolean overwrite;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (secondsPerTar < 1 || level < 1 || level > 19) {
      throw new RadioSparkCli.BadOptionException(
          "need --seconds-per-tar >= 1 and 1 <= --level <= 19");
    }
    return extract ? extract() : pack();
  }

  private int pack() throws IOException {
    // (obsid, channel) -> gps second -> file
    Map<String, TreeMap<Long, Path>> groups = new TreeMap<>();
    for (Path p : datFiles()) {
      VcsFileName n = VcsFileName.parse(p.getFileName().toString());
      groups
          .computeIfAbsent(
              String.format(Locale.ROOT, "%d_ch%03d", n.obsId(), n.coarseChannel()),
              k -> new TreeMap<>())
          .put(n.gpsSecond(), p);
    }
    long raw = 0;
    long packed = 0;
    try (OutputSet outputs = new OutputSet(overwrite)) {
      List<Path> targets = new ArrayList<>();
      List<List<Path>> members = new ArrayList<>();
      for (TreeMap<Long, Path> g : groups.values()) {
        List<Path> files = new ArrayList<>(g.values());
        for (int i = 0; i < files.size(); i += secondsPerTar) {
          List<Path> chunk = files.subList(i, Math.min(files.size(), i + secondsPerTar));
          VcsFileName first = VcsFileName.parse(chunk.get(0).getFileName().toString());
          String name =
              String.format(
                  Locale.ROOT,
                  "%d_%d_ch%03d_%ds.tar.zst",
                  first.obsId(),
                  first.gpsSecond(),
                  first.coarseChannel(),
                  chunk.size());
          targets.add(outputs.stage(outDir.resolve(name)));
          members.add(List.copyOf(chunk));
        }
      }
      Path csv = outputs.stage(outDir.resolve("repack.csv"));
      outputs.createDirectories();
      StringBuilder record = new StringBuilder("archive,files,raw_bytes,compressed_bytes,ratio\n");
      for (int i = 0; i < targets.size(); i++) {
        VcsArchive.Stats st = VcsArchive.write(targets.get(i), members.get(i), level, true);
        raw += st.rawBytes();
        packed += st.compressedBytes();
        record.append(
            String.format(
                Locale.ROOT,
                "%s,%d,%d,%d,%.4f%n",
                finalName(targets.get(i)),
                members.get(i).size(),
                st.rawBytes(),
                st.compressedBytes(),
                st.ratio()));
        spec.commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "repack: %s: %d files, %.1f MB -> %.1f MB, ratio %.3f%n",
                finalName(targets.get(i)),
                members.get(i).size(),
                st.rawBytes() / 1e6,
                st.compressedBytes() / 1e6,
                st.ratio());
      }
      Files.writeString(csv, record);
      outputs.commit();
    }
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "repack: total %.1f MB -> %.1f MB, compression ratio %.3f%n",
            raw / 1e6,
            packed / 1e6,
            packed > 0 ? (double) raw / packed : 0.0);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /** The final name of a staged {@code .NAME.partial} file. */
  private static String finalName(Path staged) {
    return staged.getFileName().toString().replaceFirst("^\\.", "").replaceFirst("\\.partial$", "");
  }

  private List<Path> datFiles() throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path in : inputs) {
      if (Files.isDirectory(in)) {
        try (Stream<Path> s = Files.list(in)) {
          s.filter(p -> VcsFileName.parse(p.getFileName().toString()) != null)
              .sorted()
              .forEach(out::add);
        }
      } else if (VcsFileName.parse(in.getFileName().toString()) != null) {
        if (!Files.isRegularFile(in)) {
          throw new InvalidInputException(in.toString(), "file", "does not exist");
        }
        out.add(in);
      } else {
        throw new InvalidInputException(
            in.toString(), "file name", "expected <obsid>_<gps>_chNNN.dat or a folder");
      }
    }
    if (out.isEmpty()) {
      throw new RadioSparkCli.BadOptionException("repack: no <obsid>_<gps>_chNNN.dat files found");
    }
    return out;
  }

  private int extract() throws IOException {
    for (Path a : inputs) {
      if (!ARCHIVE.matcher(a.getFileName().toString()).matches() || !Files.isRegularFile(a)) {
        throw new InvalidInputException(
            a.toString(), "file name", "expected an existing <obsid>_<gps>_chNNN_<n>s.tar.zst");
      }
    }
    int[] n = {0};
    try (OutputSet outputs = new OutputSet(overwrite)) {
      Files.createDirectories(outDir);
      for (Path a : inputs) {
        // one member in memory at a time: a 30-second archive of full files is ~10 GB
        VcsArchive.forEach(
            a,
            mem -> {
              if (VcsFileName.parse(mem.name()) == null) {
                throw new InvalidInputException(
                    a.toString(), "member name", mem.name() + " is not <obsid>_<gps>_chNNN.dat");
              }
              Files.write(outputs.stage(outDir.resolve(mem.name())), mem.data());
              n[0]++;
            });
      }
      outputs.commit();
    }
    spec.commandLine().getOut().printf(Locale.ROOT, "repack: extracted %d files%n", n[0]);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
