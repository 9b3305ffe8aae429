package org.radiospark.kernels.postimage;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import javax.imageio.ImageIO;

/**
 * A small scatter plot as PNG (java.awt, no display needed): points (kept in blue, rejected in
 * grey), an optional fitted curve in red, a frame with ticks at 1-2-5 steps and tick labels, axis
 * labels and a title. O(points + width) drawing.
 */
public final class ScatterPlot {
  /** Plot width and height, pixels. */
  public static final int WIDTH = 640;

  public static final int HEIGHT = 480;

  static final int LEFT = 80;
  static final int RIGHT = 20;
  static final int TOP = 36;
  static final int BOTTOM = 56;

  static final Color KEPT = new Color(31, 119, 180);
  static final Color REJECTED = new Color(160, 160, 160);
  static final Color CURVE = new Color(214, 39, 40);

  private ScatterPlot() {}

  /**
   * What to draw.
   *
   * @param title the title line
   * @param xLabel x axis label (with unit)
   * @param yLabel y axis label (with unit)
   * @param x abscissae
   * @param y ordinates
   * @param kept which points to draw as kept (null: all)
   * @param curve a function drawn across the x range, or null
   */
  public record Spec(
      String title,
      String xLabel,
      String yLabel,
      double[] x,
      double[] y,
      boolean[] kept,
      DoubleUnaryOperator curve) {
    /** Checks the lengths. */
    public Spec {
      Objects.requireNonNull(x, "x");
      Objects.requireNonNull(y, "y");
      if (x.length != y.length || kept != null && kept.length != x.length) {
        throw new IllegalArgumentException("x, y and kept must have equal lengths");
      }
    }
  }

  /** The axis range {lo, hi} covering the finite values with a 5% margin, never empty. */
  static double[] range(double[] v, DoubleUnaryOperator curve, double[] xs) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double a : v) {
      if (Double.isFinite(a)) {
        lo = Math.min(lo, a);
        hi = Math.max(hi, a);
      }
    }
    if (curve != null && xs != null) {
      for (double a : xs) {
        double c = curve.applyAsDouble(a);
        if (Double.isFinite(c)) {
          lo = Math.min(lo, c);
          hi = Math.max(hi, c);
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
  static List<Double> ticks(double lo, double hi) {
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

  /** Tick label: the fewest decimals that tell neighbouring ticks apart. */
  static String label(double v, double step) {
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    if (Math.abs(v) >= 1e5 || (v != 0 && Math.abs(v) < 1e-4)) {
      return String.format(Locale.ROOT, "%.2g", v);
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** Renders the plot. */
  public static BufferedImage render(Spec s) {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      double[] xr = range(s.x(), null, null);
      double[] yr = range(s.y(), s.curve(), curveXs(xr));
      int pw = WIDTH - LEFT - RIGHT;
      int ph = HEIGHT - TOP - BOTTOM;
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      FontMetrics fm = g.getFontMetrics();
      g.setColor(Color.BLACK);
      g.drawRect(LEFT, TOP, pw, ph);
      List<Double> xt = ticks(xr[0], xr[1]);
      double xs = xt.size() > 1 ? xt.get(1) - xt.get(0) : 1;
      for (double t : xt) {
        int px = px(t, xr, pw);
        g.drawLine(px, TOP + ph, px, TOP + ph - 5);
        String l = label(t, xs);
        g.drawString(l, px - fm.stringWidth(l) / 2, TOP + ph + 4 + fm.getAscent());
      }
      List<Double> yt = ticks(yr[0], yr[1]);
      double ys = yt.size() > 1 ? yt.get(1) - yt.get(0) : 1;
      for (double t : yt) {
        int py = py(t, yr, ph);
        g.drawLine(LEFT, py, LEFT + 5, py);
        String l = label(t, ys);
        g.drawString(l, LEFT - 6 - fm.stringWidth(l), py + fm.getAscent() / 2 - 1);
      }
      g.drawString(s.xLabel(), LEFT + pw / 2 - fm.stringWidth(s.xLabel()) / 2, HEIGHT - 12);
      Graphics2D gy = (Graphics2D) g.create();
      gy.rotate(-Math.PI / 2);
      gy.drawString(s.yLabel(), -(TOP + ph / 2) - fm.stringWidth(s.yLabel()) / 2, 16);
      gy.dispose();
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(s.title(), LEFT, TOP - 12);
      g.setClip(LEFT + 1, TOP + 1, pw - 1, ph - 1);
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < s.x().length; i++) {
          boolean k = s.kept() == null || s.kept()[i];
          if ((pass == 0) == k || !Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
            continue;
          }
          g.setColor(k ? KEPT : REJECTED);
          g.fillOval(px(s.x()[i], xr, pw) - 3, py(s.y()[i], yr, ph) - 3, 7, 7);
        }
      }
      if (s.curve() != null) {
        g.setColor(CURVE);
        g.setStroke(new BasicStroke(2f));
        int prevX = -1;
        int prevY = 0;
        for (int i = 0; i <= pw; i += 2) {
          double x = xr[0] + (xr[1] - xr[0]) * i / pw;
          double y = s.curve().applyAsDouble(x);
          if (!Double.isFinite(y)) {
            prevX = -1;
            continue;
          }
          int cx = LEFT + i;
          int cy = py(y, yr, ph);
          if (prevX >= 0) {
            g.drawLine(prevX, prevY, cx, cy);
          }
          prevX = cx;
          prevY = cy;
        }
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  /** Writes the plot as PNG to the stream (not closed). */
  public static void write(OutputStream out, Spec s) throws IOException {
    if (!ImageIO.write(render(s), "png", out)) {
      throw new IOException("no PNG writer available");
    }
  }

  private static double[] curveXs(double[] xr) {
    double[] xs = new double[101];
    for (int i = 0; i <= 100; i++) {
      xs[i] = xr[0] + (xr[1] - xr[0]) * i / 100;
    }
    return xs;
  }

  static int px(double x, double[] xr, int pw) {
    return LEFT + (int) Math.round((x - xr[0]) / (xr[1] - xr[0]) * pw);
  }

  static int py(double y, double[] yr, int ph) {
    return TOP + ph - (int) Math.round((y - yr[0]) / (yr[1] - yr[0]) * ph);
  }
}
