package org.radiospark.kernels.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

class GainApplierTest {
  static final Stokes[] LINEAR4 = {Stokes.XX, Stokes.XY, Stokes.YX, Stokes.YY};
  static final double[][] SOURCES = {{0.01, 0.02, 10, 2, -1, 0.3}, {-0.03, 0.01, 4, -1, 1, 0}};

  /** Unit roundoff of float32. */
  static final double EPS_F = Math.ulp(1f) / 2;

  static double[] randomJones(Random rng, boolean full) {
    double[] j = new double[8];
    j[0] = 1 + 0.2 * rng.nextGaussian();
    j[1] = 0.5 * rng.nextGaussian();
    j[6] = 1 + 0.2 * rng.nextGaussian();
    j[7] = 0.5 * rng.nextGaussian();
    if (full) {
      for (int k = 2; k < 6; k++) {
        j[k] = 0.1 * rng.nextGaussian();
      }
    }
    return j;
  }

  /** A table of random Jones over 2 slots covering the simulation's 4 time steps, 2 blocks. */
  static GainTable randomTable(Random rng, Simulation sim, GainTable.JonesType type, int nBlocks) {
    double t0 = Simulation.T0_MJD_SEC;
    double dt = sim.dtSec;
    double[] start = {t0, t0 + 2 * dt};
    double[] end = {t0 + 2 * dt, t0 + 4 * dt};
    double[] bf = new double[nBlocks];
    int cells = 2 * nBlocks * sim.nAnt;
    double[] jones = new double[8 * cells];
    for (int c = 0; c < cells; c++) {
      System.arraycopy(randomJones(rng, type == GainTable.JonesType.FULL), 0, jones, 8 * c, 8);
    }
    return new GainTable(type, sim.nAnt, start, end, bf, jones, new boolean[cells], 0);
  }

  static double[] jonesOf(GainTable t, int slot, int blk, int ant) {
    double[] j = new double[8];
    System.arraycopy(t.jones(), 8 * t.cell(slot, blk, ant), j, 0, 8);
    return j;
  }

