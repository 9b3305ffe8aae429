package org.radiospark.kernels.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.testing.SharedData;

/** Writer then reader: every array of the block must come back as it was. */
class UvfitsRoundTripTest {
  @TempDir Path dir;

  /**
   * A planted block: 300 antennas (so the 2048-based BASELINE code is needed), random uvw, times
   * over two days, random samples, weights and flags, flagged zero weights included.
   */
  static UvfitsData synthetic(int nAnt, long seed) {
    Random rnd = new Random(seed);
    int nRows = 257;
    int nChan = 3;
    Stokes[] pols = {Stokes.XX, Stokes.YY, Stokes.XY, Stokes.YX};
    int n = nRows * nChan * pols.length;
    double[] u = new double[nRows];
    double[] v = new double[nRows];
    double[] w = new double[nRows];
    int[] a1 = new int[nRows];
    int[] a2 = new int[nRows];
    double[] t = new double[nRows];
    double[] dt = new double[nRows];
    for (int r = 0; r < nRows; r++) {
      // uvw that came from float32 seconds, as every UVFITS-born block has.
      u[r] = (float) (rnd.nextGaussian() * 1e-6) * VisibilityBlock.C;
      v[r] = (float) (rnd.nextGaussian() * 1e-6) * VisibilityBlock.C;
      w[r] = (float) (rnd.nextGaussian() * 1e-7) * VisibilityBlock.C;
      a1[r] = rnd.nextInt(nAnt);
      a2[r] = rnd.nextInt(nAnt);
      t[r] = 4.9e9 + rnd.nextInt(2 * 86_400) + 0.25 * rnd.nextInt(4);
      dt[r] = 2.0;
    }
    float[] vis = new float[2 * n];
    float[] wt = new float[n];
    boolean[] fl = new boolean[n];
    for (int i = 0; i < n; i++) {
      vis[2 * i] = (float) rnd.nextGaussian();
      vis[2 * i + 1] = (float) rnd.nextGaussian();
      wt[i] = rnd.nextInt(5) == 0 ? 0f : (float) rnd.nextDouble() * 10f;
      fl[i] = rnd.nextBoolean() || wt[i] == 0f;
    }
    VisibilityBlock b =
        new VisibilityBlock(
            u,
            v,
            w,
            a1,
            a2,
            t,
            dt,
            new double[] {150e6, 150.04e6, 150.08e6},
            new double[] {40e3, 40e3, 40e3},
            pols,
            vis,
            wt,
            fl,
            PhaseCentre.ofDegrees(359.85, -26.78));
    String[] names = new String[nAnt];
    double[] x = new double[nAnt];
    double[] y = new double[nAnt];
    double[] z = new double[nAnt];
    for (int i = 0; i < nAnt; i++) {
      names[i] = "Tile" + i;
      x[i] = -2559453.29 + rnd.nextGaussian() * 1000;
      y[i] = 5095371.74 + rnd.nextGaussian() * 1000;
      z[i] = -2849056.77 + rnd.nextGaussian() * 1000;
    }
    AntennaConfiguration ants =
        new AntennaConfiguration("MWA", names, x, y, z, new double[nAnt], new boolean[nAnt]);
    return UvfitsData.of(b, ants, "planted", "MWA");
  }

  static void assertSameBlock(VisibilityBlock e, VisibilityBlock a) {
    assertArrayEquals(e.uMetres(), a.uMetres(), "u");
    assertArrayEquals(e.vMetres(), a.vMetres(), "v");
    assertArrayEquals(e.wMetres(), a.wMetres(), "w");
    assertArrayEquals(e.antenna1(), a.antenna1(), "antenna1");
    assertArrayEquals(e.antenna2(), a.antenna2(), "antenna2");
    for (int r = 0; r < e.nRows(); r++) {
      // The only inexact array: two float32 day fractions plus an integer day, summed in double,
      // are exact to one ulp of MJD seconds (about 1e-6 s at 5e9 s).
      double te = e.timeMjdSec()[r];
      assertEquals(te, a.timeMjdSec()[r], Math.ulp(te), "time of row " + r);
    }
    assertArrayEquals(e.integrationSec(), a.integrationSec(), "integration");
    assertArrayEquals(e.freqHz(), a.freqHz(), "freq");
    assertArrayEquals(e.chanWidthHz(), a.chanWidthHz(), "width");
    assertArrayEquals(e.pols(), a.pols(), "pols");
    assertArrayEquals(e.vis(), a.vis(), "vis");
    assertArrayEquals(e.weight(), a.weight(), "weight");
    assertArrayEquals(e.flag(), a.flag(), "flag");
    assertEquals(e.phaseCentre().raRad(), a.phaseCentre().raRad(), 1e-15, "ra");
    assertEquals(e.phaseCentre().decRad(), a.phaseCentre().decRad(), 1e-15, "dec");
  }

