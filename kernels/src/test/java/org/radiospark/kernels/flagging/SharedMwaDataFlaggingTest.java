package org.radiospark.kernels.flagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.testing.SharedData;

/**
 * The flagger on real MWA data (../shared/data/mwa/1133866760.uvfits: 105 tiles, 1 time step, 11
 * channels; its flags are a conversion artefact, so they are ignored). Tile015 holds only zeros
 * (REFERENCE.md): it must be flagged entirely, and little else should be.
 */
class SharedMwaDataFlaggingTest {
  @Test
  void deadTileIsFlaggedAndTheRestMostlyKept() throws Exception {
    Path f = SharedData.require("mwa/1133866760.uvfits");
    UvfitsData data = UvfitsReader.read(f, UvfitsReadOptions.defaults().withIgnoreFlags(true));
    int tile015 = -1;
    String[] names = data.antennas().names();
    for (int a = 0; a < names.length; a++) {
      if (names[a].trim().equals("Tile015")) {
        tile015 = a;
      }
    }
    assertTrue(tile015 >= 0, "Tile015 in the antenna table");
    FlagResult r = VisibilityFlagger.flag(data.block(), FlagParameters.defaults());
    FlagStatistics s = r.statistics();
    assertEquals(1.0, s.antennaFraction(tile015));
    // Tile015's 105 of 5565 baselines (autocorrelation included) are 1.9% of the samples; the
    // rest of this uncalibrated snapshot is flagged at the few-percent level at most.
    assertTrue(s.fraction(FlagReason.INVALID) >= 105.0 / 5565 - 1e-12);
    assertTrue(s.flaggedFraction() < 0.1, s.toString());
  }
}
