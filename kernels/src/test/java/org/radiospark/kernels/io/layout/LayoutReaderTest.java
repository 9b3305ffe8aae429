package org.radiospark.kernels.io.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.coords.EnuFrame;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.testing.SharedData;

class LayoutReaderTest {
  @TempDir Path tmp;

  private static double[] pos(AntennaConfiguration c, int a) {
    return new double[] {c.xMetres()[a], c.yMetres()[a], c.zMetres()[a]};
  }

  @Test
  void ska1MidCfgIsEcef() {
    Path f = SharedData.require("layouts/ska1mid.cfg");
    assertEquals(LayoutReader.Format.ECEF_CFG, LayoutReader.detect(f));
    AntennaConfiguration c = LayoutReader.read(f);
    assertEquals("SKA1-MID", c.telescope());
    assertEquals(197, c.nAntennas());
    int meerkat = 0;
    for (int a = 0; a < c.nAntennas(); a++) {
      if (c.names()[a].startsWith("M0")) {
        meerkat++;
        assertEquals(13.5, c.diameterMetres()[a]);
      } else {
        assertEquals(15.0, c.diameterMetres()[a]);
      }
      // Every dish stands within 200 km and 1 km of height of the file's observatory position.
      GeodeticPosition g = GeodeticPosition.fromItrf(pos(c, a));
      assertEquals(21.443803, g.lonDeg(), 2.0);
      assertEquals(-30.712925, g.latDeg(), 2.0);
      assertEquals(1053, g.heightMetres(), 1000);
    }
    assertEquals(64, meerkat);
    int m000 = java.util.Arrays.asList(c.names()).indexOf("M000");
    assertEquals(5109237.714735, c.xMetres()[m000]);
    assertEquals(-3239109.183708, c.zMetres()[m000]);
  }

  @Test
  void lowBd2IsLocalEnuAboutTheSkaLowReference() throws IOException {
    for (String name : new String[] {"LOWBD2.csv", "LOWBD2-CORE.csv"}) {
      Path f = SharedData.require("layouts/" + name);
      assertEquals(LayoutReader.Format.SKA_LOW_LOCAL_CSV, LayoutReader.detect(f));
      AntennaConfiguration c = LayoutReader.read(f);
      assertEquals(name.equals("LOWBD2.csv") ? 512 : 166, c.nAntennas());
      assertEquals("SKA1-LOW", c.telescope());
      EnuFrame frame = new EnuFrame(LayoutReader.SKA1_LOW_REFERENCE);
      String[] lines = Files.readAllLines(f).toArray(new String[0]);
      for (int a = 0; a < c.nAntennas(); a += 17) {
        String[] v = lines[a].split(",");
        double[] enu = frame.itrfToEnu(pos(c, a));
        for (int k = 0; k < 3; k++) {
          assertEquals(Double.parseDouble(v[k]), enu[k], 1e-6);
        }
        // Within 2 mm/km of curvature the stations sit at 300 m above the ellipsoid.
        double r = Math.hypot(enu[0], enu[1]);
        assertEquals(300, GeodeticPosition.fromItrf(pos(c, a)).heightMetres(), 1 + r * r / 6.4e6);
        assertEquals(35.0, c.diameterMetres()[a]);
      }
    }
  }

  @Test
  void mwaCsvAndMetafitsAgree() {
    Path csv = SharedData.require("layouts/mwa_ant_pos.csv");
    Path meta = SharedData.require("layouts/1196175296.metafits");
    assertEquals(LayoutReader.Format.MWA_ANT_POS_CSV, LayoutReader.detect(csv));
    AntennaConfiguration all = LayoutReader.read(csv);
    assertEquals(262, all.nAntennas());
    assertEquals("Tile011", all.names()[0]);
    AntennaConfiguration obs = LayoutReader.read(meta);
    assertEquals(128, obs.nAntennas());
    // Antenna 0 is Tile051 (North 124.801, East -55.56, Height 376.803).
    assertEquals("Tile051", obs.names()[0]);
    double[] enu = new EnuFrame(LayoutReader.MWA_CENTRE).itrfToEnu(pos(obs, 0));
    assertEquals(-55.56, enu[0], 1e-3);
    assertEquals(124.801, enu[1], 1e-3);
    assertEquals(376.803 - 377.827, enu[2], 1e-3);
    int flagged = 0;
    for (boolean b : obs.flagged()) {
      flagged += b ? 1 : 0;
    }
    assertEquals(10, flagged);
    Map<String, Integer> byName = new HashMap<>();
    for (int a = 0; a < all.nAntennas(); a++) {
      byName.put(all.names()[a], a);
    }
    double max = 0;
    int common = 0;
    for (int a = 0; a < obs.nAntennas(); a++) {
      Integer b = byName.get(obs.names()[a]);
      if (b == null) {
        continue;
      }
      common++;
      double[] p = pos(obs, a);
      double[] q = pos(all, b);
      max = Math.max(max, Math.sqrt(sq(p[0] - q[0]) + sq(p[1] - q[1]) + sq(p[2] - q[2])));
    }
    // Two independent surveys of the same tiles: measured agreement 0.18 m.
    assertEquals(128, common);
    assertTrue(max < 0.25, "max position difference " + max);
  }

  @Test
  void badInputNamesFileAndField() throws IOException {
    Path gpubox = SharedData.require("mwa/1061315448_20130823175130_mini_gpubox07_01.fits");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> LayoutReader.readMetafits(gpubox));
    assertEquals("TILEDATA", e.field());
    assertTrue(e.getMessage().contains(gpubox.toString()));
  }

  @Test
  void badTextInput() throws IOException {
    Path bad = tmp.resolve("bad.csv");
    Files.writeString(bad, "1.0,2.0,3.0\n4.0,oops,6.0\n");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> LayoutReader.read(bad));
    assertEquals("line 2 column 2", e.field());
    Path cfg = tmp.resolve("x.cfg");
    Files.writeString(cfg, "# observatory=T\n1 2 3\n");
    e = assertThrows(InvalidInputException.class, () -> LayoutReader.read(cfg));
    assertEquals("line 2", e.field());
    Path mwa = tmp.resolve("mwa.csv");
    Files.writeString(mwa, "names,numbers,x,y\nT1,1,2,3\n");
    e = assertThrows(InvalidInputException.class, () -> LayoutReader.read(mwa));
    assertEquals("header", e.field());
    Path empty = tmp.resolve("e.cfg");
    Files.writeString(empty, "# nothing\n");
    assertThrows(InvalidInputException.class, () -> LayoutReader.read(empty));
    Path other = tmp.resolve("layout.xyz");
    Files.writeString(other, "1 2 3\n");
    assertThrows(InvalidInputException.class, () -> LayoutReader.read(other));
    Path notFits = tmp.resolve("n.metafits");
    Files.writeString(notFits, "hello");
    assertThrows(InvalidInputException.class, () -> LayoutReader.read(notFits));
  }

  private static double sq(double x) {
    return x * x;
  }
}
