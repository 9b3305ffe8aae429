package org.radiospark.kernels.imaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radiospark.kernels.gridding.Precision;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.testing.SharedData;
import org.radiospark.kernels.weighting.Weighting;

/**
 * Regression test on real MWA data (1133866760.uvfits, |w| up to ~400 wavelengths, |u| beyond the
 * image's Nyquist limit): the natural-weighted PSF of a 1024^2 x 1.5' image (corners at l, m =
 * +-12.8 deg, n - 1 ~ -0.05) against a brute-force direct Fourier sum at the centre's neighbour and
 * at all four corners. The flux convention is WSClean's (no 1/n), so the reference is {@code sum_k
 * cos(2 pi (u l + v m + w (n - 1))) / sum_k 1} over the samples WSClean images (those inside the
 * Nyquist box, {@link #insideNyquistBox}).
 */
class ImagerMwaWideFieldTest {
  static final int N = 1024;
  static final double CELL = Math.toRadians(1.5 / 60);

  @ParameterizedTest(name = "{0} eps={1}")
  @CsvSource({"FLOAT, 1e-4", "FLOAT, 1e-3", "DOUBLE, 1e-7"})
  void psfMatchesDirectSumsUpToTheCorners(Precision prec, double eps) throws Exception {
    Path f = SharedData.require("mwa/1133866760.uvfits");
    VisibilityBlock b =
        UvfitsReader.read(f, UvfitsReadOptions.defaults().withIgnoreFlags(true)).block();
    // Unit weights (the file's are negative and vary): the reference below is unweighted.
    java.util.Arrays.fill(b.weight(), 1f);
    ImagingParams p =
        new ImagingParams(
            N,
            N,
            CELL,
            Weighting.natural(),
            Stokes.I,
            0,
            Integer.MAX_VALUE,
            eps,
            true,
            prec,
            2,
            true);
    Image psf = Imager.psf(b, p);
    int[][] offsets = {
      {0, 0},
      {1, 0},
      {-511, 511},
      {511, 511},
      {-511, -511},
      {511, -511},
      {-512, -512},
      {-400, 300},
      {0, -511},
      {200, -37}
    };
    double worst = 0;
    StringBuilder msg = new StringBuilder();
    for (int[] o : offsets) {
      int x = N / 2 + o[0];
      int y = N / 2 + o[1];
      double ref = directPsf(b, x, y);
      double got = psf.pixels()[y * N + x];
      worst = Math.max(worst, Math.abs(got - ref));
      msg.append(String.format(" (%d,%d): dft %.6f ours %.6f;", o[0], o[1], ref, got));
    }
    // The PSF peaks at 1, and each pixel's error is bounded by the gridder's L2 error (epsilon
    // relative to the image norm, which the peak bounds from below only loosely): require eps
    // relative to the peak. Before the fix the float corners were off by 0.3.
    assertTrue(worst <= eps, "max |ours - DFT| = " + worst + msg);
  }

  /**
   * WSClean's selection (in every weighting): the sample's cell on the padded weighting grid (1232
   * cells of 1/(1232 cell) wavelengths for 1024 pixels, half plane v &gt;= 0, cell edges on the
   * axes) must lie inside it. 66 of the file's 60060 cross-correlation samples do not.
   */
  static boolean insideNyquistBox(VisibilityBlock b, int r, int c) {
    int g = 1232;
    double s = b.freqHz()[c] / VisibilityBlock.C;
    double u = b.uMetres()[r] * s;
    double v = b.vMetres()[r] * s;
    if (v < 0) {
      u = -u;
      v = -v;
    }
    long ix = (long) Math.floor(u * g * CELL) + g / 2;
    long iy = (long) Math.floor(v * g * CELL);
    return ix >= 0 && ix < g && iy < g / 2;
  }

  /** Natural-weighted PSF at pixel (x, y) by direct summation, cross-correlations only. */
  static double directPsf(VisibilityBlock b, int x, int y) {
    double l = -(x - N / 2) * CELL;
    double m = (y - N / 2) * CELL;
    double r2 = l * l + m * m;
    double nm1 = -r2 / (Math.sqrt(1 - r2) + 1);
    double sum = 0;
    long count = 0;
    for (int r = 0; r < b.nRows(); r++) {
      if (b.antenna1()[r] == b.antenna2()[r]) {
        continue;
      }
      double ph = b.uMetres()[r] * l + b.vMetres()[r] * m + b.wMetres()[r] * nm1;
      for (int c = 0; c < b.nChan(); c++) {
        if (!insideNyquistBox(b, r, c)) {
          continue;
        }
        sum += Math.cos(2 * Math.PI * ph * b.freqHz()[c] / VisibilityBlock.C);
        count++;
      }
    }
    return sum / count;
  }
}
