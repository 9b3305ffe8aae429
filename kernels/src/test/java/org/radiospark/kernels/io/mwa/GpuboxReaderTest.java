package org.radiospark.kernels.io.mwa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.testing.SharedData;

/**
 * Reads one file of each correlator generation. Physics that any wrong baseline or polarisation
 * order breaks: an autocorrelation's XX and YY are real and positive and its YX is the conjugate of
 * its XY.
 */
class GpuboxReaderTest {

  @Test
  void legacyCorrelatorFile() {
    Metafits m = MetafitsReader.read(SharedData.require("mwa/1061315448.metafits"));
    GpuboxFile g =
        GpuboxReader.scan(
            SharedData.require("mwa/1061315448_20130823175130_mini_gpubox07_01.fits"), m);
    assertEquals(CorrelatorVersion.LEGACY, g.version());
    assertEquals(148, g.receiverChannel(), "gpubox 7 of 131..154 counts down from 154");
    assertEquals(1, g.batch());
    assertEquals(8256, g.nBaselines());
    assertEquals(1, g.timesteps().size());
    assertEquals(1377280290_000L, g.timesteps().get(0).unixTimeMs());
    assertEquals(1, g.timesteps().get(0).nFine());
    AtomicInteger calls = new AtomicInteger();
    GpuboxReader.read(
        g,
        LegacyBaselineMap.of(m.inputs()),
        (ts, vis, w) -> {
          calls.incrementAndGet();
          assertNull(w);
          checkAutocorrelations(vis, 1, m.flaggedAntennas());
        });
    assertEquals(1, calls.get());
  }

  @Test
  void mwaxCorrelatorFile() {
    Metafits m = MetafitsReader.read(SharedData.require("mwa/1320409688.metafits"));
    GpuboxFile g =
        GpuboxReader.scan(
            SharedData.require("mwa/1320409688_20211108122750_mini_ch137_000.fits"), m);
    assertEquals(CorrelatorVersion.MWAX, g.version());
    assertEquals(137, g.receiverChannel());
    assertEquals(1, g.timesteps().size());
    GpuboxTimestep ts0 = g.timesteps().get(0);
    assertEquals(1, ts0.hdu());
    assertEquals(2, ts0.weightsHdu());
    assertEquals(1636374470_000L, ts0.unixTimeMs());
    assertEquals(1, ts0.nFine());
    AtomicInteger calls = new AtomicInteger();
    GpuboxReader.read(
        g,
        null,
        (ts, vis, w) -> {
          calls.incrementAndGet();
          assertNotNull(w);
          assertEquals(8256 * 4, w.length);
          checkAutocorrelations(vis, 1, m.flaggedAntennas());
        });
    assertEquals(1, calls.get());
  }

  private static void checkAutocorrelations(float[] vis, int nFine, boolean[] flagged) {
    int b = 0;
    int checked = 0;
    for (int a1 = 0; a1 < 128; a1++) {
      for (int a2 = a1; a2 < 128; a2++, b++) {
        if (a1 != a2 || flagged[a1]) {
          continue;
        }
        int o = b * nFine * 8;
        float xxRe = vis[o];
        float xxIm = vis[o + 1];
        float yyRe = vis[o + 6];
        float yyIm = vis[o + 7];
        assertTrue(xxRe > 0 && yyRe > 0, "auto power of antenna " + a1);
        // Float correlators leave rounding-level imaginary parts: 1e-6 of the power (float32
        // epsilon 6e-8 times the accumulation length) where a wrong slot would give O(1).
        double tol = 1e-6 * Math.sqrt(xxRe * yyRe);
        assertEquals(0, xxIm, 1e-6 * xxRe, "XX of an autocorrelation is real, antenna " + a1);
        assertEquals(0, yyIm, 1e-6 * yyRe, "YY of an autocorrelation is real, antenna " + a1);
        assertEquals(vis[o + 2], vis[o + 4], tol, "Re XY = Re YX, antenna " + a1);
        assertEquals(vis[o + 3], -vis[o + 5], tol, "Im XY = -Im YX, antenna " + a1);
        checked++;
      }
    }
    assertTrue(checked > 100);
  }

  @Test
  void badFilesAreNamed(@TempDir Path dir) throws IOException {
    Metafits m = MetafitsReader.read(SharedData.require("mwa/1131733552.metafits"));
    Path text = Files.writeString(dir.resolve("x_gpubox01_00.fits"), "not FITS");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> GpuboxReader.scan(text, m));
    assertTrue(e.getMessage().contains("x_gpubox01_00.fits"), e.getMessage());
    assertThrows(
        InvalidInputException.class, () -> GpuboxReader.scan(dir.resolve("missing.fits"), m));
    Path renamed = dir.resolve("no_number.fits");
    Files.copy(SharedData.require("mwa/1131733552_20151116182537_mini_gpubox01_00.fits"), renamed);
    InvalidInputException e2 =
        assertThrows(InvalidInputException.class, () -> GpuboxReader.scan(renamed, m));
    assertTrue(e2.getMessage().contains("file name"), e2.getMessage());
    Path cut = dir.resolve("cut_gpubox01_00.fits");
    byte[] whole =
        Files.readAllBytes(
            SharedData.require("mwa/1131733552_20151116182537_mini_gpubox01_00.fits"));
    Files.write(cut, java.util.Arrays.copyOf(whole, 10000));
    InvalidInputException e3 =
        assertThrows(InvalidInputException.class, () -> GpuboxReader.scan(cut, m));
    assertTrue(e3.getMessage().contains("truncated"), e3.getMessage());
  }
}
