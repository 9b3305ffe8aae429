package org.radiospark.jobs.beamform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.kernels.beamform.BeamWeights;
import org.radiospark.kernels.beamform.BeamformParams;
import org.radiospark.kernels.beamform.CalibrationJones;
import org.radiospark.kernels.beamform.Pointing;
import org.radiospark.kernels.beamform.TiedArray;
import org.radiospark.kernels.beamform.VcsBeamformer;
import org.radiospark.kernels.io.mwa.AoCalSolutions;
import org.radiospark.kernels.io.mwa.Metafits;
import org.radiospark.kernels.io.mwa.MetafitsReader;
import org.radiospark.kernels.io.psrfits.Psrfits;
import org.radiospark.kernels.io.psrfits.PsrfitsSearch;
import org.radiospark.kernels.io.sigproc.Filterbank;
import org.radiospark.kernels.io.sigproc.Sigproc;
import org.radiospark.kernels.io.vcs.LegacyVcsFile;
import org.radiospark.kernels.io.vcs.VcsArchive;
import org.radiospark.kernels.io.vcs.VcsFormat;
import org.radiospark.kernels.io.vcs.VcsSecond;
import org.radiospark.kernels.simulation.vcs.PulsarSignal;
import org.radiospark.kernels.simulation.vcs.VcsSimulationParams;
import org.radiospark.kernels.simulation.vcs.VcsSimulator;
import org.radiospark.kernels.testing.SharedData;

/**
 * The beamforming job on local Spark against the kernel run directly: the split of pointings into
 * tasks changes no bit, {@code .dat} and {@code .tar.zst} inputs read alike, IQUV filterbanks and
 * PSRFITS hold the kernel's beams.
 */
class BeamformJobIT {
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSessions.session("beamform-job-it", "local[2]");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void batchesDoNotChangeTheBeamsAndTheyEqualTheKernels() throws Exception {
    Metafits m = MetafitsReader.read(SharedData.require("layouts/1196175296.metafits"));
    int[] channels = {120, 121};
    int seconds = 2;
    VcsFormat format = new VcsFormat(2);
    PulsarSignal psr =
        new PulsarSignal(m.pointingRaDeg(), m.pointingDecDeg(), 0.05, 3, 0.01, 0.05, 0.01);
    VcsSimulator sim =
        new VcsSimulator(
            m, new VcsSimulationParams(psr, 2, format, seconds, channels, 0.1, 0.02, 4));
    // channel 120 as .dat files, channel 121 as one archive
    String[][] sources = new String[2][];
    List<String> dat = new ArrayList<>();
    List<Path> forTar = new ArrayList<>();
    for (int s = 0; s < seconds; s++) {
      Path p0 = dir.resolve(sim.fileName(120, s).toString());
      LegacyVcsFile.write(p0, sim.simulateSecond(0, s), false);
      dat.add(p0.toString());
      Path p1 = dir.resolve(sim.fileName(121, s).toString());
      LegacyVcsFile.write(p1, sim.simulateSecond(1, s), false);
      forTar.add(p1);
    }
    Path tar = dir.resolve(m.gpsTime() + "_" + m.gpsTime() + "_ch121_2s.tar.zst");
    VcsArchive.write(tar, forTar, 3, false);
    sources[0] = dat.toArray(new String[0]);
    sources[1] = new String[] {tar.toString()};

    TiedArray array = sim.array();
    int[] tiles = array.activeTiles();
    AoCalSolutions cal = sim.solutions();
    double[][][][] inv = new double[2][2][][];
    for (int c = 0; c < 2; c++) {
      for (int s = 0; s < 2; s++) {
        inv[c][s] =
            CalibrationJones.forChannel(cal, tiles, c * 128 + format.fineChannelOfSlot(s), 256);
      }
    }
    List<Pointing> ptgs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ptgs.add(new Pointing("p" + i, m.pointingRaDeg() + 0.05 * i, m.pointingDecDeg()));
    }
    BeamformParams params = new BeamformParams(10, true, true);
    double start = m.startUnixSec();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Filterbank[][] fbs = new Filterbank[2][6];
    for (int run = 0; run < 2; run++) {
      int batch = run == 0 ? 5 : 2;
      BeamformPlan plan =
          new BeamformPlan(
              array, channels, 2, sources, seconds, start, ptgs, batch, params, inv, true);
      String prefix = dir.resolve("run" + run).resolve("b").toString();
      java.nio.file.Files.createDirectories(dir.resolve("run" + run));
      List<String[]> written =
          BeamformJob.run(jsc, plan, new BeamOutputs(prefix, true, true, false));
      assertEquals(6, written.size());
      for (int k = 0; k < 6; k++) {
        fbs[run][k] = Sigproc.readFilterbank(Path.of(written.get(k)[0]));
      }
      if (run == 0) {
        // PSRFITS holds Stokes I within half a quantisation step
        PsrfitsSearch ps = Psrfits.read(Path.of(written.get(0)[1]));
        float[][] fromFits = ps.totalIntensity();
        float[][] fromFil = fbs[0][0].channelMajor();
        for (int c = 0; c < 4; c++) {
          for (int t = 0; t < fromFil[c].length; t++) {
            int row = t / ps.format().nsblk();
            float step = ps.rows().get(row).datScl()[c];
            assertEquals(
                fromFil[c][t], fromFits[c][t], 0.5 * step + 1e-6 * Math.abs(fromFil[c][t]));
          }
        }
      }
    }
    for (int k = 0; k < 6; k++) {
      assertArrayEquals(fbs[0][k].data(), fbs[1][k].data(), "output " + k);
    }
    // the kernel, run directly on the voltages, gives the same bits
    int perSec = 1000;
    float[][][][] beams = new float[5][4][2][seconds * perSec];
    float[][] incoherent = new float[2][seconds * perSec];
    for (int s = 0; s < seconds; s++) {
      VcsSecond v = sim.simulateSecond(1, s);
      float[][][] w = new float[2][5][];
      for (int b = 0; b < 5; b++) {
        double[] d = ptgs.get(b).directionEnu(start + s + 0.5, array.site());
        for (int slot = 0; slot < 2; slot++) {
          w[slot][b] = BeamWeights.compute(array, tiles, d, format.slotFrequencyHz(121, slot));
        }
      }
      VcsBeamformer.formSecond(v, array, tiles, w, inv[1], params, beams, incoherent, s * perSec);
    }
    Filterbank p3 = fbs[0][3];
    assertEquals(4, p3.nIfs());
    assertEquals(4, p3.nChans());
    for (int t = 0; t < seconds * perSec; t++) {
      for (int st = 0; st < 4; st++) {
        for (int slot = 0; slot < 2; slot++) {
          // channel 121 is the second coarse channel: merged channels 2 and 3
          assertEquals(beams[3][st][slot][t], p3.data()[(t * 4 + st) * 4 + 2 + slot]);
        }
      }
      assertEquals(incoherent[1][t], fbs[0][5].data()[t * 4 + 3]);
    }
    assertEquals(120 * 1.28 - 0.32, fbs[0][0].header().fch1MHz(), 1e-9);
    assertEquals(0.64, fbs[0][0].header().foffMHz(), 1e-9);
    assertEquals(1e-3, fbs[0][0].header().tsampSec(), 1e-15);
  }
}
