package org.radiospark.kernels.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.VisibilityBlock;

class PhaseRotationTest {
  // Point sources only: a Gaussian shape is evaluated in the tangent plane of the phase centre,
  // so its prediction legitimately depends (slightly) on the centre.
  @Test
  void rotatedPredictionEqualsDirectPredictionAtTheNewCentre() {
    PhaseCentre a = PhaseCentre.ofDegrees(359.85, -26.78);
    PhaseCentre b = PhaseCentre.ofDegrees(3.2, -31.5);
    List<SkyComponent> comps =
        List.of(
            new SkyComponent(
                Math.toRadians(1.0),
                Math.toRadians(-29),
                new double[] {1, 0.1, 0, 0.05},
                1.5e8,
                -0.7,
                0,
                0,
                0),
            SkyComponent.point(Math.toRadians(358), Math.toRadians(-25), 0.7, 1.5e8, 0),
            SkyComponent.point(Math.toRadians(2), Math.toRadians(-31), 0.5, 1.5e8, 0));
    double[] freq = {140e6, 180e6};
    VisibilityBlock atA =
        ComponentPredictorTest.randomBlock(60, freq, ComponentPredictorTest.LINEAR, a, 9);
    new ComponentPredictor(1).predict(atA, comps, null);
    VisibilityBlock rotated = PhaseRotation.rotate(atA, b);
    assertEquals(b, rotated.phaseCentre());
    VisibilityBlock direct = rotated.copy();
    new ComponentPredictor(1).predict(direct, comps, null);
    // |V| <= 2.3 Jy; float32 storage of two roundings: 1e-6 relative.
    assertArrayEquals(direct.vis(), rotated.vis(), 1e-6f * 2.3f);
    // And the baseline length is preserved.
    for (int r = 0; r < atA.nRows(); r++) {
      double l0 = Math.sqrt(sq(atA.uMetres()[r]) + sq(atA.vMetres()[r]) + sq(atA.wMetres()[r]));
      double l1 =
          Math.sqrt(sq(rotated.uMetres()[r]) + sq(rotated.vMetres()[r]) + sq(rotated.wMetres()[r]));
      assertEquals(l0, l1, 1e-9 * l0);
    }
    // Rotating back restores the original block.
    VisibilityBlock back = PhaseRotation.rotate(rotated, a);
    assertArrayEquals(atA.uMetres(), back.uMetres(), 1e-9);
    assertArrayEquals(atA.vis(), back.vis(), 1e-6f * 2.3f);
  }

  private static double sq(double x) {
    return x * x;
  }
}
