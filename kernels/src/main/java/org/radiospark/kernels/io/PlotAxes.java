package org.radiospark.kernels.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * One panel of a line or scatter plot drawn into a {@link BufferedImage} with java.awt (headless:
 * no display needed, so it runs on Spark executors): the linear map from data to pixels, a frame
 * with ticks at 1-2-5 steps and their labels, axis labels, a title, polylines, points, marker lines
 * and a legend. Shared by every PNG plot of the project (scatter plots of the rescale step, folded
 * pulse profiles, RM spectra), together with {@link #canvas}, {@link #graphics} and {@link
 * #writePng}.
 *
 * <p>The panel is the rectangle {@code [left, left + width] x [top, top + height]} in image pixels
 * (y down); {@code xRange = {lo, hi}} maps to its left and right edges, {@code yRange} to its
 * bottom and top. Drawing of data is clipped to the panel. All operations are O(points).
 */
public final class PlotAxes {
  private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);

  private final Graphics2D g;
  private final int left;
  private final int top;
  private final int width;
  private final int height;
  private final double[] xr;
  private final double[] yr;

  /**
   * A panel on {@code g}.
   *
   * @param xRange {lo, hi} with hi > lo, data units
   * @param yRange {lo, hi} with hi > lo, data units
   */
  public PlotAxes(
      Graphics2D g, int left, int top, int width, int height, double[] xRange, double[] yRange) {
    if (width < 1 || height < 1 || !(xRange[1] > xRange[0]) || !(yRange[1] > yRange[0])) {
      throw new IllegalArgumentException("empty panel or range");
    }
    this.g = g;
    this.left = left;
    this.top = top;
    this.width = width;
    this.height = height;
    this.xr = xRange.clone();
    this.yr = yRange.clone();
  }

  /** A white RGB image. */
  public static BufferedImage canvas(int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return img;
  }

  /** Graphics of {@code img} with antialiasing on and the tick font; dispose it when done. */
  public static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setFont(TICK_FONT);
    return g;
  }

  /** Writes {@code img} as PNG to the stream (not closed). */
  public static void writePng(BufferedImage img, OutputStream out) throws IOException {
    if (!ImageIO.write(img, "png", out)) {
      throw new IOException("no PNG writer available in javax.imageio");
    }
  }

  /**
   * The range {lo, hi} covering the finite values of all {@code series} with a 5% margin on each
   * side; a single value is padded by half its magnitude; {0, 1} when nothing is finite.
   */
  public static double[] range(double[]... series) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] s : series) {
      for (double a : s) {
        if (Double.isFinite(a)) {
          lo = Math.min(lo, a);
          hi = Math.max(hi, a);
        }
      }
    }
    if (!(lo <= hi)) {
      return new double[] {0, 1};
    }
    if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
      double pad = Math.max(1e-12, 0.5 * Math.abs(hi));
      return new double[] {lo - pad, hi + pad};
    }
    double m = 0.05 * (hi - lo);
    return new double[] {lo - m, hi + m};
  }

  /** Tick positions at the 1-2-5 step giving 4 to 10 ticks in [lo, hi]. */
  public static List<Double> ticks(double lo, double hi) {
    double span = hi - lo;
    double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
    for (double f : new double[] {1, 2, 5, 10}) {
      if (span / (step * f) <= 8) {
        step *= f;
        break;
      }
    }
    List<Double> t = new ArrayList<>();
    for (double v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) {
      t.add(Math.abs(v) < 1e-9 * step ? 0.0 : v);
    }
    return t;
  }

  /** Tick label: the fewest decimals that tell neighbouring ticks {@code step} apart. */
  public static String tickLabel(double v, double step) {
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    if (Math.abs(v) >= 1e5 || (v != 0 && Math.abs(v) < 1e-4)) {
      return String.format(Locale.ROOT, "%.2g", v);
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** Pixel column of {@code x}. */
  public int px(double x) {
    return left + (int) Math.round((x - xr[0]) / (xr[1] - xr[0]) * width);
  }

  /** Pixel row of {@code y}. */
  public int py(double y) {
    return top + height - (int) Math.round((y - yr[0]) / (yr[1] - yr[0]) * height);
  }

  /** The black frame with ticks and tick labels on the bottom and left edges. */
  public void frameWithTicks() {
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1f));
    g.setFont(TICK_FONT);
    FontMetrics fm = g.getFontMetrics();
    g.drawRect(left, top, width, height);
    List<Double> xt = ticks(xr[0], xr[1]);
    double xs = xt.size() > 1 ? xt.get(1) - xt.get(0) : 1;
    for (double t : xt) {
      int p = px(t);
      g.drawLine(p, top + height, p, top + height - 5);
      String l = tickLabel(t, xs);
      g.drawString(l, p - fm.stringWidth(l) / 2, top + height + 4 + fm.getAscent());
    }
    List<Double> yt = ticks(yr[0], yr[1]);
    double ys = yt.size() > 1 ? yt.get(1) - yt.get(0) : 1;
    for (double t : yt) {
      int p = py(t);
      g.drawLine(left, p, left + 5, p);
      String l = tickLabel(t, ys);
      g.drawString(l, left - 6 - fm.stringWidth(l), p + fm.getAscent() / 2 - 1);
    }
  }

  /**
   * Axis labels: {@code xLabel} centred {@code xBelow} pixels under the panel's bottom edge, {@code
   * yLabel} rotated, centred on the panel, at image column {@code yColumn}.
   */
  public void axisLabels(String xLabel, int xBelow, String yLabel, int yColumn) {
    g.setColor(Color.BLACK);
    g.setFont(TICK_FONT);
    FontMetrics fm = g.getFontMetrics();
    g.drawString(xLabel, left + width / 2 - fm.stringWidth(xLabel) / 2, top + height + xBelow);
    Graphics2D gy = (Graphics2D) g.create();
    gy.rotate(-Math.PI / 2);
    gy.drawString(yLabel, -(top + height / 2) - fm.stringWidth(yLabel) / 2, yColumn);
    gy.dispose();
  }

  /** A bold title 12 pixels above the panel, left-aligned with it. */
  public void title(String text) {
    g.setColor(Color.BLACK);
    g.setFont(TITLE_FONT);
    g.drawString(text, left, top - 12);
    g.setFont(TICK_FONT);
  }

  /**
   * A line through the points in order, broken at non-finite values.
   *
   * @param antialias false draws exact pixels of {@code colour} (for plots tested pixel by pixel)
   */
  public void polyline(double[] x, double[] y, Color colour, float lineWidth, boolean antialias) {
    Shape clip = g.getClip();
    Stroke stroke = g.getStroke();
    Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
    g.setClip(left, top, width + 1, height + 1);
    g.setColor(colour);
    g.setStroke(new BasicStroke(lineWidth));
    g.setRenderingHint(
        RenderingHints.KEY_ANTIALIASING,
        antialias ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF);
    int prevX = 0;
    int prevY = 0;
    boolean have = false;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        have = false;
        continue;
      }
      int cx = px(x[i]);
      int cy = py(y[i]);
      if (have) {
        g.drawLine(prevX, prevY, cx, cy);
      }
      prevX = cx;
      prevY = cy;
      have = true;
    }
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    g.setStroke(stroke);
    g.setClip(clip);
  }

  /** Filled circles of {@code diameter} pixels at the finite points. */
  public void points(double[] x, double[] y, Color colour, int diameter) {
    Shape clip = g.getClip();
    g.setClip(left + 1, top + 1, width - 1, height - 1);
    g.setColor(colour);
    int r = diameter / 2;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        g.fillOval(px(x[i]) - r, py(y[i]) - r, diameter, diameter);
      }
    }
    g.setClip(clip);
  }

  /** A vertical line across the panel at {@code x}, dashed if asked; exact pixels (no blending). */
  public void verticalLine(double x, Color colour, boolean dashed) {
    int c = px(x);
    if (c < left || c > left + width) {
      return;
    }
    Stroke stroke = g.getStroke();
    Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    g.setColor(colour);
    g.setStroke(
        dashed
            ? new BasicStroke(
                1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f)
            : new BasicStroke(1f));
    g.drawLine(c, top + 1, c, top + height - 1);
    g.setStroke(stroke);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
  }

  /** A horizontal line across the panel at {@code y}; exact pixels. */
  public void horizontalLine(double y, Color colour) {
    int r = py(y);
    if (r < top || r > top + height) {
      return;
    }
    Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    g.setColor(colour);
    g.drawLine(left + 1, r, left + width - 1, r);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
  }

  /** A legend in the panel's top right corner: a short line of each colour and its name. */
  public void legend(List<String> names, List<Color> colours) {
    g.setFont(TICK_FONT);
    FontMetrics fm = g.getFontMetrics();
    int w = 0;
    for (String n : names) {
      w = Math.max(w, fm.stringWidth(n));
    }
    int x0 = left + width - w - 36;
    int y = top + 6 + fm.getAscent();
    for (int i = 0; i < names.size(); i++) {
      g.setColor(colours.get(i));
      g.fillRect(x0, y - fm.getAscent() / 2 - 1, 20, 3);
      g.setColor(Color.BLACK);
      g.drawString(names.get(i), x0 + 26, y);
      y += fm.getHeight();
    }
  }
}
