package org.radiospark.kernels.polarisation.faraday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The RM synthesis plots decode, have their size and mark the planted Faraday depth. */
class RmSpectrumPlotTest {
  private static final double PLANTED_RM = 300;

  /** A Faraday-thin source (p = 0.5, chi0 = 20 deg) at 800-1088 MHz over I = 2 Jy, noise 1 mJy. */
  private static PolarisationSpectrum spectrum() {
    int n = 288;
    double[] f = FaradaySpectra.channels(800e6, 1088e6, n);
    double[] q = new double[n];
    double[] u = new double[n];
    FaradaySpectra.addThin(f, q, u, 0.5 * 2, 20, PLANTED_RM);
    Random rng = new Random(11);
    FaradaySpectra.addNoise(q, 1e-3, rng);
    FaradaySpectra.addNoise(u, 1e-3, rng);
    double[] i = FaradaySpectra.filled(n, 2);
    FaradaySpectra.addNoise(i, 1e-3, rng);
    double[] d = FaradaySpectra.filled(n, 1e-3);
    return new PolarisationSpectrum(f, i, q, u, d.clone(), d.clone(), d.clone());
  }

  private static BufferedImage decode(ByteArrayOutputStream png) throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
    assertNotNull(img, "PNG decodes");
    assertEquals(RmSpectrumPlot.WIDTH, img.getWidth());
    assertEquals(RmSpectrumPlot.HEIGHT, img.getHeight());
    return img;
  }

  @Test
  void peakMarkerAndFdfMaximumAtThePlantedRm() throws Exception {
    PolarisationSpectrum s = spectrum();
    // +-1000 rad/m^2 over 690 pixels: about 3 rad/m^2 per pixel
    RmSynthesis1dResult r =
        RmSynthesis1d.run(s, RmSynthesisParameters.defaults().withPhiSampling(1000, 1, 10));
    assertEquals(PLANTED_RM, r.peak().phiPeakRadM2(), 1.0, "synthesis recovers the planted RM");
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    RmSpectrumPlot.writeFdf(png, r);
    BufferedImage img = decode(png);

    int expected = RmSpectrumPlot.fdfColumn(r, PLANTED_RM);
    int zero = RmSpectrumPlot.fdfColumn(r, 0);
    assertTrue(expected - zero > 50, "the planted RM is well away from phi = 0 in pixels");
    int top = RmSpectrumPlot.PANEL_TOP + RmSpectrumPlot.PANEL_HEIGHT + RmSpectrumPlot.PANEL_GAP;
    int bottom = top + RmSpectrumPlot.PANEL_HEIGHT;
    int peakRgb = RmSpectrumPlot.PEAK.getRGB();
    TreeSet<Integer> markerColumns = new TreeSet<>();
    int highestBlackRow = Integer.MAX_VALUE;
    int highestBlackColumn = -1;
    // inside the frame, clear of the tick marks (5 pixels long on the left and bottom edges)
    for (int x = RmSpectrumPlot.LEFT + 7; x < RmSpectrumPlot.WIDTH - RmSpectrumPlot.RIGHT; x++) {
      for (int y = top + 1; y < bottom - 6; y++) {
        int rgb = img.getRGB(x, y);
        if (rgb == peakRgb) {
          markerColumns.add(x);
        }
        // the |F| curve is black (antialiased: dark); the legend sits in the top right corner
        boolean dark = (rgb & 0xFF) < 60 && ((rgb >> 8) & 0xFF) < 60 && ((rgb >> 16) & 0xFF) < 60;
        if (dark && y < highestBlackRow && x < RmSpectrumPlot.WIDTH - 160) {
          highestBlackRow = y;
          highestBlackColumn = x;
        }
      }
    }
    assertFalse(markerColumns.isEmpty(), "a peak marker is drawn in the FDF panel");
    assertEquals(markerColumns.first(), markerColumns.last(), "one marker column");
    assertEquals(expected, markerColumns.first(), 1, "marker at the planted RM's column");
    assertEquals(expected, highestBlackColumn, 1, "|F| is highest at the planted RM");
  }

  @Test
  void spectraPlotShowsFractionalQuAgainstLambdaSquared() throws Exception {
    PolarisationSpectrum s = spectrum();
    RmSynthesis1dResult r = RmSynthesis1d.run(s, RmSynthesisParameters.defaults());
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    RmSpectrumPlot.writeSpectra(png, s, r);
    BufferedImage img = decode(png);
    // fractional p = 0.5 in every channel: the black p points lie on one row of the top panel
    TreeSet<Integer> pRows = new TreeSet<>();
    int top = RmSpectrumPlot.PANEL_TOP;
    for (int x = RmSpectrumPlot.LEFT + 7; x < RmSpectrumPlot.WIDTH - 160; x++) {
      for (int y = top + 1; y < top + RmSpectrumPlot.PANEL_HEIGHT - 6; y++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == 0) {
          pRows.add(y);
        }
      }
    }
    assertFalse(pRows.isEmpty());
    assertTrue(pRows.last() - pRows.first() <= 6, "p points within 6 rows: " + pRows);
    assertEquals(90.0, RmSpectrumPlot.wrapDeg(-90), 0);
    assertEquals(-80.0, RmSpectrumPlot.wrapDeg(100), 1e-12);
    assertEquals(10.0, RmSpectrumPlot.wrapDeg(190), 1e-12);
  }
}
