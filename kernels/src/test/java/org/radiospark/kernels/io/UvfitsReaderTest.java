package org.radiospark.kernels.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.testing.SharedData;

/** The reader against the real public UVFITS files of ../shared/data. */
class UvfitsReaderTest {
  private static final Stokes[] LINEAR = {Stokes.XX, Stokes.YY, Stokes.XY, Stokes.YX};

  @Test
  void readsEveryUvfitsFileOfTheSharedData() throws IOException {
    Path root = SharedData.require("mwa");
    int files = 0;
    try (Stream<Path> s = Files.walk(root.getParent())) {
      for (Path p : s.filter(x -> x.toString().endsWith(".uvfits")).toList()) {
        UvfitsData d = UvfitsReader.read(p);
        VisibilityBlock b = d.block();
        assertTrue(b.nRows() > 0 && b.nChan() > 0 && b.nPol() > 0, p.toString());
        for (int r = 0; r < b.nRows(); r++) {
          assertTrue(b.antenna1()[r] < d.antennas().nAntennas(), p.toString());
          assertTrue(Double.isFinite(b.uMetres()[r] + b.timeMjdSec()[r]), p.toString());
        }
        files++;
      }
    }
    assertTrue(files >= 4, "expected at least the 4 documented UVFITS files, found " + files);
  }

  @Test
  void mwa1133866760HasElevenChannelsFourPolsAnd105Tiles() throws IOException {
    UvfitsData d = UvfitsReader.read(SharedData.require("mwa/1133866760.uvfits"));
    VisibilityBlock b = d.block();
    assertEquals(11, b.nChan());
    for (int c = 0; c < 11; c++) {
      assertEquals(153.875e6 + c * 80e3, b.freqHz()[c], 0.0);
      assertEquals(80e3, b.chanWidthHz()[c], 0.0);
    }
    assertArrayEquals(LINEAR, b.pols());
    assertEquals(105 * 106 / 2, b.nRows(), "105 tiles with autocorrelations, one time");
    assertEquals(105, antennasUsed(b).size());
    assertEquals(1, new TreeSet<>(boxed(b.timeMjdSec())).size());
    assertEquals("UVCeti", d.object());
    assertEquals("MWA", d.telescope());
    assertEquals(24.75, b.phaseCentre().raDeg(), 1e-12);
    assertEquals(-17.95, b.phaseCentre().decDeg(), 1e-12);
    // DATE-OBS 2015-12-11T10:59:06.002 and the DATE parameters describe the same instant.
    double dateObsMjdSec = (57367.0 * 86400.0) + 10 * 3600 + 59 * 60 + 6.002;
    assertEquals(dateObsMjdSec, b.timeMjdSec()[0], 1.5, "integration centroid within 1 s");
    // All weights negative: all flagged unless flags are ignored.
    for (boolean f : b.flag()) {
      assertTrue(f);
    }
    VisibilityBlock ig =
        UvfitsReader.read(
                SharedData.require("mwa/1133866760.uvfits"),
                UvfitsReadOptions.defaults().withIgnoreFlags(true))
            .block();
    for (int i = 0; i < ig.flag().length; i++) {
      assertFalse(ig.flag()[i]);
      assertEquals(b.weight()[i] == 0 ? 1f : b.weight()[i], ig.weight()[i]);
    }
  }

  @Test
  void mwa1061316296Has8128BaselinesTimesTwoAndZeroWeights() throws IOException {
    Path f = SharedData.require("mwa/1061316296.uvfits");
    VisibilityBlock b = UvfitsReader.read(f).block();
    assertEquals(2 * 8128, b.nRows());
    assertEquals(2, new TreeSet<>(boxed(b.timeMjdSec())).size());
    assertEquals(1, b.nChan());
    assertEquals(167.075e6, b.freqHz()[0], 0.0);
    assertArrayEquals(LINEAR, b.pols());
    assertEquals(127, antennasUsed(b).size());
    for (int i = 0; i < b.flag().length; i++) {
      assertTrue(b.flag()[i]);
      assertEquals(0f, b.weight()[i]);
    }
    VisibilityBlock ig =
        UvfitsReader.read(f, UvfitsReadOptions.defaults().withIgnoreFlags(true)).block();
    for (int i = 0; i < ig.flag().length; i++) {
      assertFalse(ig.flag()[i]);
      assertEquals(1f, ig.weight()[i]);
    }
  }

  @Test
  void uvwLengthsMatchBaselineLengthsFromTheAntennaTable() throws IOException {
    // |uvw| = |pos2 - pos1| for any phase centre, and is unchanged by the rotation of the STABXYZ
    // frame (REFERENCE.md), so this loose check holds for the raw table.
    for (String name : new String[] {"mwa/1061316296.uvfits", "mwa/1133866760.uvfits"}) {
      UvfitsData d = UvfitsReader.read(SharedData.require(name));
      VisibilityBlock b = d.block();
      AntennaConfiguration a = d.antennas();
      double worst = 0;
      for (int r = 0; r < b.nRows(); r++) {
        int p = b.antenna1()[r];
        int q = b.antenna2()[r];
        double dx = a.xMetres()[q] - a.xMetres()[p];
        double dy = a.yMetres()[q] - a.yMetres()[p];
        double dz = a.zMetres()[q] - a.zMetres()[p];
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double uvw =
            Math.sqrt(
                b.uMetres()[r] * b.uMetres()[r]
                    + b.vMetres()[r] * b.vMetres()[r]
                    + b.wMetres()[r] * b.wMetres()[r]);
        worst = Math.max(worst, Math.abs(len - uvw));
      }
      // REFERENCE.md: positions and uvw agree to 0.04-0.17 m; allow a little more for |.|.
      assertTrue(worst < 0.5, name + ": worst |uvw| - |baseline| = " + worst + " m");
    }
  }

