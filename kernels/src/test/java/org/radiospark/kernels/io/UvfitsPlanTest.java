package org.radiospark.kernels.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.testing.ReaderContract;
import org.radiospark.kernels.testing.SharedData;
import org.radiospark.kernels.testing.TinyFiles;

/**
 * Issue 8 part 5: the header-only {@link UvfitsPlan} and the channel blocks read through it. Blocks
 * read one at a time concatenate, bit for bit in every field, to what {@link UvfitsReader#read}
 * gives for the whole file (simulated files in both reading modes, a two-IF hand-made file with
 * blocks across the IF boundary, the shared real files); bad input is rejected by the plan exactly
 * when the whole-file reader rejects it.
 */
class UvfitsPlanTest {
  @TempDir Path dir;

  /** Channel {@code b}'s first channel when {@code n} channels are cut into {@code k} blocks. */
  private static int edge(int b, int n, int k) {
    return (int) ((long) b * n / k);
  }

  /** Reads {@code file} in {@code k} blocks through a plan and checks them against one read. */
  private static void assertBlocksConcatenate(Path file, UvfitsReadOptions o, int k)
      throws IOException {
    UvfitsData whole = UvfitsReader.read(file, o);
    UvfitsPlan plan = UvfitsReader.plan(file, o);
    VisibilityBlock all = whole.block();
    assertEquals(all.nRows(), plan.nRows());
    assertEquals(all.nChan(), plan.nChan());
    assertArrayEquals(all.timeMjdSec(), plan.timeMjdSec());
    assertArrayEquals(all.integrationSec(), plan.integrationSec());
    assertArrayEquals(all.freqHz(), plan.freqHz());
    assertArrayEquals(all.chanWidthHz(), plan.chanWidthHz());
    assertArrayEquals(all.pols(), plan.pols());
    assertEquals(all.phaseCentre(), plan.phaseCentre());
    assertArrayEquals(whole.antennas().names(), plan.antennas().names());
    assertArrayEquals(whole.antennas().xMetres(), plan.antennas().xMetres());
    assertArrayEquals(whole.antennas().yMetres(), plan.antennas().yMetres());
    assertArrayEquals(whole.antennas().zMetres(), plan.antennas().zMetres());
    assertArrayEquals(whole.antennas().diameterMetres(), plan.antennas().diameterMetres());
    assertEquals(whole.antennas().telescope(), plan.antennas().telescope());
    UvfitsData rebuilt = plan.withBlock(all);
    assertEquals(whole.antennaTable().size(), rebuilt.antennaTable().size());
    assertEquals(whole.object(), rebuilt.object());
    assertEquals(whole.telescope(), rebuilt.telescope());
    assertEquals(whole.instrument(), rebuilt.instrument());
    assertEquals(whole.equinox(), rebuilt.equinox());
    assertEquals(whole.dateObs(), rebuilt.dateObs());

    int nPol = all.nPol();
    float[] vis = new float[all.vis().length];
    float[] weight = new float[all.weight().length];
    boolean[] flag = new boolean[all.flag().length];
    for (int b = 0; b < k; b++) {
      int c0 = edge(b, all.nChan(), k);
      int c1 = edge(b + 1, all.nChan(), k);
      VisibilityBlock part = plan.readChannels(c0, c1 - c0);
      assertArrayEquals(all.uMetres(), part.uMetres());
      assertArrayEquals(all.vMetres(), part.vMetres());
      assertArrayEquals(all.wMetres(), part.wMetres());
      assertArrayEquals(all.antenna1(), part.antenna1());
      assertArrayEquals(all.antenna2(), part.antenna2());
      assertArrayEquals(all.timeMjdSec(), part.timeMjdSec());
      assertArrayEquals(all.integrationSec(), part.integrationSec());
      assertArrayEquals(all.pols(), part.pols());
      assertEquals(all.phaseCentre(), part.phaseCentre());
      for (int c = c0; c < c1; c++) {
        assertEquals(all.freqHz()[c], part.freqHz()[c - c0]);
        assertEquals(all.chanWidthHz()[c], part.chanWidthHz()[c - c0]);
      }
      for (int r = 0; r < all.nRows(); r++) {
        for (int c = c0; c < c1; c++) {
          for (int p = 0; p < nPol; p++) {
            int i = all.index(r, c, p);
            int j = part.index(r, c - c0, p);
            vis[2 * i] = part.vis()[2 * j];
            vis[2 * i + 1] = part.vis()[2 * j + 1];
            weight[i] = part.weight()[j];
            flag[i] = part.flag()[j];
          }
        }
      }
    }
    assertArrayEquals(all.vis(), vis);
    assertArrayEquals(all.weight(), weight);
    assertArrayEquals(all.flag(), flag);
  }

