package org.radiospark.kernels.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AntennaConfigurationTest {
  @Test
  void selectKeepsEveryFieldOfTheChosenAntennasInOrder() {
    AntennaConfiguration a =
        new AntennaConfiguration(
            "T",
            new String[] {"A", "B", "C", "D"},
            new double[] {1, 2, 3, 4},
            new double[] {5, 6, 7, 8},
            new double[] {9, 10, 11, 12},
            new double[] {13, 14, 15, 16},
            new boolean[] {false, true, false, true});
    AntennaConfiguration s = a.select(new int[] {3, 0});
    assertEquals("T", s.telescope());
    assertArrayEquals(new String[] {"D", "A"}, s.names());
    assertArrayEquals(new double[] {4, 1}, s.xMetres());
    assertArrayEquals(new double[] {8, 5}, s.yMetres());
    assertArrayEquals(new double[] {12, 9}, s.zMetres());
    assertArrayEquals(new double[] {16, 13}, s.diameterMetres());
    assertArrayEquals(new boolean[] {true, false}, s.flagged());
  }

  @Test
  void nearestToCentroidIsTheCoreInOriginalOrder() {
    // centroid (10, 0, 0): distances 10, 1, 30, 2, 19 (x only)
    AntennaConfiguration a =
        new AntennaConfiguration(
            "T",
            new String[] {"A", "B", "C", "D", "E"},
            new double[] {0, 11, 40, 8, -9},
            new double[5],
            new double[5],
            new double[5],
            new boolean[5]);
    assertArrayEquals(new String[] {"B", "D"}, a.nearestToCentroid(2).names());
    assertArrayEquals(new String[] {"A", "B", "D"}, a.nearestToCentroid(3).names());
    assertThrows(IllegalArgumentException.class, () -> a.nearestToCentroid(6));
  }
}
