package org.radiospark.kernels.deconvolution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FftConvolverTest {

  @ParameterizedTest
  @CsvSource({
    "16,16,99",
    "17,12,99",
    "9,21,99",
    // Compact kernels (non-zero within +-e pixels) get a grid of n + e, not 2n: still no wrap.
    "40,30,3",
    "33,41,6",
    "40,30,0"
  })
  void matchesBruteForceLinearConvolution(int nx, int ny, int extent) {
    Random rnd = new Random(nx * 100 + ny);
    double[] image = new double[nx * ny];
    double[] kernel = new double[nx * ny];
    for (int i = 0; i < image.length; i++) {
      image[i] = rnd.nextGaussian();
      boolean inside = Math.abs(i % nx - nx / 2) <= extent && Math.abs(i / nx - ny / 2) <= extent;
      kernel[i] = inside ? rnd.nextGaussian() : 0.0;
    }
    double[] expected = new double[nx * ny];
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        double s = 0;
        for (int qy = 0; qy < ny; qy++) {
          for (int qx = 0; qx < nx; qx++) {
            int ky = y - qy + ny / 2;
            int kx = x - qx + nx / 2;
            if (kx >= 0 && kx < nx && ky >= 0 && ky < ny) {
              s += image[qy * nx + qx] * kernel[ky * nx + kx];
            }
          }
        }
        expected[y * nx + x] = s;
      }
    }
    double[] got = new FftConvolver(nx, ny, kernel).apply(image);
    // Double-precision FFT of a few hundred terms of O(1): rounding ~ 1e-15 * sqrt(N) * |sum|.
    for (int i = 0; i < got.length; i++) {
      assertEquals(expected[i], got[i], 1e-11, "pixel " + i);
    }
  }
}
