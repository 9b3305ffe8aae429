package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.kernels.coords.SinProjection;
import org.radiospark.kernels.io.FitsImageOptions;
import org.radiospark.kernels.io.FitsImageReader;
import org.radiospark.kernels.io.FitsImageWriter;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.sourcefinding.ComponentCatalogue;
import org.radiospark.kernels.sourcefinding.CrossMatch;
import org.radiospark.kernels.sourcefinding.PlantedField;
import org.radiospark.kernels.sourcefinding.ReferenceSource;
import org.radiospark.kernels.sourcefinding.SourceComponent;

/**
 * End to end: a simulated image with known sources, a smooth position distortion and a flux
 * gradient goes through {@code postimage} and then {@code rescale}.
 */
class PostimageCommandTest {
  private static final int N = 320;
  static final double BMAJ = 5;
  static final double BMIN = 4;

  @TempDir Path dir;
  private Path image;
  private Path refCsv;
  private List<ReferenceSource> truth;

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = RadioSparkCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(status, out.toString(), err.toString());
  }

  @BeforeEach
  void simulate() throws Exception {
    truth = simulateField(dir);
    image = dir.resolve("snapshot.fits");
    refCsv = dir.resolve("ref.csv");
  }

  /**
   * Writes {@code dir/snapshot.fits} (45 planted sources with a smooth position distortion and a
   * flux gradient over correlated noise) and the true positions and fluxes as {@code dir/ref.csv}.
   */
  static List<ReferenceSource> simulateField(Path dir) throws Exception {
    ImageGeometry g = PlantedField.geometry(N, 20, 60, -27);
    Beam beam = PlantedField.beam(g, BMAJ, BMIN);
    double[] pix = PlantedField.correlatedNoise(N, N, beam, g.cellRad(), 0.01, 3);
    Random r = new Random(4);
    List<ReferenceSource> truth = new ArrayList<>();
    List<double[]> placed = new ArrayList<>();
    StringBuilder csv = new StringBuilder("name,ra_deg,dec_deg,flux_jy\n");
    while (truth.size() < 45) {
      double x = 12 + (N - 24) * r.nextDouble();
      double y = 12 + (N - 24) * r.nextDouble();
      if (placed.stream().anyMatch(t -> Math.hypot(t[0] - x, t[1] - y) < 5 * BMAJ)) {
        continue;
      }
      placed.add(new double[] {x, y});
      double u = (x - N / 2.0) / (N / 2.0);
      double v = (y - N / 2.0) / (N / 2.0);
      double dx = 1.2 + 0.6 * u - 0.4 * v;
      double dy = -0.8 + 0.5 * u * v + 0.3 * v;
      double gain = 1 + 0.08 * u + 0.05 * v;
      double flux = 0.2 * Math.pow(5, r.nextDouble());
      PlantedField.addGaussian(pix, N, N, x + dx, y + dy, flux * gain, BMAJ, BMIN, 0);
      double[] sky = SinProjection.pixelToSky(g, x, y);
      ReferenceSource s =
          new ReferenceSource(
              "S" + truth.size(), Math.toDegrees(sky[0]), Math.toDegrees(sky[1]), flux);
      truth.add(s);
      csv.append(s.name())
          .append(',')
          .append(s.raDeg())
          .append(',')
          .append(s.decDeg())
          .append(',')
          .append(s.fluxJy())
          .append('\n');
    }
    FitsImageWriter.write(
        dir.resolve("snapshot.fits"),
        PlantedField.image(g, pix, beam),
        FitsImageOptions.defaults());
    Files.writeString(dir.resolve("ref.csv"), csv);
    return truth;
  }

  @Test
  void postimageThenRescaleCorrectPositionsAndFluxes() throws Exception {
    String prefix = dir.resolve("out/obs").toString();
    Run p = run("postimage", image.toString(), "--catalogue", refCsv.toString(), "-name", prefix);
    assertEquals(0, p.status(), p.err());
    System.out.print(p.out());
    for (String s :
        new String[] {
          "-bkg.fits",
          "-rms.fits",
          "-comp.csv",
          "-comp.fits",
          "-xmatch.csv",
          "-warped.fits",
          "-warped-comp.csv"
        }) {
      assertTrue(Files.exists(Path.of(prefix + s)), s);
    }
    List<SourceComponent> raw = ComponentCatalogue.readCsv(Path.of(prefix + "-comp.csv"));
    assertEquals(raw, ComponentCatalogue.readFits(Path.of(prefix + "-comp.fits")));
    Image rms = FitsImageReader.readImage(Path.of(prefix + "-rms.fits"));
    double meanRms = java.util.Arrays.stream(rms.pixels()).average().orElseThrow();
    assertEquals(0.01, meanRms, 0.0005, "rms map");

    double radius = 3 * BMAJ * 20 / 3600.0;
    double rawOffset = rmsOffsetArcsec(CrossMatch.match(raw, truth, radius));
    List<SourceComponent> fixed = ComponentCatalogue.readCsv(Path.of(prefix + "-warped-comp.csv"));
    List<CrossMatch.Match> after = CrossMatch.match(fixed, truth, radius);
    double fixedOffset = rmsOffsetArcsec(after);
    double ratio =
        after.stream()
            .mapToDouble(m -> m.component().intFlux() / m.reference().fluxJy())
            .average()
            .orElseThrow();
    System.out.printf(
        "postimage CLI: rms offset %.2f\" -> %.2f\", mean flux ratio %.4f (n=%d)%n",
        rawOffset, fixedOffset, ratio, after.size());
    assertTrue(after.size() >= 43, "matched " + after.size());
    assertTrue(fixedOffset < 0.1 * rawOffset, "offsets below 10% of the injected");
    assertEquals(1.0, ratio, 0.02, "flux ratios within 2% of 1");

    Run again =
        run("postimage", image.toString(), "--catalogue", refCsv.toString(), "-name", prefix);
    assertEquals(2, again.status());
    assertTrue(again.err().contains("exists"), again.err());

    String rp = dir.resolve("out/obs-r").toString();
    Run r =
        run(
            "rescale",
            prefix + "-warped.fits",
            "--components",
            prefix + "-warped-comp.csv",
            "--catalogue",
            refCsv.toString(),
            "-name",
            rp);
    assertEquals(0, r.status(), r.err());
    System.out.print(r.out());
    JsonNode json = new ObjectMapper().readTree(Path.of(rp + "-rescale.json").toFile());
    assertEquals(1.0, json.get("flux_ratio").get("mean").asDouble(), 0.02);
    assertTrue(json.get("matches_used").asInt() >= 40);
    for (String q : new String[] {"dra", "ddec", "ratio"}) {
      for (String a : new String[] {"ra", "dec"}) {
        BufferedImage png = ImageIO.read(Path.of(rp + "-" + q + "-" + a + ".png").toFile());
        assertEquals(640, png.getWidth());
      }
    }
    assertTrue(Files.exists(Path.of(rp + "-rescaled.fits")));
    assertEquals(
        fixed.size(), ComponentCatalogue.readCsv(Path.of(rp + "-rescaled-comp.csv")).size());
    // every FITS image of both commands has its quick-look (bkg, rms, warped, rescaled)
    assertEquals(4, QuickLookCheck.assertEveryFitsImageHasPng(dir.resolve("out")).size());
    for (String t : new String[] {"-comp", "-warped-comp"}) {
      assertTrue(Files.isRegularFile(Path.of(prefix + t + ".parquet", "_SUCCESS")), t);
    }
    assertTrue(Files.isRegularFile(Path.of(rp + "-rescaled-comp.parquet", "_SUCCESS")));
  }

  @Test
  void badInputExitsWithTwoAndLeavesNothing() throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "ra,dec,flux\n1,2,3\n");
    String prefix = dir.resolve("bad/obs").toString();
    Run p = run("postimage", image.toString(), "--catalogue", bad.toString(), "-name", prefix);
    assertEquals(2, p.status());
    assertTrue(p.err().contains("ra_deg"), p.err());
    assertFalse(Files.exists(dir.resolve("bad")), "no output folder for bad input");

    Path noBeam = dir.resolve("nobeam.fits");
    Image img = FitsImageReader.readImage(image);
    FitsImageWriter.write(noBeam, img.withBeam(null), FitsImageOptions.defaults());
    Run q = run("postimage", noBeam.toString(), "--catalogue", refCsv.toString(), "-name", prefix);
    assertEquals(2, q.status());
    assertTrue(q.err().contains("BMAJ"), q.err());

    Run s =
        run(
            "postimage",
            image.toString(),
            "--catalogue",
            refCsv.toString(),
            "--seed",
            "3",
            "--flood",
            "4",
            "-name",
            prefix);
    assertEquals(2, s.status());
    assertFalse(Files.exists(dir.resolve("bad")));
  }

  static double rmsOffsetArcsec(List<CrossMatch.Match> ms) {
    return Math.sqrt(
        ms.stream()
            .mapToDouble(m -> Math.pow(m.separationDeg() * 3600, 2))
            .average()
            .orElseThrow());
  }
}
