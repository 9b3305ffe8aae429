package org.radiospark.kernels.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.radiospark.kernels.model.Image;

/**
 * Quick-look PNG previews of images, headless: pixels are coloured directly in a {@link
 * BufferedImage} and labels are drawn with a built-in 3x5 bitmap font, so no display, font
 * configuration or AWT toolkit is needed (Spark executors have none).
 *
 * <p>Output: the image with north up and east left (FITS row {@code ny - 1} at the top), then, if
 * asked, a white panel with a vertical colour bar (bottom = {@code lo}, top = {@code hi}) labelled
 * with the two values. NaN and infinite pixels are fully transparent and take no part in the
 * percentiles. See {@link PngOptions} for the stretch. Cost O(N log N) for the percentiles (a sort
 * of the finite values), O(N) for colouring.
 */
public final class PngQuickLook {
  /** Space between image and bar, pixels. */
  static final int GAP = 6;

  /** Width of the colour bar, pixels. */
  static final int BAR_WIDTH = 16;

  /** Width of the label column, pixels: 10 characters of the built-in font. */
  static final int LABEL_WIDTH = 10 * (3 + 1) * 2 + 4;

  /** Glyph scale of the built-in font (3x5 cells drawn as 6x10 pixels). */
  private static final int SCALE = 2;

  /** Smallest panel height that holds both labels and a visible bar. */
  static final int MIN_HEIGHT = 64;

  private PngQuickLook() {}

  /** Writes {@code image} as a PNG, atomically. */
  public static void write(Path file, Image image, PngOptions options) throws IOException {
    write(file, image.pixels(), image.nx(), image.ny(), options);
  }

  /**
   * Writes pixels {@code pixels[y * nx + x]} (FITS order, y up) as a PNG, atomically.
   *
   * @throws java.nio.file.FileAlreadyExistsException if the file exists and overwriting was not
   *     asked for
   */
  public static void write(Path file, double[] pixels, int nx, int ny, PngOptions options)
      throws IOException {
    BufferedImage img = render(pixels, nx, ny, options);
    AtomicFiles.write(file, options.overwrite(), out -> PlotAxes.writePng(img, out));
  }

  /** Width of the rendered picture for an image {@code nx} wide. */
  public static int outputWidth(int nx, PngOptions options) {
    return options.colourBar() ? nx + GAP + BAR_WIDTH + 4 + LABEL_WIDTH : nx;
  }

  /** Height of the rendered picture for an image {@code ny} high. */
  public static int outputHeight(int ny, PngOptions options) {
    return options.colourBar() ? Math.max(ny, MIN_HEIGHT) : ny;
  }

