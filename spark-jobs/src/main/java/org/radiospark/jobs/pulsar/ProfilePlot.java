package org.radiospark.jobs.pulsar;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import org.radiospark.kernels.io.PlotAxes;

/**
 * A folded pulse profile as a PNG line plot ({@link PlotAxes}): two turns of pulse phase left to
 * right, intensity bottom to top, a grey line at the mean and one between the turns. The profile
 * line is drawn without antialiasing, in one exact colour.
 */
public final class ProfilePlot {
  private static final Color GREY = new Color(0xB0B0B0);
  private static final Color BLUE = new Color(0x1F4FB4);

  /** Frame margin, pixels. */
  private static final int MARGIN = 20;

  /** Space between the frame and the highest or lowest profile value, pixels. */
  private static final int PAD = 6;

  private ProfilePlot() {}

  /** Renders {@code profile} (any length >= 2) into a {@code width x height} image. */
  public static BufferedImage render(double[] profile, int width, int height) {
    BufferedImage img = PlotAxes.canvas(width, height);
    Graphics2D g = PlotAxes.graphics(img);
    try {
      int x0 = MARGIN;
      int x1 = width - MARGIN;
      int y0 = MARGIN;
      int y1 = height - MARGIN;
      g.setColor(Color.BLACK);
      g.drawRect(x0, y0, x1 - x0, y1 - y0);
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
      // x in bins over two turns, the data inset 2 pixels from the frame; y padded inside it
      PlotAxes axes =
          new PlotAxes(
              g,
              x0 + 2,
              y0 + PAD,
              x1 - x0 - 4,
              y1 - y0 - 2 * PAD,
              new double[] {0, 2 * n},
              new double[] {lo, lo + span});
      axes.horizontalLine(mean, GREY);
      axes.verticalLine(n, GREY, false);
      double[] x = new double[2 * n];
      double[] y = new double[2 * n];
      for (int i = 0; i < 2 * n; i++) {
        x[i] = i + 0.5;
        y[i] = profile[i % n];
      }
      axes.polyline(x, y, BLUE, 1f, false);
    } finally {
      g.dispose();
    }
    return img;
  }

  /** Writes the rendered profile as PNG. */
  public static void write(OutputStream out, double[] profile) throws IOException {
    PlotAxes.writePng(render(profile, 640, 360), out);
  }
}
