package org.radiospark.kernels.io.mwa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.testing.SharedData;

class MetafitsReaderTest {

  @Test
  void legacyObservationHeaderAndTiledata() {
    Metafits m = MetafitsReader.read(SharedData.require("mwa/1131733552.metafits"));
    assertEquals(1131733552L, m.gpsTime());
    assertEquals(128, m.nAntennas());
    assertEquals(256, m.inputs().size());
    // CHANNELS spans two CONTINUE cards.
    assertArrayEquals(IntStream.rangeClosed(131, 154).toArray(), m.coarseChannels());
    assertEquals(143, m.centreChannel());
    assertEquals(40e3, m.fineChanWidthHz());
    assertEquals(0.5, m.intTimeSec());
    assertEquals(32, m.fineChannelsPerCoarse());
    assertEquals(224, m.nScans());
    // No RAPHASE/DECPHASE in this (2015) metafits: the phase centre is the pointing centre.
    assertEquals(88.41623036197147, m.phaseRaDeg());
    assertEquals(-26.70298637109693, m.phaseDecDeg());
    assertFalse(m.cableDelaysApplied());
    assertFalse(m.geometricDelaysApplied());
    assertEquals(0.5, m.quackTimeSec());
    // 2015-11-16T18:25:35 UTC = GPS 1131733552 - 17 leap seconds after the GPS epoch.
    assertEquals(1131733552L + 315964800L - 17, (long) m.startUnixSec());
    MwaRfInput first = m.inputs().get(0);
    assertEquals(0, first.input());
    assertEquals(75, first.antenna());
    assertEquals(104, first.tile());
    assertEquals("Tile104", first.tileName());
    assertEquals('Y', first.pol());
    assertEquals(-756.49, first.electricalLengthM(), 1e-9);
    assertEquals(16, first.dipoleDelays().length);
    assertEquals("Tile104", m.tileNames()[75]);
    assertEquals(-756.49, m.electricalLengthsM()[75][1], 1e-9);
    int flagged = 0;
    for (boolean f : m.flaggedAntennas()) {
      flagged += f ? 1 : 0;
    }
    assertEquals(2, flagged, "4 flagged inputs = 2 tiles");
    assertEquals(m.nAntennas(), m.antennas().nAntennas());
  }

  @Test
  void mwaxObservationHasASeparatePhaseCentre() {
    Metafits m = MetafitsReader.read(SharedData.require("mwa/1320409688.metafits"));
    assertEquals(333.6069, m.phaseRaDeg());
    assertEquals(-17.0288, m.phaseDecDeg());
    assertEquals(336.7148706760435, m.pointingRaDeg());
    assertEquals(2.0, m.intTimeSec());
    assertFalse(m.cableDelaysApplied(), "CABLEDEL = 0");
    assertEquals(128, m.nAntennas());
    assertTrue(m.flaggedAntennas()[49]);
  }

  @Test
  void legacyGpuboxNumbersReverseChannelsAbove128() {
    int[] all = IntStream.rangeClosed(131, 154).toArray();
    assertArrayEquals(
        IntStream.iterate(154, c -> c - 1).limit(24).toArray(), Metafits.legacyGpuboxOrder(all));
    assertArrayEquals(
        new int[] {126, 127, 128, 131, 130, 129},
        Metafits.legacyGpuboxOrder(new int[] {131, 126, 130, 127, 129, 128}));
    Metafits m = MetafitsReader.read(SharedData.require("mwa/1131733552.metafits"));
    assertEquals(154, m.legacyGpuboxChannel(1));
    assertEquals(149, m.legacyGpuboxChannel(6));
    assertThrows(IllegalArgumentException.class, () -> m.legacyGpuboxChannel(25));
  }

  @Test
  void cableLengthsElectricalOrPhysical() {
    assertEquals(12.5, MetafitsReader.electricalLength("f", "EL_12.5", 0));
    assertEquals(
        100 * MetafitsReader.COAX_VELOCITY_FACTOR, MetafitsReader.electricalLength("f", "100", 0));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> MetafitsReader.electricalLength("f", "EL_x", 3));
    assertTrue(e.getMessage().contains("TILEDATA.Length"), e.getMessage());
    assertTrue(e.getMessage().contains("row 4"), e.getMessage());
  }

  @Test
  void badInputNamesTheFileAndField(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("none.metafits");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> MetafitsReader.read(missing));
    assertTrue(e.getMessage().contains("none.metafits"), e.getMessage());
    Path text = Files.writeString(dir.resolve("bad.metafits"), "not FITS at all");
    assertThrows(InvalidInputException.class, () -> MetafitsReader.read(text));
    assertThrows(InvalidInputException.class, () -> MetafitsReader.parseChannels("f", "131,abc"));
    assertThrows(InvalidInputException.class, () -> MetafitsReader.parseChannels("f", "0,1"));
  }
}
