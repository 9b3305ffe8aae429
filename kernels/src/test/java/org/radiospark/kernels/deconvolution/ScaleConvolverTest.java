package org.radiospark.kernels.deconvolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScaleConvolverTest {
  static final int NX = 48;
  static final int NY = 40;

  static double[] random(int n, long seed) {
    Random r = new Random(seed);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextGaussian();
    }
    return a;
  }

  /** Brute-force linear convolution of the zero-extended image with a centred small kernel. */
  static double direct(double[] image, double[] k, int n, int x, int y) {
    double sum = 0;
    int half = n / 2;
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        int xx = x - (i - half);
        int yy = y - (j - half);
        if (xx >= 0 && xx < NX && yy >= 0 && yy < NY) {
          sum += k[j * n + i] * image[yy * NX + xx];
        }
      }
    }
    return sum;
  }

  @Test
  void pairedTransformsGiveTheLinearConvolutionInsideEachBorder() {
    double[] scales = {0, 4, 8, 12};
    double[][] kernels = new double[scales.length][];
    int[] sizes = new int[scales.length];
    for (int s = 1; s < scales.length; s++) {
      kernels[s] = ScaleKernels.taperedQuadratic(scales[s]);
      sizes[s] = ScaleKernels.kernelSize(scales[s]);
    }
    double[] image = random(NX * NY, 1);
    double[][] out = new double[scales.length][NX * NY];
    ScaleConvolver c = new ScaleConvolver(NX, NY, kernels, sizes);
    c.convolveAll(image, out);
    // FFT rounding: ~1e-16 per operation times log2(points) on values of order max|image| ~ 4.
    double tol = 1e-13;
    for (int s = 1; s < scales.length; s++) {
      int h = sizes[s] / 2;
      for (int y = h; y < NY - h; y++) {
        for (int x = h; x < NX - h; x++) {
          assertEquals(
              direct(image, kernels[s], sizes[s], x, y), out[s][y * NX + x], tol, "scale " + s);
        }
      }
    }
    // Scales not wanted are not written.
    double[][] partial = new double[scales.length][NX * NY];
    java.util.Arrays.fill(partial[1], Double.NaN);
    java.util.Arrays.fill(partial[2], Double.NaN);
    c.convolve(image, partial, new boolean[] {true, false, false, true});
    assertTrue(Double.isNaN(partial[1][0]) && Double.isNaN(partial[2][0]));
    assertEquals(out[3][20 * NX + 20], partial[3][20 * NX + 20], 0.0);
  }

  @Test
  void scaleConvolvedPsfsMatchTwoPaddedConvolutionsIncludingAKernelWiderThanTheImage() {
    double[] psf = Planted.uvPsf(NX, 60, 3.0, 5);
    psf = java.util.Arrays.copyOf(psf, NX * NY);
    double[] scales = {0, 6, 14, 30, 70};
    double[][] kernels = new double[scales.length][];
    int[] sizes = new int[scales.length];
    for (int s = 1; s < scales.length; s++) {
      kernels[s] = ScaleKernels.taperedQuadratic(scales[s]);
      sizes[s] = ScaleKernels.kernelSize(scales[s]);
    }
    double[][][] got = ScaleConvolver.scaleConvolvedPsfs(psf, NX, NY, kernels, sizes);
    assertEquals(null, got[0][0]);
    for (int s = 1; s < scales.length; s++) {
      FftConvolver ref = FftConvolver.ofSmallKernel(NX, NY, kernels[s], sizes[s]);
      double[] once = ref.apply(psf);
      double[] twice = ref.apply(once);
      for (int i = 0; i < NX * NY; i++) {
        assertEquals(once[i], got[0][s][i], 1e-13, "once, scale " + scales[s]);
        assertEquals(twice[i], got[1][s][i], 1e-13, "twice, scale " + scales[s]);
      }
    }
  }

  @Test
  void fastSizesArePowersOfTwoOrFiveTimesPowersOfTwo() {
    assertEquals(1, ScaleConvolver.fastSize(1));
    assertEquals(5, ScaleConvolver.fastSize(5));
    assertEquals(1280, ScaleConvolver.fastSize(1240));
    assertEquals(2048, ScaleConvolver.fastSize(1537));
    for (int n = 1; n < 3000; n += 7) {
      int m = ScaleConvolver.fastSize(n);
      int odd = Integer.numberOfTrailingZeros(m) == 31 ? 1 : m >> Integer.numberOfTrailingZeros(m);
      assertTrue(m >= n && m < 2 * n + 2 && (odd == 1 || odd == 5), n + " -> " + m);
    }
  }
}
