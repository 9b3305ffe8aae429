package org.radiospark.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.io.mwa.Metafits;
import org.radiospark.kernels.io.mwa.MetafitsReader;
import org.radiospark.kernels.preprocess.PreprocessParameters;
import org.radiospark.kernels.preprocess.PreprocessResult;
import org.radiospark.kernels.preprocess.Preprocessor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code radiospark preprocess}: raw MWA gpubox files (legacy or MWAX correlator) plus metafits to
 * UVFITS, as Cotter/Birli do: reordering, cable-delay and geometric phase corrections, uvw,
 * coarse-channel edge/centre, quack, tile and mwaf flags, optional averaging. A local run (no
 * Spark).
 */
@Command(
    name = "preprocess",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Preprocesses raw MWA correlator files (legacy gpuboxNN or MWAX chCCC) to UVFITS.",
      "Pols are written XX YY XY YX; rows time-major, baselines a1 <= a2 incl. autos."
    })
public final class PreprocessCommand implements Callable<Integer> {

  @Option(
      names = "--metafits",
      required = true,
      paramLabel = "M.metafits",
      description = "The observation's metafits file.")
  Path metafits;

  @Parameters(arity = "1..*", paramLabel = "GPUBOX", description = "gpubox FITS files.")
  List<Path> gpubox = new ArrayList<>();

  @Option(
      names = "--mwaf",
      arity = "1..*",
      paramLabel = "F",
      description = "Cotter mwaf flag files (one per coarse channel).")
  List<Path> mwaf = new ArrayList<>();

  @Option(
      names = "--time-avg-s",
      paramLabel = "S",
      description = "Output integration, s (0 = correlator's; GLEAM-X 4).")
  double timeAvgSec = 0;

  @Option(
      names = "--freq-avg-khz",
      paramLabel = "KHZ",
      description = "Output channel width, kHz (0 = correlator's; GLEAM-X 40).")
  double freqAvgKhz = 0;

  @Option(
      names = "--edge-khz",
      paramLabel = "KHZ",
      description = "Flagged width at each coarse-channel edge, kHz (80).")
  double edgeKhz = 80;

  @Option(names = "--no-centre-flag", description = "Keep the coarse channels' centre channel.")
  boolean noCentreFlag;

  @Option(names = "--no-quack", description = "Keep the metafits QUACKTIM at the start.")
  boolean noQuack;

  @Option(names = "--no-cable-delay", description = "Do not apply cable-length delays.")
  boolean noCableDelay;

  @Option(names = "--no-geometric", description = "Do not phase to the metafits phase centre.")
  boolean noGeometric;

  @Option(
      names = "--uvw-frame",
      paramLabel = "FRAME",
      description = "COTTER (default: J2000 axes, aberrated centre), J2000 or APPARENT.")
  PreprocessParameters.UvwFrame uvwFrame = PreprocessParameters.UvwFrame.COTTER;

  @Option(names = "-j", paramLabel = "THREADS", description = "Threads (all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUT.uvfits")
  Path output;

  @Option(names = "--overwrite", description = "Replace an existing output.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    PreprocessParameters params = parameters();
    try (OutputSet outputs = new OutputSet(overwrite)) {
      Path tmp = outputs.stage(output);
      Metafits meta = MetafitsReader.read(metafits);
      PreprocessResult result;
      try {
        result = Preprocessor.run(meta, gpubox, mwaf, params);
      } catch (IllegalArgumentException e) {
        throw new RadioSparkCli.BadOptionException(e.getMessage());
      }
      outputs.createDirectories();
      String object = meta.obsName().isEmpty() ? String.valueOf(meta.gpsTime()) : meta.obsName();
      UvfitsWriter.write(
          tmp, UvfitsData.of(result.block(), result.antennas(), object, "MWA"), true);
      outputs.commit();
      System.err.printf(
          "preprocess: wrote %s (%d rows x %d channels; cable delays %s, geometric %s)%n",
          output,
          result.block().nRows(),
          result.block().nChan(),
          result.appliedCableDelay() ? "applied" : "not applied",
          result.appliedGeometric() ? "applied" : "not applied");
    }
    return ExitCodes.OK;
  }

  private PreprocessParameters parameters() {
    try {
      return new PreprocessParameters(
          timeAvgSec,
          freqAvgKhz * 1e3,
          edgeKhz * 1e3,
          !noCentreFlag,
          !noQuack,
          !noCableDelay,
          !noGeometric,
          uvwFrame,
          threads);
    } catch (IllegalArgumentException e) {
      throw new RadioSparkCli.BadOptionException(e.getMessage());
    }
  }
}