  static double frob(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  @Test
  void jonesAlgebraRoundTripsInDoublePrecision() {
    Random rng = new Random(1);
    double[] tmp = new double[8];
    for (int trial = 0; trial < 1000; trial++) {
      double[] jp = randomJones(rng, true);
      double[] jq = randomJones(rng, true);
      double[] m = new double[8];
      for (int k = 0; k < 8; k++) {
        m[k] = rng.nextGaussian();
      }
      double[] v = new double[8];
      Jones.corrupt(jp, 0, m, 0, jq, 0, v, 0, tmp);
      assertArrayEquals(Simulation.sandwich(jp, m, jq), v, 1e-14 * frob(v) + 1e-300);
      double[] ip = new double[8];
      double[] iq = new double[8];
      assertTrue(Jones.invert(jp, 0, ip, 0, 1e-12));
      assertTrue(Jones.invert(jq, 0, iq, 0, 1e-12));
      double[] back = new double[8];
      Jones.corrupt(ip, 0, v, 0, iq, 0, back, 0, tmp);
      // correct(corrupt(M)) == M: rounding grows with the condition numbers, which stay below
      // ~10 for these Jones, so 1e-10 leaves a wide margin over ~1e-15.
      assertArrayEquals(m, back, 1e-10);
    }
    double[] singular = {1, 0, 2, 0, 0.5, 0, 1, 0};
    assertFalse(Jones.invert(singular, 0, new double[8], 0, 1e-12));
  }

  @Test
  void correctUndoesCorruptOnABlockToFloatPrecision() {
    Random rng = new Random(2);
    Simulation sim = new Simulation(31, 12, 4, 4, 10, LINEAR4, SOURCES, true, 1500);
    GainTable table = randomTable(rng, sim, GainTable.JonesType.FULL, 2);
    int[] map = ChannelBlocks.regular(4, 2);
    VisibilityBlock corrupted = GainApplier.corrupt(sim.model, table, map);
    VisibilityBlock back = GainApplier.correct(corrupted, table, map);
    VisibilityBlock m = sim.model;
    double tmpMax = 0;
    for (int r = 0; r < m.nRows(); r++) {
      int slot = sim.timeStep[r] / 2;
      for (int c = 0; c < 4; c++) {
        double[] ip = new double[8];
        double[] iq = new double[8];
        Jones.invert(jonesOf(table, slot, map[c], m.antenna1()[r]), 0, ip, 0, 1e-12);
        Jones.invert(jonesOf(table, slot, map[c], m.antenna2()[r]), 0, iq, 0, 1e-12);
        double[] vm = new double[8];
        double[] vb = new double[8];
        double[] vc = new double[8];
        for (int k = 0; k < 4; k++) {
          int i = m.index(r, c, k);
          vm[2 * k] = m.vis()[2 * i];
          vm[2 * k + 1] = m.vis()[2 * i + 1];
          vb[2 * k] = back.vis()[2 * i];
          vb[2 * k + 1] = back.vis()[2 * i + 1];
          vc[2 * k] = corrupted.vis()[2 * i];
          vc[2 * k + 1] = corrupted.vis()[2 * i + 1];
          assertFalse(back.flag()[i]);
        }
        // Two float32 roundings: of J M J^H (relative EPS_F per element, amplified by the
        // inverse Jones) and of the result; 4x covers the sums of a 2x2 product.
        double bound = 4 * EPS_F * (frob(ip) * frob(iq) * frob(vc) + frob(vm));
        for (int k = 0; k < 8; k++) {
          assertEquals(vm[k], vb[k], bound);
          tmpMax = Math.max(tmpMax, Math.abs(vm[k] - vb[k]) / bound);
        }
      }
    }
    System.out.printf("block round trip: max error / float bound = %.3f%n", tmpMax);
  }

  @Test
  void corruptMatchesTheMeasurementEquationInAnyCorrelationOrder() {
    Random rng = new Random(3);
    Stokes[] shuffled = {Stokes.YY, Stokes.XY, Stokes.XX, Stokes.YX};
    Simulation a = new Simulation(32, 8, 4, 2, 10, LINEAR4, SOURCES, false, 1500);
    Simulation b = new Simulation(32, 8, 4, 2, 10, shuffled, SOURCES, false, 1500);
    GainTable table = randomTable(rng, a, GainTable.JonesType.FULL, 1);
    int[] map = ChannelBlocks.regular(2, 0);
    VisibilityBlock va = GainApplier.corrupt(a.model, table, map);
    VisibilityBlock vb = GainApplier.corrupt(b.model, table, map);
    for (int r = 0; r < va.nRows(); r++) {
      int slot = a.timeStep[r] / 2;
      for (int c = 0; c < 2; c++) {
        double[] m = new double[8];
        for (int k = 0; k < 4; k++) {
          int i = a.model.index(r, c, k);
          m[2 * k] = a.model.vis()[2 * i];
          m[2 * k + 1] = a.model.vis()[2 * i + 1];
        }
        double[] expect =
            Simulation.sandwich(
                jonesOf(table, slot, 0, va.antenna1()[r]),
                m,
                jonesOf(table, slot, 0, va.antenna2()[r]));
        for (int k = 0; k < 4; k++) {
          int e = Simulation.element(LINEAR4[k]);
          int i = va.index(r, c, k);
          double tol = 2 * EPS_F * frob(expect);
          assertEquals(expect[2 * e], va.vis()[2 * i], tol);
          assertEquals(expect[2 * e + 1], va.vis()[2 * i + 1], tol);
          int kb = b.model.polIndex(LINEAR4[k]);
          int ib = vb.index(r, c, kb);
          assertEquals(va.vis()[2 * i], vb.vis()[2 * ib], 0);
          assertEquals(va.vis()[2 * i + 1], vb.vis()[2 * ib + 1], 0);
        }
      }
    }
  }

  @Test
  void circularFeedsUseTheSameAlgebra() {
    Random rng = new Random(4);
    Stokes[] circ = {Stokes.RR, Stokes.RL, Stokes.LR, Stokes.LL};
    Simulation lin = new Simulation(33, 8, 4, 2, 10, LINEAR4, SOURCES, false, 1500);
    Simulation cir = new Simulation(33, 8, 4, 2, 10, circ, SOURCES, false, 1500);
    // Same numbers in both blocks: the result must not depend on the feed basis labels.
    System.arraycopy(lin.model.vis(), 0, cir.model.vis(), 0, lin.model.vis().length);
    GainTable table = randomTable(rng, lin, GainTable.JonesType.FULL, 1);
    int[] map = ChannelBlocks.regular(2, 0);
    assertArrayEquals(
        GainApplier.corrupt(lin.model, table, map).vis(),
        GainApplier.corrupt(cir.model, table, map).vis());
  }

  @Test
  void diagonalTablesWorkWithParallelHandsOnly() {
    Random rng = new Random(5);
    Stokes[] par = {Stokes.XX, Stokes.YY};
    Simulation sim = new Simulation(34, 8, 4, 2, 10, par, SOURCES, true, 1500);
    GainTable table = randomTable(rng, sim, GainTable.JonesType.DIAGONAL, 1);
    int[] map = ChannelBlocks.regular(2, 0);
    VisibilityBlock v = GainApplier.corrupt(sim.model, table, map);
    for (int r = 0; r < v.nRows(); r++) {
      int slot = sim.timeStep[r] / 2;
      double[] jp = jonesOf(table, slot, 0, v.antenna1()[r]);
      double[] jq = jonesOf(table, slot, 0, v.antenna2()[r]);
      for (int c = 0; c < 2; c++) {
        for (int k = 0; k < 2; k++) {
          int f = 6 * k; // offset of J00 or J11
          int i = v.index(r, c, k);
          double mr = sim.model.vis()[2 * i];
          double mi = sim.model.vis()[2 * i + 1];
          // g_p M conj(g_q)
          double gr = jp[f] * jq[f] + jp[f + 1] * jq[f + 1];
          double gi = jp[f + 1] * jq[f] - jp[f] * jq[f + 1];
          double tol = 2 * EPS_F * Math.hypot(gr, gi) * Math.hypot(mr, mi) + 1e-30;
          assertEquals(gr * mr - gi * mi, v.vis()[2 * i], tol);
          assertEquals(gr * mi + gi * mr, v.vis()[2 * i + 1], tol);
        }
      }
    }
    VisibilityBlock back = GainApplier.correct(v, table, map);
    for (int i = 0; i < back.vis().length; i++) {
      assertEquals(sim.model.vis()[i], back.vis()[i], 1e-5 * (1 + Math.abs(sim.model.vis()[i])));
    }
  }

  @Test
  void singularOrFlaggedJonesAndTimesOutsideTheTableFlagSamples() {
    Random rng = new Random(6);
    Simulation sim = new Simulation(35, 8, 4, 1, 10, LINEAR4, SOURCES, false, 1500);
    GainTable table = randomTable(rng, sim, GainTable.JonesType.FULL, 1);
    // Antenna 2 singular in slot 0, antenna 5 flagged in slot 1.
    int o = 8 * table.cell(0, 0, 2);
    double[] sing = {1, 0.5, 2, 1, 0.5, 0.25, 1, 0.5}; // rows proportional: det = 0
    System.arraycopy(sing, 0, table.jones(), o, 8);
    table.flagged()[table.cell(1, 0, 5)] = true;
    int[] map = {0};
    VisibilityBlock data = sim.model.copy();
    // Move the last time step's rows outside every slot.
    for (int r = 0; r < data.nRows(); r++) {
      if (sim.timeStep[r] == 3) {
        data.timeMjdSec()[r] += 100 * sim.dtSec;
      }
    }
    long newly = GainApplier.correctInPlace(data, table, map);
    long expected = 0;
    for (int r = 0; r < data.nRows(); r++) {
      int t = sim.timeStep[r];
      boolean has2 = data.antenna1()[r] == 2 || data.antenna2()[r] == 2;
      boolean has5 = data.antenna1()[r] == 5 || data.antenna2()[r] == 5;
      boolean bad = t == 3 || (t < 2 && has2) || (t == 2 && has5);
      for (int k = 0; k < 4; k++) {
        int i = data.index(r, 0, k);
        assertEquals(bad, data.flag()[i], "row " + r);
        if (bad) {
          expected++;
          assertEquals(sim.model.vis()[2 * i], data.vis()[2 * i], 0, "flagged values untouched");
        }
      }
    }
    assertEquals(expected, newly);
    assertTrue(expected > 0);
  }

  @Test
  void solvedGainsCorrectTheData() {
    Random rng = new Random(7);
    Stokes[] par = {Stokes.XX, Stokes.YY};
    Simulation sim = new Simulation(36, 20, 4, 4, 10, par, SOURCES, true, 2000);
    double[][] g = StefcalSolverTest.randomGains(rng, 20, 0.1, 0.8);
    VisibilityBlock data = sim.observe(StefcalSolverTest.scalar(g), 0, 0);
    CalibrationSolution sol =
        new StefcalSolver(SolverParameters.defaults(JonesMode.DIAGONAL).withIntervals(20, 2))
            .solve(data, sim.model, 20);
    VisibilityBlock corrected = GainApplier.correct(data, sol.table(), sol.chanToBlock());
    double maxErr = 0;
    double peak = 0;
    for (int r = 0; r < data.nRows(); r++) {
      if (data.antenna1()[r] == data.antenna2()[r]) {
        continue;
      }
      for (int i = 2 * r * 4 * 2; i < 2 * (r + 1) * 4 * 2; i++) {
        maxErr = Math.max(maxErr, Math.abs(corrected.vis()[i] - sim.model.vis()[i]));
        peak = Math.max(peak, Math.abs(sim.model.vis()[i]));
      }
    }
    System.out.printf(
        "corrected vs model: max |error| %.2e Jy, model peak %.1f Jy%n", maxErr, peak);
    // Gains converged to the tolerance 1e-6 (relative), so residuals ~1e-6 of the peak; margin 10.
    assertTrue(maxErr < 10 * SolverParameters.DEFAULT_TOLERANCE * peak, "max error " + maxErr);
  }

  @Test
  void badInputIsRejected() {
    Random rng = new Random(8);
    Stokes[] par = {Stokes.XX, Stokes.YY};
    Simulation sim = new Simulation(37, 6, 4, 2, 10, par, SOURCES, false, 1500);
    GainTable full = randomTable(rng, sim, GainTable.JonesType.FULL, 1);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> GainApplier.corrupt(sim.model, full, new int[] {0, 0}));
    assertEquals("pols", e.field());
    GainTable diag = randomTable(rng, sim, GainTable.JonesType.DIAGONAL, 1);
    e =
        assertThrows(
            InvalidInputException.class,
            () -> GainApplier.corrupt(sim.model, diag, new int[] {0, 1}));
    assertEquals("chanToBlock", e.field());
    e =
        assertThrows(
            InvalidInputException.class, () -> GainApplier.corrupt(sim.model, diag, new int[] {0}));
    assertEquals("chanToBlock", e.field());
    diag.jones()[2] = 0.1;
    e =
        assertThrows(
            InvalidInputException.class,
            () -> GainApplier.corrupt(sim.model, diag, new int[] {0, 0}));
    assertEquals("jones", e.field());
  }

  @Test
  void channelBlockHelpers() {
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2}, ChannelBlocks.regular(7, 3));
    assertArrayEquals(new int[] {0, 0, 0}, ChannelBlocks.regular(3, 0));
    assertEquals(3, ChannelBlocks.count(ChannelBlocks.regular(7, 3)));
    assertArrayEquals(
        new double[] {2, 5, 7},
        ChannelBlocks.blockFreqHz(new double[] {1, 2, 3, 4, 5, 6, 7}, ChannelBlocks.regular(7, 3)));
    assertArrayEquals(
        new int[] {0, 0, 1, 1, 2},
        ChannelBlocks.nearest(new double[] {1, 2.9, 4.1, 5, 9}, new double[] {2, 5, 7}));
  }
}
