package org.radiospark.kernels.io.mwa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.testing.SharedData;

class LegacyBaselineMapTest {

  @Test
  void pfbReorderIsAPermutation() {
    Set<Integer> seen = new HashSet<>();
    for (int p = 0; p < 256; p++) {
      int in = LegacyBaselineMap.pfbToInput(p);
      assertTrue(in >= 0 && in < 256);
      seen.add(in);
    }
    assertEquals(256, seen.size());
    // bit order abcdefgh -> abghcdef
    assertEquals(0b00_01_0000, LegacyBaselineMap.pfbToInput(0b00_0000_01));
    assertEquals(0b00_00_0001, LegacyBaselineMap.pfbToInput(0b00_0001_00));
  }

  @Test
  void everyCorrelatorOutputUsedOnceExceptTheRedundantOnes() {
    Metafits m = MetafitsReader.read(SharedData.require("mwa/1131733552.metafits"));
    LegacyBaselineMap map = LegacyBaselineMap.of(m.inputs());
    Set<Integer> sources = new HashSet<>();
    int b = 0;
    for (int a1 = 0; a1 < 128; a1++) {
      for (int a2 = a1; a2 < 128; a2++, b++) {
        for (int p = 0; p < 4; p++) {
          int s = map.source(b, p);
          assertTrue(s >= 0 && s < LegacyBaselineMap.N_BASELINES * 4);
          sources.add(s);
        }
        if (a1 == a2) {
          // An autocorrelation's XY and YX are one correlator product and its conjugate.
          assertEquals(map.source(b, 1), map.source(b, 2));
          assertNotEquals(map.conjugate(b, 1), map.conjugate(b, 2));
        }
      }
    }
    // 8256 x 4 products per channel, of which the 128 diagonal-block (Y, X) slots are redundant.
    assertEquals(LegacyBaselineMap.N_BASELINES * 4 - 128, sources.size());
  }

  @Test
  void rejectsNon128TileArrays() {
    Metafits m = MetafitsReader.read(SharedData.require("mwa/1131733552.metafits"));
    List<MwaRfInput> fewer = m.inputs().subList(0, 254);
    assertThrows(IllegalArgumentException.class, () -> LegacyBaselineMap.of(fewer));
  }
}
