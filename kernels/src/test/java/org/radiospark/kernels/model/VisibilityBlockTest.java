package org.radiospark.kernels.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VisibilityBlockTest {

  private static VisibilityBlock planted(int rows, int chans, int pols) {
    double[] f = new double[chans];
    double[] df = new double[chans];
    for (int c = 0; c < chans; c++) {
      f[c] = 1e8 + 1e5 * c;
      df[c] = 1e5;
    }
    double[] z = new double[rows];
    int[] a = new int[rows];
    VisibilityBlock b =
        VisibilityBlock.zeros(
            z.clone(),
            z.clone(),
            z.clone(),
            a.clone(),
            a.clone(),
            z.clone(),
            z.clone(),
            f,
            df,
            pols == 4
                ? new Stokes[] {Stokes.XX, Stokes.XY, Stokes.YX, Stokes.YY}
                : new Stokes[] {Stokes.XX, Stokes.YY},
            PhaseCentre.ofDegrees(10, -30));
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < chans; c++) {
        for (int p = 0; p < b.nPol(); p++) {
          int i = b.index(r, c, p);
          b.vis()[2 * i] = 1000 * r + 10 * c + p;
          b.vis()[2 * i + 1] = -i;
          b.weight()[i] = i + 0.5f;
          b.flag()[i] = (i % 3) == 0;
        }
      }
    }
    return b;
  }

  @Test
  void selectChannelsKeepsEverySampleOfTheRange() {
    VisibilityBlock b = planted(5, 7, 4);
    VisibilityBlock s = b.selectChannels(2, 5);
    assertEquals(3, s.nChan());
    assertArrayEquals(new double[] {b.freqHz()[2], b.freqHz()[3], b.freqHz()[4]}, s.freqHz());
    for (int r = 0; r < 5; r++) {
      for (int c = 0; c < 3; c++) {
        for (int p = 0; p < 4; p++) {
          int i = b.index(r, c + 2, p);
          int j = s.index(r, c, p);
          assertEquals(b.vis()[2 * i], s.vis()[2 * j]);
          assertEquals(b.vis()[2 * i + 1], s.vis()[2 * j + 1]);
          assertEquals(b.weight()[i], s.weight()[j]);
          assertEquals(b.flag()[i], s.flag()[j]);
        }
      }
    }
  }

  @Test
  void selectChannelsRejectsEmptyOrOutsideRanges() {
    VisibilityBlock b = planted(2, 3, 2);
    assertThrows(IllegalArgumentException.class, () -> b.selectChannels(2, 2));
    assertThrows(IllegalArgumentException.class, () -> b.selectChannels(-1, 2));
    assertThrows(IllegalArgumentException.class, () -> b.selectChannels(0, 4));
  }

  @Test
  void constructorChecksEveryLength() {
    VisibilityBlock b = planted(2, 3, 2);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new VisibilityBlock(
                b.uMetres(),
                b.vMetres(),
                b.wMetres(),
                b.antenna1(),
                b.antenna2(),
                b.timeMjdSec(),
                b.integrationSec(),
                b.freqHz(),
                b.chanWidthHz(),
                b.pols(),
                new float[3],
                b.weight(),
                b.flag(),
                b.phaseCentre()));
  }
}
