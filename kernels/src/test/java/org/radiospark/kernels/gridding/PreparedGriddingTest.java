package org.radiospark.kernels.gridding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * {@link WGridder#prepare}: reused plans give the one-shot results (exactly, up to the order of the
 * threads' additions), and the 2-D float path (runs of channels sorted by tile) against the direct
 * Fourier sums where runs split: many channels, zero weights inside rows, uv wrapping.
 */
class PreparedGriddingTest {
  private static final double[] FREQ = WGridderTest.FREQ;

  @ParameterizedTest(name = "{0} w={1} threads={2}")
  @CsvSource({"FLOAT, false, 1", "FLOAT, false, 2", "FLOAT, true, 2", "DOUBLE, false, 1"})
  void preparedCallsEqualOneShotCallsBitForBit(Precision prec, boolean w, int nThreads) {
    int nx = 48;
    int ny = 40;
    double cell = 0.3 / nx;
    GridderParams p = GridderParams.of(nx, ny, cell, cell, 1e-5, w, prec, nThreads);
    WGridderTest.Problem pr = new WGridderTest.Problem(300, 0.7 / cell, w ? 300 : 0, 11);
    WGridder g = new WGridder(p);
    float[] vis = pr.visF();
    float[] wgt = pr.wgtF();
    double[] img = WGridderTest.randomImage(nx * ny, 3);
    PreparedGridding prepared = g.prepare(pr.uvw, FREQ, wgt);
    assertEquals(g.setup(pr.uvw, FREQ, wgt), prepared.setup());
    double[] dirty = g.ms2dirty(pr.uvw, FREQ, vis, wgt);
    float[] model = g.dirty2ms(pr.uvw, FREQ, img, wgt);
    for (int call = 0; call < 2; call++) {
      if (nThreads == 1) {
        assertArrayEquals(dirty, prepared.ms2dirty(vis), "ms2dirty, call " + call);
      } else {
        // Threads add their tile buffers to the shared grid in a varying order: float round-off.
        double err = DirectFourier.relL2(dirty, prepared.ms2dirty(vis));
        assertTrue(err < 1e-6, "ms2dirty, call " + call + ": " + err);
      }
      // Interpolation only reads the grid: exact whatever the threads.
      assertArrayEquals(model, prepared.dirty2ms(img), "dirty2ms, call " + call);
    }
  }

  /**
   * 150 channels over 100-250 MHz: a row's samples cross several uv tiles, runs reach the 64
   * channel limit, and blocks of zero weights cut them.
   */
  @Test
  void manyChannelsWithGapsMatchTheDirectSums() {
    int nChan = 150;
    double[] freq = new double[nChan];
    for (int c = 0; c < nChan; c++) {
      freq[c] = 100e6 + 1e6 * c;
    }
    int nx = 36;
    int ny = 32;
    double cell = 0.2 / nx;
    double eps = 1e-5;
    GridderParams p = GridderParams.of(nx, ny, cell, cell, eps, false, Precision.FLOAT, 1);
    Random r = new Random(5);
    int nRows = 24;
    double lambda = VisibilityBlock.C / freq[nChan - 1];
    double[] uvw = new double[3 * nRows];
    for (int i = 0; i < nRows; i++) {
      // Up to 0.9 of the Nyquist limit at the top channel, some beyond it (periodic wrap).
      uvw[3 * i] = (2 * r.nextDouble() - 1) * (i % 5 == 0 ? 1.3 : 0.9) / (2 * cell) * lambda;
      uvw[3 * i + 1] = (2 * r.nextDouble() - 1) * 0.9 / (2 * cell) * lambda;
      uvw[3 * i + 2] = 0;
    }
    int n = nRows * nChan;
    double[] vis = new double[2 * n];
    double[] wgt = new double[n];
    float[] visF = new float[2 * n];
    float[] wgtF = new float[n];
    for (int i = 0; i < n; i++) {
      visF[2 * i] = (float) r.nextGaussian();
      visF[2 * i + 1] = (float) r.nextGaussian();
      int c = i % nChan;
      // Zero-weight blocks of channels inside the rows.
      wgtF[i] = (c >= 40 && c < 47) || (c >= 120 && c < 121) ? 0f : (float) (0.5 + r.nextDouble());
      vis[2 * i] = visF[2 * i];
      vis[2 * i + 1] = visF[2 * i + 1];
      wgt[i] = wgtF[i];
    }
    PreparedGridding prepared = new WGridder(p).prepare(uvw, freq, wgtF);
    double[] ref = DirectFourier.ms2dirty(p, uvw, freq, vis, wgt, false);
    double err = DirectFourier.relL2(ref, prepared.ms2dirty(visF));
    assertTrue(err <= eps, "ms2dirty error " + err);
    double[] img = WGridderTest.randomImage(nx * ny, 9);
    double[] vref = DirectFourier.dirty2ms(p, uvw, freq, img, wgt, false);
    float[] vf = prepared.dirty2ms(img);
    double[] v = new double[vf.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = vf[i];
    }
    double verr = DirectFourier.relL2(vref, v);
    assertTrue(verr <= eps, "dirty2ms error " + verr);
    for (int i = 0; i < n; i++) {
      if (wgtF[i] == 0) {
        assertEquals(0f, vf[2 * i]);
        assertEquals(0f, vf[2 * i + 1]);
      }
    }
  }

  @Test
  void inputsAreCopiedAtPreparation() {
    double cell = 0.3 / 32;
    GridderParams p = GridderParams.of(32, 32, cell, cell, 1e-4, false, Precision.FLOAT, 1);
    WGridderTest.Problem pr = new WGridderTest.Problem(100, 0.6 / cell, 0, 4);
    WGridder g = new WGridder(p);
    double[] uvw = pr.uvw.clone();
    float[] wgt = pr.wgtF();
    PreparedGridding prepared = g.prepare(uvw, FREQ, wgt);
    Arrays.fill(uvw, 1e3);
    Arrays.fill(wgt, 2f);
    assertArrayEquals(g.ms2dirty(pr.uvw, FREQ, pr.visF(), pr.wgtF()), prepared.ms2dirty(pr.visF()));
  }

  @Test
  void rejectsVisibilitiesOfAnotherShape() {
    double cell = 0.3 / 32;
    GridderParams p = GridderParams.of(32, 32, cell, cell, 1e-4, false, Precision.FLOAT, 1);
    WGridderTest.Problem pr = new WGridderTest.Problem(10, 0.6 / cell, 0, 4);
    PreparedGridding prepared = new WGridder(p).prepare(pr.uvw, FREQ, null);
    assertEquals(10 * FREQ.length, prepared.nSamples());
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> prepared.ms2dirty(new float[6]));
    assertTrue(e.getMessage().contains("vis"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> prepared.dirty2ms(new double[5]));
  }

  /** Float precision through the double-visibility entry points (weights applied outside). */
  @Test
  void doubleEntryPointsAgreeWithFloatOnesInFloatPrecision() {
    double cell = 0.3 / 40;
    GridderParams p = GridderParams.of(40, 40, cell, cell, 1e-5, false, Precision.FLOAT, 1);
    WGridderTest.Problem pr = new WGridderTest.Problem(200, 0.7 / cell, 0, 8);
    WGridder g = new WGridder(p);
    double[] a = g.ms2dirty(pr.uvw, FREQ, pr.vis, pr.wgt);
    double[] b = g.ms2dirty(pr.uvw, FREQ, pr.visF(), pr.wgtF());
    // Inputs differ by the float rounding of vis and weights (2^-24 relative each).
    assertTrue(DirectFourier.relL2(b, a) < 1e-6, "ms2dirty " + DirectFourier.relL2(b, a));
    double[] img = WGridderTest.randomImage(40 * 40, 2);
    double[] vd = g.dirty2msDouble(pr.uvw, FREQ, img, pr.wgt);
    float[] vf = g.dirty2ms(pr.uvw, FREQ, img, pr.wgtF());
    double[] v = new double[vf.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = vf[i];
      if (pr.wgt[i / 2] == 0) {
        assertEquals(0.0, vd[i]);
      }
    }
    assertTrue(DirectFourier.relL2(vd, v) < 1e-6, "dirty2ms " + DirectFourier.relL2(vd, v));
  }
}
