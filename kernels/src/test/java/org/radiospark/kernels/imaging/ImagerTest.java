package org.radiospark.kernels.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.radiospark.kernels.gridding.Precision;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.weighting.Weighting;

class ImagerTest {
  static final int N = 64;
  static final double CELL = Math.toRadians(2.0 / 60);
  static final double[] FREQ = {150e6, 151e6, 152e6, 153e6};

  /** All baselines (autocorrelations included) of a random 24-antenna array, 2 time steps. */
  static VisibilityBlock block(Stokes[] pols, long seed) {
    Random r = new Random(seed);
    int nAnt = 24;
    double[][] pos = new double[nAnt][3];
    for (double[] p : pos) {
      // Within ~1.5 km so that uv stays inside the 64 x 2' image's Nyquist limit.
      p[0] = r.nextGaussian() * 350;
      p[1] = r.nextGaussian() * 350;
      p[2] = r.nextGaussian() * 30;
    }
    int nRows = 2 * nAnt * (nAnt + 1) / 2;
    double[] u = new double[nRows];
    double[] v = new double[nRows];
    double[] w = new double[nRows];
    int[] a1 = new int[nRows];
    int[] a2 = new int[nRows];
    int row = 0;
    for (int t = 0; t < 2; t++) {
      double rot = 0.1 * t;
      for (int i = 0; i < nAnt; i++) {
        for (int j = i; j < nAnt; j++) {
          double du = pos[j][0] - pos[i][0];
          double dv = pos[j][1] - pos[i][1];
          u[row] = du * Math.cos(rot) - dv * Math.sin(rot);
          v[row] = du * Math.sin(rot) + dv * Math.cos(rot);
          w[row] = pos[j][2] - pos[i][2];
          a1[row] = i;
          a2[row] = j;
          row++;
        }
      }
    }
    return VisibilityBlock.zeros(
        u,
        v,
        w,
        a1,
        a2,
        new double[nRows],
        new double[nRows],
        FREQ.clone(),
        new double[] {1e6, 1e6, 1e6, 1e6},
        pols,
        PhaseCentre.ofDegrees(0, -27));
  }

  static ImagingParams accurate() {
    return ImagingParams.defaults(N, N, CELL).withAccuracy(1e-8, Precision.DOUBLE);
  }

  /** Fills the given correlations with a point source of flux s at (l, m): s exp(-2 pi i ...). */
  static void plant(VisibilityBlock b, double s, double l, double m, int... pols) {
    double n = Math.sqrt(1 - l * l - m * m);
    for (int r = 0; r < b.nRows(); r++) {
      for (int c = 0; c < b.nChan(); c++) {
        double k = FREQ[c] / VisibilityBlock.C;
        double ph =
            -2 * Math.PI * k * (b.uMetres()[r] * l + b.vMetres()[r] * m + b.wMetres()[r] * (n - 1));
        for (int p : pols) {
          int i = b.index(r, c, p);
          b.vis()[2 * i] += (float) (s * Math.cos(ph));
          b.vis()[2 * i + 1] += (float) (s * Math.sin(ph));
        }
      }
    }
  }

  static int argmax(double[] a) {
    int k = 0;
    for (int i = 1; i < a.length; i++) {
      if (a[i] > a[k]) {
        k = i;
      }
    }
    return k;
  }

  @ParameterizedTest
  @EnumSource(
      value = Stokes.class,
      names = {"XX", "RR"})
  void unitSourceAtCentrePeaksAtOneAndPsfPeaksAtOne(Stokes first) {
    Stokes[] pols =
        first == Stokes.XX
            ? new Stokes[] {Stokes.XX, Stokes.YY, Stokes.XY, Stokes.YX}
            : new Stokes[] {Stokes.RR, Stokes.LL, Stokes.RL, Stokes.LR};
    VisibilityBlock b = block(pols, 1);
    plant(b, 1, 0, 0, 0, 1);
    // Garbage that must be ignored: cross-hands, autocorrelations, flagged samples.
    Random r = new Random(3);
    for (int i = 0; i < b.weight().length; i++) {
      int pol = i % 4;
      int row = i / (4 * FREQ.length);
      if (pol >= 2 || b.antenna1()[row] == b.antenna2()[row]) {
        b.vis()[2 * i] = 100 * (float) r.nextGaussian();
      } else if (r.nextInt(20) == 0) {
        b.flag()[i] = true;
        b.vis()[2 * i] = 1e6f;
      }
      b.weight()[i] = 0.5f + r.nextFloat();
    }
    for (Weighting w : new Weighting[] {Weighting.natural(), Weighting.briggs(0)}) {
      Imager.Inversion inv = Imager.invertWithPsf(b, accurate().withWeighting(w));
      int centre = (N / 2) * N + N / 2;
      assertEquals(centre, argmax(inv.dirty().pixels()));
      assertEquals(1.0, inv.dirty().pixels()[centre], 1e-6);
      assertEquals(1.0, inv.psf().pixels()[centre], 1e-6);
      assertEquals(centre, argmax(inv.psf().pixels()));
      assertEquals("JY/BEAM", inv.dirty().unit());
      assertEquals(Stokes.I, inv.dirty().geometry().stokes());
      assertEquals(151.5e6, inv.dirty().geometry().freqHz(), 1e-3);
    }
  }

