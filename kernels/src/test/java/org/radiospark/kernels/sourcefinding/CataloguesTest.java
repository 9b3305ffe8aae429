package org.radiospark.kernels.sourcefinding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.testing.SharedData;

class CataloguesTest {
  @TempDir Path dir;

  static List<SourceComponent> randomComponents(int n, long seed) {
    Random r = new Random(seed);
    List<SourceComponent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ComponentErrors e =
          new ComponentErrors(
              r.nextDouble() * 1e-4,
              r.nextDouble() * 1e-4,
              r.nextDouble(),
              r.nextDouble(),
              r.nextDouble(),
              r.nextDouble(),
              i % 3 == 0 ? -1 : r.nextDouble());
      out.add(
          new SourceComponent(
              i / 2,
              i % 2,
              r.nextDouble() * 500,
              r.nextDouble() * 500,
              360 * r.nextDouble(),
              -90 + 180 * r.nextDouble(),
              r.nextGaussian(),
              r.nextGaussian(),
              100 * r.nextDouble(),
              50 * r.nextDouble(),
              180 * r.nextDouble() - 90,
              1e-3 * r.nextGaussian(),
              1e-3 * r.nextDouble(),
              e,
              i % 5 == 0 ? SourceComponent.FLAG_FIT_FAILED : 0));
    }
    return out;
  }

  @Test
  void csvAndFitsRoundTripsAreExact() throws Exception {
    List<SourceComponent> cs = randomComponents(25, 1);
    Path csv = dir.resolve("c.csv");
    Path fits = dir.resolve("c.fits");
    ComponentCatalogue.writeCsv(csv, cs, false);
    ComponentCatalogue.writeFits(fits, cs, false);
    assertEquals(cs, ComponentCatalogue.readCsv(csv));
    assertEquals(cs, ComponentCatalogue.readFits(fits));
    assertTrue(Files.readString(csv).startsWith("island,source,background,local_rms,ra,err_ra,"));
    assertThrows(
        java.nio.file.FileAlreadyExistsException.class,
        () -> ComponentCatalogue.writeCsv(csv, cs, false));
    assertEquals(List.of(), roundTripEmpty());
  }

  private List<SourceComponent> roundTripEmpty() throws Exception {
    Path csv = dir.resolve("empty.csv");
    ComponentCatalogue.writeCsv(csv, List.of(), false);
    return ComponentCatalogue.readCsv(csv);
  }

  @Test
  void csvReferenceCatalogueIsReadAndBadRowsAreNamed() throws Exception {
    Path f = dir.resolve("ref.csv");
    Files.writeString(f, "# ref\nname,flux_jy,ra_deg,dec_deg\nA,1.5,10.0,-20.0\nB,0.25,11.5,-21\n");
    ReferenceCatalogue cat = ReferenceCatalogue.read(f, null, 0);
    assertEquals(
        List.of(new ReferenceSource("A", 10, -20, 1.5), new ReferenceSource("B", 11.5, -21, 0.25)),
        cat.sources());
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "ra_deg,dec_deg,flux_jy\n1,2,3\n1,x,3\n");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ReferenceCatalogue.read(bad, null, 0));
    assertTrue(e.getMessage().contains("line 3: dec_deg"), e.getMessage());
    Path noCol = dir.resolve("nocol.csv");
    Files.writeString(noCol, "ra,dec,flux\n1,2,3\n");
    assertThrows(InvalidInputException.class, () -> ReferenceCatalogue.read(noCol, null, 0));
    assertThrows(
        InvalidInputException.class, () -> ReferenceCatalogue.read(dir.resolve("x.txt"), null, 0));
  }

  @Test
  void votableReaderTakesTheNearestSubBand() throws Exception {
    Path f = dir.resolve("t.vot");
    Files.writeString(
        f,
        "<?xml version=\"1.0\"?><VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.4\">"
            + "<RESOURCE><TABLE><FIELD name=\"RAJ2000\" datatype=\"double\"/>"
            + "<FIELD name=\"DEJ2000\" datatype=\"double\"/><FIELD name=\"Fint151\" datatype=\"double\"/>"
            + "<FIELD name=\"Fint200\" datatype=\"double\"/><DATA><TABLEDATA>"
            + "<TR><TD>1.5</TD><TD>-2.5</TD><TD>3.0</TD><TD>2.0</TD></TR>"
            + "<TR><TD>4.5</TD><TD>-5.5</TD><TD>nan</TD><TD>1.0</TD></TR>"
            + "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>");
    ReferenceCatalogue c150 = ReferenceCatalogue.read(f, null, 154e6);
    assertEquals(List.of(new ReferenceSource("", 1.5, -2.5, 3.0)), c150.sources());
    ReferenceCatalogue c200 = ReferenceCatalogue.read(f, null, 190e6);
    assertEquals(2, c200.sources().size());
    assertEquals(1.0, c200.sources().get(1).fluxJy());
    assertThrows(InvalidInputException.class, () -> ReferenceCatalogue.read(f, "Fint999", 0));
    Path broken = dir.resolve("broken.vot");
    Files.writeString(broken, "<VOTABLE><RESOURCE>");
    assertThrows(InvalidInputException.class, () -> ReferenceCatalogue.read(broken, null, 0));
  }

  @Test
  void gleamExtractIsRead() throws Exception {
    Path f = SharedData.require("catalogs/gleam_50srcs.vot");
    ReferenceCatalogue cat = ReferenceCatalogue.read(f, null, 150e6);
    assertTrue(cat.description().contains("Fint151"), cat.description());
    assertTrue(cat.sources().size() <= 50 && cat.sources().size() >= 40, "rows");
    ReferenceSource first = cat.sources().get(0);
    assertEquals("J235139-894114", first.name());
    assertEquals(357.914368, first.raDeg(), 0);
    assertEquals(-89.687309, first.decDeg(), 0);
    assertEquals(50, ReferenceCatalogue.read(f, "Fintwide", 0).sources().size());
  }

  @Test
  void crossMatchIsTheUniqueNearestAndAgreesWithBruteForce() {
    Random r = new Random(5);
    List<ReferenceSource> refs = new ArrayList<>();
    List<SourceComponent> comps = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      refs.add(new ReferenceSource("r" + i, 30 + 4 * r.nextDouble(), -30 + 4 * r.nextDouble(), 1));
    }
    for (SourceComponent c : randomComponents(200, 2)) {
      ReferenceSource near = refs.get(r.nextInt(refs.size()));
      double ra = near.raDeg() + 0.01 * r.nextGaussian();
      double dec = near.decDeg() + 0.01 * r.nextGaussian();
      comps.add(c.withPosition(c.xPix(), c.yPix(), ra, dec));
    }
    double radius = 0.03;
    List<CrossMatch.Match> ms = CrossMatch.match(comps, refs, radius);
    java.util.Set<ReferenceSource> used = new java.util.HashSet<>();
    for (CrossMatch.Match m : ms) {
      assertTrue(used.add(m.reference()), "reference used twice");
      assertTrue(m.separationDeg() <= radius);
    }
    // Brute force: a greedy match over all pairs sorted by separation gives the same pairs.
    List<double[]> pairs = new ArrayList<>();
    for (int c = 0; c < comps.size(); c++) {
      for (int k = 0; k < refs.size(); k++) {
        double s =
            CrossMatch.separationDeg(
                comps.get(c).raDeg(),
                comps.get(c).decDeg(),
                refs.get(k).raDeg(),
                refs.get(k).decDeg());
        if (s <= radius) {
          pairs.add(new double[] {s, c, k});
        }
      }
    }
    pairs.sort((a, b) -> Double.compare(a[0], b[0]));
    boolean[] cu = new boolean[comps.size()];
    boolean[] ru = new boolean[refs.size()];
    int count = 0;
    for (double[] p : pairs) {
      if (!cu[(int) p[1]] && !ru[(int) p[2]]) {
        cu[(int) p[1]] = true;
        ru[(int) p[2]] = true;
        count++;
      }
    }
    assertEquals(count, ms.size());
    for (CrossMatch.Match m : ms) {
      assertTrue(cu[comps.indexOf(m.component())]);
    }
    assertEquals(1.0, CrossMatch.separationDeg(10, 0, 11, 0), 1e-12);
    // 89.5 + 1/3600 carries a rounding of ulp(89.5) = 1.4e-14 deg.
    assertEquals(1.0 / 3600, CrossMatch.separationDeg(0, 89.5, 0, 89.5 + 1.0 / 3600), 2e-14);
  }
}
