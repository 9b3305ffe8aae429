package org.radiospark.jobs.ical;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.postimage.ScatterPlot;

/**
 * Quick-look plots of gain solutions: amplitude and phase of the diagonal Jones elements against
 * antenna, every solution interval and frequency block of an antenna spread across its unit of the
 * x axis (frequency block by block, intervals within), both feeds. Flagged cells are grey. Used for
 * ICAL's self-calibration gains and for {@code calibrate}'s per-channel solutions.
 */
public final class GainPlots {
  private GainPlots() {}

  /** Writes the amplitude plot to {@code amp} and the phase plot (degrees) to {@code phase}. */
  public static void write(GainTable g, Path amp, Path phase) throws IOException {
    int cells = g.nSlots() * g.nChanBlocks();
    int n = 2 * g.nAnt() * cells;
    double[] x = new double[n];
    double[] a = new double[n];
    double[] p = new double[n];
    boolean[] kept = new boolean[n];
    int k = 0;
    for (int ant = 0; ant < g.nAnt(); ant++) {
      for (int b = 0; b < g.nChanBlocks(); b++) {
        for (int s = 0; s < g.nSlots(); s++) {
          int c = g.cell(s, b, ant);
          for (int e : new int[] {0, 6}) {
            double re = g.jones()[8 * c + e];
            double im = g.jones()[8 * c + e + 1];
            x[k] = ant + 0.8 * (b * g.nSlots() + s) / Math.max(1, cells - 1) - 0.4;
            a[k] = Math.hypot(re, im);
            p[k] = Math.toDegrees(Math.atan2(im, re));
            kept[k] = !g.flagged()[c];
            k++;
          }
        }
      }
    }
    String shape =
        String.format(
            Locale.ROOT,
            "%d frequency blocks x %d intervals, XX and YY",
            g.nChanBlocks(),
            g.nSlots());
    plot(
        amp,
        new ScatterPlot.Spec("Gain amplitude (" + shape + ")", "antenna", "|g|", x, a, kept, null));
    plot(
        phase,
        new ScatterPlot.Spec(
            "Gain phase (" + shape + ")", "antenna", "phase (deg)", x, p, kept, null));
  }

  private static void plot(Path file, ScatterPlot.Spec spec) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      ScatterPlot.write(out, spec);
    }
  }
}
