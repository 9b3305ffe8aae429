package org.radiospark.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.radiospark.jobs.config.OutputSet;
import org.radiospark.kernels.io.mwa.AoCalFile;
import org.radiospark.kernels.io.mwa.Metafits;
import org.radiospark.kernels.io.mwa.MetafitsReader;
import org.radiospark.kernels.io.vcs.VcsFormat;
import org.radiospark.kernels.simulation.vcs.PulsarSignal;
import org.radiospark.kernels.simulation.vcs.VcsSimulationParams;
import org.radiospark.kernels.simulation.vcs.VcsSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code radiospark simulate-vcs}: legacy VCS voltages of a real MWA observation (metafits) with
 * noise and a dispersed pulsar: one {@code .dat} per coarse channel per second, a truth file and,
 * with gains, their {@code MWAOCAL} solutions.
 */
@Command(
    name = "simulate-vcs",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Simulates MWA legacy VCS voltages (4+4-bit, 10 kHz fine channels sampled at 10 kHz: 10,000"
          + " samples per second) from a metafits, with noise and a dispersed pulsar arriving as a"
          + " plane wave through the tiles' cables.",
      "Writes OUT/<obsid>_<gps>_chNNN.dat, OUT/<obsid>_truth.json and, with --gain-rms,"
          + " OUT/<obsid>_solutions.bin (MWAOCAL)."
    })
public final class SimulateVcsCommand implements Callable<Integer> {

  @Option(names = "--metafits", required = true, paramLabel = "FILE", description = "Metafits.")
  Path metafitsPath;

  @Option(names = "--ra", paramLabel = "DEG", description = "Pulsar RA, deg (metafits RA).")
  Double raDeg;

  @Option(names = "--dec", paramLabel = "DEG", description = "Pulsar Dec, deg (metafits DEC).")
  Double decDeg;

  @Option(names = "--period-s", description = "Pulsar period, s (0.0714).")
  double periodSec = 0.0714;

  @Option(names = "--dm", description = "Dispersion measure, pc cm^-3 (10).")
  double dm = 10;

  @Option(names = "--width-ms", description = "Pulse FWHM, ms (2).")
  double widthMs = 2;

  @Option(
      names = "--snr-per-tile",
      description = "Peak pulsar power over one tile's noise power per polarisation (0.004).")
  double snrPerTile = 0.004;

  @Option(names = "--noise", description = "Noise rms per real/imag part, 4-bit levels (2).")
  double noise = 2;

  @Option(names = "--seconds", description = "Seconds simulated (2).")
  int seconds = 2;

  @Option(
      names = "--coarse-channels",
      paramLabel = "FIRST-LAST",
      description = "Receiver coarse channels, e.g. 109-132 (the metafits CHANNELS).")
  String coarseChannels;

  @Option(
      names = "--fine-channels",
      description =
          "Fine channels per file, a divisor of 128 (4; 128 is the real format, fewer keep every"
              + " (128/F)-th channel: a reduced test size).")
  int fineChannels = 4;

  @Option(
      names = "--gain-rms",
      description = "Tile gain amplitude rms with random phases (0: unit gains, no solutions).")
  double gainRms = 0;

  @Option(names = "--seed", description = "Random seed (1).")
  long seed = 1;

  @Option(names = "-j", paramLabel = "THREADS", description = "Threads (all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR")
  Path outDir;