  /**
   * {@code rows} rows of {@code chans} channels x 2 pols, Gaussian visibilities, weights in [0.1,
   * 3.1), a fifth of the samples flagged, one NaN sample.
   */
  private Path simulated(String name, int rows, int chans, long seed) throws IOException {
    Random rnd = new Random(seed);
    double[] u = new double[rows];
    double[] v = new double[rows];
    double[] w = new double[rows];
    int[] a1 = new int[rows];
    int[] a2 = new int[rows];
    double[] t = new double[rows];
    double[] dt = new double[rows];
    for (int r = 0; r < rows; r++) {
      a1[r] = r % 5;
      a2[r] = 5;
      u[r] = 100 * rnd.nextGaussian();
      v[r] = 100 * rnd.nextGaussian();
      w[r] = rnd.nextGaussian();
      t[r] = 5.0e9 + 2.0 * (r / 5);
      dt[r] = 2;
    }
    double[] f = new double[chans];
    double[] df = new double[chans];
    for (int c = 0; c < chans; c++) {
      f[c] = 1.0e8 + 1e4 * c;
      df[c] = 1e4;
    }
    VisibilityBlock b =
        VisibilityBlock.zeros(
            u,
            v,
            w,
            a1,
            a2,
            t,
            dt,
            f,
            df,
            new Stokes[] {Stokes.XX, Stokes.YY},
            PhaseCentre.ofDegrees(30, -45));
    for (int i = 0; i < b.weight().length; i++) {
      b.vis()[2 * i] = (float) rnd.nextGaussian();
      b.vis()[2 * i + 1] = (float) rnd.nextGaussian();
      b.weight()[i] = (float) (0.1 + 3 * rnd.nextDouble());
      b.flag()[i] = rnd.nextDouble() < 0.2;
    }
    b.vis()[2 * (b.weight().length / 3)] = Float.NaN;
    return TinyFiles.uvfits(dir.resolve(name), b);
  }

  @Test
  void tinyFileBlocksConcatenate() throws IOException {
    Path f = TinyFiles.uvfits(dir.resolve("tiny.uvfits"), 3);
    assertBlocksConcatenate(f, UvfitsReadOptions.defaults(), 2);
    assertBlocksConcatenate(f, UvfitsReadOptions.defaults(), 1);
  }

  @Test
  void largeGroupsAreReadBySeekingAndStillConcatenate() throws IOException {
    // 5000 channels x 2 pols x 3 values x 4 bytes = 120 kB per group: a block of a fifth of the
    // channels skips more than SEEK_GAP_BYTES per group, so each block is read by seeking.
    Path f = simulated("wide.uvfits", 12, 5000, 7);
    long group = (7 + 5000L * 2 * 3) * 4;
    assertTrue(group - group / 5 > UvfitsReader.SEEK_GAP_BYTES, "the seek mode is exercised");
    assertBlocksConcatenate(f, UvfitsReadOptions.defaults(), 5);
    assertBlocksConcatenate(f, UvfitsReadOptions.defaults().withIgnoreFlags(true), 7);
  }

  @Test
  void aPlanOfAChannelSelectionReadsWithinIt() throws IOException {
    Path f = simulated("sel.uvfits", 10, 40, 8);
    UvfitsReadOptions o = UvfitsReadOptions.defaults().withChannels(5, 20);
    UvfitsPlan plan = UvfitsReader.plan(f, o);
    assertEquals(20, plan.nChan());
    VisibilityBlock direct = UvfitsReader.read(f, o.withChannels(12, 6)).block();
    VisibilityBlock viaPlan = plan.readChannels(7, 6);
    assertArrayEquals(direct.vis(), viaPlan.vis());
    assertArrayEquals(direct.freqHz(), viaPlan.freqHz());
    assertBlocksConcatenate(f, o, 3);
    assertThrows(IllegalArgumentException.class, () -> plan.readChannels(15, 6));
    assertThrows(IllegalArgumentException.class, () -> plan.readChannels(-1, 2));
  }

