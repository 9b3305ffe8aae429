package org.radiospark.jobs.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.simulation.FaradayThinSource;
import scala.Tuple2;

/** The task functions without Spark: tile cutting, the per-tile Faraday products, the OOM guard. */
class SpectralStagesTest {
  private static final int NX = 10;
  private static final int NY = 6;
  private static final int TILE = 4;
  private static final int NCHAN = 40;

  /**
   * Pixel p holds a Faraday-thin source with RM = 1.37 p - 40 (inside phiMax), angle 2 p degrees.
   */
  private static FaradayThinSource source(int p) {
    return new FaradayThinSource(
        0, 0, 1 + 0.01 * p, 4e8, 0, 0.3, Math.toRadians(2 * p), 1.37 * p - 40, 0);
  }

  private static List<ChannelImages> channels(double[] freq) {
    List<ChannelImages> out = new ArrayList<>();
    for (int c = 0; c < NCHAN; c++) {
      ChannelImages ci = new ChannelImages();
      ci.channel = c;
      ci.freqHz = freq[c];
      ci.restored = new float[4][NX * NY];
      for (int p = 0; p < NX * NY; p++) {
        double[] s = source(p).stokesAt(freq[c]);
        for (int k = 0; k < 4; k++) {
          ci.restored[k][p] = (float) s[k];
        }
      }
      out.add(ci);
    }
    return out;
  }

  @Test
  void tilesRecoverEveryPixelsRotationMeasureWhateverTheSliceOrder() {
    double[] freq = new double[NCHAN];
    double[] sigma = new double[NCHAN];
    for (int c = 0; c < NCHAN; c++) {
      freq[c] = 352.5e6 + 5e6 * c;
      sigma[c] = 0.01;
    }
    FaradayPlan plan = FaradayPlan.of(freq, sigma, 0, 0);
    Map<Integer, List<TileSlice>> byTile = new HashMap<>();
    for (ChannelImages ci : channels(freq)) {
      for (Tuple2<Integer, TileSlice> t : SpectralStages.slices(ci, NX, NY, TILE)) {
        byTile.computeIfAbsent(t._1(), k -> new ArrayList<>()).add(t._2());
      }
    }
    assertEquals(6, byTile.size(), "3 x 2 tiles, the last column and row partial");
    int covered = 0;
    for (Map.Entry<Integer, List<TileSlice>> e : byTile.entrySet()) {
      List<TileSlice> slices = e.getValue();
      Collections.shuffle(slices, new Random(e.getKey()));
      TileResult r = SpectralStages.faradayTile(e.getKey(), slices, plan, NX, NY, TILE);
      for (int y = 0; y < r.height; y++) {
        for (int x = 0; x < r.width; x++) {
          int g = (r.y0 + y) * NX + r.x0 + x;
          int p = y * r.width + x;
          FaradayThinSource s = source(g);
          // Noiseless: the parabola vertex lands within a small fraction of a sample.
          assertEquals(s.rmRadM2(), r.peaks[0][p], 0.05 * plan.dPhiRadM2(), "RM of pixel " + g);
          double dAngle = Math.IEEEremainder(r.peaks[6][p] - Math.toDegrees(s.chi0Rad()), 180);
          assertEquals(0, dAngle, 0.5, "angle of pixel " + g);
          assertEquals(0.3, r.peaks[3][p] / r.meanI[p], 0.003, "fracPol of pixel " + g);
          assertEquals(s.stokesIJy(), r.meanI[p], 1e-5, "mean I of pixel " + g);
          assertEquals(0.3 * s.stokesIJy(), r.moments[8][p], 1e-5, "mean P of pixel " + g);
          covered++;
        }
      }
    }
    assertEquals(NX * NY, covered);
  }

  @Test
  void outOfMemoryBecomesAClearFailureNamingTheSettings() {
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
    SpectralStages.ChannelMemoryException e =
        assertThrows(
            SpectralStages.ChannelMemoryException.class,
            () ->
                SpectralStages.guardMemory(
                    8,
                    4,
                    () -> {
                      throw oom;
                    }));
    assertTrue(e.getMessage().contains("channels 8..11"), e.getMessage());
    assertTrue(e.getMessage().contains("--channels-per-task"), e.getMessage());
    assertTrue(e.getMessage().contains("spark.executor.memory"), e.getMessage());
    assertSame(oom, e.getCause());
    assertEquals("done", SpectralStages.guardMemory(0, 1, () -> "done"));
  }
}
