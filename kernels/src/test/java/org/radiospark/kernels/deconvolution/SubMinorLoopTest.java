package org.radiospark.kernels.deconvolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SubMinorLoopTest {
  static final int N = 64;

  static double[] dirty(double[] psf) {
    double[] sky = new double[N * N];
    sky[20 * N + 22] = 3.0;
    sky[40 * N + 30] = -2.0;
    sky[33 * N + 45] = 1.2;
    return Planted.convolveDirect(sky, psf, N, N);
  }

  @Test
  void activeSetLoopPlacesTheSameComponentsAsFullImageHogbomOnTheSamePixels() {
    double[] psf = Planted.uvPsf(N, 200, 3.0, 9);
    double[] image = dirty(psf);
    double tau = 0.3;
    SubMinorLoop loop = new SubMinorLoop(N, N);
    int n = loop.select(image, null, 0, tau, 1.0, true, N * N);
    assertTrue(n > 0 && n < N * N / 4, "active pixels " + n);
    SubMinorLoop.Result r = loop.run(psf, 0.1, 1.0, tau, true, 100000, Double.MAX_VALUE);

    // Reference: Hogbom on the full image, the peak searched over the same pixels.
    boolean[] set = new boolean[N * N];
    for (int k = 0; k < loop.size(); k++) {
      set[loop.pixel(k)] = true;
    }
    double[] ref = image.clone();
    double[] refComponents = new double[N * N];
    long iter = 0;
    while (true) {
      int p = ImageOps.findPeak(ref, N, N, true, set, 0, 0);
      if (!(Math.abs(ref[p]) > tau)) {
        break;
      }
      double c = 0.1 * ref[p];
      refComponents[p] += c;
      ImageOps.subtractShifted(ref, N, N, psf, p % N, p / N, c);
      iter++;
    }
    assertEquals(iter, r.iterations());
    double[] got = new double[N * N];
    for (int k = 0; k < loop.size(); k++) {
      got[loop.pixel(k)] = loop.component(k);
    }
    // Same components in the same order: equal up to the summation order of the updates.
    assertArrayEquals(refComponents, got, 1e-12);
    // Applying them to the full image reproduces the reference residual.
    double[] applied = image.clone();
    ImageOps.subtractComponents(applied, N, N, psf, loop);
    assertArrayEquals(ref, applied, 1e-12);
  }

  @Test
  void oversizedSetIsRefusedAndRowWiseSubtractionEqualsPerComponentSubtraction() {
    double[] psf = Planted.uvPsf(N, 200, 3.0, 9);
    double[] image = dirty(psf);
    SubMinorLoop loop = new SubMinorLoop(N, N);
    assertEquals(-1, loop.select(image, null, 0, 0.0, 1.0, true, 10));
    int[] xs = {0, 63, 20, 40, 20};
    int[] ys = {0, 63, 50, 10, 50};
    double[] c = {0.5, -1.25, 2.0, 0.125, 3.0};
    double[] a = image.clone();
    double[] b = image.clone();
    for (int j = 0; j < c.length; j++) {
      ImageOps.subtractShifted(a, N, N, psf, xs[j], ys[j], c[j]);
    }
    ImageOps.subtractShiftedRows(b, N, N, psf, xs, ys, c);
    assertArrayEquals(a, b, 0.0);
  }
}
