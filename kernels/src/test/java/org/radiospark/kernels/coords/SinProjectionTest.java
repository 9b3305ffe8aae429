package org.radiospark.kernels.coords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;

class SinProjectionTest {
  private final ImageGeometry g =
      new ImageGeometry(
          512,
          256,
          Math.toRadians(1.0 / 60),
          PhaseCentre.ofDegrees(0.1, -26.78),
          1.5e8,
          1e6,
          Stokes.I);

  @Test
  void referencePixelIsTheCentre() {
    double[] rd = SinProjection.pixelToSky(g, 256, 128);
    assertEquals(g.centre().raRad(), rd[0], 1e-15);
    assertEquals(g.centre().decRad(), rd[1], 1e-15);
  }

  @Test
  void raIncreasesToTheLeftAndDecUpward() {
    double[] left = SinProjection.pixelToSky(g, 255, 128);
    double[] up = SinProjection.pixelToSky(g, 256, 129);
    double dRa = left[0] - g.centre().raRad();
    assertTrue(dRa > 0, "RA step " + dRa);
    // One pixel of l is cell / cos(dec) in RA at this declination, to second order in the cell.
    assertEquals(g.cellRad() / Math.cos(g.centre().decRad()), dRa, 1e-6 * g.cellRad());
    // Along the central meridian m = sin(dec - dec0) exactly.
    assertEquals(g.centre().decRad() + Math.asin(g.cellRad()), up[1], 1e-15);
  }

  @Test
  void roundTrip() {
    for (double x = 0; x < 512; x += 37.3) {
      for (double y = 0; y < 256; y += 29.1) {
        double[] rd = SinProjection.pixelToSky(g, x, y);
        double[] xy = SinProjection.skyToPixel(g, rd[0], rd[1]);
        assertEquals(x, xy[0], 1e-9);
        assertEquals(y, xy[1], 1e-9);
      }
    }
  }

  @Test
  void rejectsTheFarHemisphere() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SinProjection.skyToPixel(g, g.centre().raRad() + Math.PI, -g.centre().decRad()));
  }
}
