package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.radiospark.kernels.io.PngOptions;
import org.radiospark.kernels.io.PngQuickLook;

/** Test helper: every FITS image in a folder has a PNG quick-look of its size beside it. */
public final class QuickLookCheck {
  private QuickLookCheck() {}

  /**
   * Checks every {@code *.fits} in {@code folder} whose primary HDU is an image ({@code NAXIS >=
   * 2}; tables such as {@code -comp.fits} have {@code NAXIS = 0}): {@code STEM.png} exists, decodes
   * and has the size {@link PngQuickLook} gives an {@code NAXIS1 x NAXIS2} image with the default
   * options.
   *
   * @return the FITS images checked
   */
  public static List<Path> assertEveryFitsImageHasPng(Path folder) throws IOException {
    List<Path> fits;
    try (Stream<Path> s = Files.list(folder)) {
      fits =
          s.filter(p -> p.getFileName().toString().endsWith(".fits"))
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .toList();
    }
    List<Path> images = new java.util.ArrayList<>();
    for (Path f : fits) {
      int naxis;
      int nx;
      int ny;
      try (Fits file = new Fits(f.toFile())) {
        Header h = file.readHDU().getHeader();
        naxis = h.getIntValue("NAXIS");
        nx = h.getIntValue("NAXIS1");
        ny = h.getIntValue("NAXIS2");
      } catch (nom.tam.fits.FitsException e) {
        throw new IOException(f + ": " + e.getMessage(), e);
      }
      if (naxis < 2) {
        continue;
      }
      String name = f.getFileName().toString();
      Path png = f.resolveSibling(name.substring(0, name.length() - 5) + ".png");
      assertTrue(Files.isRegularFile(png), "no quick-look " + png.getFileName() + " for " + name);
      BufferedImage img = ImageIO.read(png.toFile());
      assertNotNull(img, png + " does not decode");
      PngOptions o = PngOptions.defaults();
      assertEquals(PngQuickLook.outputWidth(nx, o), img.getWidth(), png.toString());
      assertEquals(PngQuickLook.outputHeight(ny, o), img.getHeight(), png.toString());
      images.add(f);
    }
    return images;
  }
}
