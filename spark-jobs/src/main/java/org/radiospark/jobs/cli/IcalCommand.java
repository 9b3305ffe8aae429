package org.radiospark.jobs.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.radiospark.jobs.ical.IcalJob;
import org.radiospark.jobs.ical.IcalOptions;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.selfcal.FacetLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code radiospark ical}: self-calibration and imaging (ARL's ICAL) on Spark. */
@Command(
    name = "ical",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Self-calibration loop: predict, solve, correct, subtract, grid, deconvolve per facet.",
      "Writes PREFIX-{dirty,psf,model,residual,image}.fits (+ .png), PREFIX-gains.fits,",
      "PREFIX-components.csv and PREFIX-metrics.json."
    })
public class IcalCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "INPUT.uvfits", description = "Visibilities (UVFITS).")
  Path input;

  @Option(names = "-name", required = true, paramLabel = "PREFIX", description = "Output prefix.")
  String prefix;

  @Option(
      names = "-size",
      arity = "2",
      paramLabel = "N",
      description = "Image width and height in pixels (512 512).")
  int[] size = {512, 512};

  @Option(
      names = "-scale",
      required = true,
      paramLabel = "ANGLE",
      description = "Pixel scale: 2asec, 1.5amin, 0.01deg (a bare number is degrees).")
  String scale;

  @Option(names = "--nmajor", paramLabel = "N", description = "Major loops (5).")
  int nmajor = 5;

  @Option(
      names = "--nselfcal",
      paramLabel = "K",
      description = "Loops that solve for gains, from the first with a model (3).")
  int nselfcal = 3;

  @Option(names = "--facets", paramLabel = "NXxNY", description = "Facets (2x2).")
  String facets = "2x2";

  @Option(
      names = "--freq-partitions",
      paramLabel = "P",
      description = "Spark partitions of the visibilities by frequency (2).")
  int freqPartitions = 2;

  @Option(
      names = "--freq-blocks",
      paramLabel = "B",
      description =
          "Frequency blocks (gain solution cells; default min(channels, max(8, partitions))).")
  int freqBlocks = 0;

  @Option(
      names = "--solint",
      paramLabel = "SECONDS",
      description = "Solution interval in seconds (60; 0 = whole observation).")
  double solint = 60;

  @Option(
      names = "--cal-type",
      paramLabel = "TYPE",
      description = "phase (default), diagonal or full; the first round is phase-only.")
  String calType = "phase";

  @Option(
      names = "--strategy",
      paramLabel = "NAME",
      description = "partitioner (default) or cogroup (the paper's joins, for comparison).")
  String strategy = IcalOptions.PARTITIONER;

  @Option(names = "-niter", paramLabel = "N", description = "CLEAN components in all (10000).")
  double niter = 10000;

  @Option(names = "-gain", description = "Minor-loop gain (0.1).")
  double gain = 0.1;

  @Option(names = "-mgain", description = "Fraction of the peak cleaned per major loop (0.8).")
  double mgain = 0.8;

  @Option(names = "-auto-threshold", paramLabel = "SIGMA", description = "Stop at SIGMA x rms (3).")
  double autoThreshold = 3;

  @Option(
      names = "-auto-mask",
      paramLabel = "SIGMA",
      description = "Clean to SIGMA x rms, then only where components are (0 = off).")
  double autoMask = 0;

  @Option(names = "-threshold", paramLabel = "JY", description = "Absolute threshold (0).")
  double threshold = 0;

  @Option(names = "-multiscale", description = "Multi-scale CLEAN in the facets.")
  boolean multiscale;

  @Option(names = "-epsilon", description = "Gridding accuracy (1e-5).")
  double epsilon = 1e-5;

  @Option(names = "-no-w-correction", description = "Ignore the w-term (small fields only).")
  boolean noWCorrection;

  @Option(names = "--refant", paramLabel = "INDEX", description = "Reference antenna (0).")
  int refAnt = 0;

  @Option(
      names = "--skymodel",
      paramLabel = "CSV",
      description =
          "Initial sky model (component CSV), predicted exactly; self-cal starts at once.")
  Path skymodel;

  @Option(
      names = "--compact-model",
      paramLabel = "RADIUS_PX",
      description =
          "Predict each isolated cluster of CLEAN components within RADIUS_PX pixels as one point"
              + " at its centroid (2.5; 0 = predict the pixels).")
  double compactModel = 2.5;

  @Option(names = "-j", paramLabel = "THREADS", description = "Threads per task.")
  int threads = 0;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (local[*]).")
  String master;

  @Option(
      names = "--resume",
      description =
          "Start from the last completed major loop in PREFIX-checkpoint/ (same options and"
              + " input; --nmajor may grow) and replace the outputs.")
  boolean resume;

  @Option(names = "--overwrite", description = "Replace existing output files.")
  boolean overwrite;

  @Override
  public Integer call() {
    IcalJob.main(toOptions(), master);
    return ExitCodes.OK;
  }

  IcalOptions toOptions() {
    double cell;
    try {
      cell = AngleParser.parseRadians(scale);
    } catch (IllegalArgumentException e) {
      throw bad("-scale: " + e.getMessage());
    }
    FacetLayout layout;
    try {
      layout = FacetLayout.parse(facets, size[0], size[1]);
    } catch (InvalidInputException e) {
      throw bad("--facets: " + e.getMessage());
    }
    String type = calType.toLowerCase(Locale.ROOT);
    if (!type.equals("phase") && !type.equals("diagonal") && !type.equals("full")) {
      throw bad("--cal-type must be phase, diagonal or full, not '" + calType + "'");
    }
    String strat = strategy.toLowerCase(Locale.ROOT);
    if (!strat.equals(IcalOptions.PARTITIONER) && !strat.equals(IcalOptions.COGROUP)) {
      throw bad("--strategy must be partitioner or cogroup, not '" + strategy + "'");
    }
    require(nmajor >= 1, "--nmajor must be at least 1, not " + nmajor);
    require(nselfcal >= 0, "--nselfcal must be >= 0, not " + nselfcal);
    require(freqPartitions >= 1, "--freq-partitions must be at least 1, not " + freqPartitions);
    require(freqBlocks >= 0, "--freq-blocks must be >= 0, not " + freqBlocks);
    require(solint >= 0 && Double.isFinite(solint), "--solint must be >= 0 seconds");
    require(
        niter >= 0 && niter <= 1e12 && niter == Math.rint(niter),
        "-niter must be a whole number >= 0, not " + niter);
    require(gain > 0 && gain <= 1, "-gain must be in (0, 1], not " + gain);
    require(mgain > 0 && mgain <= 1, "-mgain must be in (0, 1], not " + mgain);
    require(autoThreshold >= 0, "-auto-threshold must be >= 0");
    require(autoMask >= 0, "-auto-mask must be >= 0");
    require(threshold >= 0, "-threshold must be >= 0");
    require(epsilon > 0 && epsilon < 0.1, "-epsilon must be in (0, 0.1), not " + epsilon);
    require(refAnt >= 0, "--refant must be >= 0, not " + refAnt);
    require(threads >= 0, "-j must be >= 0, not " + threads);
    require(
        compactModel >= 0 && compactModel <= 100,
        "--compact-model must be in [0, 100] pixels, not " + compactModel);
    return new IcalOptions(
        input.toString(),
        prefix,
        size[0],
        size[1],
        cell,
        nmajor,
        nselfcal,
        layout.facetsX(),
        layout.facetsY(),
        freqPartitions,
        freqBlocks,
        solint,
        type,
        strat,
        (long) niter,
        gain,
        mgain,
        autoThreshold,
        autoMask,
        threshold,
        multiscale,
        epsilon,
        !noWCorrection,
        threads,
        refAnt,
        skymodel == null ? null : skymodel.toString(),
        compactModel,
        resume,
        overwrite);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw bad(message);
    }
  }

  private static RadioSparkCli.BadOptionException bad(String message) {
    return new RadioSparkCli.BadOptionException(message);
  }
}
