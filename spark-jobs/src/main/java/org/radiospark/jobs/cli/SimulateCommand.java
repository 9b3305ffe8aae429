package org.radiospark.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsWriter;
import org.radiospark.kernels.io.layout.LayoutReader;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.simulation.ObservationTiming;
import org.radiospark.kernels.simulation.RandomSourceParameters;
import org.radiospark.kernels.simulation.RandomSources;
import org.radiospark.kernels.simulation.SimulatedObservation;
import org.radiospark.kernels.simulation.SimulationParameters;
import org.radiospark.kernels.simulation.Simulator;
import org.radiospark.kernels.simulation.TruthFile;
import org.radiospark.kernels.skymodel.ComponentCsv;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code radiospark simulate}: visibilities of a sky model observed by a real array layout, with
 * thermal noise and per-antenna gain errors, written as UVFITS plus {@code OUT.truth.json}.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Simulates an observation: OUT.uvfits and OUT.truth.json (components, gains, parameters).",
      "The observation is centred on the field's first transit after --after-utc-mjd."
    })
public final class SimulateCommand implements Callable<Integer> {

  @Option(
      names = "--layout",
      required = true,
      paramLabel = "FILE",
      description = "Antenna layout: SKA .cfg, LOWBD2 .csv, mwa_ant_pos.csv or MWA metafits.")
  Path layout;

  @Option(names = "--ra", required = true, paramLabel = "DEG", description = "Phase centre RA.")
  double raDeg;

  @Option(names = "--dec", required = true, paramLabel = "DEG", description = "Phase centre Dec.")
  double decDeg;

  @Option(names = "--freq-hz", required = true, description = "First channel centre, Hz.")
  double freqHz;

  @Option(names = "--channels", description = "Number of channels (1).")
  int channels = 1;

  @Option(names = "--chan-width-hz", description = "Channel width and spacing, Hz (1e6).")
  double chanWidthHz = 1e6;

  @Option(names = "--times", description = "Number of integrations (1).")
  int times = 1;

  @Option(names = "--int-s", description = "Integration time, s (10).")
  double intSec = 10;

  @ArgGroup(multiplicity = "1")
  Sky sky;

  static final class Sky {
    @Option(names = "--sources", paramLabel = "CSV", description = "Sky components (CSV).")
    Path sources;

    @Option(names = "--random-sources", paramLabel = "N", description = "N random point sources.")
    Integer randomSources;
  }

  @Option(
      names = "--field-radius-deg",
      description = "Radius of the random-source field, deg (0.25).")
  double fieldRadiusDeg = 0.25;

  @Option(names = "--flux-range-jy", arity = "2", description = "Random source fluxes (0.01 1).")
  double[] fluxRange = {0.01, 1.0};

  @Option(names = "--noise-jy", description = "Thermal noise per real/imag part, Jy (0).")
  double noiseJy = 0;

  @Option(names = "--gain-phase-rms", paramLabel = "RAD", description = "Gain phase rms (0).")
  double gainPhaseRms = 0;

  @Option(names = "--gain-amp-rms", paramLabel = "FRAC", description = "Gain amplitude rms (0).")
  double gainAmpRms = 0;

  @Option(names = "--leakage-rms", description = "Polarisation leakage rms (0).")
  double leakageRms = 0;

  @Option(names = "--feeds", description = "linear (XX XY YX YY, default) or circular.")
  String feeds = "linear";

  @Option(
      names = "--pols",
      split = ",",
      paramLabel = "CORR",
      description = "Correlations to write, e.g. XX,YY (default: all four of --feeds).")
  List<String> pols = new java.util.ArrayList<>();

  @Option(
      names = "--antennas",
      paramLabel = "N",
      description = "Use only the first N antennas of the layout (all).")
  int maxAntennas = 0;

  @Option(
      names = "--after-utc-mjd",
      description = "Observe the first transit after this MJD (61041 = 2026-01-01).")
  double afterMjd = 61041;

  @Option(names = "--seed", description = "Random seed (1).")
  long seed = 1;

