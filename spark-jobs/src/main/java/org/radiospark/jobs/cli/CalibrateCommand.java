package org.radiospark.jobs.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.jobs.ical.GainPlots;
import org.radiospark.kernels.beam.MwaAnalyticBeam;
import org.radiospark.kernels.calibration.JonesMode;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.io.AipsAntennaTable;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.io.mwa.MetafitsReader;
import org.radiospark.kernels.mwacal.MwaCalParameters;
import org.radiospark.kernels.mwacal.MwaCalibrator;
import org.radiospark.kernels.mwacal.SolutionsFile;
import org.radiospark.kernels.skymodel.CatalogueComponent;
import org.radiospark.kernels.skymodel.SkyModelReader;
import org.radiospark.kernels.skymodel.SkyModelSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code radiospark calibrate}: sky-model calibration of an MWA UVFITS snapshot (GLEAM-X autocal,
 * hyperdrive di-calibrate): the sky model's components within the field and above the flux cut,
 * attenuated by the analytic MWA tile beam, predicted per channel; StEFCal solutions per channel
 * (or block) written as a gain-table FITS. A local run (no Spark): {@link MwaCalibrator} does the
 * work.
 */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Solves per-channel Jones matrices of an MWA UVFITS against a GLEAM VOTable or",
      "hyperdrive YAML sky model seen through the analytic MWA tile beam."
    })
