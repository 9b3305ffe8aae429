package org.radiospark.jobs.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.radiospark.jobs.config.ImageOptions;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.VisibilityBlock;
import picocli.CommandLine;

/**
 * Defaults of {@code radiospark image} from a properties file ({@code --preset NAME} loads {@code
 * conf/NAME.properties}; {@code --defaults FILE} any file). Keys are option names without the dash
 * ({@code mgain = 0.85}, {@code multiscale = true}, {@code weight = briggs 0.5}); they become
 * arguments placed before the user's, so options given on the command line win.
 *
 * <p>Array-dependent keys ({@code arrays = a b c} with {@code array.<a>.min-longest-baseline-m},
 * {@code .size}, {@code .scale-base-deg}, {@code .weight}) pick the first class whose minimum the
 * input's longest baseline reaches, and then {@code -size N N}, {@code -scale
 * scale-base-deg/CENTCHAN} degrees (CENTCHAN = the 1.28 MHz coarse channel at the band centre, as
 * GLEAM-X) and {@code -weight}. The input UVFITS is read for this only when the user gave neither
 * {@code -size} nor {@code -scale}.
 *
 * <p>{@code --preset NAME} looks for {@code conf/NAME.properties} under the folder named by the
 * system property {@code radiospark.home}, else under the working folder and its parents.
 */
final class ImagePreset {
  private static final double COARSE_CHANNEL_HZ = 1.28e6;

  private ImagePreset() {}

  /** The options of {@code command}'s arguments with the preset's defaults in front. */
  static ImageOptions apply(ImageCommand command, List<String> userArgs) {
    Path file = command.defaultsFile != null ? command.defaultsFile : locate(command.preset);
    Properties p = load(file);
    List<String> args = new ArrayList<>();
    for (String key : p.stringPropertyNames().stream().sorted().toList()) {
      if (key.equals("arrays") || key.startsWith("array.")) {
        continue;
      }
      addOption(args, key, p.getProperty(key).trim());
    }
    boolean userGeometry = userArgs.contains("-size") || userArgs.contains("-scale");
    if (p.getProperty("arrays") != null && !userGeometry && command.input != null) {
      addArrayOptions(args, p, file, command.input);
    }
    args.addAll(userArgs);
    ImageCommand resolved = new ImageCommand();
    new CommandLine(resolved)
        .setOverwrittenOptionsAllowed(true)
        .parseArgs(args.toArray(String[]::new));
    resolved.preset = null;
    resolved.defaultsFile = null;
    return resolved.toOptions();
  }

  private static void addOption(List<String> args, String key, String value) {
    if (value.equalsIgnoreCase("true")) {
      args.add("-" + key);
    } else if (!value.equalsIgnoreCase("false")) {
      args.add("-" + key);
      args.addAll(List.of(value.split("\\s+")));
    }
  }

  private static void addArrayOptions(List<String> args, Properties p, Path file, Path input) {
    VisibilityBlock b;
    try {
      b = UvfitsReader.read(input).block();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double longest = 0;
    for (int r = 0; r < b.nRows(); r++) {
      double u = b.uMetres()[r];
      double v = b.vMetres()[r];
      double w = b.wMetres()[r];
      longest = Math.max(longest, Math.sqrt(u * u + v * v + w * w));
    }
    double[] f = b.freqHz();
    int centChan = (int) Math.round(0.5 * (f[0] + f[f.length - 1]) / COARSE_CHANNEL_HZ);
    for (String name : p.getProperty("arrays").trim().split("\\s+")) {
      String pre = "array." + name + ".";
      if (longest >= number(p, file, pre + "min-longest-baseline-m")) {
        String n = String.valueOf((int) number(p, file, pre + "size"));
        args.addAll(List.of("-size", n, n));
        double scaleDeg = number(p, file, pre + "scale-base-deg") / centChan;
        args.addAll(List.of("-scale", String.format(Locale.ROOT, "%.10gdeg", scaleDeg)));
        if (p.getProperty(pre + "weight") != null) {
          addOption(args, "weight", p.getProperty(pre + "weight").trim());
        }
        return;
      }
    }
    throw new InvalidInputException(
        file.toString(),
        "arrays",
        "no array class matches a longest baseline of " + longest + " m");
  }

  private static double number(Properties p, Path file, String key) {
    String v = p.getProperty(key);
    try {
      return Double.parseDouble(v == null ? "" : v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(file.toString(), key, "expected a number, got '" + v + "'");
    }
  }

  private static Properties load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file.toString(), null, "no such defaults file");
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidInputException(
          file.toString(), null, "not a properties file: " + e.getMessage());
    }
    return p;
  }

  private static Path locate(String name) {
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new RadioSparkCli.BadOptionException("--preset: not a preset name: '" + name + "'");
    }
    String rel = "conf/" + name + ".properties";
    String home = System.getProperty("radiospark.home");
    if (home != null) {
      return Path.of(home).resolve(rel);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(rel))) {
        return d.resolve(rel);
      }
    }
    throw new RadioSparkCli.BadOptionException(
        "--preset " + name + ": " + rel + " not found here or in any parent folder");
  }
}