  @Test
  void plantedBlockWith300AntennasRoundTrips() throws Exception {
    UvfitsData d = synthetic(300, 1);
    Path f = dir.resolve("planted.uvfits");
    UvfitsWriter.write(f, d, false);
    UvfitsData back = UvfitsReader.read(f);
    assertSameBlock(d.block(), back.block());
    assertEquals("planted", back.object());
    assertEquals("MWA", back.telescope());
    assertEquals("MWA", back.instrument());
    assertEquals(2000.0, back.equinox());
    assertArrayEquals(d.antennas().names(), back.antennas().names());
    for (int i = 0; i < 300; i++) {
      // centroid + (pos - centroid): one rounding of numbers of 5e6 m.
      double tol = 2 * Math.ulp(6e6);
      assertEquals(d.antennas().xMetres()[i], back.antennas().xMetres()[i], tol);
      assertEquals(d.antennas().yMetres()[i], back.antennas().yMetres()[i], tol);
      assertEquals(d.antennas().zMetres()[i], back.antennas().zMetres()[i], tol);
    }
    // The raw AN values themselves are stored exactly.
    assertArrayEquals(d.antennaTable().stabX(), back.antennaTable().stabX());
    assertEquals(d.antennaTable().arrayY(), back.antennaTable().arrayY());
  }

  @Test
  void flaggedZeroWeightsStayFlaggedAndUnflaggedZeroWeightsBecomeFlagged() throws Exception {
    UvfitsData d = synthetic(10, 2);
    float[] wt = d.block().weight();
    boolean[] fl = d.block().flag();
    wt[0] = 0f;
    fl[0] = false;
    Path f = dir.resolve("zero.uvfits");
    UvfitsWriter.write(f, d, false);
    VisibilityBlock b = UvfitsReader.read(f).block();
    assertTrue(b.flag()[0], "the format has no unflagged zero weight");
    assertEquals(0f, b.weight()[0]);
    for (int i = 1; i < wt.length; i++) {
      assertEquals(fl[i], b.flag()[i]);
      assertEquals(wt[i], b.weight()[i]);
    }
  }

  @Test
  void realMwaFileReadsBackIdenticallyAfterWriting() throws Exception {
    Path src = SharedData.require("mwa/1133866760.uvfits");
    UvfitsData d = UvfitsReader.read(src);
    Path f = dir.resolve("copy.uvfits");
    UvfitsWriter.write(f, d, false);
    UvfitsData back = UvfitsReader.read(f);
    assertSameBlock(d.block(), back.block());
    assertArrayEquals(d.antennas().xMetres(), back.antennas().xMetres());
    assertArrayEquals(d.antennas().yMetres(), back.antennas().yMetres());
    assertArrayEquals(d.antennas().zMetres(), back.antennas().zMetres());
    assertArrayEquals(d.antennaTable().stationNumbers(), back.antennaTable().stationNumbers());
    assertArrayEquals(d.antennas().names(), back.antennas().names());
    assertEquals(d.object(), back.object());
    assertEquals(d.dateObs(), back.dateObs());
  }

  @Test
  void paperFileWithUnevenFloatStepReadsBackWithinRounding() throws Exception {
    Path src = SharedData.require("vis/zen.2456865.60537.xy.uvcRREAAM.uvfits");
    UvfitsData d = UvfitsReader.read(src);
    Path f = dir.resolve("paper.uvfits");
    UvfitsWriter.write(f, d, false);
    VisibilityBlock a = UvfitsReader.read(f).block();
    VisibilityBlock e = d.block();
    assertArrayEquals(e.vis(), a.vis());
    assertArrayEquals(e.weight(), a.weight());
    assertArrayEquals(e.flag(), a.flag());
    assertArrayEquals(e.antenna1(), a.antenna1());
    assertArrayEquals(e.uMetres(), a.uMetres());
    for (int c = 0; c < e.nChan(); c++) {
      // CDELT is re-derived as (f_last - f_first) / (n - 1): a few ulps of 1e8 Hz.
      assertEquals(e.freqHz()[c], a.freqHz()[c], 8 * Math.ulp(e.freqHz()[c]));
    }
    assertArrayEquals(e.chanWidthHz(), a.chanWidthHz());
  }

  @Test
  void refusesToOverwriteUnlessAsked() throws Exception {
    UvfitsData d = synthetic(5, 3);
    Path f = dir.resolve("once.uvfits");
    UvfitsWriter.write(f, d, false);
    byte[] before = Files.readAllBytes(f);
    assertThrows(FileAlreadyExistsException.class, () -> UvfitsWriter.write(f, d, false));
    assertArrayEquals(before, Files.readAllBytes(f));
    UvfitsWriter.write(f, synthetic(5, 4), true);
    assertTrue(!java.util.Arrays.equals(before, Files.readAllBytes(f)));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "no temporary files left behind");
    }
  }
}
