package org.radiospark.kernels.polarisation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.Stokes;

class PolarisationConverterTest {
  private static final Stokes[] IQUV = {Stokes.I, Stokes.Q, Stokes.U, Stokes.V};
  private static final Stokes[] LINEAR = {Stokes.XX, Stokes.XY, Stokes.YX, Stokes.YY};
  private static final Stokes[] CIRCULAR = {Stokes.RR, Stokes.RL, Stokes.LR, Stokes.LL};

  @Test
  void definitionsOfTheFeeds() {
    double[] s = {1, 2, 3, 4};
    // XX = I + Q, XY = U + iV, YX = U - iV, YY = I - Q.
    assertArrayEquals(
        new double[] {3, 0, 3, 4, 3, -4, -1, 0},
        PolarisationConverter.stokesToCorrelations(s, LINEAR),
        1e-15);
    // RR = I + V, RL = Q + iU, LR = Q - iU, LL = I - V.
    assertArrayEquals(
        new double[] {5, 0, 2, 3, 2, -3, -3, 0},
        PolarisationConverter.stokesToCorrelations(s, CIRCULAR),
        1e-15);
  }

  @Test
  void roundTripsOfComplexStokesVisibilities() {
    Random rnd = new Random(7);
    double[] x = new double[8];
    for (int i = 0; i < 8; i++) {
      x[i] = rnd.nextGaussian();
    }
    for (Stokes[] feed : new Stokes[][] {LINEAR, CIRCULAR}) {
      double[] c = new double[8];
      double[] back = new double[8];
      PolarisationConverter.of(IQUV, feed).apply(x, 0, c, 0);
      PolarisationConverter.of(feed, IQUV).apply(c, 0, back, 0);
      assertArrayEquals(x, back, 1e-15);
    }
    // Linear -> circular -> linear through the Stokes parameters.
    double[] lin = new double[8];
    double[] circ = new double[8];
    double[] lin2 = new double[8];
    PolarisationConverter.of(IQUV, LINEAR).apply(x, 0, lin, 0);
    PolarisationConverter.of(LINEAR, CIRCULAR).apply(lin, 0, circ, 0);
    PolarisationConverter.of(CIRCULAR, LINEAR).apply(circ, 0, lin2, 0);
    assertArrayEquals(lin, lin2, 1e-15);
    double[] circDirect = new double[8];
    PolarisationConverter.of(IQUV, CIRCULAR).apply(x, 0, circDirect, 0);
    assertArrayEquals(circDirect, circ, 1e-15);
  }

  @Test
  void stokesIFromParallelHandsAndCopiesOfPresentProducts() {
    Stokes[] from = {Stokes.YY, Stokes.XX};
    PolarisationConverter p = PolarisationConverter.of(from, new Stokes[] {Stokes.I, Stokes.XX});
    double[] out = new double[4];
    p.apply(new double[] {1, 2, 3, 4}, 0, out, 0);
    assertArrayEquals(new double[] {2, 3, 3, 4}, out, 1e-15);
    assertThrows(
        IllegalArgumentException.class,
        () -> PolarisationConverter.of(from, new Stokes[] {Stokes.V}));
    assertThrows(
        IllegalArgumentException.class,
        () -> PolarisationConverter.of(from, new Stokes[] {Stokes.XY}));
  }

  @Test
  void floatArraysOfManySamplesWithOffsets() {
    PolarisationConverter p = PolarisationConverter.of(LINEAR, new Stokes[] {Stokes.I, Stokes.V});
    // Two samples: XX=2, XY=i, YX=-i, YY=0 -> I = 1, V = -i(i - (-i))/2 = 1; then all zero.
    float[] in = {2, 0, 0, 1, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    float[] out = new float[8];
    p.apply(in, out, 2);
    assertArrayEquals(new float[] {1, 0, 1, 0, 0, 0, 0, 0}, out, 1e-7f);
    double[] buf = new double[12];
    p.apply(new double[] {9, 9, 2, 0, 0, 1, 0, -1, 0, 0}, 2, buf, 4);
    assertArrayEquals(new double[] {0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0}, buf, 1e-15);
  }
}