  @Test
  void blocksAcrossTwoIfsConcatenate() throws IOException {
    UvfitsDialectsTest made = new UvfitsDialectsTest();
    made.dir = dir;
    for (int bitpix : new int[] {-32, 16}) {
      Path f = made.handMade("if" + bitpix + ".uvfits", bitpix, 1);
      // 2 IFs x 2 frequencies = 4 channels; 3 blocks put channels 1 and 2 (one per IF) together.
      assertBlocksConcatenate(f, UvfitsReadOptions.defaults(), 3);
      assertBlocksConcatenate(f, UvfitsReadOptions.defaults(), 4);
    }
  }

  @Test
  void sharedMwaFileBlocksConcatenate() throws IOException {
    Path f = SharedData.require("mwa/1133866760.uvfits");
    assertBlocksConcatenate(f, UvfitsReadOptions.defaults().withIgnoreFlags(true), 3);
    assertBlocksConcatenate(f, UvfitsReadOptions.defaults(), 11);
  }

  @Test
  void sharedPaperFileBlocksConcatenate() throws IOException {
    Path f = SharedData.require("vis/zen.2456865.60537.xy.uvcRREAAM.uvfits");
    assertBlocksConcatenate(f, UvfitsReadOptions.defaults(), 4);
  }

  @Test
  void sharedCotterFilePlanMatches() throws IOException {
    Path f = SharedData.require("mwa/1131733552_mini_cotter.uvfits");
    assertBlocksConcatenate(f, UvfitsReadOptions.defaults().withIgnoreFlags(true), 1);
  }

  @Test
  void thePlanRejectsExactlyWhatTheReaderRejects() throws IOException {
    byte[] good = Files.readAllBytes(simulated("good.uvfits", 10, 3, 9));
    Path f = dir.resolve("bad.uvfits");
    int rejected = 0;
    for (byte[] b : ReaderContract.mutants(good, 21, 400)) {
      InvalidInputException byRead =
          ReaderContract.check(f, b, p -> UvfitsReader.read(p, UvfitsReadOptions.defaults()));
      InvalidInputException byPlan =
          ReaderContract.check(f, b, p -> UvfitsReader.plan(p, UvfitsReadOptions.defaults()));
      assertEquals(byRead == null, byPlan == null, "the same verdict");
      if (byRead != null) {
        assertEquals(byRead.field(), byPlan.field(), byRead.getMessage());
        rejected++;
      }
    }
    assertTrue(rejected > 100, "rejected " + rejected);
    InvalidInputException missing =
        assertThrows(
            InvalidInputException.class,
            () -> UvfitsReader.plan(dir.resolve("none.uvfits"), UvfitsReadOptions.defaults()));
    assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
  }

  @Test
  void theUnflaggedCrossCorrelationScanMatchesTheWholeBlock() throws IOException {
    UvfitsReadOptions strict = UvfitsReadOptions.defaults();
    VisibilityBlock b = TinyFiles.block(4);
    java.util.Arrays.fill(b.flag(), true);
    Path allFlagged = TinyFiles.uvfits(dir.resolve("flagged.uvfits"), b);
    assertEquals(false, UvfitsReader.anyUnflaggedCrossCorrelation(allFlagged, strict));
    assertEquals(
        true,
        UvfitsReader.anyUnflaggedCrossCorrelation(allFlagged, strict.withIgnoreFlags(true)),
        "-ignore-flags unflags them");
    // the last sample of the last row only: the scan reads to the end
    b.flag()[b.flag().length - 1] = false;
    Path last = TinyFiles.uvfits(dir.resolve("last.uvfits"), b);
    assertEquals(true, UvfitsReader.anyUnflaggedCrossCorrelation(last, strict));
    assertEquals(
        false,
        UvfitsReader.anyUnflaggedCrossCorrelation(last, strict.withChannels(0, 1)),
        "only in the channel not selected");
    // an autocorrelation does not count
    VisibilityBlock auto = TinyFiles.block(5);
    java.util.Arrays.fill(auto.flag(), true);
    auto.antenna2()[0] = auto.antenna1()[0];
    auto.flag()[0] = false;
    Path autoOnly = TinyFiles.uvfits(dir.resolve("auto.uvfits"), auto);
    assertEquals(false, UvfitsReader.anyUnflaggedCrossCorrelation(autoOnly, strict));
  }
}
