package org.radiospark.kernels.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.imaging.Imager;
import org.radiospark.kernels.imaging.ImagingParams;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.testing.TinyFiles;

/**
 * Issue 8 part 3: NaN and Inf visibilities are flagged by {@link UvfitsReader} (weight 0, value 0,
 * also when flags are otherwise ignored) and never reach an image: the image of a file with planted
 * non-finite samples is finite and identical to the image of the same file with those samples
 * flagged.
 */
class UvfitsNonFiniteTest {
  @TempDir Path dir;

  /** Sample indices (row, chan, pol flattened) given NaN or Inf re or im parts. */
  private static final int[] PLANTED = {0, 3, 7, 12, 21, 30, 38};

  private static void plant(VisibilityBlock b) {
    float[] bad = {
      Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1f, 2f, Float.NaN
    };
    for (int k = 0; k < PLANTED.length; k++) {
      int i = PLANTED[k];
      b.vis()[2 * i + (k % 2)] = bad[k] == 1f || bad[k] == 2f ? Float.POSITIVE_INFINITY : bad[k];
    }
  }

  private static void flagPlanted(VisibilityBlock b) {
    for (int i : PLANTED) {
      b.flag()[i] = true;
      b.vis()[2 * i] = 0;
      b.vis()[2 * i + 1] = 0;
    }
  }

  private static ImagingParams params() {
    return ImagingParams.defaults(32, 32, 2e-3);
  }

  @Test
  void plantedNonFiniteSamplesAreFlaggedAndImageLikeFlaggedOnes() throws IOException {
    VisibilityBlock withNan = TinyFiles.block(5);
    plant(withNan);
    VisibilityBlock flagged = TinyFiles.block(5);
    flagPlanted(flagged);
    Path a = TinyFiles.uvfits(dir.resolve("nan.uvfits"), withNan);
    Path b = TinyFiles.uvfits(dir.resolve("flagged.uvfits"), flagged);

    for (boolean ignoreFlags : new boolean[] {false, true}) {
      UvfitsReadOptions o = UvfitsReadOptions.defaults().withIgnoreFlags(ignoreFlags);
      VisibilityBlock ra = UvfitsReader.read(a, o).block();
      int nFlagged = 0;
      for (int i = 0; i < ra.flag().length; i++) {
        final int sample = i;
        boolean planted = java.util.Arrays.stream(PLANTED).anyMatch(p -> p == sample);
        assertTrue(Float.isFinite(ra.vis()[2 * i]) && Float.isFinite(ra.vis()[2 * i + 1]));
        if (planted) {
          assertTrue(ra.flag()[i], "non-finite sample " + i + " is flagged");
          assertEquals(0f, ra.weight()[i], "with weight 0");
          nFlagged++;
        } else {
          assertFalse(ra.flag()[i], "finite samples of unit weight stay unflagged");
        }
      }
      assertEquals(PLANTED.length, nFlagged);
    }

    VisibilityBlock ra = UvfitsReader.read(a).block();
    VisibilityBlock rb = UvfitsReader.read(b).block();
    assertArrayEquals(rb.flag(), ra.flag(), "the same samples are flagged");
    Image ia = Imager.invert(ra, params());
    Image ib = Imager.invert(rb, params());
    double peak = 0;
    for (double v : ia.pixels()) {
      assertTrue(Double.isFinite(v), "every pixel finite");
      peak = Math.max(peak, Math.abs(v));
    }
    assertFalse(peak == 0, "the unflagged samples made an image");
    // Flagged samples must not enter the gridder at all (0 x NaN is NaN), so the images are equal.
    assertArrayEquals(ib.pixels(), ia.pixels(), 0.0);
  }
}
