package org.radiospark.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.radiospark.jobs.qa.QaSinks;
import org.radiospark.jobs.spectral.MemoryEstimate;
import org.radiospark.jobs.spectral.SpectralJob;
import org.radiospark.jobs.spectral.SpectralOptions;
import org.radiospark.kernels.polarisation.stokes.PolarisationCleanMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code radiospark spectral}: full-Stokes channel imaging, Faraday moments and RM synthesis of a
 * UVFITS file on Spark.
 */
@Command(
    name = "spectral",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Channel-by-channel I, Q, U, V imaging with polarisation CLEAN, then Faraday moments and",
      "RM synthesis per spatial tile: PREFIX-image-IQUV.fits, PREFIX-fdf-amplitude.fits,",
      "PREFIX-moment-*.fits, PREFIX-peak-*.fits, PREFIX-fracpol.fits, PNG quick-looks and",
      "PREFIX-channels.csv; one QA message per channel and per stage."
    })
public final class SpectralCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "INPUT.uvfits", description = "Visibilities (UVFITS).")
  Path input;

  @Option(names = "-name", required = true, paramLabel = "PREFIX", description = "Output prefix.")
  String prefix;

  @Option(
      names = "-size",
      arity = "2",
      required = true,
      paramLabel = "N",
      description = "Image width and height in pixels.")
  int[] size;

  @Option(
      names = "-scale",
      required = true,
      paramLabel = "ANGLE",
      description = "Pixel scale: 2asec, 1.5amin, 0.01deg (a bare number is degrees).")
  String scale;

  @Option(
      names = "-weight",
      arity = "1",
      parameterConsumer = ImageCommand.WeightConsumer.class,
      paramLabel = "MODE",
      description = "natural, uniform or briggs ROBUST (briggs 0).")
  List<String> weight = new ArrayList<>(List.of("briggs", "0"));

  @Option(names = "-niter", paramLabel = "N", description = "Minor iterations per channel (1000).")
  long niter = 1000;

  @Option(names = "-nmiter", paramLabel = "N", description = "Maximum major cycles (10).")
  int nmiter = 10;

  @Option(names = "-mgain", description = "Major-cycle gain (0.8; 1 = image plane only).")
  double mgain = 0.8;

  @Option(names = "-gain", description = "Minor-loop gain (0.1).")
  double gain = 0.1;

  @Option(names = "-threshold", paramLabel = "JY", description = "Absolute threshold (0).")
  double threshold = 0;

  @Option(
      names = "-auto-threshold",
      paramLabel = "SIGMA",
      description = "Stop at SIGMA x the quadrature rms of the cleaned group (3).")
  double autoThreshold = 3;

  @Option(
      names = "--pol-clean",
      paramLabel = "MODE",
      description = "joined (peak of sqrt(I^2+Q^2+U^2+V^2), default) or qu (I, |Q+iU|, V).")
  String polClean = "joined";

  @Option(names = "-epsilon", description = "Gridding accuracy (1e-4).")
  double epsilon = 1e-4;

  @Option(names = "-l", paramLabel = "PHIMAX", description = "Largest |Faraday depth| (auto).")
  double phiMax = 0;

  @Option(names = "-d", paramLabel = "DPHI", description = "Faraday-depth step (FWHM/10).")
  double dPhi = 0;

  @Option(
      names = "--candidate-sigma",
      paramLabel = "K",
      description = "Moment-mask threshold in robust noises (5).")
  double candidateSigma = 5;

  @Option(
      names = "--channels-per-task",
      paramLabel = "K",
      description = "Channels imaged by one Spark task (1).")
  int channelsPerTask = 1;

  @Option(
      names = "--tile-size",
      paramLabel = "T",
      description = "Side of the spatial tiles of RM synthesis, pixels (64).")
  int tileSize = 64;

  @Option(
      names = "--qa",
      paramLabel = "URI",
      description =
          "QA sink: log: (default), jsonl:PATH or kafka://HOST:PORT/TOPIC; if the broker fails,"
              + " the messages from then on go to PREFIX-qa-fallback.jsonl.")
  String qa = "log:";

  @Option(
      names = "--executor-memory-hint",
      paramLabel = "SIZE",
      description =
          "Executor memory to plan tasks for (e.g. 4g); default spark.executor.memory, or the"
              + " JVM heap on a local master.")
  String memoryHint;

  @Option(names = "-j", paramLabel = "THREADS", description = "Threads per imaging task.")
  int threads = 0;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (local[*]).")
  String master;

  @Option(names = "--overwrite", description = "Replace existing output files.")
  boolean overwrite;

  @Override
  public Integer call() {
    SpectralJob.main(toOptions(), master);
    return ExitCodes.OK;
  }

  SpectralOptions toOptions() {
    String mode = weight.get(0).toLowerCase(Locale.ROOT);
    double robust = 0;
    if (mode.equals("briggs")) {
      if (weight.size() < 2) {
        throw bad("-weight briggs needs a robustness value, e.g. -weight briggs 0.5");
      }
      try {
        robust = Double.parseDouble(weight.get(1));
      } catch (NumberFormatException e) {
        throw bad("-weight briggs: not a number: '" + weight.get(1) + "'");
      }
    } else if (weight.size() > 1) {
      throw bad("-weight " + mode + " takes no value");
    }
    PolarisationCleanMode pm =
        switch (polClean.toLowerCase(Locale.ROOT)) {
          case "joined" -> PolarisationCleanMode.JOINED_IQUV;
          case "qu" -> PolarisationCleanMode.COMPLEX_QU;
          default -> throw bad("--pol-clean must be joined or qu, not '" + polClean + "'");
        };
    double cell;
    try {
      cell = AngleParser.parseRadians(scale);
    } catch (IllegalArgumentException e) {
      throw bad("-scale: " + e.getMessage());
    }
    QaSinks.check(qa);
    long hint = memoryHint == null ? 0 : MemoryEstimate.parseBytes(memoryHint);
    try {
      return new SpectralOptions(
              input.toString(),
              prefix,
              size[0],
              size[1],
              cell,
              new SpectralOptions.Deconvolution(
                  mode, robust, niter, nmiter, mgain, gain, threshold, autoThreshold, pm, epsilon),
              new SpectralOptions.Faraday(phiMax, dPhi, candidateSigma),
              new SpectralOptions.Execution(channelsPerTask, tileSize, qa, hint, threads),
              overwrite)
          .validate();
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
  }

  private static RadioSparkCli.BadOptionException bad(String message) {
    return new RadioSparkCli.BadOptionException(message);
  }
}
