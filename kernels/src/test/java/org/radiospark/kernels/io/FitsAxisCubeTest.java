package org.radiospark.kernels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.Header;
import nom.tam.util.FitsInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.Stokes;

/** Faraday-depth cubes: RA, DEC, FDEP axes and the pixels back exactly (float32). */
class FitsAxisCubeTest {
  @TempDir Path dir;

  @Test
  void roundTripOfAnFdfCube() throws IOException {
    List<Image> planes = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      planes.add(FitsImageTest.planted(6, 4, 1.2e9, Stokes.I, 40 + k));
    }
    Path f = dir.resolve("fdf.fits");
    CubeAxis axis = CubeAxis.faradayDepth(-20, 10);
    FitsImageWriter.writeAxisCube(f, planes, axis, FitsImageOptions.defaults());
    try (InputStream in = Files.newInputStream(f);
        FitsInputStream fin = new FitsInputStream(in)) {
      Header h = Header.readHeader(fin);
      List<String> keys = new ArrayList<>();
      h.iterator().forEachRemaining(c -> keys.add(c.getKey()));
      assertEquals(
          List.of("SIMPLE", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "NAXIS3"), keys.subList(0, 6));
      assertEquals(3, h.getIntValue("NAXIS"));
      assertFalse(h.containsKey("NAXIS4"));
      assertEquals(5, h.getIntValue("NAXIS3"));
      assertEquals("FDEP", h.getStringValue("CTYPE3"));
      assertEquals("rad/m^2", h.getStringValue("CUNIT3"));
      assertEquals(-20.0, h.getDoubleValue("CRVAL3"));
      assertEquals(10.0, h.getDoubleValue("CDELT3"));
      assertEquals(1.0, h.getDoubleValue("CRPIX3"));
      assertEquals("RA---SIN", h.getStringValue("CTYPE1"));
      DataInputStream data = new DataInputStream(fin);
      for (Image p : planes) {
        for (double v : p.pixels()) {
          float got = data.readFloat();
          assertEquals((float) v, got, 0f);
        }
      }
    }
    assertThrows(
        FileAlreadyExistsException.class,
        () -> FitsImageWriter.writeAxisCube(f, planes, axis, FitsImageOptions.defaults()));
  }
}
