package org.radiospark.kernels.postimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.coords.SinProjection;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.sourcefinding.ComponentErrors;
import org.radiospark.kernels.sourcefinding.CrossMatch;
import org.radiospark.kernels.sourcefinding.PlantedField;
import org.radiospark.kernels.sourcefinding.ReferenceSource;
import org.radiospark.kernels.sourcefinding.SourceComponent;

class RescalerTest {
  static final double DEC0 = -27;

  /** Planted flux ratio measured / reference: a quadratic in Dec. */
  static double ratio(double dec) {
    double t = dec - DEC0;
    return 1.1 - 0.02 * t + 0.004 * t * t;
  }

  static List<CrossMatch.Match> matches(int n, double noise, long seed) {
    Random r = new Random(seed);
    List<CrossMatch.Match> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double ra = 58 + 4 * r.nextDouble();
      double dec = DEC0 - 5 + 10 * r.nextDouble();
      double flux = 0.1 + r.nextDouble();
      ReferenceSource ref = new ReferenceSource("r" + i, ra, dec, flux);
      // Offsets: 3" east, -2" north plus 0.5" noise; flux ratio with 1% noise.
      double dRa = (3 + 0.5 * r.nextGaussian()) / 3600 / Math.cos(Math.toRadians(dec));
      double dDec = (-2 + 0.5 * r.nextGaussian()) / 3600;
      double s = flux * ratio(dec) * (1 + noise * r.nextGaussian());
      if (i == 3) {
        s *= 3; // an outlier (a confused match) the clipping must reject
      }
      SourceComponent c =
          new SourceComponent(
              i,
              0,
              0,
              0,
              ra + dRa,
              dec + dDec,
              s,
              s,
              120,
              100,
              0,
              0,
              0.001,
              ComponentErrors.masked(),
              0);
      out.add(new CrossMatch.Match(c, ref, 0));
    }
    return out;
  }

  @Test
  void offsetsAndFluxRatioPolynomialAreRecoveredAndRemoved() {
    List<CrossMatch.Match> ms = matches(200, 0.01, 1);
    Rescaler.Analysis a = Rescaler.analyse(ms, RescaleParameters.defaults());
    assertEquals(200, a.count());
    double se = 0.5 / Math.sqrt(200);
    assertEquals(3.0, a.dRaStats().mean(), 5 * se);
    assertEquals(-2.0, a.dDecStats().mean(), 5 * se);
    assertFalse(a.ratioVsDec().kept()[3], "outlier clipped");
    for (double dec = DEC0 - 5; dec <= DEC0 + 5; dec += 1) {
      assertEquals(ratio(dec), a.ratioVsDec().poly().value(dec), 0.005, "ratio at " + dec);
    }
    List<SourceComponent> fixed = a.rescale(ms.stream().map(CrossMatch.Match::component).toList());
    List<CrossMatch.Match> after = new ArrayList<>();
    for (int i = 0; i < ms.size(); i++) {
      after.add(new CrossMatch.Match(fixed.get(i), ms.get(i).reference(), 0));
    }
    Rescaler.Analysis b = Rescaler.analyse(after, RescaleParameters.defaults());
    System.out.printf(
        "rescale: ratio %.4f -> %.4f, dRA %.2f\" -> %.3f\", dDec %.2f\" -> %.3f\"%n",
        a.ratioStats().mean(),
        b.ratioStats().mean(),
        a.dRaStats().mean(),
        b.dRaStats().mean(),
        a.dDecStats().mean(),
        b.dDecStats().mean());
    assertEquals(1.0, b.ratioStats().mean(), 0.005);
    assertEquals(0.0, b.dRaStats().mean(), 5 * se);
    assertEquals(0.0, b.dDecStats().mean(), 5 * se);

    ImageGeometry g = PlantedField.geometry(64, 300, 60, DEC0);
    Image ones = new Image(g, filled(64 * 64, 1.0), null, "JY/BEAM");
    Image r = a.rescale(ones);
    double dec = Math.toDegrees(SinProjection.pixelToSky(g, 10, 50)[1]);
    assertEquals(1 / a.ratioVsDec().poly().value(dec), r.get(10, 50), 1e-12);
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  @Test
  void scatterPlotDrawsPointsCurveAndTicks() throws Exception {
    double[] x = {0, 1, 2, 3, 4};
    double[] y = {0, 1, 4, 9, 16};
    boolean[] kept = {true, true, false, true, true};
    ScatterPlot.Spec s = new ScatterPlot.Spec("t", "x [deg]", "y [arcsec]", x, y, kept, v -> -v);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    ScatterPlot.write(bos, s);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(bos.toByteArray()));
    assertEquals(ScatterPlot.WIDTH, img.getWidth());
    assertEquals(ScatterPlot.HEIGHT, img.getHeight());
    double[] xr = ScatterPlot.range(x, null, null);
    double[] xs = new double[101];
    for (int i = 0; i <= 100; i++) {
      xs[i] = xr[0] + (xr[1] - xr[0]) * i / 100;
    }
    double[] yr = ScatterPlot.range(y, v -> -v, xs);
    int pw = ScatterPlot.WIDTH - ScatterPlot.LEFT - ScatterPlot.RIGHT;
    int ph = ScatterPlot.HEIGHT - ScatterPlot.TOP - ScatterPlot.BOTTOM;
    // Kept points are blue and rejected ones grey at their centres (the curve y = -x is far).
    int rgb = img.getRGB(ScatterPlot.px(1, xr, pw), ScatterPlot.py(1, yr, ph));
    assertEquals(ScatterPlot.KEPT.getRGB(), rgb | 0xff000000);
    int grey = img.getRGB(ScatterPlot.px(2, xr, pw), ScatterPlot.py(4, yr, ph));
    int red = img.getRGB(ScatterPlot.px(3, xr, pw), ScatterPlot.py(-3, yr, ph));
    // The curve is antialiased: reddish, not exactly its colour.
    assertTrue(((red >> 16) & 255) > 180 && ((red >> 8) & 255) < 140, "curve pixel " + red);
    assertEquals(ScatterPlot.REJECTED.getRGB(), grey | 0xff000000);
    List<Double> t = ScatterPlot.ticks(-0.8, 16.8);
    assertTrue(t.size() >= 4 && t.size() <= 10, "tick count " + t);
    assertEquals(0.0, t.get(0));
    assertEquals("0.5", ScatterPlot.label(0.5, 0.1));
    assertEquals("-20", ScatterPlot.label(-20, 10));
  }
}
