package org.radiospark.kernels.selfcal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.InvalidInputException;

class FacetLayoutTest {
  private static double[] random(int n, long seed) {
    Random r = new Random(seed);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextGaussian();
    }
    return a;
  }

  @Test
  void facetsTileTheImageExactly() {
    FacetLayout l = new FacetLayout(64, 48, 2, 3);
    double[] img = random(64 * 48, 1);
    double[] back = new double[img.length];
    for (int f = 0; f < l.count(); f++) {
      l.addInto(back, f, l.cut(img, f));
    }
    assertArrayEquals(img, back, 0.0);
  }

  @Test
  void windowsHoldTheFacetAndItsGuardBandClippedAtTheEdges() {
    FacetLayout l = new FacetLayout(64, 64, 2, 2, 8);
    assertArrayEquals(new int[] {0, 0, 40, 40}, l.window(0));
    assertArrayEquals(new int[] {24, 24, 40, 40}, l.window(3));
    double[] img = random(64 * 64, 2);
    for (int f = 0; f < 4; f++) {
      assertArrayEquals(l.cut(img, f), l.ownPixels(l.cutWindow(img, f), f), 0.0);
    }
    // a window pixel is the image pixel at the window's offset
    double[] w3 = l.cutWindow(img, 3);
    assertEquals(img[(24 + 5) * 64 + 24 + 7], w3[5 * 40 + 7], 0.0);
  }

  @Test
  void centralPsfKeepsThePeakAtTheWindowCentre() {
    FacetLayout l = new FacetLayout(64, 64, 2, 2);
    double[] psf = new double[64 * 64];
    psf[32 * 64 + 32] = 1;
    psf[32 * 64 + 33] = 0.5;
    double[] c = l.centralPsf(psf, 40, 24);
    assertEquals(1, c[12 * 40 + 20], 0.0);
    assertEquals(0.5, c[12 * 40 + 21], 0.0);
  }

  @Test
  void defaultGuardIsAQuarterFacetAndNoneForOneFacet() {
    assertEquals(32, new FacetLayout(256, 256, 2, 2).guard());
    assertEquals(0, new FacetLayout(256, 256, 1, 1).guard());
    assertEquals(8, new FacetLayout(64, 64, 4, 4).guard());
  }

  @Test
  void parseAndEquality() {
    FacetLayout a = FacetLayout.parse("2x2", 128, 128);
    assertEquals(new FacetLayout(128, 128, 2, 2), a);
    assertNotEquals(new FacetLayout(128, 128, 2, 2, 0), a);
    assertThrows(InvalidInputException.class, () -> FacetLayout.parse("2by2", 128, 128));
    assertThrows(InvalidInputException.class, () -> new FacetLayout(100, 100, 3, 3));
    assertThrows(InvalidInputException.class, () -> new FacetLayout(32, 32, 8, 8));
    assertThrows(InvalidInputException.class, () -> new FacetLayout(64, 64, 2, 2, 3));
  }
}
