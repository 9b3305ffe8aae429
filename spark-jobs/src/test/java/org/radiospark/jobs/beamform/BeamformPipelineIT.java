package org.radiospark.jobs.beamform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.cli.RadioSparkCli;
import org.radiospark.kernels.io.mwa.Metafits;
import org.radiospark.kernels.io.mwa.MetafitsReader;
import org.radiospark.kernels.io.sigproc.Filterbank;
import org.radiospark.kernels.io.sigproc.Sigproc;
import org.radiospark.kernels.pulsar.Dedisperser;
import org.radiospark.kernels.pulsar.DynamicSpectrum;
import org.radiospark.kernels.testing.SharedData;

/**
 * Issue 6 acceptance 4, end to end through the CLI on local Spark: {@code simulate-vcs} on the real
 * Phase II extended metafits (24 coarse channels 109-132, reduced to one 10 kHz fine channel per
 * coarse channel, 6 s, tile gains with their MWAOCAL solutions), {@code beamform} of 24 pointings
 * with the pulsar in one (calibrated, {@code --downsample 4}, incoherent sum), then {@code pulsar
 * search} of the pulsar's pointing. Folded S/N of every pointing at the true ephemeris.
 */
class BeamformPipelineIT {
  static final double PERIOD = 0.0714;
  static final double DM = 5.0;
  static final double DM_STEP = 0.05;

  @TempDir Path dir;

  private static int run(StringWriter out, String... args) {
    StringWriter err = new StringWriter();
    int s = RadioSparkCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(0, s, String.join(" ", args) + "\n" + out + "\n" + err);
    return s;
  }

  /**
   * Folded S/N at a known ephemeris: the best boxcar (1-8 bins, cyclic) over the 32-bin profile of
   * the series dedispersed at {@code dm}, each bin's noise from the series' rms and its count.
   */
  static double foldedSnr(Path fil, double period, double dm) throws Exception {
    Filterbank fb = Sigproc.readFilterbank(fil);
    DynamicSpectrum s =
        new DynamicSpectrum(
            fb.channelMajor(), fb.header().channelFrequenciesMHz(), fb.header().tsampSec());
    float[] x = Dedisperser.brute(s, new double[] {dm}, Dedisperser.outputLength(s, dm))[0];
    double dt = s.tsampSec();
    double mean = 0;
    for (float v : x) {
      mean += v;
    }
    mean /= x.length;
    double var = 0;
    for (float v : x) {
      var += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(var / (x.length - 1));
    int nb = 32;
    double[] sum = new double[nb];
    int[] cnt = new int[nb];
    for (int i = 0; i < x.length; i++) {
      double ph = i * dt / period;
      int b = (int) ((ph - Math.floor(ph)) * nb) % nb;
      sum[b] += x[i] - mean;
      cnt[b]++;
    }
    double best = Double.NEGATIVE_INFINITY;
    for (int w = 1; w <= 8; w++) {
      for (int b0 = 0; b0 < nb; b0++) {
        double sig = 0;
        double n = 0;
        for (int k = 0; k < w; k++) {
          int b = (b0 + k) % nb;
          sig += sum[b];
          n += cnt[b];
        }
        best = Math.max(best, sig / (sd * Math.sqrt(n)));
      }
    }
    return best;
  }

  /** Angular distance, degrees. */
  static double separationDeg(double ra1, double dec1, double ra2, double dec2) {
    double a = Math.toRadians(ra1);
    double b = Math.toRadians(dec1);
    double c = Math.toRadians(ra2);
    double d = Math.toRadians(dec2);
    double cos = Math.sin(b) * Math.sin(d) + Math.cos(b) * Math.cos(d) * Math.cos(a - c);
    return Math.toDegrees(Math.acos(Math.min(1, cos)));
  }

  @Test
  void pulsarIsFoundInItsBeamOnlyAndCoherentBeatsIncoherent() throws Exception {
    Path metafits = SharedData.require("layouts/1196175296.metafits");
    Metafits m = MetafitsReader.read(metafits);
    double ra0 = m.pointingRaDeg();
    double dec0 = m.pointingDecDeg();
    long t0 = System.nanoTime();

    Path vcs = dir.resolve("vcs");
    StringWriter simOut = new StringWriter();
    run(
        simOut,
        "simulate-vcs",
        "--metafits",
        metafits.toString(),
        "--coarse-channels",
        "109-132",
        "--fine-channels",
        "1",
        "--seconds",
        "6",
        "--period-s",
        Double.toString(PERIOD),
        "--dm",
        Double.toString(DM),
        "--width-ms",
        "0.6",
        "--snr-per-tile",
        "0.004",
        "--gain-rms",
        "0.2",
        "-j",
        "2",
        "-o",
        vcs.toString());
    double tSim = (System.nanoTime() - t0) * 1e-9;

    // the pulsar's pointing and 23 others on rings 5', 15', 30' and 90' away
    List<String> lines = new ArrayList<>();
    List<double[]> where = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "psr,%.6f,%.6f", ra0, dec0));
    where.add(new double[] {ra0, dec0});
    double[][] rings = {{5, 5}, {15, 6}, {30, 6}, {90, 6}};
    int k = 0;
    for (double[] ring : rings) {
      for (int i = 0; i < ring[1]; i++) {
        double th = 2 * Math.PI * (i + 0.25 * k) / ring[1];
        double r = ring[0] / 60.0;
        double dec = dec0 + r * Math.sin(th);
        double ra = ra0 + r * Math.cos(th) / Math.cos(Math.toRadians(dec0));
        lines.add(String.format(Locale.ROOT, "off%02d,%.6f,%.6f", lines.size(), ra, dec));
        where.add(new double[] {ra, dec});
      }
      k++;
    }
    assertEquals(24, lines.size());
    Path ptgs = dir.resolve("pointings.csv");
    Files.write(ptgs, lines);