  @Option(names = "--overwrite", description = "Replace existing outputs.")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    Metafits m = MetafitsReader.read(metafitsPath);
    int[] channels = channels(m);
    VcsSimulationParams params = params(m, channels);
    VcsSimulator sim = new VcsSimulator(m, params);
    try (OutputSet outputs = new OutputSet(overwrite)) {
      List<Path> tmp = new ArrayList<>();
      List<int[]> jobs = new ArrayList<>();
      for (int c = 0; c < channels.length; c++) {
        for (int s = 0; s < seconds; s++) {
          tmp.add(outputs.stage(outDir.resolve(sim.fileName(channels[c], s).toString())));
          jobs.add(new int[] {c, s});
        }
      }
      Path truth = outputs.stage(outDir.resolve(m.gpsTime() + "_truth.json"));
      Path sols =
          params.hasGains() ? outputs.stage(outDir.resolve(m.gpsTime() + "_solutions.bin")) : null;
      outputs.createDirectories();
      long t0 = System.nanoTime();
      ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
      try {
        pool.submit(
                () ->
                    java.util.stream.IntStream.range(0, jobs.size())
                        .parallel()
                        .forEach(
                            i -> {
                              int[] j = jobs.get(i);
                              try {
                                Files.write(tmp.get(i), sim.simulateSecond(j[0], j[1]).data());
                              } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                              }
                            }))
            .get();
      } finally {
        pool.shutdown();
      }
      Files.writeString(truth, truthJson(m, params));
      if (sols != null) {
        AoCalFile.write(sols, sim.solutions(), true);
      }
      outputs.commit();
      System.err.printf(
          Locale.ROOT,
          "simulate-vcs: %d coarse channels x %d s x %d fine channels (%.1f MB) in %.1f s -> %s%n",
          channels.length,
          seconds,
          fineChannels,
          jobs.size() * params.format().bytesPerFile() / 1e6,
          (System.nanoTime() - t0) * 1e-9,
          outDir);
    }
    return ExitCodes.OK;
  }

  private int[] channels(Metafits m) {
    if (coarseChannels == null) {
      int[] c = m.coarseChannels();
      java.util.Arrays.sort(c);
      return c;
    }
    try {
      String[] parts = coarseChannels.split("-");
      int lo = Integer.parseInt(parts[0].trim());
      int hi = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : lo;
      if (parts.length > 2 || hi < lo) {
        throw new NumberFormatException();
      }
      return java.util.stream.IntStream.rangeClosed(lo, hi).toArray();
    } catch (NumberFormatException e) {
      throw new RadioSparkCli.BadOptionException(
          "--coarse-channels must be FIRST-LAST, e.g. 109-132: " + coarseChannels);
    }
  }

  private VcsSimulationParams params(Metafits m, int[] channels) {
    try {
      PulsarSignal psr =
          new PulsarSignal(
              raDeg != null ? raDeg : m.pointingRaDeg(),
              decDeg != null ? decDeg : m.pointingDecDeg(),
              periodSec,
              dm,
              widthMs * 1e-3,
              snrPerTile,
              0.5 * periodSec);
      return new VcsSimulationParams(
          psr, noise, new VcsFormat(fineChannels), seconds, channels, gainRms, gainRms / 4, seed);
    } catch (IllegalArgumentException e) {
      throw new RadioSparkCli.BadOptionException("simulate-vcs: " + e.getMessage());
    }
  }

  private static String truthJson(Metafits m, VcsSimulationParams p) throws Exception {
    PulsarSignal s = p.pulsar();
    Map<String, Object> psr = new LinkedHashMap<>();
    psr.put("ra_deg", s.raDeg());
    psr.put("dec_deg", s.decDeg());
    psr.put("period_s", s.periodSec());
    psr.put("dm", s.dmPcCm3());
    psr.put("fwhm_s", s.fwhmSec());
    psr.put("snr_per_tile", s.snrPerTile());
    psr.put("epoch_s", s.epochSec());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("metafits", m.file());
    root.put("obsid", m.gpsTime());
    root.put("pulsar", psr);
    root.put("noise_sigma_levels", p.noiseSigma());
    root.put("fine_channels_per_file", p.format().fineChannels());
    root.put("seconds", p.seconds());
    root.put("coarse_channels", p.coarseChannels());
    root.put("gain_amp_rms", p.gainAmpRms());
    root.put("gain_leakage_rms", p.gainLeakageRms());
    root.put("seed", p.seed());
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .writerWithDefaultPrettyPrinter()
        .writeValueAsString(root);
  }
}
