package org.radiospark.kernels.io.mwa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.testing.SharedData;

class MwafReaderTest {

  @Test
  void cutDownCotterFlagFile() {
    MwafFlags f = MwafReader.read(SharedData.require("mwa/1131733552_mini_01.mwaf"));
    assertEquals(1, f.gpuboxNumber());
    assertEquals(8256, f.nBaselines());
    assertEquals(1, f.nScans());
    assertEquals(1, f.nChannels(), "the channel count comes from TFORM 1X, not NCHANS = 32");
    int set = 0;
    for (int b = 0; b < f.nBaselines(); b++) {
      set += f.flagged(0, b, 0) ? 1 : 0;
    }
    // The file holds 8255 bytes 0x80 and one 0x00 (checked byte by byte).
    assertEquals(8255, set);
  }

  @Test
  void unflaggedBaselineIsTheZeroByte() throws IOException {
    Path p = SharedData.require("mwa/1131733552_mini_06.mwaf");
    byte[] raw = Files.readAllBytes(p);
    int zeroRow = -1;
    for (int r = 0; r < 8256; r++) {
      if (raw[5760 + r] == 0) {
        zeroRow = r;
      }
    }
    MwafFlags f = MwafReader.read(p);
    assertEquals(6, f.gpuboxNumber());
    assertFalse(f.flagged(0, zeroRow, 0));
  }

  @Test
  void rejectsNonMwaf(@TempDir Path dir) {
    Path metafits = SharedData.require("mwa/1131733552.metafits"); // skips without the data
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> MwafReader.read(metafits));
    assertTrue(e.getMessage().contains("GPUBOXNO"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> MwafReader.read(dir.resolve("none.mwaf")));
  }
}
