package org.radiospark.jobs.pulsar;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/**
 * A folded pulse profile as a PNG line plot: two turns of pulse phase left to right, intensity
 * bottom to top, a grey line at the mean. Pixels are set directly (no fonts, so it works headless).
 */
public final class ProfilePlot {
  private static final int WHITE = 0xFFFFFF;
  private static final int BLACK = 0x000000;
  private static final int GREY = 0xB0B0B0;
  private static final int BLUE = 0x1F4FB4;

  private ProfilePlot() {}

  /** Renders {@code profile} (any length >= 2) into a {@code width x height} image. */
  public static BufferedImage render(double[] profile, int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.setRGB(x, y, WHITE);
      }
    }
    int m = 20;
    int x0 = m;
    int x1 = width - m;
    int y0 = m;
    int y1 = height - m;
    line(img, x0, y0, x1, y0, BLACK);
    line(img, x0, y1, x1, y1, BLACK);
    line(img, x0, y0, x0, y1, BLACK);
    line(img, x1, y0, x1, y1, BLACK);
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    double mean = 0;
    for (double v : profile) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      mean += v;
    }
    mean /= profile.length;
    double span = hi > lo ? hi - lo : 1;
    int n = profile.length;
    int ym = yOf(mean, lo, span, y0, y1);
    line(img, x0 + 1, ym, x1 - 1, ym, GREY);
    line(img, (x0 + x1) / 2, y0 + 1, (x0 + x1) / 2, y1 - 1, GREY);
    int px = -1;
    int py = -1;
    for (int i = 0; i < 2 * n; i++) {
      int x = x0 + 2 + (int) Math.round((x1 - x0 - 4) * (i + 0.5) / (2.0 * n));
      int y = yOf(profile[i % n], lo, span, y0, y1);
      if (px >= 0) {
        line(img, px, py, x, y, BLUE);
      }
      px = x;
      py = y;
    }
    return img;
  }

  /** Writes the rendered profile as PNG. */
  public static void write(OutputStream out, double[] profile) throws IOException {
    if (!ImageIO.write(render(profile, 640, 360), "png", out)) {
      throw new IOException("no PNG writer available");
    }
  }

  private static int yOf(double v, double lo, double span, int y0, int y1) {
    int pad = 6;
    return (int) Math.round(y1 - pad - (v - lo) / span * (y1 - y0 - 2 * pad));
  }

  /** Bresenham's line, clipped to the image. */
  private static void line(BufferedImage img, int xa, int ya, int xb, int yb, int rgb) {
    int dx = Math.abs(xb - xa);
    int dy = -Math.abs(yb - ya);
    int sx = xa < xb ? 1 : -1;
    int sy = ya < yb ? 1 : -1;
    int err = dx + dy;
    int x = xa;
    int y = ya;
    while (true) {
      if (x >= 0 && y >= 0 && x < img.getWidth() && y < img.getHeight()) {
        img.setRGB(x, y, rgb);
      }
      if (x == xb && y == yb) {
        return;
      }
      int e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y += sy;
      }
    }
  }
}
