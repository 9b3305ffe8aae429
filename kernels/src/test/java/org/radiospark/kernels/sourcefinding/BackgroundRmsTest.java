package org.radiospark.kernels.sourcefinding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;

class BackgroundRmsTest {
  private static final int N = 384;

  @Test
  void clippedStatisticsOfGaussianNoiseNeedTheConsistencyFactor() {
    Random r = new Random(3);
    int n = 400_000;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 2.0 + 0.5 * r.nextGaussian();
    }
    v[7] = 1e6; // an outlier the clipping must remove
    ClippedStatistics s = ClippedStatistics.of(v, 3, 50);
    double c = ClippedStatistics.gaussianConsistency(3);
    double seStd = 0.5 / Math.sqrt(2.0 * n);
    assertEquals(2.0, s.mean(), 5 * 0.5 / Math.sqrt(n));
    assertEquals(0.5, s.std() / c, 5 * seStd, "std / c is the true sigma");
    assertTrue(0.5 - s.std() > 10 * seStd, "uncorrected clipped std is measurably low");
    assertEquals(1.0, ClippedStatistics.gaussianConsistency(30), 1e-12);
  }

  @Test
  void smoothBackgroundAndNoiseGradientAreRecovered() {
    ImageGeometry g = PlantedField.geometry(N, 30, 10, -30);
    Beam beam = PlantedField.beam(g, 4, 3);
    double[] noise = PlantedField.correlatedNoise(N, N, beam, g.cellRad(), 1.0, 11);
    double[] pix = new double[N * N];
    double[] trueBkg = new double[N * N];
    double[] trueRms = new double[N * N];
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        int i = y * N + x;
        double u = x / (double) N;
        double w = y / (double) N;
        // Curvature small enough that its mean over a box (70 px) is below a tenth of the noise.
        trueBkg[i] = 0.5 + 0.3 * u - 0.05 * w * w;
        trueRms[i] = 0.01 * (1 + u);
        pix[i] = trueBkg[i] + trueRms[i] * noise[i];
      }
    }
    Image img = PlantedField.image(g, pix, beam);
    BaneParameters p = BaneParameters.forBeam(beam, g.cellRad());
    assertEquals(14, p.stepPix()); // ceil(4 sqrt(4 x 3))
    assertEquals(70, p.boxPix());
    BackgroundMaps m = BackgroundRms.compute(img, p);
    // Independent samples per box: box area over the noise correlation area (the beam area);
    // edge and corner boxes have a half and a quarter of it.
    double nEff = p.boxPix() * p.boxPix() / (1.1331 * 4 * 3);
    double[] bkgErr = new double[N * N];
    double[] rmsRatio = new double[N * N];
    for (int i = 0; i < N * N; i++) {
      bkgErr[i] = Math.abs(m.background()[i] - trueBkg[i]) / trueRms[i];
      rmsRatio[i] = m.rms()[i] / trueRms[i];
    }
    double medBkg = median(bkgErr);
    double medRatio = median(rmsRatio);
    System.out.printf(
        "BANE: median |bkg - true| = %.3f rms (1/sqrt(nEff) = %.3f); median rms ratio %.4f, "
            + "90%% within %.3f%n",
        medBkg, 1 / Math.sqrt(nEff), medRatio, percentileAbsDev(rmsRatio, 0.9));
    // The median of |N(0, s)| is 0.674 s; 1.5 allows for the smaller edge boxes.
    assertTrue(medBkg < 0.674 * 1.5 / Math.sqrt(nEff), "background within noise: " + medBkg);
    assertEquals(1.0, medRatio, 0.02, "rms map within 2% of truth (median)");
    assertTrue(
        percentileAbsDev(rmsRatio, 0.9) < 3 / Math.sqrt(2 * nEff),
        "90% of the rms map within 3 standard errors");
  }

  @Test
  void brightSourcesDoNotBiasTheBackground() {
    ImageGeometry g = PlantedField.geometry(N, 30, 10, -30);
    Beam beam = PlantedField.beam(g, 4, 3);
    double[] noise = PlantedField.correlatedNoise(N, N, beam, g.cellRad(), 1.0, 5);
    double[] pix = noise.clone();
    Random r = new Random(8);
    for (int s = 0; s < 60; s++) {
      PlantedField.addGaussian(
          pix,
          N,
          N,
          10 + r.nextDouble() * (N - 20),
          10 + r.nextDouble() * (N - 20),
          20 + 80 * r.nextDouble(),
          4,
          3,
          0);
    }
    BaneParameters p = BaneParameters.forBeam(beam, g.cellRad());
    BackgroundMaps with = BackgroundRms.compute(PlantedField.image(g, pix, beam), p);
    BackgroundMaps without = BackgroundRms.compute(PlantedField.image(g, noise, beam), p);
    double maxShift = 0;
    double[] rmsRatio = new double[N * N];
    for (int i = 0; i < N * N; i++) {
      maxShift = Math.max(maxShift, Math.abs(with.background()[i] - without.background()[i]));
      rmsRatio[i] = with.rms()[i] / without.rms()[i];
    }
    double nEff = p.boxPix() * p.boxPix() / (1.1331 * 4 * 3);
    System.out.printf(
        "BANE with 60 sources of 20-100 sigma: max background shift %.4f rms, median rms ratio"
            + " %.4f%n",
        maxShift, median(rmsRatio));
    // A 3-sigma clip keeps each source's wings below 3 sigma, about 3 x beam area / box area of
    // flux per source in a box: a few hundredths of the noise; a tenth is the bound.
    assertTrue(maxShift < 0.1, "sources shift the background by " + maxShift);
    assertEquals(1.0, median(rmsRatio), 0.01, "rms not inflated by sources");
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double percentileAbsDev(double[] ratio, double q) {
    double[] d = Arrays.stream(ratio).map(x -> Math.abs(x - 1)).sorted().toArray();
    return d[(int) (q * (d.length - 1))];
  }
}