public final class CalibrateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "INPUT.uvfits", description = "Visibilities (UVFITS).")
  Path input;

  @Option(
      names = "--skymodel",
      required = true,
      paramLabel = "FILE",
      description = "GLEAM VOTable (.vot) or hyperdrive source list (.yaml).")
  Path skymodel;

  @Option(
      names = "--flux-cut",
      paramLabel = "JY",
      description = "Smallest Stokes I at the band centre, Jy (0).")
  double fluxCutJy = 0;

  @Option(
      names = "--radius",
      paramLabel = "DEG",
      description = "Components within this distance of the phase centre, degrees (30).")
  double radiusDeg = 30;

  @Option(
      names = "--max-sources",
      paramLabel = "N",
      description = "Brightest N components at most (GLEAM-X 200).")
  int maxSources = 200;

  @Option(
      names = "--uvmin",
      paramLabel = "LAMBDA",
      description = "Shortest baseline used, wavelengths (GLEAM-X 75).")
  double uvMin = MwaCalParameters.GLEAMX_UV_MIN;

  @Option(names = "--uvmax", paramLabel = "LAMBDA", description = "Longest baseline (none).")
  double uvMax = Double.POSITIVE_INFINITY;

  @Option(
      names = "--cal-type",
      paramLabel = "TYPE",
      description = "full (2x2 Jones, default) or diagonal.")
  String calType = "full";

  @Option(
      names = "--freq-avg",
      paramLabel = "N",
      description = "Channels per solution (1: per channel).")
  int freqAvg = 1;

  @Option(
      names = "--refant",
      paramLabel = "INDEX",
      description = "0-based reference antenna (automatic: the one with most data).")
  int refAnt = -1;

  @Option(
      names = "--metafits",
      paramLabel = "M.metafits",
      description = "Observation metafits: the beam's dipole delays.")
  Path metafits;

  @Option(
      names = "--delays",
      split = ",",
      paramLabel = "D",
      description = "16 comma-separated dipole delays instead of --metafits.")
  List<Integer> delays;

  @Option(names = "--no-beam", description = "Calibrate against the unattenuated sky.")
  boolean noBeam;

  @Option(
      names = "--ignore-flags",
      description = "Use flagged samples too (files whose weights are all <= 0).")
  boolean ignoreFlags;

  @Option(names = "-j", paramLabel = "THREADS", description = "Predict threads (all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "SOLUTIONS.fits")
  Path output;

  @Option(names = "--overwrite", description = "Replace an existing output.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    MwaCalParameters params = parameters();
    MwaAnalyticBeam beam = beam();
    try (OutputSet outputs = new OutputSet(overwrite)) {
      Path tmp = outputs.stage(output);
      Path amp = outputs.stage(plotName(output, "amp"));
      Path phase = outputs.stage(plotName(output, "phase"));
      UvfitsData data =
          UvfitsReader.read(input, UvfitsReadOptions.defaults().withIgnoreFlags(ignoreFlags));
      double[] f = data.block().freqHz();
      double centreHz = 0.5 * (f[0] + f[f.length - 1]);
      SkyModelSelection selection =
          new SkyModelSelection(
              data.block().phaseCentre(),
              Math.toRadians(radiusDeg),
              fluxCutJy,
              centreHz,
              maxSources);
      List<CatalogueComponent> sky = selection.apply(SkyModelReader.read(skymodel));
      if (sky.isEmpty()) {
        throw new RadioSparkCli.BadOptionException(
            skymodel
                + ": no component within "
                + radiusDeg
                + " deg of the phase centre above "
                + fluxCutJy
                + " Jy");
      }
      MwaCalibrator.Result result =
          MwaCalibrator.calibrate(data.block(), data.antennas(), site(data), sky, beam, params);
      Map<String, String> keys = new LinkedHashMap<>();
      keys.put("SKYMODEL", ascii(skymodel.getFileName().toString()));
      keys.put("BEAM", beam == null ? "none" : "MWA analytic " + delaysText(beam));
      keys.put("INPUT", ascii(input.getFileName().toString()));
      outputs.createDirectories();
      SolutionsFile.write(tmp, result, data.block(), data.antennas(), keys, true);
      GainPlots.write(result.solution().table(), amp, phase);
      outputs.commit();
      System.err.printf(
          Locale.ROOT,
          "calibrate: wrote %s (%s, %d channel blocks, %d components; residual/model power"
              + " %.4g before, %.4g after)%n",
          output,
          params.mode(),
          result.solution().table().nChanBlocks(),
          result.nComponents(),
          result.residualRatioBefore(),
          result.residualRatioAfter());
    }
    return ExitCodes.OK;
  }

  /** {@code SOLUTIONS.fits} gets {@code SOLUTIONS-amp.png} and {@code SOLUTIONS-phase.png}. */
  static Path plotName(Path solutions, String what) {
    String name = solutions.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return solutions.resolveSibling(stem + "-" + what + ".png");
  }

  /** The array centre: the AN table's ARRAYX/Y/Z when set, else the antennas' centroid. */
  private static GeodeticPosition site(UvfitsData data) {
    AipsAntennaTable t = data.antennaTable();
    double[] xyz = {t.arrayX(), t.arrayY(), t.arrayZ()};
    if (Math.sqrt(xyz[0] * xyz[0] + xyz[1] * xyz[1] + xyz[2] * xyz[2]) < 6e6) {
      xyz = data.antennas().centroidMetres();
    }
    return GeodeticPosition.fromItrf(xyz);
  }

  private MwaAnalyticBeam beam() throws java.io.IOException {
    int given = (metafits != null ? 1 : 0) + (delays != null ? 1 : 0) + (noBeam ? 1 : 0);
    if (given != 1) {
      throw new RadioSparkCli.BadOptionException(
          "give exactly one of --metafits M, --delays D,D,... (16 values) or --no-beam");
    }
    if (noBeam) {
      return null;
    }
    if (metafits != null) {
      return MwaAnalyticBeam.fromMetafits(MetafitsReader.read(metafits));
    }
    return new MwaAnalyticBeam(delays.stream().mapToInt(Integer::intValue).toArray());
  }

  private MwaCalParameters parameters() {
    JonesMode mode =
        switch (calType.toLowerCase(Locale.ROOT)) {
          case "full" -> JonesMode.FULL;
          case "diagonal" -> JonesMode.DIAGONAL;
          default ->
              throw new RadioSparkCli.BadOptionException(
                  "--cal-type must be full or diagonal, not '" + calType + "'");
        };
    if (!(radiusDeg > 0 && radiusDeg <= 180)) {
      throw new RadioSparkCli.BadOptionException("--radius must be in (0, 180] degrees");
    }
    if (maxSources < 1) {
      throw new RadioSparkCli.BadOptionException("--max-sources must be at least 1");
    }
    if (threads < 1) {
      throw new RadioSparkCli.BadOptionException("-j must be at least 1");
    }
    return MwaCalParameters.defaults()
        .withMode(mode)
        .withChansPerBlock(freqAvg)
        .withUvRange(uvMin, uvMax)
        .withRefAnt(refAnt)
        .withThreads(threads);
  }

  private static String delaysText(MwaAnalyticBeam beam) {
    StringBuilder b = new StringBuilder();
    for (int d : beam.delays()) {
      b.append(b.length() == 0 ? "" : ",").append(d);
    }
    return b.toString();
  }

  private static String ascii(String s) {
    return s.replaceAll("[^ -~]", "_");
  }
}
