package org.radiospark.kernels.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.coords.DirectionCosines;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.SkyComponent;

class RandomSourcesTest {
  private static final PhaseCentre C = PhaseCentre.ofDegrees(0.5, -27);

  @Test
  void populationFollowsTheRequestedDistributions() {
    int n = 20000;
    double radius = Math.toRadians(10);
    List<SkyComponent> s =
        RandomSources.generate(
            new RandomSourceParameters(n, C, radius, 1, 100, 2, 150e6, -0.7, 0.2, 11));
    assertEquals(n, s.size());
    int above10 = 0;
    int inner = 0;
    double alphaSum = 0;
    for (SkyComponent c : s) {
      double[] lmn = DirectionCosines.lmn(c.raRad(), c.decRad(), C);
      double theta = Math.acos(Math.min(1, lmn[2]));
      assertTrue(theta <= radius + 1e-12, "outside the field: " + theta);
      double f = c.fluxJy()[0];
      assertTrue(f >= 1 && f <= 100);
      above10 += f > 10 ? 1 : 0;
      // Uniform on the sphere: the fraction within theta follows (1 - cos theta) / (1 - cos R).
      inner += theta < radius / 2 ? 1 : 0;
      alphaSum += c.spectralIndex();
    }
    // dN/dS ~ S^-2 on [1, 100]: P(S > 10) = (1/10 - 1/100) / (1 - 1/100).
    double p10 = (0.1 - 0.01) / 0.99;
    assertEquals(p10, above10 / (double) n, 5 * Math.sqrt(p10 * (1 - p10) / n));
    double pin = (1 - Math.cos(radius / 2)) / (1 - Math.cos(radius));
    assertEquals(pin, inner / (double) n, 5 * Math.sqrt(pin * (1 - pin) / n));
    assertEquals(-0.7, alphaSum / n, 5 * 0.2 / Math.sqrt(n));
  }

  @Test
  void wholeSkyAndSeeds() {
    RandomSourceParameters p = new RandomSourceParameters(500, C, Math.PI, 0.1, 1, 1, 1e8, 0, 0, 5);
    List<SkyComponent> a = RandomSources.generate(p);
    List<SkyComponent> b = RandomSources.generate(p);
    int far = 0;
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).raRad(), b.get(i).raRad());
      far += DirectionCosines.lmn(a.get(i).raRad(), a.get(i).decRad(), C)[2] < 0 ? 1 : 0;
    }
    // Half of the sphere is behind the centre: 250 +- 5 sqrt(125).
    assertEquals(250, far, 5 * Math.sqrt(125));
  }
}
