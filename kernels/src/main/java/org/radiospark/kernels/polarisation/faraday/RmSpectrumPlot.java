package org.radiospark.kernels.polarisation.faraday;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.radiospark.kernels.io.PlotAxes;

/**
 * The PNG plots of a 1-D RM synthesis, after the two figures RM-Tools' {@code rmsynth1d -S} saves
 * (as PDF): {@code _RMSF-dirtyFDF-plots} (the RMSF, then the dirty FDF: |F|, Q = Re F and U = Im F
 * against Faraday depth, the fitted peak marked by a dashed vertical line) and {@code
 * _spectra-plots} (fractional q, u and p = |q + iu| against lambda^2, then the polarisation angle
 * against lambda^2 with the line {@code psi0 + phi_peak lambda^2} of the fitted peak). Headless
 * ({@link PlotAxes}). Fractional spectra are Q/I_model and U/I_model when a Stokes I model was
 * used, else Q and U as given. O(channels + nPhi).
 */
public final class RmSpectrumPlot {
  /** Width of both figures, pixels. */
  public static final int WIDTH = 800;

  /** Height of both figures (two panels), pixels. */
  public static final int HEIGHT = 640;

  static final int LEFT = 90;
  static final int RIGHT = 20;
  static final int PANEL_TOP = 36;
  static final int PANEL_HEIGHT = 230;
  static final int PANEL_GAP = 90;

  /** |F| and p: black. */
  static final Color AMPLITUDE = Color.BLACK;

  /** Q, q: blue. */
  static final Color STOKES_Q = new Color(31, 119, 180);

  /** U, u: red. */
  static final Color STOKES_U = new Color(214, 39, 40);

  /** The peak marker: magenta, dashed. */
  public static final Color PEAK = new Color(200, 0, 200);

  private RmSpectrumPlot() {}

  /** RMSF (top) and dirty FDF with the peak marked (bottom). */
  public static BufferedImage renderFdf(RmSynthesis1dResult r) {
    BufferedImage img = PlotAxes.canvas(WIDTH, HEIGHT);
    Graphics2D g = PlotAxes.graphics(img);
    try {
      ComplexSpectrum rmsf = r.rmsf().response();
      double[] phi2 = r.rmsf().axis().values();
      PlotAxes top =
          panel(g, 0, range(phi2), PlotAxes.range(rmsf.amplitudes(), rmsf.re(), rmsf.im()));
      complexPanel(top, phi2, rmsf, "RMSF", "R(phi)");
      top.title(
          String.format(
              java.util.Locale.ROOT, "RM spread function (FWHM %.4g rad/m^2)", r.fwhmRmsfRadM2()));

      PlotAxes bottom = fdfAxes(g, r);
      ComplexSpectrum fdf = r.dirtyFdf();
      complexPanel(bottom, r.synthesis().axis().values(), fdf, "|F|", "F(phi)");
      double phiPeak = r.peak().phiPeakRadM2();
      bottom.verticalLine(phiPeak, PEAK, true);
      bottom.title(
          String.format(
              java.util.Locale.ROOT,
              "Dirty FDF: peak %.4g +/- %.2g rad/m^2, PI %.4g, S/N %.1f",
              phiPeak,
              r.peak().dPhiPeakRadM2(),
              r.peak().ampPeak(),
              r.peak().snr()));
    } finally {
      g.dispose();
    }
    return img;
  }

  /** The axes of the FDF panel of {@link #renderFdf} (for the pixel column of a Faraday depth). */
  static PlotAxes fdfAxes(Graphics2D g, RmSynthesis1dResult r) {
    ComplexSpectrum fdf = r.dirtyFdf();
    double[] phi = r.synthesis().axis().values();
    return panel(g, 1, range(phi), PlotAxes.range(fdf.amplitudes(), fdf.re(), fdf.im()));
  }