  @Test
  void stabxyzRotatedByTheLongitudePredictsTheFileUvw() throws IOException {
    // REFERENCE.md: the MWA STABXYZ are in a frame rotated by the array longitude. After undoing
    // it, the zenith-phased file's w (the baseline's projection on the zenith direction at the
    // array) must be small for every baseline, as |w| <= 5 m in the file itself.
    UvfitsData d = UvfitsReader.read(SharedData.require("mwa/1061316296.uvfits"));
    AipsAntennaTable raw = d.antennaTable();
    double lon = Math.atan2(raw.arrayY(), raw.arrayX());
    AntennaConfiguration rotated = raw.withOffsetsRotatedAboutZ(lon).toConfiguration("MWA");
    double lat = Math.toRadians(-26.703319);
    double[] up = {Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)};
    VisibilityBlock b = d.block();
    double worstRotated = 0;
    double worstRaw = 0;
    for (int r = 0; r < b.nRows(); r++) {
      int p = b.antenna1()[r];
      int q = b.antenna2()[r];
      worstRotated = Math.max(worstRotated, Math.abs(dot(rotated, q, p, up)));
      worstRaw = Math.max(worstRaw, Math.abs(dot(d.antennas(), q, p, up)));
    }
    assertTrue(worstRotated < 10, "vertical extent of rotated baselines: " + worstRotated);
    assertTrue(worstRaw > 100, "the raw frame is visibly rotated: " + worstRaw);
  }

  private static double dot(AntennaConfiguration a, int q, int p, double[] up) {
    return (a.xMetres()[q] - a.xMetres()[p]) * up[0]
        + (a.yMetres()[q] - a.yMetres()[p]) * up[1]
        + (a.zMetres()[q] - a.zMetres()[p]) * up[2];
  }

  @Test
  void paperFileHasOnePolarisationXyAndFifteenBaselines() throws IOException {
    UvfitsData d =
        UvfitsReader.read(SharedData.require("vis/zen.2456865.60537.xy.uvcRREAAM.uvfits"));
    VisibilityBlock b = d.block();
    assertArrayEquals(new Stokes[] {Stokes.XY}, b.pols());
    assertEquals(11, b.nChan());
    assertEquals(100e6, b.freqHz()[0], 0.0);
    assertEquals(100e6 + 10 * 4.92610837438e5, b.freqHz()[10], 1e-6);
    assertEquals(19, new TreeSet<>(boxed(b.timeMjdSec())).size());
    Set<Long> baselines = new HashSet<>();
    for (int r = 0; r < b.nRows(); r++) {
      baselines.add(b.antenna1()[r] * 1000L + b.antenna2()[r]);
    }
    assertEquals(15, baselines.size());
    assertEquals("PAPER", d.telescope());
    // No INTTIM parameter: the spacing of the 19 time slots (31.65 s) stands in.
    assertEquals(31.647, b.integrationSec()[0], 0.01);
  }

  @Test
  void cotterFileHasOneTimeAndWeightsMinusTwo() throws IOException {
    Path f = SharedData.require("mwa/1131733552_mini_cotter.uvfits");
    VisibilityBlock b =
        UvfitsReader.read(f, UvfitsReadOptions.defaults().withIgnoreFlags(true)).block();
    assertEquals(8256, b.nRows());
    assertEquals(196.495e6, b.freqHz()[0], 0.0);
    for (float w : b.weight()) {
      assertEquals(2f, w);
    }
  }

  @Test
  void channelSelectionIsASliceOfTheFullRead() throws IOException {
    Path f = SharedData.require("mwa/1133866760.uvfits");
    VisibilityBlock all = UvfitsReader.read(f).block();
    VisibilityBlock sel =
        UvfitsReader.read(f, UvfitsReadOptions.defaults().withChannels(3, 5)).block();
    assertEquals(5, sel.nChan());
    for (int c = 0; c < 5; c++) {
      assertEquals(all.freqHz()[3 + c], sel.freqHz()[c]);
    }
    for (int r = 0; r < all.nRows(); r += 97) {
      for (int c = 0; c < 5; c++) {
        for (int p = 0; p < 4; p++) {
          int i = all.index(r, 3 + c, p);
          int j = sel.index(r, c, p);
          assertEquals(all.vis()[2 * i], sel.vis()[2 * j]);
          assertEquals(all.vis()[2 * i + 1], sel.vis()[2 * j + 1]);
          assertEquals(all.weight()[i], sel.weight()[j]);
        }
      }
    }
  }

  private static Set<Integer> antennasUsed(VisibilityBlock b) {
    Set<Integer> s = new HashSet<>();
    for (int r = 0; r < b.nRows(); r++) {
      s.add(b.antenna1()[r]);
      s.add(b.antenna2()[r]);
    }
    return s;
  }

  private static java.util.List<Double> boxed(double[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }
}
