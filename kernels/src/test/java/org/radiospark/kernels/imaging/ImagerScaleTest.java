package org.radiospark.kernels.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * The brief's size: a 1024 x 1024 dirty image and PSF from 100 000 rows x 11 channels with w up to
 * 400 wavelengths (MWA-like, far from zenith), default settings (float, epsilon 1e-4, w-gridding,
 * uniform weighting), 2 threads. Must take seconds, not minutes. The behaviour is covered fast by
 * {@link ImagerTest}; this checks scale only.
 */
@Tag("slow")
class ImagerScaleTest {

  @Test
  void megaVisibilityImageTakesSeconds() {
    int nRows = 100_000;
    double[] freq = new double[11];
    for (int c = 0; c < freq.length; c++) {
      freq[c] = 153.875e6 + 80e3 * c;
    }
    double cell = Math.toRadians(1.0 / 60);
    double lambda = VisibilityBlock.C / freq[10];
    Random r = new Random(4);
    double[] u = new double[nRows];
    double[] v = new double[nRows];
    double[] w = new double[nRows];
    int[] a1 = new int[nRows];
    int[] a2 = new int[nRows];
    for (int i = 0; i < nRows; i++) {
      u[i] = r.nextGaussian() / (6 * cell) * lambda;
      v[i] = r.nextGaussian() / (6 * cell) * lambda;
      w[i] = (2 * r.nextDouble() - 1) * 400 * lambda;
      a1[i] = 0;
      a2[i] = 1;
    }
    double[] widths = new double[11];
    Arrays.fill(widths, 80e3);
    VisibilityBlock b =
        VisibilityBlock.zeros(
            u,
            v,
            w,
            a1,
            a2,
            new double[nRows],
            new double[nRows],
            freq,
            widths,
            new Stokes[] {Stokes.XX, Stokes.YY},
            PhaseCentre.ofDegrees(60, -30));
    // A 1 Jy source at the phase centre.
    for (int i = 0; i < b.weight().length; i++) {
      b.vis()[2 * i] = 1f;
    }
    ImagingParams p = ImagingParams.defaults(1024, 1024, cell).withThreads(2);
    long t0 = System.nanoTime();
    Imager.Inversion inv = Imager.invertWithPsf(b, p);
    double sec = (System.nanoTime() - t0) / 1e9;
    int centre = 512 * 1024 + 512;
    assertEquals(1.0, inv.psf().pixels()[centre], 1e-4);
    assertEquals(1.0, inv.dirty().pixels()[centre], 1e-4);
    assertTrue(sec < 60, "dirty + PSF took " + sec + " s");
  }
}
