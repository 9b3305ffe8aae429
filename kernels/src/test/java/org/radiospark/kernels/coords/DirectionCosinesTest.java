package org.radiospark.kernels.coords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.PhaseCentre;

class DirectionCosinesTest {
  @Test
  void centreIsOrigin() {
    PhaseCentre c = PhaseCentre.ofDegrees(359.85, -26.78);
    double[] lmn = DirectionCosines.lmn(c.raRad(), c.decRad(), c);
    assertEquals(0, lmn[0], 1e-15);
    assertEquals(0, lmn[1], 1e-15);
    assertEquals(1, lmn[2], 1e-15);
  }

  @Test
  void eastAndNorthSigns() {
    PhaseCentre c = PhaseCentre.ofDegrees(10, 0);
    double[] east = DirectionCosines.lmn(Math.toRadians(11), 0, c);
    assertEquals(Math.sin(Math.toRadians(1)), east[0], 1e-15);
    double[] north = DirectionCosines.lmn(c.raRad(), Math.toRadians(1), c);
    assertEquals(Math.sin(Math.toRadians(1)), north[1], 1e-15);
    assertEquals(0, north[0], 1e-15);
  }

  @Test
  void roundTripEverywhereIncludingPolesAndRaWrap() {
    double[] decs = {-90, -60, -26.78, 0, 45, 89.9, 90};
    for (double dec0 : decs) {
      PhaseCentre c = PhaseCentre.ofDegrees(359.9, dec0);
      for (double l = -0.7; l <= 0.7; l += 0.35) {
        for (double m = -0.7; m <= 0.7; m += 0.35) {
          double[] rd = DirectionCosines.toRaDec(l, m, c);
          double[] lmn = DirectionCosines.lmn(rd[0], rd[1], c);
          assertEquals(l, lmn[0], 1e-14);
          assertEquals(m, lmn[1], 1e-14);
          assertEquals(Math.sqrt(1 - l * l - m * m), lmn[2], 1e-14);
        }
      }
    }
  }

  @Test
  void nMinusOneKeepsRelativePrecisionNearZero() {
    MathContext mc = MathContext.DECIMAL128;
    for (double r : new double[] {1e-9, 3e-6, 1e-3, 0.5, 0.99}) {
      double l = 0.6 * r;
      double m = -0.8 * r;
      BigDecimal r2 = new BigDecimal(l).pow(2).add(new BigDecimal(m).pow(2));
      BigDecimal exact = BigDecimal.ONE.subtract(r2).sqrt(mc).subtract(BigDecimal.ONE);
      double got = DirectionCosines.nMinusOne(l, m);
      assertEquals(0, (got - exact.doubleValue()) / exact.doubleValue(), 4e-16);
    }
    // The naive form loses every digit here.
    assertEquals(0.0, Math.sqrt(1 - 1e-18) - 1);
    assertThrows(IllegalArgumentException.class, () -> DirectionCosines.nMinusOne(0.8, 0.7));
  }
}
