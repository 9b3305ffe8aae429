package org.radiospark.kernels.skymodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.SkyComponent;

class ComponentCsvTest {
  @TempDir Path dir;

  @Test
  void roundTripKeepsEveryField() throws Exception {
    List<SkyComponent> in =
        List.of(
            SkyComponent.point(Math.toRadians(12.5), Math.toRadians(-30.25), 1.5, 1.4e9, -0.7),
            new SkyComponent(
                Math.toRadians(359.9),
                Math.toRadians(-89.5),
                new double[] {2, 0.1, -0.2, 0.01},
                1.0e8,
                0.3,
                Math.toRadians(30.0 / 3600),
                Math.toRadians(10.0 / 3600),
                Math.toRadians(45)));
    StringWriter w = new StringWriter();
    ComponentCsv.write(in, w);
    Path f = dir.resolve("c.csv");
    Files.writeString(f, w.toString());
    List<SkyComponent> out = ComponentCsv.read(f);
    assertEquals(in.size(), out.size());
    for (int i = 0; i < in.size(); i++) {
      SkyComponent a = in.get(i);
      SkyComponent b = out.get(i);
      assertEquals(a.raRad(), b.raRad(), 1e-10 * Math.PI / 180);
      assertEquals(a.decRad(), b.decRad(), 1e-10 * Math.PI / 180);
      assertArrayEquals(a.fluxJy(), b.fluxJy(), 1e-8);
      assertEquals(a.refFreqHz(), b.refFreqHz(), 1e-8 * a.refFreqHz());
      assertEquals(a.spectralIndex(), b.spectralIndex(), 1e-6);
      assertEquals(a.majorRad(), b.majorRad(), 1e-6 * Math.PI / 648000);
      assertEquals(a.minorRad(), b.minorRad(), 1e-6 * Math.PI / 648000);
      assertEquals(a.paRad(), b.paRad(), 1e-6 * Math.PI / 180);
    }
  }

  @Test
  void minimalColumnsDefaultToUnpolarisedFlatPoints() throws Exception {
    Path f = dir.resolve("m.csv");
    Files.writeString(f, "# test\nra_deg, dec_deg, i_jy, ref_freq_hz\n10,-20,3,1e8\n");
    SkyComponent c = ComponentCsv.read(f).get(0);
    assertTrue(c.isPoint());
    assertEquals(3, c.fluxAt(0, 2e8), 1e-12);
    assertEquals(0, c.fluxAt(1, 1e8));
  }

  @Test
  void badValuesNameFileLineAndColumn() throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "ra_deg,dec_deg,i_jy,ref_freq_hz\n10,-20,abc,1e8\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ComponentCsv.read(f));
    assertTrue(e.getMessage().contains("bad.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("line 2 i_jy"), e.getMessage());

    Path g = dir.resolve("nohead.csv");
    Files.writeString(g, "ra_deg,dec_deg\n1,2\n");
    assertTrue(
        assertThrows(InvalidInputException.class, () -> ComponentCsv.read(g))
            .getMessage()
            .contains("no column 'i_jy'"));
  }
}