  /**
   * Renders the picture (ARGB) without writing it.
   *
   * @param pixels {@code pixels[y * nx + x]}, length {@code nx * ny}
   */
  public static BufferedImage render(double[] pixels, int nx, int ny, PngOptions options) {
    if (nx < 1 || ny < 1 || pixels.length != (long) nx * ny) {
      throw new IllegalArgumentException(
          "pixels has length " + pixels.length + " for " + nx + " x " + ny);
    }
    double[] range = displayRange(pixels, options.lowPercentile(), options.highPercentile());
    int w = outputWidth(nx, options);
    int h = outputHeight(ny, options);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < ny; y++) {
      int row = ny - 1 - y;
      for (int x = 0; x < nx; x++) {
        double v = pixels[y * nx + x];
        int argb = Double.isFinite(v) ? colour(fraction(v, range, options), options) : 0;
        img.setRGB(x, row, argb);
      }
    }
    if (options.colourBar()) {
      drawColourBar(img, nx, h, range, options);
    }
    return img;
  }

  /**
   * The {@code [lo, hi]} display range: percentiles of the finite values (linear interpolation
   * between order statistics); {@code [0, 1]} when no value is finite, and widened by one unit
   * around a constant image so the fraction is defined.
   */
  static double[] displayRange(double[] pixels, double lowPct, double highPct) {
    double[] finite = Arrays.stream(pixels).filter(Double::isFinite).toArray();
    if (finite.length == 0) {
      return new double[] {0, 1};
    }
    Arrays.sort(finite);
    double lo = percentile(finite, lowPct);
    double hi = percentile(finite, highPct);
    if (!(hi > lo)) {
      return new double[] {lo - 0.5, lo + 0.5};
    }
    return new double[] {lo, hi};
  }

  private static double percentile(double[] sorted, double pct) {
    double pos = pct / 100.0 * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    if (i >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    double f = pos - i;
    return sorted[i] + f * (sorted[i + 1] - sorted[i]);
  }

  /** Display fraction in [0, 1] of value {@code v}. */
  static double fraction(double v, double[] range, PngOptions o) {
    double x = (v - range[0]) / (range[1] - range[0]);
    x = Math.max(0, Math.min(1, x));
    if (o.stretch() == PngOptions.Stretch.ASINH) {
      double s = o.asinhSoftening();
      return asinh(x / s) / asinh(1 / s);
    }
    return x;
  }

  private static double asinh(double x) {
    return Math.log(x + Math.sqrt(x * x + 1));
  }

  /** Opaque ARGB colour of display fraction {@code t}. */
  static int colour(double t, PngOptions o) {
    double r;
    double g;
    double b;
    if (o.colourMap() == PngOptions.ColourMap.GREY) {
      r = t;
      g = t;
      b = t;
    } else {
      // Green (2011) eq. 2: deviation from the grey diagonal along a helix of constant perceived
      // brightness; start 0.5, rotations -1.5, hue 1, gamma 1.
      double phi = 2 * Math.PI * (0.5 / 3 + -1.5 * t);
      double amp = t * (1 - t) / 2;
      double c = Math.cos(phi);
      double s = Math.sin(phi);
      r = t + amp * (-0.14861 * c + 1.78277 * s);
      g = t + amp * (-0.29227 * c - 0.90649 * s);
      b = t + amp * (1.97294 * c);
    }
    return 0xff000000 | (channel(r) << 16) | (channel(g) << 8) | channel(b);
  }

  private static int channel(double v) {
    return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
  }

  private static void drawColourBar(
      BufferedImage img, int nx, int h, double[] range, PngOptions o) {
    int x0 = nx;
    for (int y = 0; y < h; y++) {
      for (int x = x0; x < img.getWidth(); x++) {
        img.setRGB(x, y, 0xffffffff);
      }
    }
    int barX = nx + GAP;
    int top = 2;
    int bottom = h - 3;
    for (int y = top; y <= bottom; y++) {
      // The bar shows display fractions 0..1 evenly, bottom to top: the stretch is in the labels'
      // spacing, not in the bar.
      double t = (double) (bottom - y) / (bottom - top);
      int argb = colour(t, o);
      for (int x = barX; x < barX + BAR_WIDTH; x++) {
        img.setRGB(x, y, argb);
      }
    }
    int textX = barX + BAR_WIDTH + 4;
    drawText(img, label(range[1]), textX, top);
    drawText(img, label(range[0]), textX, bottom - 5 * SCALE + 1);
  }

  /** Three significant digits in a form the built-in font can draw. */
  static String label(double v) {
    String s = String.format(Locale.ROOT, "%.3g", v);
    return s.length() > 10 ? String.format(Locale.ROOT, "%.2e", v) : s;
  }

  /** 3x5 glyphs, one 15-bit row-major mask per character, top row in the high bits. */
  private static int glyph(char c) {
    return switch (c) {
      case '0' -> 0b111_101_101_101_111;
      case '1' -> 0b010_110_010_010_111;
      case '2' -> 0b111_001_111_100_111;
      case '3' -> 0b111_001_111_001_111;
      case '4' -> 0b101_101_111_001_001;
      case '5' -> 0b111_100_111_001_111;
      case '6' -> 0b111_100_111_101_111;
      case '7' -> 0b111_001_001_001_001;
      case '8' -> 0b111_101_111_101_111;
      case '9' -> 0b111_101_111_001_111;
      case '.' -> 0b000_000_000_000_010;
      case '-' -> 0b000_000_111_000_000;
      case '+' -> 0b000_010_111_010_000;
      case 'e', 'E' -> 0b111_100_111_100_111;
      default -> 0b111_111_111_111_111;
    };
  }

  private static void drawText(BufferedImage img, String s, int x0, int y0) {
    int x = x0;
    for (char c : s.toCharArray()) {
      int mask = glyph(c);
      for (int row = 0; row < 5; row++) {
        for (int col = 0; col < 3; col++) {
          if ((mask >> (14 - (3 * row + col)) & 1) != 0) {
            fill(img, x + col * SCALE, y0 + row * SCALE);
          }
        }
      }
      x += 4 * SCALE;
    }
  }

  private static void fill(BufferedImage img, int x, int y) {
    for (int dy = 0; dy < SCALE; dy++) {
      for (int dx = 0; dx < SCALE; dx++) {
        if (x + dx < img.getWidth() && y + dy >= 0 && y + dy < img.getHeight()) {
          img.setRGB(x + dx, y + dy, 0xff000000);
        }
      }
    }
  }
}
