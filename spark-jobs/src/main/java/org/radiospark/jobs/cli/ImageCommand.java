package org.radiospark.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.radiospark.jobs.config.ImageOptions;
import org.radiospark.jobs.imaging.ImageJob;
import org.radiospark.kernels.model.Stokes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code radiospark image}: WSClean-style imaging and deconvolution of a UVFITS file on Spark. */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Images visibilities with WSClean's options and output names:",
      "PREFIX-dirty.fits, -psf.fits, -image.fits, -residual.fits, -model.fits",
      "(PREFIX-NNNN-*.fits per channel group and PREFIX-MFS-*.fits with -channels-out > 1)."
    })
public final class ImageCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "INPUT.uvfits", description = "Visibilities (UVFITS).")
  Path input;

  @Option(names = "-name", required = true, paramLabel = "PREFIX", description = "Output prefix.")
  String prefix;

  @Option(
      names = "-size",
      arity = "2",
      paramLabel = "N",
      description = "Image width and height in pixels.")
  int[] size;

  @Option(
      names = "-scale",
      paramLabel = "ANGLE",
      description = "Pixel scale: 2asec, 1.5amin, 0.01deg (a bare number is degrees).")
  String scale;

  @Option(
      names = "-weight",
      arity = "1",
      parameterConsumer = WeightConsumer.class,
      paramLabel = "MODE",
      description = "natural, uniform (default) or briggs ROBUST.")
  List<String> weight = new ArrayList<>(List.of("uniform"));

  /**
   * {@code -weight MODE [ROBUST]}: takes the robustness only after {@code briggs}, so that {@code
   * -weight uniform INPUT} leaves INPUT to the positional parameter.
   */
  static final class WeightConsumer implements CommandLine.IParameterConsumer {
    @Override
    public void consumeParameters(
        java.util.Stack<String> args,
        CommandLine.Model.ArgSpec argSpec,
        CommandLine.Model.CommandSpec commandSpec) {
      if (args.isEmpty()) {
        throw new CommandLine.ParameterException(
            commandSpec.commandLine(), "-weight needs a mode: natural, uniform or briggs ROBUST");
      }
      List<String> values = new ArrayList<>();
      values.add(args.pop());
      if (values.get(0).equalsIgnoreCase("briggs") && !args.isEmpty()) {
        values.add(args.pop());
      }
      argSpec.setValue(values);
    }
  }

  @Option(
      names = "-padding",
      description = "Padding factor of the weighting grid, as WSClean's (1.2).")
  double padding = 1.2;

  @Option(
      names = "-weighting-rank-filter",
      paramLabel = "LEVEL",
      description = "Clip uniform/Briggs weights above LEVEL x the local mean (3; 0 = off).")
  double rankFilterLevel = 3;

  @Option(
      names = "-weighting-rank-filter-size",
      paramLabel = "CELLS",
      description = "Window of the weighting rank filter in uv cells (16).")
  int rankFilterSize = 16;

  @Option(names = "-niter", paramLabel = "N", description = "Maximum minor iterations (0).")
  double niter = 0;

  @Option(names = "-nmiter", paramLabel = "N", description = "Maximum major cycles (20).")
  int nmiter = 20;

  @Option(names = "-mgain", description = "Major-cycle gain (1.0: no major cycles).")
  double mgain = 1.0;

  @Option(names = "-gain", description = "Minor-loop gain (0.1).")
  double gain = 0.1;

  @Option(names = "-multiscale", description = "Multi-scale CLEAN.")
  boolean multiscale;

  @Option(names = "-multiscale-gain", description = "Sub-minor loop gain (0.2).")
  double multiscaleGain = 0.2;

  @Option(names = "-multiscale-scale-bias", description = "Scale bias (0.6).")
  double multiscaleScaleBias = 0.6;

  @Option(
      names = "-multiscale-scales",
      split = ",",
      paramLabel = "PIXELS",
      description = "Comma-separated scales in pixels (default: automatic).")
  List<Double> multiscaleScales = new ArrayList<>();

  @Option(names = "-threshold", paramLabel = "JY", description = "Absolute threshold (0).")
  double threshold = 0;

  @Option(names = "-auto-threshold", paramLabel = "SIGMA", description = "Stop at SIGMA x rms.")
  double autoThreshold = 0;

  @Option(names = "-auto-mask", paramLabel = "SIGMA", description = "Build masks to SIGMA x rms.")
  double autoMask = 0;

  @Option(names = "-pol", description = "Polarisation to image: I (default), XX, YY, RR, ...")
  String pol = "I";

  @Option(names = "-channels-out", paramLabel = "K", description = "Output channel groups (1).")
  int channelsOut = 1;

  @Option(names = "-epsilon", description = "Gridding accuracy (1e-4).")
  double epsilon = 1e-4;

  @Option(names = "-no-w-correction", description = "Ignore the w-term (small fields only).")
  boolean noWCorrection;

  @Option(names = "-ignore-flags", description = "Image flagged samples too.")
  boolean ignoreFlags;

  @Option(names = "-j", paramLabel = "THREADS", description = "Threads per imaging task.")
  int threads = 0;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (local[*]).")
  String master;

  @Option(names = "--overwrite", description = "Replace existing output files.")
  boolean overwrite;

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      description = "Defaults from conf/NAME.properties (gleamx: the GLEAM-X deep image).")
  String preset;

  @Option(
      names = "--defaults",
      paramLabel = "FILE",
      description = "Defaults from a properties file; command-line options win.")
  Path defaultsFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ImageOptions options = toOptions();
    ImageJob.main(options, master);
    return ExitCodes.OK;
  }

  /**
   * The options {@code radiospark image ARGS} would run with (for pipelines that image as one of
   * their steps, such as {@code gleamx}).
   *
   * @throws picocli.CommandLine.ParameterException for arguments {@code image} does not accept
   */
  public static ImageOptions parseOptions(String... args) {
    ImageCommand c = new ImageCommand();
    new picocli.CommandLine(c).parseArgs(args);
    return c.toOptions();
  }

  ImageOptions toOptions() {
    if (preset != null || defaultsFile != null) {
      return ImagePreset.apply(this, spec.commandLine().getParseResult().originalArgs());
    }
    if (size == null || scale == null) {
      throw bad("-size and -scale are required (or --preset NAME / --defaults FILE)");
    }
    String mode = weight.get(0).toLowerCase(java.util.Locale.ROOT);
    double robust = 0;
    if (mode.equals("briggs")) {
      if (weight.size() < 2) {
        throw bad("-weight briggs needs a robustness value, e.g. -weight briggs 0.5");
      }
      robust = parseDouble(weight.get(1), "-weight briggs");
    } else if (weight.size() > 1) {
      throw bad("-weight " + mode + " takes no value");
    }
    Stokes stokes;
    try {
      stokes = Stokes.valueOf(pol.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad("-pol must be one of I Q U V XX YY XY YX RR LL RL LR, not '" + pol + "'");
    }
    double cell;
    try {
      cell = AngleParser.parseRadians(scale);
    } catch (IllegalArgumentException e) {
      throw bad("-scale: " + e.getMessage());
    }
    if (niter < 0 || niter > 1e12 || niter != Math.rint(niter)) {
      throw bad("-niter must be a whole number >= 0, not " + niter);
    }
    try {
      return new ImageOptions(
              input.toString(),
              prefix,
              size[0],
              size[1],
              cell,
              mode,
              robust,
              (long) niter,
              nmiter,
              mgain,
              gain,
              multiscale,
              multiscaleGain,
              multiscaleScaleBias,
              multiscaleScales,
              threshold,
              autoThreshold,
              autoMask,
              stokes,
              channelsOut,
              epsilon,
              !noWCorrection,
              ignoreFlags,
              threads,
              overwrite,
              padding,
              rankFilterLevel,
              rankFilterSize)
          .validate();
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
  }

  private static double parseDouble(String s, String option) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw bad(option + ": not a number: '" + s + "'");
    }
  }

  private static RadioSparkCli.BadOptionException bad(String message) {
    return new RadioSparkCli.BadOptionException(message);
  }
}
