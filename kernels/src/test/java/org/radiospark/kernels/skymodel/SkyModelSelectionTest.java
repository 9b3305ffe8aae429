package org.radiospark.kernels.skymodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.testing.SharedData;

class SkyModelSelectionTest {
  private static final String SRCLIST =
      "mwa/hyperdrive_1090008640/srclist_pumav3_EoR0aegean_EoR1pietro+ForA_1090008640_100.yaml";

  /** Angle between unit vectors: an independent form of the distance. */
  private static double angle(double ra1, double dec1, double ra2, double dec2) {
    double x = Math.cos(dec1) * Math.cos(ra1) * Math.cos(dec2) * Math.cos(ra2);
    double y = Math.cos(dec1) * Math.sin(ra1) * Math.cos(dec2) * Math.sin(ra2);
    double z = Math.sin(dec1) * Math.sin(dec2);
    return Math.acos(Math.max(-1, Math.min(1, x + y + z)));
  }

  @Test
  void radiusFluxCutAndBrightestAgreeWithBruteForce() throws Exception {
    List<CatalogueComponent> all = SkyModelReader.read(SharedData.require(SRCLIST));
    PhaseCentre eor0 = PhaseCentre.ofDegrees(0, -27);
    double radius = Math.toRadians(10);
    double f = 167.075e6;
    List<CatalogueComponent> sel =
        new SkyModelSelection(eor0, radius, 0.5, f, Integer.MAX_VALUE).apply(all);
    long expected =
        all.stream()
            .filter(c -> angle(0, eor0.decRad(), c.raRad(), c.decRad()) <= radius)
            .filter(c -> c.spectrum().stokesIAt(f) >= 0.5)
            .count();
    assertEquals(expected, sel.size());
    assertTrue(sel.size() > 5 && sel.size() < all.size(), "the cut keeps some: " + sel.size());
    for (int k = 1; k < sel.size(); k++) {
      assertTrue(sel.get(k - 1).spectrum().stokesIAt(f) >= sel.get(k).spectrum().stokesIAt(f));
    }
    List<CatalogueComponent> top3 = new SkyModelSelection(eor0, radius, 0.5, f, 3).apply(all);
    assertEquals(sel.subList(0, 3), top3);
  }

  @Test
  void haversineMatchesTheDotProductForm() {
    double[][] p = {{0.1, -0.5, 0.2, -0.45}, {6.2, -1.5, 0.05, -1.49}, {1, 0.3, 4, -0.2}};
    for (double[] q : p) {
      assertEquals(
          angle(q[0], q[1], q[2], q[3]),
          SkyModelSelection.separationRad(q[0], q[1], q[2], q[3]),
          1e-12);
    }
  }

  @Test
  void badParametersAreRejected() {
    PhaseCentre c = PhaseCentre.ofDegrees(0, 0);
    assertThrows(InvalidInputException.class, () -> new SkyModelSelection(c, 0, 1, 1e8, 1));
    assertThrows(InvalidInputException.class, () -> new SkyModelSelection(c, 1, 1, 1e8, 0));
    assertThrows(InvalidInputException.class, () -> new SkyModelSelection(c, 1, 1, -1, 1));
  }
}
