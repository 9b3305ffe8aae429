package org.radiospark.jobs.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.cli.IcalCommand;
import org.radiospark.jobs.ical.IcalOptions;
import org.radiospark.kernels.io.CubeAxis;
import org.radiospark.kernels.io.FitsImageOptions;
import org.radiospark.kernels.io.FitsImageWriter;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.postimage.ScatterPlot;
import org.radiospark.kernels.simulation.TruthFile;
import org.radiospark.kernels.testing.DataSamples;
import picocli.CommandLine;

/** The notebooks' Java conveniences without Spark: HTML figures, FDF cubes, catalogues, options. */
class NotebookApiTest {
  @TempDir Path dir;

  private static final Pattern IMG = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)");

  private static List<BufferedImage> images(String html) throws Exception {
    List<BufferedImage> out = new ArrayList<>();
    Matcher m = IMG.matcher(html);
    while (m.find()) {
      out.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
    }
    return out;
  }

  @Test
  void htmlBlocksHoldDecodablePngsAndEscapedCaptions() throws Exception {
    ScatterPlot.Spec spec =
        new ScatterPlot.Spec(
            "a <b> & c", "x", "y", new double[] {0, 1, 2}, new double[] {1, 0, 1}, null, null);
    String html = Html.scatter(spec);
    assertTrue(html.startsWith("%html <figure"), html.substring(0, 20));
    assertTrue(html.contains("<figcaption>a &lt;b&gt; &amp; c</figcaption>"));
    List<BufferedImage> imgs = images(html);
    assertEquals(1, imgs.size());
    assertEquals(ScatterPlot.WIDTH, imgs.get(0).getWidth());
    assertEquals(ScatterPlot.HEIGHT, imgs.get(0).getHeight());

    ImageGeometry g =
        new ImageGeometry(16, 8, 1e-5, PhaseCentre.ofDegrees(150, -30), 1.4e9, 1e6, Stokes.I);
    double[] px = new double[16 * 8];
    px[3] = 1;
    Path fits = dir.resolve("im.fits");
    FitsImageWriter.write(fits, new Image(g, px, null, "JY/BEAM"), FitsImageOptions.defaults());
    String two = Html.fits(fits, fits);
    assertTrue(two.startsWith("%html <figure"));
    assertEquals(1, two.split("%html", -1).length - 1, "one block");
    List<BufferedImage> quickLooks = images(two);
    assertEquals(2, quickLooks.size(), "one figure each");
    String direct = Html.of(Html.image(new Image(g, px, null, "JY/BEAM"), "direct"));
    assertEquals(quickLooks.get(0).getWidth(), images(direct).get(0).getWidth());
  }

  /** A cube whose pixel (x, y) holds 100 x + 10 y + k in plane k reads back exactly. */
  @Test
  void theFdfOfAPixelIsItsSpectrumAlongTheFaradayAxis() throws Exception {
    int nx = 6;
    int ny = 4;
    int nPhi = 5;
    ImageGeometry g =
        new ImageGeometry(nx, ny, 1e-5, PhaseCentre.ofDegrees(150, -30), 1.4e9, 1e6, Stokes.I);
    List<Image> planes = new ArrayList<>();
    for (int k = 0; k < nPhi; k++) {
      double[] px = new double[nx * ny];
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          px[y * nx + x] = 100 * x + 10 * y + k;
        }
      }
      planes.add(new Image(g, px, null, "JY/BEAM"));
    }
    Path cube = dir.resolve("fdf.fits");
    FitsImageWriter.writeAxisCube(
        cube, planes, CubeAxis.faradayDepth(-20, 2.5), FitsImageOptions.defaults());
    double[][] f = SpectralNotebook.fdf(cube, 4, 3);
    assertArrayEquals(new double[] {-20, -17.5, -15, -12.5, -10}, f[0], 1e-12);
    assertArrayEquals(new double[] {430, 431, 432, 433, 434}, f[1], 0);
    assertEquals(1, images(SpectralNotebook.fdfPlot(cube, 4, 3)).size());
    InvalidInputException outside =
        assertThrows(InvalidInputException.class, () -> SpectralNotebook.fdf(cube, 6, 0));
    assertTrue(outside.getMessage().contains("NAXIS1"), outside.getMessage());
    Path plane = dir.resolve("plane.fits");
    FitsImageWriter.write(plane, planes.get(0), FitsImageOptions.defaults());
    InvalidInputException notCube =
        assertThrows(InvalidInputException.class, () -> SpectralNotebook.fdf(plane, 0, 0));
    assertTrue(notCube.getMessage().contains("FDEP"), notCube.getMessage());
  }

  @Test
  void theReferenceCatalogueIsThePlantedSkyAtTheImageFrequency() throws Exception {
    Path truth = DataSamples.path("mwa-phase2-snapshot.truth.json");
    Path csv = GleamxNotebook.referenceCatalogue(truth, 215.68e6, dir.resolve("ref/ref.csv"));
    List<String> lines = Files.readAllLines(csv);
    List<SkyComponent> sky = TruthFile.read(truth).components();
    assertEquals("ra_deg,dec_deg,flux_jy", lines.get(0));
    assertEquals(sky.size() + 1, lines.size());
    for (int i = 0; i < sky.size(); i++) {
      String[] v = lines.get(i + 1).split(",");
      SkyComponent c = sky.get(i);
      assertEquals(Math.toDegrees(c.raRad()), Double.parseDouble(v[0]), 1e-9);
      assertEquals(Math.toDegrees(c.decRad()), Double.parseDouble(v[1]), 1e-9);
      double s = c.fluxAt(0, 215.68e6);
      assertEquals(s, Double.parseDouble(v[2]), 1e-7 * s);
    }
  }

  /** The notebook's ICAL options are the command line's for the same settings. */
  @Test
  void icalOptionsMatchTheCommandLineDefaults() throws Exception {
    IcalCommand cmd = new IcalCommand();
    new CommandLine(cmd)
        .parseArgs(
            "-name",
            "out/x",
            "-size",
            "128",
            "128",
            "-scale",
            "5asec",
            "--nmajor",
            "3",
            "--nselfcal",
            "2",
            "--cal-type",
            "diagonal",
            "-niter",
            "2000",
            "--overwrite",
            "in.uvfits");
    Method toOptions = IcalCommand.class.getDeclaredMethod("toOptions");
    toOptions.setAccessible(true);
    IcalOptions cli = (IcalOptions) toOptions.invoke(cmd);
    IcalOptions notebook =
        IcalNotebook.options("in.uvfits", "out/x", 128, 5.0, 3, 2, "diagonal", 2000);
    assertEquals(cli.cellRad(), notebook.cellRad(), 1e-15);
    assertEquals(
        cli,
        new IcalOptions(
            notebook.input(),
            notebook.prefix(),
            notebook.nx(),
            notebook.ny(),
            cli.cellRad(),
            notebook.nmajor(),
            notebook.nselfcal(),
            notebook.facetsX(),
            notebook.facetsY(),
            notebook.freqPartitions(),
            notebook.freqBlocks(),
            notebook.solintSec(),
            notebook.calType(),
            notebook.strategy(),
            notebook.niter(),
            notebook.gain(),
            notebook.mgain(),
            notebook.autoThreshold(),
            notebook.autoMask(),
            notebook.thresholdJy(),
            notebook.multiscale(),
            notebook.epsilon(),
            notebook.wCorrection(),
            notebook.threads(),
            notebook.refAnt(),
            notebook.skymodel(),
            notebook.compactRadiusPx(),
            notebook.resume(),
            notebook.overwrite()));
    assertThrows(
        IllegalArgumentException.class,
        () -> IcalNotebook.options("in.uvfits", "out/x", 4, 5.0, 3, 2, "phase", 10));
  }
}