  @Option(names = "-j", paramLabel = "THREADS", description = "Threads (all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUT.uvfits")
  Path output;

  @Option(names = "--overwrite", description = "Replace existing outputs.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    Path truthPath = truthPathOf(output);
    try (OutputSet outputs = new OutputSet(overwrite)) {
      Path uvTmp = outputs.stage(output);
      Path truthTmp = outputs.stage(truthPath);

      AntennaConfiguration array = subset(LayoutReader.read(layout), maxAntennas);
      PhaseCentre centre = centre();
      List<SkyComponent> components = components(centre);
      GeodeticPosition site = GeodeticPosition.fromItrf(array.centroidMetres());
      double start =
          ObservationTiming.transitCentredStart(
              centre.raRad(), site.lonRad(), afterMjd * 86400.0, times, intSec);
      SimulationParameters params =
          SimulationParameters.builder(centre, start)
              .times(times, intSec)
              .channels(freqHz, chanWidthHz, channels)
              .pols(correlations())
              .noiseSigmaJy(noiseJy)
              .gainErrors(gainPhaseRms, gainAmpRms)
              .leakageRms(leakageRms)
              .seed(seed)
              .nThreads(threads)
              .build();
      System.err.printf(
          "simulate: %d antennas, %d times x %d channels, %d components%n",
          array.nAntennas(), times, channels, components.size());
      SimulatedObservation obs = Simulator.simulate(array, components, params);
      outputs.createDirectories();
      UvfitsWriter.write(
          uvTmp,
          UvfitsData.of(obs.visibilities(), array, "SIMULATED", "RadioSpark simulate"),
          true);
      TruthFile.write(truthTmp, obs);
      outputs.commit();
      System.err.printf(
          "simulate: wrote %s (%d rows) and %s%n",
          output, obs.visibilities().nRows(), truthPath.getFileName());
    }
    return ExitCodes.OK;
  }

  /** {@code OUT.uvfits} -> {@code OUT.truth.json}. */
  static Path truthPathOf(Path uvfits) {
    String name = uvfits.getFileName().toString();
    String stem =
        name.toLowerCase(java.util.Locale.ROOT).endsWith(".uvfits")
            ? name.substring(0, name.length() - ".uvfits".length())
            : name;
    return uvfits.resolveSibling(stem + ".truth.json");
  }

  private PhaseCentre centre() {
    if (decDeg < -90 || decDeg > 90) {
      throw new RadioSparkCli.BadOptionException("--dec must be in [-90, 90]: " + decDeg);
    }
    if (!feeds.equals("linear") && !feeds.equals("circular")) {
      throw new RadioSparkCli.BadOptionException("--feeds must be linear or circular: " + feeds);
    }
    return PhaseCentre.ofDegrees(raDeg, decDeg);
  }

  private Stokes[] correlations() {
    if (pols.isEmpty()) {
      return feeds.equals("circular") ? SimulationParameters.CIRCULAR : SimulationParameters.LINEAR;
    }
    Stokes[] out = new Stokes[pols.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = Stokes.valueOf(pols.get(i).trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new RadioSparkCli.BadOptionException("--pols: unknown correlation " + pols.get(i));
      }
    }
    return out;
  }

  private List<SkyComponent> components(PhaseCentre centre) {
    if (sky.sources != null) {
      return ComponentCsv.read(sky.sources);
    }
    try {
      return RandomSources.generate(
          new RandomSourceParameters(
              sky.randomSources,
              centre,
              Math.toRadians(fieldRadiusDeg),
              fluxRange[0],
              fluxRange[1],
              1.6,
              freqHz,
              -0.7,
              0.2,
              seed));
    } catch (IllegalArgumentException e) {
      throw new RadioSparkCli.BadOptionException("random sources: " + e.getMessage());
    }
  }

  private static AntennaConfiguration subset(AntennaConfiguration a, int n) {
    if (n <= 0 || n >= a.nAntennas()) {
      return a;
    }
    return a.select(java.util.stream.IntStream.range(0, n).toArray());
  }
}
