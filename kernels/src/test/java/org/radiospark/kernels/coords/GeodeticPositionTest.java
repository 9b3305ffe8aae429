package org.radiospark.kernels.coords;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GeodeticPositionTest {
  @Test
  void wgs84Axes() {
    assertArrayEquals(
        new double[] {6378137.0, 0, 0}, GeodeticPosition.ofDegrees(0, 0, 0).toItrf(), 1e-6);
    // Polar radius b = a (1 - f) = 6356752.314245 m.
    assertEquals(6356752.314245, GeodeticPosition.ofDegrees(0, 90, 0).toItrf()[2], 1e-5);
    assertArrayEquals(
        new double[] {0, 6378237.0, 0}, GeodeticPosition.ofDegrees(90, 0, 100).toItrf(), 1e-6);
  }

  @Test
  void mwaArrayCentreMatchesTheUvfitsAnTable() {
    // 1061316296.uvfits: LAT -26.70331900000003, LON 116.67081, ALT 377.0 and ARRAYX/Y/Z.
    double[] xyz = GeodeticPosition.ofDegrees(116.67081, -26.70331900000003, 377.0).toItrf();
    assertArrayEquals(
        new double[] {-2559453.29059553, 5095371.73544116, -2849056.77357178}, xyz, 1.0);
  }

  @Test
  void roundTrip() {
    for (double lat = -89; lat <= 89; lat += 17.8) {
      for (double lon = -179; lon <= 179; lon += 35.8) {
        GeodeticPosition g = GeodeticPosition.ofDegrees(lon, lat, 1053.0);
        GeodeticPosition back = GeodeticPosition.fromItrf(g.toItrf());
        assertEquals(g.lonRad(), back.lonRad(), 1e-13);
        assertEquals(g.latRad(), back.latRad(), 1e-13);
        assertEquals(g.heightMetres(), back.heightMetres(), 1e-6);
      }
    }
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> GeodeticPosition.ofDegrees(0, 91, 0));
    assertThrows(
        IllegalArgumentException.class, () -> GeodeticPosition.fromItrf(new double[] {0, 0, 0}));
  }
}