  @Test
  void offCentreSourceLandsOnItsPixel() {
    VisibilityBlock b = block(new Stokes[] {Stokes.XX, Stokes.YY}, 2);
    ImageGeometry g = new ImageGeometry(N, N, CELL, b.phaseCentre(), 150e6, 1e6, Stokes.I);
    int x0 = N / 2 - 9;
    int y0 = N / 2 + 5;
    double l = g.l(x0);
    double m = g.m(y0);
    plant(b, 2.5, l, m, 0, 1);
    Image d = Imager.invert(b, accurate().withWeighting(Weighting.natural()));
    assertEquals(y0 * N + x0, argmax(d.pixels()));
    // WSClean's convention (no 1/n): a source of flux S reads S Jy/beam anywhere in the image.
    assertEquals(2.5, d.get(x0, y0), 1e-6);
  }

  /** 64 x 40' = 43 deg: corners at l, m = +-0.37, n - 1 down to -0.15; uv wrap several times. */
  static final double WIDE_CELL = Math.toRadians(40.0 / 60);

  @Test
  void pixelModelPredictsWhatTheComponentPredictorPredicts() {
    VisibilityBlock t = block(new Stokes[] {Stokes.XX, Stokes.YY}, 6);
    ImagingParams p = ImagingParams.defaults(N, N, WIDE_CELL).withAccuracy(1e-10, Precision.DOUBLE);
    ImageGeometry g = new ImageGeometry(N, N, WIDE_CELL, t.phaseCentre(), 150e6, 1e6, Stokes.I);
    int x0 = 3;
    int y0 = 60;
    double s = 2.0;
    Image model = new Image(g, new double[N * N], null, "JY/PIXEL");
    model.pixels()[y0 * N + x0] = s;
    VisibilityBlock pred = Imager.predict(model, t, p);
    double[] radec =
        org.radiospark.kernels.coords.DirectionCosines.toRaDec(g.l(x0), g.m(y0), t.phaseCentre());
    VisibilityBlock direct = t.copy();
    new ComponentPredictor(1)
        .predict(
            direct,
            java.util.List.of(
                org.radiospark.kernels.model.SkyComponent.point(radec[0], radec[1], s, 150e6, 0)),
            null);
    double worst = 0;
    for (int i = 0; i < pred.vis().length; i++) {
      worst = Math.max(worst, Math.abs(pred.vis()[i] - direct.vis()[i]));
    }
    // Both are V = S exp(-2 pi i (u l + v m + w (n - 1))); a 1/n would differ by 0.16 S here.
    // Float storage of both (S x 6e-8) dominates the predict's epsilon 1e-10.
    assertTrue(worst < 1e-6 * s, "max |grid predict - DFT predict| = " + worst);
  }

  @Test
  void wideFieldSourceReadsItsFluxAwayFromTheCentre() {
    VisibilityBlock b = block(new Stokes[] {Stokes.XX, Stokes.YY}, 7);
    ImagingParams p =
        ImagingParams.defaults(N, N, WIDE_CELL)
            .withAccuracy(1e-9, Precision.DOUBLE)
            .withWeighting(Weighting.natural());
    ImageGeometry g = new ImageGeometry(N, N, WIDE_CELL, b.phaseCentre(), 150e6, 1e6, Stokes.I);
    int x0 = 61;
    int y0 = 2;
    plant(b, 1.5, g.l(x0), g.m(y0), 0, 1);
    Image d = Imager.invert(b, p);
    assertEquals(y0 * N + x0, argmax(d.pixels()));
    // No 1/n (WSClean): 1.5 Jy reads 1.5 Jy/beam where n = 0.87.
    assertEquals(1.5, d.get(x0, y0), 1e-6);
  }

