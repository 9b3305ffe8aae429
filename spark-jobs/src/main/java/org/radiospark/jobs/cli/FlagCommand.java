package org.radiospark.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.kernels.flagging.AoFlaggerStrategy;
import org.radiospark.kernels.flagging.FlagParameters;
import org.radiospark.kernels.flagging.FlagResult;
import org.radiospark.kernels.flagging.VisibilityFlagger;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.model.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code radiospark flag}: RFI flagging of a UVFITS file (the GLEAM-X "flag" step): AOFlagger-style
 * SumThreshold and SIR per baseline, autoflag of bad antennas, uvflag of outlier baselines. Runs
 * locally on the driver (no Spark needed: one snapshot fits in memory); prints the statistics.
 */
@Command(
    name = "flag",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Flags RFI in INPUT.uvfits and writes OUTPUT.uvfits with the new flags (negative weights).",
      "Prints the fraction flagged per reason, per antenna and per channel."
    })
public final class FlagCommand implements Callable<Integer> {
  /** Channels are listed one per line only up to this many. */
  private static final int MAX_CHANNEL_LINES = 64;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INPUT.uvfits", description = "Visibilities to flag.")
  Path input;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUTPUT.uvfits")
  Path output;

  @Option(names = "--strategy", description = "Flagging strategy: default (AOFlagger's default).")
  String strategy = "default";

  @Option(
      names = "--base-threshold",
      description = "Threshold multiplier of the final SumThreshold pass (1; lower flags more).")
  double baseThreshold = 1.0;

  @Option(
      names = "--bad-antennas",
      split = ",",
      paramLabel = "ANT",
      description =
          "Antennas to flag entirely: 0-based indices into the file's antenna table or names.")
  List<String> badAntennas = new ArrayList<>();

  @Option(
      names = "--uvflag-sigma",
      description =
          "Flag baselines whose rms is this many robust sigmas from baselines of"
              + " similar uv distance (5; 0 = off).")
  double uvflagSigma = 5;

  @Option(
      names = "--uvflag-neighbours",
      description = "Baselines of nearest uv distance each one is compared with (30).")
  int uvflagNeighbours = 30;

  @Option(
      names = "--ignore-input-flags",
      description = "Start from no flags (for files whose flags are a conversion artefact).")
  boolean ignoreInputFlags;

  @Option(names = "-j", paramLabel = "THREADS", description = "Threads (all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--overwrite", description = "Replace an existing output.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    try (OutputSet outputs = new OutputSet(overwrite)) {
      Path tmp = outputs.stage(output);
      if (!Files.isRegularFile(input)) {
        throw new InvalidInputException(input.toString(), null, "no such file");
      }
      UvfitsData data =
          UvfitsReader.read(input, UvfitsReadOptions.defaults().withIgnoreFlags(ignoreInputFlags));
      FlagParameters params = parameters(data);
      FlagResult result = VisibilityFlagger.flag(data.block(), params);
      outputs.createDirectories();
      UvfitsWriter.write(
          tmp,
          new UvfitsData(
              result.block(),
              data.antennas(),
              data.antennaTable(),
              data.object(),
              data.telescope(),
              data.instrument(),
              data.equinox(),
              data.dateObs()),
          true);
      outputs.commit();
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "flag: %s -> %s (%d rows, %d channels, %d polarisations)%n",
          input,
          output,
          data.block().nRows(),
          data.block().nChan(),
          data.block().nPol());
      out.print(result.statistics().report(MAX_CHANNEL_LINES));
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** The kernel parameters, checking every option against the file. */
  FlagParameters parameters(UvfitsData data) {
    AoFlaggerStrategy s;
    try {
      s = AoFlaggerStrategy.named(strategy).withBaseThreshold(baseThreshold);
    } catch (IllegalArgumentException e) {
      throw new RadioSparkCli.BadOptionException("--strategy/--base-threshold: " + e.getMessage());
    }
    int[] bad = new int[badAntennas.size()];
    String[] names = data.antennas().names();
    for (int k = 0; k < bad.length; k++) {
      bad[k] = antennaIndex(badAntennas.get(k).trim(), names);
    }
    try {
      return new FlagParameters(s, bad, uvflagSigma, uvflagNeighbours, threads);
    } catch (IllegalArgumentException e) {
      throw new RadioSparkCli.BadOptionException(e.getMessage());
    }
  }

  private int antennaIndex(String token, String[] names) {
    for (int a = 0; a < names.length; a++) {
      if (names[a].equals(token)) {
        return a;
      }
    }
    int a;
    try {
      a = Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw new RadioSparkCli.BadOptionException(
          "--bad-antennas: '"
              + token
              + "' is neither an antenna name of "
              + input
              + " nor an index");
    }
    if (a < 0 || a >= names.length) {
      throw new RadioSparkCli.BadOptionException(
          "--bad-antennas: index " + a + " outside [0, " + names.length + ") of " + input);
    }
    return a;
  }
}
