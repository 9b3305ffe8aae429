package org.radiospark.kernels.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.coords.SinProjection;
import org.radiospark.kernels.deconvolution.RobustNoise;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.testing.SharedData;

/**
 * Acceptance 6 of issue 2: the uniformly weighted dirty image of the real MWA file 1133866760 (1024
 * x 1024 at 1.5', flags ignored) puts its peak on the source where WSClean 3.1 puts it, RA
 * 01:08:18.7 Dec -16:04:22, within one pixel, with a peak/rms (MAD) like WSClean's (about 32).
 */
class ImagerMwaWscleanTest {
  private static final double CELL = Math.toRadians(1.5 / 60);

  @Test
  void dirtyPeakIsOnWscleansSource() throws Exception {
    Path f = SharedData.require("mwa/1133866760.uvfits");
    VisibilityBlock b =
        UvfitsReader.read(f, UvfitsReadOptions.defaults().withIgnoreFlags(true)).block();
    Image dirty = Imager.invert(b, ImagingParams.defaults(1024, 1024, CELL).withThreads(2));

    double[] px = dirty.pixels();
    int peak = 0;
    for (int i = 1; i < px.length; i++) {
      if (px[i] > px[peak]) {
        peak = i;
      }
    }
    double[] radec = SinProjection.pixelToSky(dirty.geometry(), peak % 1024, peak / 1024);
    double raWs = Math.toRadians(15 * (1 + 8 / 60.0 + 18.7 / 3600));
    double decWs = -Math.toRadians(16 + 4 / 60.0 + 22 / 3600.0);
    double offset = Math.hypot((radec[0] - raWs) * Math.cos(decWs), radec[1] - decWs);
    assertTrue(offset <= CELL, "peak " + Math.toDegrees(offset) * 60 + " arcmin from WSClean's");

    double snr = px[peak] / RobustNoise.madRms(px);
    assertEquals(32, snr, 4, "peak/rms (MAD)");
  }
}
