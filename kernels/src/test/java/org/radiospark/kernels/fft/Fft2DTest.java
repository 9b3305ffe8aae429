package org.radiospark.kernels.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Fft2DTest {

  /** Brute-force 2-D DFT, O(n^2 m^2). */
  static double[] dft(double[] a, int ny, int nx, int sign) {
    double[] out = new double[a.length];
    for (int ky = 0; ky < ny; ky++) {
      for (int kx = 0; kx < nx; kx++) {
        double re = 0;
        double im = 0;
        for (int y = 0; y < ny; y++) {
          for (int x = 0; x < nx; x++) {
            double ph = sign * 2 * Math.PI * ((double) kx * x / nx + (double) ky * y / ny);
            double c = Math.cos(ph);
            double s = Math.sin(ph);
            double ar = a[2 * (y * nx + x)];
            double ai = a[2 * (y * nx + x) + 1];
            re += ar * c - ai * s;
            im += ar * s + ai * c;
          }
        }
        out[2 * (ky * nx + kx)] = re;
        out[2 * (ky * nx + kx) + 1] = im;
      }
    }
    return out;
  }

  static double relL2(double[] ref, double[] x) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < ref.length; i++) {
      num += (ref[i] - x[i]) * (ref[i] - x[i]);
      den += ref[i] * ref[i];
    }
    return Math.sqrt(num / den);
  }

  static double[] random(int n, long seed) {
    Random r = new Random(seed);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextGaussian();
    }
    return a;
  }

  @ParameterizedTest
  @CsvSource({"8,8,1", "16,12,2", "15,9,1", "7,13,2", "30,25,3", "11,1,1"})
  void matchesBruteForceDft(int ny, int nx, int nThreads) {
    double[] a = random(2 * nx * ny, 42 + nx);
    Fft2D fft = Fft2D.of(ny, nx);
    double[] f = a.clone();
    fft.forward(f, nThreads);
    // Round-off of an FFT grows like eps * log(n); 1e-13 leaves a wide margin at these sizes.
    assertTrue(relL2(dft(a, ny, nx, -1), f) < 1e-13);
    double[] b = a.clone();
    fft.backward(b, nThreads);
    assertTrue(relL2(dft(a, ny, nx, +1), b) < 1e-13);

    float[] af = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      af[i] = (float) a[i];
    }
    fft.forward(af, nThreads);
    double[] g = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      g[i] = af[i];
    }
    // Float: input rounding plus eps_f * log(n).
    assertTrue(relL2(dft(a, ny, nx, -1), g) < 2e-6);
  }

  @ParameterizedTest
  @CsvSource({"12,10,3,5", "9,8,7,4", "16,16,0,16"})
  void partialTransformsMatchFullOnes(int ny, int nx, int first, int count) {
    Fft2D fft = Fft2D.of(ny, nx);
    double[] a = random(2 * nx * ny, 5);
    for (int y = 0; y < ny; y++) {
      if (Math.floorMod(y - first, ny) >= count) {
        java.util.Arrays.fill(a, 2 * y * nx, 2 * (y + 1) * nx, 0.0);
      }
    }
    double[] full = a.clone();
    fft.forward(full, 1);
    double[] sparse = a.clone();
    fft.forwardSparseRows(sparse, 2, first, count);
    assertTrue(relL2(full, sparse) < 1e-15);
    double[] b = random(2 * nx * ny, 6);
    double[] fullB = b.clone();
    fft.backward(fullB, 1);
    float[] some = new float[b.length];
    for (int i = 0; i < b.length; i++) {
      some[i] = (float) b[i];
    }
    fft.backwardSomeRows(some, 2, first, count);
    for (int k = 0; k < count; k++) {
      int y = (first + k) % ny;
      for (int x = 0; x < 2 * nx; x++) {
        assertEquals(fullB[2 * y * nx + x], some[2 * y * nx + x], 1e-5 * Math.sqrt(nx * ny));
      }
    }
  }

  @Test
  void columnRestrictedTransformsMatchFullOnes() {
    int ny = 10;
    int nx = 20;
    Fft2D fft = Fft2D.of(ny, nx);
    // Non-zero columns 17, 18, 19, 0, 1, 2 (a range that wraps), rows 8, 9, 0.
    double[] a = random(2 * nx * ny, 9);
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        boolean colOn = Math.floorMod(x - 17, nx) < 6;
        boolean rowOn = Math.floorMod(y - 8, ny) < 3;
        if (!colOn || !rowOn) {
          a[2 * (y * nx + x)] = 0;
          a[2 * (y * nx + x) + 1] = 0;
        }
      }
    }
    double[] full = a.clone();
    fft.backward(full, 1);
    double[] part = a.clone();
    fft.backwardSomeRows(part, 2, 8, 3, 17, 6);
    double[] fullF = a.clone();
    fft.forward(fullF, 1);
    double[] partF = a.clone();
    fft.forwardSparseRows(partF, 2, 8, 3, 17, 6);
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        int i = 2 * (y * nx + x);
        if (Math.floorMod(y - 8, ny) < 3) {
          assertEquals(full[i], part[i], 1e-13);
          assertEquals(full[i + 1], part[i + 1], 1e-13);
        }
        if (Math.floorMod(x - 17, nx) < 6) {
          assertEquals(fullF[i], partF[i], 1e-13);
          assertEquals(fullF[i + 1], partF[i + 1], 1e-13);
        }
      }
    }
  }

  static float[] toFloat(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }

  /** Relative L2 difference of the real parts (even slots) of rows [first, first + n) mod ny. */
  static double relL2RealRows(float[] ref, float[] x, int ny, int nx, int first, int n) {
    double num = 0;
    double den = 0;
    for (int k = 0; k < n; k++) {
      int y = Math.floorMod(first + k, ny);
      for (int c = 0; c < nx; c++) {
        double d = ref[2 * (y * nx + c)] - x[2 * (y * nx + c)];
        num += d * d;
        den += (double) ref[2 * (y * nx + c)] * ref[2 * (y * nx + c)];
      }
    }
    return Math.sqrt(num / den);
  }

  // Float FFT round-off grows like u log2(n) with u = 2^-24 ~ 6e-8: 1e-5 leaves a wide margin
  // for these sizes yet catches any packing error (those are O(1)).
  static final double FLOAT_TOL = 1e-5;

  @ParameterizedTest
  @CsvSource({
    "12,10,3,5,2,7,1",
    "16,16,0,16,0,16,2",
    "9,14,7,4,11,6,1",
    "20,18,15,9,4,18,3",
    "10,15,2,7,3,9,2",
    "7,9,0,7,0,9,1",
    "8,12,6,3,10,5,1"
  })
  void realRowForwardMatchesComplexForward(
      int ny, int nx, int first, int n, int firstCol, int nCols, int nThreads) {
    double[] d = random(2 * nx * ny, 7 + ny);
    for (int i = 0; i < d.length; i++) {
      int y = i / (2 * nx);
      boolean inRows = Math.floorMod(y - first, ny) < n;
      if (i % 2 == 1 || !inRows) {
        d[i] = 0;
      }
    }
    float[] ref = toFloat(d);
    float[] got = toFloat(d);
    Fft2D f = Fft2D.of(ny, nx);
    f.forwardSparseRows(ref, nThreads, first, n, firstCol, nCols);
    f.forwardRealRows(got, nThreads, first, n, firstCol, nCols);
    // Compare the output columns that were computed, real and imaginary parts.
    double num = 0;
    double den = 0;
    for (int y = 0; y < ny; y++) {
      for (int k = 0; k < nCols; k++) {
        int c = Math.floorMod(firstCol + k, nx);
        for (int part = 0; part < 2; part++) {
          double r = ref[2 * (y * nx + c) + part];
          double e = r - got[2 * (y * nx + c) + part];
          num += e * e;
          den += r * r;
        }
      }
    }
    assertTrue(Math.sqrt(num / den) < FLOAT_TOL, "rel L2 " + Math.sqrt(num / den));
  }

  @ParameterizedTest
  @CsvSource({
    "12,10,3,5,2,7,1",
    "16,16,0,16,0,16,2",
    "9,14,7,4,11,6,1",
    "20,18,15,9,4,18,3",
    "10,15,2,7,3,9,2",
    "7,9,0,7,0,9,1",
    "8,12,6,3,10,5,1"
  })
  void realPartBackwardMatchesComplexBackward(
      int ny, int nx, int first, int n, int firstCol, int nCols, int nThreads) {
    double[] d = random(2 * nx * ny, 11 + nx);
    for (int i = 0; i < d.length; i++) {
      int c = (i / 2) % nx;
      if (Math.floorMod(c - firstCol, nx) >= nCols) {
        d[i] = 0;
      }
    }
    float[] ref = toFloat(d);
    float[] got = toFloat(d);
    Fft2D f = Fft2D.of(ny, nx);
    f.backwardSomeRows(ref, nThreads, first, n, firstCol, nCols);
    f.backwardSomeRowsRealPart(got, nThreads, first, n, firstCol, nCols);
    double err = relL2RealRows(ref, got, ny, nx, first, n);
    assertTrue(err < FLOAT_TOL, "rel L2 " + err);
    for (int k = 0; k < n; k++) {
      int y = Math.floorMod(first + k, ny);
      for (int c = 0; c < nx; c++) {
        assertEquals(0f, got[2 * (y * nx + c) + 1]);
      }
    }
  }

  @Test
  void backwardIsAdjointOfForward() {
    int ny = 24;
    int nx = 20;
    double[] x = random(2 * nx * ny, 1);
    double[] y = random(2 * nx * ny, 2);
    double[] ax = x.clone();
    Fft2D.of(ny, nx).forward(ax, 2);
    double[] ahy = y.clone();
    Fft2D.of(ny, nx).backward(ahy, 2);
    // Re <A x, y> = Re <x, A^H y>
    double lhs = 0;
    double rhs = 0;
    for (int i = 0; i < x.length; i++) {
      lhs += ax[i] * y[i];
      rhs += x[i] * ahy[i];
    }
    assertEquals(lhs, rhs, 1e-12 * Math.sqrt(x.length) * Math.abs(lhs) + 1e-9);
  }

  @Test
  void shiftRoundTripAndCentre() {
    for (int[] s : new int[][] {{5, 7}, {6, 4}, {1, 9}}) {
      double[] a = random(s[0] * s[1] * 2, 3);
      double[] back = FftShift.ifftshift(FftShift.fftshift(a, s[0], s[1], 2), s[0], s[1], 2);
      assertEquals(0, relL2(a, back));
      double[] delta = new double[s[0] * s[1]];
      delta[0] = 1;
      double[] shifted = FftShift.fftshift(delta, s[0], s[1], 1);
      assertEquals(1, shifted[(s[0] / 2) * s[1] + s[1] / 2]);
    }
  }

  @Test
  void goodSizes() {
    assertEquals(1, Fft2D.goodSize(1));
    assertEquals(7 + 1, Fft2D.goodSize(7));
    assertEquals(1000, Fft2D.goodSize(1000));
    assertEquals(1024, Fft2D.goodSize(1013));
    assertEquals(2048, Fft2D.goodSize(2048));
    assertEquals(10, Fft2D.goodEvenSize(9));
    for (int n = 2; n < 3000; n += 37) {
      int m = Fft2D.goodSize(n);
      assertTrue(m >= n && m <= 1.25 * n + 2);
      int r = m;
      for (int p : new int[] {2, 3, 5}) {
        while (r % p == 0) {
          r /= p;
        }
      }
      assertEquals(1, r);
    }
  }

  @Test
  void goodEvenSizesAreTheEvenFiveSmoothLengthsInRange() {
    int[][] ranges = {{1, 100}, {1485, 2662}, {7, 7}, {1501, 1535}, {4000, 4100}};
    for (int[] r : ranges) {
      java.util.List<Integer> brute = new java.util.ArrayList<>();
      for (int n = r[0]; n <= r[1]; n++) {
        if (n % 2 == 0 && Fft2D.goodSize(n) == n) {
          brute.add(n);
        }
      }
      assertArrayEquals(
          brute.stream().mapToInt(Integer::intValue).toArray(), Fft2D.goodEvenSizes(r[0], r[1]));
    }
  }

  @Test
  void relativeCostRanksSplitRadixMixedRadixAndBluestein() {
    for (int n = 1; n <= 1 << 20; n *= 2) {
      assertEquals(1.0, Fft2D.relativeCost(n));
    }
    assertEquals(1.35, Fft2D.relativeCost(1536));
    assertEquals(1.35, Fft2D.relativeCost(3));
    assertEquals(1.5, Fft2D.relativeCost(1500));
    assertEquals(1.5, Fft2D.relativeCost(1728));
    assertTrue(Fft2D.relativeCost(1501) > Fft2D.relativeCost(1500));
    assertThrows(IllegalArgumentException.class, () -> Fft2D.relativeCost(0));
  }
}
