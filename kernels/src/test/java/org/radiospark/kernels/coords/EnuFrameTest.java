package org.radiospark.kernels.coords;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EnuFrameTest {
  private final GeodeticPosition mwa =
      GeodeticPosition.ofDegrees(116.67081523611111, -26.703319405555554, 377.827);

  @Test
  void siteIsTheOriginAndUpIsTheEllipsoidNormal() {
    EnuFrame f = new EnuFrame(mwa);
    assertArrayEquals(new double[] {0, 0, 0}, f.itrfToEnu(mwa.toItrf()), 1e-9);
    GeodeticPosition above =
        new GeodeticPosition(mwa.lonRad(), mwa.latRad(), mwa.heightMetres() + 250);
    assertArrayEquals(new double[] {0, 0, 250}, f.itrfToEnu(above.toItrf()), 1e-6);
  }

  @Test
  void northAndEastMatchGeodeticSteps() {
    EnuFrame f = new EnuFrame(mwa);
    // 1e-5 rad of latitude is about 63 m north; curvature drops the point by d^2 / 2R = 0.3 mm.
    GeodeticPosition north = new GeodeticPosition(mwa.lonRad(), mwa.latRad() + 1e-5, 377.827);
    double[] enu = f.itrfToEnu(north.toItrf());
    assertEquals(0, enu[0], 1e-6);
    assertEquals(63.4, enu[1], 0.5);
    assertEquals(0, enu[2], 1e-3);
    GeodeticPosition east = new GeodeticPosition(mwa.lonRad() + 1e-5, mwa.latRad(), 377.827);
    enu = f.itrfToEnu(east.toItrf());
    assertEquals(0, enu[1], 1e-3);
    assertEquals(63.8 * Math.cos(mwa.latRad()), enu[0], 0.5);
  }

  @Test
  void roundTripsAndRotationsAreInverse() {
    EnuFrame f = new EnuFrame(GeodeticPosition.ofDegrees(21.443803, -30.712925, 1053));
    double[] enu = {1234.5, -987.6, 12.3};
    assertArrayEquals(enu, f.itrfToEnu(f.enuToItrf(enu)), 1e-8);
    double[] d = f.rotateToItrf(3, 4, 12);
    assertEquals(13, Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]), 1e-12);
    assertArrayEquals(new double[] {3, 4, 12}, f.rotateToEnu(d[0], d[1], d[2]), 1e-12);
  }
}