    long t1 = System.nanoTime();
    StringWriter bfOut = new StringWriter();
    Path prefix = dir.resolve("beams").resolve("sim");
    run(
        bfOut,
        "beamform",
        vcs.toString(),
        "--metafits",
        metafits.toString(),
        "--cal",
        vcs.resolve(m.gpsTime() + "_solutions.bin").toString(),
        "--pointings-file",
        ptgs.toString(),
        "--downsample",
        "4",
        "--incoherent",
        "--format",
        "fil,psrfits",
        "-o",
        prefix.toString(),
        "--master",
        "local[2]");
    double tBeam = (System.nanoTime() - t1) * 1e-9;

    long t2 = System.nanoTime();
    StringWriter searchOut = new StringWriter();
    Path psrFil = Path.of(prefix + "_psr.fil");
    run(
        searchOut,
        "pulsar",
        "search",
        psrFil.toString(),
        "-lodm",
        "0",
        "-hidm",
        "10",
        "-dmstep",
        Double.toString(DM_STEP),
        "-nfold",
        "1",
        "-nbins",
        "128",
        "-o",
        dir.resolve("search").resolve("psr").toString(),
        "--master",
        "local[2]");
    double tSearch = (System.nanoTime() - t2) * 1e-9;
    List<String> cands = Files.readAllLines(dir.resolve("search").resolve("psr-candidates.csv"));
    String[] best = cands.get(1).split(",");
    double foldP = Double.parseDouble(best[8]);
    double candDm = Double.parseDouble(best[3]);

    double[] snr = new double[24];
    for (int i = 0; i < 24; i++) {
      String name = lines.get(i).split(",")[0];
      snr[i] = foldedSnr(Path.of(prefix + "_" + name + ".fil"), PERIOD, DM);
    }
    double incSnr = foldedSnr(Path.of(prefix + "_incoherent.fil"), PERIOD, DM);
    assertTrue(Files.exists(Path.of(prefix + "_psr.fits")));

    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "acceptance 4: simulate %.1f s, beamform %.1f s, search %.1f s%n"
                + "  best candidate P %.7f s (fold), rel. error %.2e; DM %.2f (true %.2f, step %.2f)%n"
                + "  folded S/N: pulsar beam %.1f, incoherent %.1f (ratio %.1f)%n",
            tSim,
            tBeam,
            tSearch,
            foldP,
            Math.abs(foldP - PERIOD) / PERIOD,
            candDm,
            DM,
            DM_STEP,
            snr[0],
            incSnr,
            snr[0] / incSnr));
    double maxOff = Double.NEGATIVE_INFINITY;
    for (int i = 1; i < 24; i++) {
      double sep =
          separationDeg(where.get(0)[0], where.get(0)[1], where.get(i)[0], where.get(i)[1]);
      report.append(
          String.format(
              Locale.ROOT, "  %s %.1f' S/N %.1f%n", lines.get(i).split(",")[0], sep * 60, snr[i]));
      maxOff = Math.max(maxOff, snr[i]);
    }
    System.out.println(report);
    System.out.println(bfOut);

    assertEquals(PERIOD, foldP, 1e-4 * PERIOD, report.toString());
    assertEquals(DM, candDm, DM_STEP + 1e-9, report.toString());
    assertTrue(maxOff < 6, report.toString());
    assertTrue(snr[0] >= 3 * incSnr, report.toString());
    assertTrue(snr[0] > 10, report.toString());
  }
}