  /** Fractional q, u, p against lambda^2 (top) and the polarisation angle (bottom). */
  public static BufferedImage renderSpectra(PolarisationSpectrum s, RmSynthesis1dResult r) {
    int n = s.nChannels();
    double[] l2 = RmSynthesis.lambdaSquared(s.freqHz());
    double[] q = new double[n];
    double[] u = new double[n];
    double[] p = new double[n];
    double[] angle = new double[n];
    for (int i = 0; i < n; i++) {
      double im = r.stokesIUsed() ? r.stokesIModel().evaluate(s.freqHz()[i]) : 1.0;
      boolean good = r.weights()[i] > 0;
      q[i] = good ? s.q()[i] / im : Double.NaN;
      u[i] = good ? s.u()[i] / im : Double.NaN;
      p[i] = Math.hypot(q[i], u[i]);
      angle[i] = wrapDeg(0.5 * Math.toDegrees(Math.atan2(u[i], q[i])));
    }
    BufferedImage img = PlotAxes.canvas(WIDTH, HEIGHT);
    Graphics2D g = PlotAxes.graphics(img);
    try {
      double[] xr = PlotAxes.range(l2);
      String frac = r.stokesIUsed() ? "fractional " : "";
      PlotAxes top = panel(g, 0, xr, PlotAxes.range(q, u, p));
      top.frameWithTicks();
      top.axisLabels("lambda^2 (m^2)", 36, frac + "polarisation", 18);
      top.points(l2, p, AMPLITUDE, 4);
      top.points(l2, q, STOKES_Q, 4);
      top.points(l2, u, STOKES_U, 4);
      top.legend(List.of("p", "q", "u"), List.of(AMPLITUDE, STOKES_Q, STOKES_U));
      top.title((r.stokesIUsed() ? "Fractional " : "") + "Stokes q, u and p against lambda^2");

      PlotAxes bottom = panel(g, 1, xr, new double[] {-90, 90});
      bottom.frameWithTicks();
      bottom.axisLabels("lambda^2 (m^2)", 36, "polarisation angle (deg)", 18);
      bottom.points(l2, angle, STOKES_Q, 4);
      // the fitted model psi0 + phi lambda^2, wrapped into (-90, 90]: broken where it wraps
      double psi0 = r.peak().polAngle0Deg();
      double phiPeak = r.peak().phiPeakRadM2();
      int m = 400;
      double[] mx = new double[m + 1];
      double[] my = new double[m + 1];
      double prev = Double.NaN;
      for (int k = 0; k <= m; k++) {
        mx[k] = xr[0] + (xr[1] - xr[0]) * k / m;
        my[k] = wrapDeg(psi0 + Math.toDegrees(phiPeak * mx[k]));
        if (Math.abs(my[k] - prev) > 90) {
          my[k - 1] = Double.NaN;
        }
        prev = my[k];
      }
      bottom.polyline(mx, my, PEAK, 1.5f, true);
      bottom.title(
          String.format(
              java.util.Locale.ROOT,
              "Polarisation angle; line: %.1f deg + %.4g rad/m^2 x lambda^2",
              psi0,
              phiPeak));
    } finally {
      g.dispose();
    }
    return img;
  }

  /** Writes {@link #renderFdf} as PNG to the stream (not closed). */
  public static void writeFdf(OutputStream out, RmSynthesis1dResult r) throws IOException {
    PlotAxes.writePng(renderFdf(r), out);
  }

  /** Writes {@link #renderSpectra} as PNG to the stream (not closed). */
  public static void writeSpectra(OutputStream out, PolarisationSpectrum s, RmSynthesis1dResult r)
      throws IOException {
    PlotAxes.writePng(renderSpectra(s, r), out);
  }

  /** The pixel column of Faraday depth {@code phiRadM2} in the FDF panel of {@link #renderFdf}. */
  public static int fdfColumn(RmSynthesis1dResult r, double phiRadM2) {
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    try {
      return fdfAxes(g, r).px(phiRadM2);
    } finally {
      g.dispose();
    }
  }

  private static void complexPanel(
      PlotAxes a, double[] phi, ComplexSpectrum f, String ampName, String yLabel) {
    a.frameWithTicks();
    a.axisLabels("Faraday depth phi (rad/m^2)", 36, yLabel, 18);
    a.polyline(phi, f.re(), STOKES_Q, 1f, true);
    a.polyline(phi, f.im(), STOKES_U, 1f, true);
    a.polyline(phi, f.amplitudes(), AMPLITUDE, 1.5f, true);
    a.legend(List.of(ampName, "Real (Q)", "Imag (U)"), List.of(AMPLITUDE, STOKES_Q, STOKES_U));
  }

  /** Panel {@code k} (0 top, 1 bottom) of a two-panel figure. */
  private static PlotAxes panel(Graphics2D g, int k, double[] xr, double[] yr) {
    int top = PANEL_TOP + k * (PANEL_HEIGHT + PANEL_GAP);
    return new PlotAxes(g, LEFT, top, WIDTH - LEFT - RIGHT, PANEL_HEIGHT, xr, yr);
  }

  /** The exact extent of an axis (no margin: the FDF is defined only there). */
  private static double[] range(double[] axis) {
    double lo = axis[0];
    double hi = axis[axis.length - 1];
    return hi > lo ? new double[] {lo, hi} : new double[] {lo - 1, lo + 1};
  }

  /** An angle in degrees wrapped into (-90, 90]. */
  static double wrapDeg(double a) {
    double w = a - 180 * Math.floor((a + 90) / 180);
    return w == -90 ? 90 : w;
  }
}
