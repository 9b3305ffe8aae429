package org.radiospark.kernels.beam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.radiospark.kernels.io.mwa.MetafitsReader;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.testing.SharedData;

class MwaAnalyticBeamTest {
  private static final double C = 299_792_458.0;
  private static final double F = 150e6;

  private static double afPower(MwaAnalyticBeam b, double az, double el, double f) {
    double[] af = b.arrayFactor(MwaAnalyticBeam.unit(az, el), f);
    return af[0] * af[0] + af[1] * af[1];
  }

  @Test
  void zenithPointingIsSymmetricAndOneAtZenith() {
    MwaAnalyticBeam b = MwaAnalyticBeam.zenith();
    assertEquals(1, b.power(0, 0, Math.PI / 2, F), 1e-12);
    assertEquals(1, b.power(1, 0, Math.PI / 2, F), 1e-12);
    for (double az = 0; az < 2 * Math.PI; az += 0.37) {
      for (double el = 0.3; el < 1.5; el += 0.2) {
        double x = b.power(0, az, el, F);
        assertEquals(x, b.power(0, az + Math.PI, el, F), 1e-12, "point symmetry");
        assertEquals(x, b.power(0, -az, el, F), 1e-12, "mirror in the meridian");
        assertEquals(x, b.power(1, az + Math.PI / 2, el, F), 1e-12, "Y is X turned by 90 deg");
      }
    }
  }

  @Test
  void eastWestDipoleIsBlindAlongItsAxisAndNorthSouthAlongIts() {
    MwaAnalyticBeam b = MwaAnalyticBeam.zenith();
    double el = Math.toRadians(30);
    double za = Math.PI / 2 - el;
    // The array factor and ground plane are the same at az 0 and 90 for a zenith tile (square
    // grid), so the ratio is the dipole factor alone: cos^2(za) along the dipole's own axis.
    double xNorth = b.power(0, 0, el, F);
    double xEast = b.power(0, Math.PI / 2, el, F);
    double yNorth = b.power(1, 0, el, F);
    double yEast = b.power(1, Math.PI / 2, el, F);
    assertEquals(Math.cos(za) * Math.cos(za), xEast / xNorth, 1e-12);
    assertEquals(Math.cos(za) * Math.cos(za), yNorth / yEast, 1e-12);
    assertEquals(xNorth, yEast, 1e-12);
  }

  @Test
  void firstNullAndHalfPowerOfTheArrayFactorAlongACut() {
    MwaAnalyticBeam b = MwaAnalyticBeam.zenith();
    double lambda = C / F;
    // Along the east-west cut only the four columns differ in phase: AF = sin(2 psi) / (4 sin(psi
    // / 2)) with psi = 2 pi d sin(za) / lambda; first null at sin(za) = lambda / (4 d).
    double zaNull = Math.asin(lambda / (4 * MwaAnalyticBeam.DIPOLE_SEPARATION_M));
    assertEquals(0, afPower(b, Math.PI / 2, Math.PI / 2 - zaNull, F), 1e-28);
    for (double za = 0.01; za < zaNull - 0.01; za += 0.01) {
      assertTrue(afPower(b, Math.PI / 2, Math.PI / 2 - za, F) > 1e-4, "no earlier null");
    }
    // Half power: bisection on the closed form in psi, then on the class in za.
    double lo = 1e-9;
    double hi = Math.PI / 2;
    for (int i = 0; i < 100; i++) {
      double psi = 0.5 * (lo + hi);
      double af = Math.sin(2 * psi) / (4 * Math.sin(psi / 2));
      if (af * af > 0.5) {
        lo = psi;
      } else {
        hi = psi;
      }
    }
    double zaHalfAnalytic =
        Math.asin(lo * lambda / (2 * Math.PI * MwaAnalyticBeam.DIPOLE_SEPARATION_M));
    lo = 0;
    hi = zaNull;
    for (int i = 0; i < 100; i++) {
      double za = 0.5 * (lo + hi);
      if (afPower(b, Math.PI / 2, Math.PI / 2 - za, F) > 0.5) {
        lo = za;
      } else {
        hi = za;
      }
    }
    assertEquals(zaHalfAnalytic, lo, 1e-12);
    System.out.printf(
        "MWA analytic tile at 150 MHz: array-factor FWHM %.2f deg, first null %.2f deg%n",
        2 * Math.toDegrees(lo), Math.toDegrees(zaNull));
  }

  @Test
  void steeredTilePeaksWhereTheMetafitsPoints() throws Exception {
    // 1196175296: delays 0,0,0,0,2,2,2,2,4,4,4,4,6,6,6,6; AZIMUTH 180, ALTITUDE 76.2838.
    MwaAnalyticBeam b =
        MwaAnalyticBeam.fromMetafits(
            MetafitsReader.read(SharedData.require("layouts/1196175296.metafits")));
    assertArrayEquals(new int[] {0, 0, 0, 0, 2, 2, 2, 2, 4, 4, 4, 4, 6, 6, 6, 6}, b.delays());
    // Analytic: two steps per 1.1 m row toward the south.
    double zaSteer = Math.asin(2 * MwaAnalyticBeam.DELAY_STEP_SEC * C / 1.1);
    assertEquals(1, afPower(b, Math.PI, Math.PI / 2 - zaSteer, 200e6), 1e-12);
    assertEquals(76.2838, 90 - Math.toDegrees(zaSteer), 0.01, "the metafits ALTITUDE");
    // A grid search of the array factor finds no higher point.
    double best = 0;
    double bestAz = 0;
    double bestEl = 0;
    for (double az = 0; az < 360; az += 1) {
      for (double el = 45; el <= 90; el += 0.25) {
        double p = afPower(b, Math.toRadians(az), Math.toRadians(el), 200e6);
        if (p > best) {
          best = p;
          bestAz = az;
          bestEl = el;
        }
      }
    }
    assertEquals(180, bestAz, 1e-9);
    assertEquals(76.25, bestEl, 1e-9, "the grid point nearest 76.28");
    assertTrue(best <= 1 + 1e-12);
  }

  @Test
  void jonesAtZenithSwapsIauAxesAndDeadDipolesLowerTheGain() {
    double lat = Math.toRadians(-26.703319);
    LocalDirection z = LocalDirection.ofHourAngle(0, lat, lat);
    double[] j = new double[8];
    MwaAnalyticBeam.zenith().jones(z, F, j);
    assertArrayEquals(new double[] {0, 0, 1, 0, 1, 0, 0, 0}, j, 1e-12);
    int[] d = new int[16];
    d[5] = MwaAnalyticBeam.DEAD_DIPOLE;
    new MwaAnalyticBeam(d).jones(z, F, j);
    assertEquals(15.0 / 16, j[2], 1e-12);
    assertThrows(InvalidInputException.class, () -> new MwaAnalyticBeam(new int[15]));
    assertThrows(
        InvalidInputException.class,
        () -> new MwaAnalyticBeam(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 33}));
  }
}
