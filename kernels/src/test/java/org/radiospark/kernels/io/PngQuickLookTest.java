package org.radiospark.kernels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngQuickLookTest {
  @TempDir Path dir;

  /** Green's (2011) perceived brightness weights, the ones cubehelix keeps linear. */
  private static double luma(int argb) {
    return 0.30 * (argb >> 16 & 0xff) + 0.59 * (argb >> 8 & 0xff) + 0.11 * (argb & 0xff);
  }

  private static double[] ramp(int nx, int ny) {
    double[] px = new double[nx * ny];
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        px[y * nx + x] = x + 0.5 * y;
      }
    }
    return px;
  }

  @Test
  void pngReadsBackWithExpectedSizeMonotoneBarLabelsAndTransparentNans() throws IOException {
    int nx = 100;
    int ny = 80;
    double[] px = ramp(nx, ny);
    px[5 * nx + 7] = Double.NaN;
    PngOptions o = PngOptions.defaults();
    Path f = dir.resolve("ql.png");
    PngQuickLook.write(f, px, nx, ny, o);
    BufferedImage img = ImageIO.read(f.toFile());
    assertEquals(PngQuickLook.outputWidth(nx, o), img.getWidth());
    assertEquals(PngQuickLook.outputHeight(ny, o), img.getHeight());
    // FITS row 5 is picture row ny - 1 - 5 (north up).
    assertEquals(0, img.getRGB(7, ny - 1 - 5) >>> 24, "NaN is transparent");
    assertEquals(255, img.getRGB(8, ny - 1 - 5) >>> 24, "finite pixels are opaque");

    int barX = nx + PngQuickLook.GAP + PngQuickLook.BAR_WIDTH / 2;
    int top = 2;
    int bottom = img.getHeight() - 3;
    double prev = luma(img.getRGB(barX, bottom));
    for (int y = bottom - 1; y >= top; y--) {
      double l = luma(img.getRGB(barX, y));
      // 8-bit rounding of each channel moves the luma by at most 0.5.
      assertTrue(l >= prev - 0.5, "bar brightness falls at row " + y + ": " + prev + " -> " + l);
      prev = Math.max(prev, l);
    }
    assertTrue(luma(img.getRGB(barX, top)) - luma(img.getRGB(barX, bottom)) > 250);

    int labelX = barX + PngQuickLook.BAR_WIDTH;
    assertTrue(hasInk(img, labelX, top, 12), "max label drawn");
    assertTrue(hasInk(img, labelX, bottom - 11, 12), "min label drawn");
  }

  private static boolean hasInk(BufferedImage img, int x0, int y0, int h) {
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) == 0) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void greyLinearFullRangeMapsValuesToExactGreyLevels() {
    int nx = 256;
    double[] px = new double[nx];
    for (int x = 0; x < nx; x++) {
      px[x] = 3.0 + x / 255.0 * 7.0;
    }
    PngOptions o =
        PngOptions.defaults()
            .withColourMap(PngOptions.ColourMap.GREY)
            .withPercentiles(0, 100)
            .withColourBar(false);
    BufferedImage img = PngQuickLook.render(px, nx, 1, o);
    for (int x = 0; x < nx; x++) {
      int rgb = img.getRGB(x, 0);
      assertEquals(x, rgb & 0xff, "grey level of pixel " + x);
      assertEquals(x, rgb >> 16 & 0xff);
    }
  }

  @Test
  void percentileClipIgnoresAnOutlier() {
    double[] px = new double[1001];
    for (int i = 0; i < 1000; i++) {
      px[i] = i;
    }
    px[1000] = 1e9;
    double[] r = PngQuickLook.displayRange(px, 0.5, 99.5);
    // Order statistic at 0.995 * 1000 = 995: between the values 995 and 996 of the ramp.
    assertEquals(995.0, r[1], 1e-9);
    assertEquals(5.0, r[0], 1e-9);
    PngOptions o = PngOptions.defaults().withColourMap(PngOptions.ColourMap.GREY);
    BufferedImage img = PngQuickLook.render(px, 1001, 1, o);
    assertEquals(0xffffffff, img.getRGB(1000, 0), "the outlier saturates");
    assertEquals(128, img.getRGB(500, 0) & 0xff, 1, "the median is mid-grey");
  }

  @Test
  void asinhStretchIsMonotoneAndBrightensFaintValues() {
    PngOptions o = PngOptions.defaults().withStretch(PngOptions.Stretch.ASINH, 0.1);
    double[] range = {0, 1};
    double prev = -1;
    for (int i = 0; i <= 1000; i++) {
      double t = PngQuickLook.fraction(i / 1000.0, range, o);
      assertTrue(t > prev);
      prev = t;
    }
    assertEquals(0, PngQuickLook.fraction(0, range, o), 0);
    assertEquals(1, PngQuickLook.fraction(1, range, o), 1e-15);
    // asinh(1) / asinh(10) = 0.2955 at one softening length, well above the linear 0.1.
    assertEquals(
        Math.log(1 + Math.sqrt(2)) / Math.log(10 + Math.sqrt(101)),
        PngQuickLook.fraction(0.1, range, o),
        1e-12);
  }

  @Test
  void cubehelixRunsFromBlackToWhite() {
    PngOptions o = PngOptions.defaults();
    assertEquals(0xff000000, PngQuickLook.colour(0, o));
    assertEquals(0xffffffff, PngQuickLook.colour(1, o));
  }

  @Test
  void allNanAndConstantImagesRender() {
    double[] nan = {Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN};
    BufferedImage img = PngQuickLook.render(nan, 2, 2, PngOptions.defaults());
    assertEquals(0, img.getRGB(0, 0) >>> 24);
    double[] flat = {2, 2, 2, 2};
    BufferedImage g =
        PngQuickLook.render(
            flat, 2, 2, PngOptions.defaults().withColourMap(PngOptions.ColourMap.GREY));
    assertEquals(128, g.getRGB(0, 0) & 0xff, 1, "a constant image is mid-grey");
  }

  @Test
  void refusesToOverwriteUnlessAsked() throws IOException {
    Path f = dir.resolve("a.png");
    PngQuickLook.write(f, ramp(8, 8), 8, 8, PngOptions.defaults());
    assertThrows(
        FileAlreadyExistsException.class,
        () -> PngQuickLook.write(f, ramp(8, 8), 8, 8, PngOptions.defaults()));
    PngQuickLook.write(f, ramp(8, 8), 8, 8, PngOptions.defaults().withOverwrite(true));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count());
    }
  }
}