  @Test
  void unitModelAtCentrePredictsOneInParallelHands() {
    VisibilityBlock t = block(new Stokes[] {Stokes.XX, Stokes.XY, Stokes.YX, Stokes.YY}, 4);
    ImagingParams p = accurate().withChannels(1, 3);
    ImageGeometry g = new ImageGeometry(N, N, CELL, t.phaseCentre(), 150e6, 1e6, Stokes.I);
    Image model = new Image(g, new double[N * N], null, "JY/PIXEL");
    model.pixels()[(N / 2) * N + N / 2] = 1;
    VisibilityBlock pred = Imager.predict(model, t, p);
    for (int r = 0; r < t.nRows(); r++) {
      for (int c = 0; c < t.nChan(); c++) {
        for (int pol = 0; pol < 4; pol++) {
          int i = t.index(r, c, pol);
          boolean on = c >= 1 && c < 3 && t.pols()[pol].isParallelHand();
          assertEquals(on ? 1.0 : 0.0, pred.vis()[2 * i], 1e-6);
          assertEquals(0.0, pred.vis()[2 * i + 1], 1e-6);
        }
      }
    }
  }

  @Test
  void residualOfThePlantedModelVanishes() {
    VisibilityBlock b = block(new Stokes[] {Stokes.XX, Stokes.YY}, 5);
    ImageGeometry g = new ImageGeometry(N, N, CELL, b.phaseCentre(), 150e6, 1e6, Stokes.I);
    Image model = new Image(g, new double[N * N], null, "JY/PIXEL");
    int x0 = 20;
    int y0 = 41;
    double l = g.l(x0);
    double m = g.m(y0);
    // V = I exp(...), no 1/n: a model pixel of 3 Jy is a source of 3 Jy.
    model.pixels()[y0 * N + x0] = 3;
    plant(b, 3, l, m, 0, 1);
    VisibilityBlock res = Imager.residual(b, model, accurate());
    float max = 0;
    for (float v : res.vis()) {
      max = Math.max(max, Math.abs(v));
    }
    // Float storage of the data (3 Jy x 6e-8) and epsilon 1e-8 of the predict.
    assertTrue(max < 1e-5, "residual " + max);
  }

  @Test
  void channelRangeAndSingleCorrelation() {
    VisibilityBlock b = block(new Stokes[] {Stokes.XX, Stokes.YY}, 6);
    plant(b, 1, 0, 0, 0);
    // Channel 0 of YY carries garbage: XX of channels 1..3 alone must image the unit source.
    for (int r = 0; r < b.nRows(); r++) {
      b.vis()[2 * b.index(r, 0, 1)] = 77;
    }
    Image xx = Imager.invert(b, accurate().withStokes(Stokes.XX).withChannels(1, 99));
    assertEquals(1.0, xx.get(N / 2, N / 2), 1e-6);
    assertEquals(152e6, xx.geometry().freqHz(), 1e-3);
    assertEquals(3e6, xx.geometry().bandwidthHz(), 1e-3);
    ImagingParams p = accurate().withChannelBlock(4, 3, 0);
    assertEquals(0, p.chanStart());
    assertEquals(2, p.chanEnd());
    assertEquals(3, accurate().withChannelBlock(4, 3, 2).chanStart());
  }

  @Test
  void missingPolarisationAndAllFlaggedAreBadInput() {
    VisibilityBlock b = block(new Stokes[] {Stokes.XY}, 7);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Imager.invert(b, accurate()));
    assertEquals("pols", e.field());
    VisibilityBlock f = block(new Stokes[] {Stokes.XX, Stokes.YY}, 8);
    java.util.Arrays.fill(f.flag(), true);
    assertThrows(InvalidInputException.class, () -> Imager.invert(f, accurate()));
    // ignoreFlags images them anyway (the shared MWA files need it).
    plant(f, 1, 0, 0, 0, 1);
    Image d = Imager.invert(f, accurate().withIgnoreFlags(true));
    assertEquals(1.0, d.get(N / 2, N / 2), 1e-6);
  }

  @Test
  void floatPathAgreesWithDoubleWithinEpsilon() {
    VisibilityBlock b = block(new Stokes[] {Stokes.XX, Stokes.YY}, 9);
    plant(b, 1, 0.01, -0.005, 0, 1);
    plant(b, 0.3, -0.008, 0.003, 0, 1);
    double[] ref = Imager.invert(b, accurate()).pixels();
    double[] f = Imager.invert(b, ImagingParams.defaults(N, N, CELL).withThreads(2)).pixels();
    double num = 0;
    double den = 0;
    for (int i = 0; i < ref.length; i++) {
      num += (ref[i] - f[i]) * (ref[i] - f[i]);
      den += ref[i] * ref[i];
    }
    assertTrue(Math.sqrt(num / den) < 1e-4, "float vs double " + Math.sqrt(num / den));
    assertArrayEquals(
        Imager.psf(b, accurate()).pixels(),
        Imager.invertWithPsf(b, accurate()).psf().pixels(),
        1e-15);
  }
}
