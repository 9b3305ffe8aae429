package org.radiospark.kernels.postimage;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.radiospark.kernels.io.PlotAxes;

/**
 * A small scatter plot as PNG ({@link PlotAxes}, no display needed): points (kept in blue, rejected
 * in grey), an optional fitted curve in red, a frame with ticks at 1-2-5 steps and tick labels,
 * axis labels and a title. O(points + width) drawing.
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

  /** The axis range {lo, hi} covering the finite values and the curve at {@code xs}. */
  static double[] range(double[] v, DoubleUnaryOperator curve, double[] xs) {
    if (curve == null || xs == null) {
      return PlotAxes.range(v);
    }
    double[] c = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      c[i] = curve.applyAsDouble(xs[i]);
    }
    return PlotAxes.range(v, c);
  }

  /** Tick positions ({@link PlotAxes#ticks}). */
  static List<Double> ticks(double lo, double hi) {
    return PlotAxes.ticks(lo, hi);
  }

  /** Tick label ({@link PlotAxes#tickLabel}). */
  static String label(double v, double step) {
    return PlotAxes.tickLabel(v, step);
  }

  /** Renders the plot. */
  public static BufferedImage render(Spec s) {
    BufferedImage img = PlotAxes.canvas(WIDTH, HEIGHT);
    Graphics2D g = PlotAxes.graphics(img);
    try {
      double[] xr = range(s.x(), null, null);
      double[] yr = range(s.y(), s.curve(), curveXs(xr));
      int pw = WIDTH - LEFT - RIGHT;
      int ph = HEIGHT - TOP - BOTTOM;
      PlotAxes axes = new PlotAxes(g, LEFT, TOP, pw, ph, xr, yr);
      axes.frameWithTicks();
      axes.axisLabels(s.xLabel(), BOTTOM - 12, s.yLabel(), 16);
      axes.title(s.title());
      int n = s.x().length;
      // rejected points first, so kept ones are drawn on top
      for (boolean keptPass : new boolean[] {false, true}) {
        double[] px = new double[n];
        double[] py = new double[n];
        for (int i = 0; i < n; i++) {
          boolean k = s.kept() == null || s.kept()[i];
          px[i] = k == keptPass ? s.x()[i] : Double.NaN;
          py[i] = s.y()[i];
        }
        axes.points(px, py, keptPass ? KEPT : REJECTED, 7);
      }
      if (s.curve() != null) {
        double[] cx = new double[pw / 2 + 1];
        double[] cy = new double[cx.length];
        for (int i = 0; i < cx.length; i++) {
          cx[i] = xr[0] + (xr[1] - xr[0]) * (2.0 * i) / pw;
          cy[i] = s.curve().applyAsDouble(cx[i]);
        }
        axes.polyline(cx, cy, CURVE, 2f, true);
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  /** Writes the plot as PNG to the stream (not closed). */
  public static void write(OutputStream out, Spec s) throws IOException {
    PlotAxes.writePng(render(s), out);
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
