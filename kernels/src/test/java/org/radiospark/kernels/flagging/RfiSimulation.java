package org.radiospark.kernels.flagging;

import java.util.SplittableRandom;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Test fixture: visibilities of a small array with a smooth two-source sky, complex Gaussian noise
 * of {@code sigma = 1} per real/imaginary part, and injected RFI with known per-sample amplitude.
 *
 * <p>The sky beats slowly across the band (at most about one period), as in a field without bright
 * off-axis sources. Injected: narrow-band lines (1-3 channels, every time step and baseline, peak
 * strengths 3 to 100 sigma, modulated 0.6-1.4 over time and baselines), broadband bursts (1-3 time
 * steps, every channel and baseline, 3 to 100 sigma, smooth spectra 0.6-1.4), a few localised blobs
 * (5 x 8 samples, 8 sigma), one baseline with noise x5 and one with a spurious constant signal of 6
 * sigma. RFI phases are random per sample and polarisation (the hardest case for an amplitude
 * flagger). Rows are time-major (all baselines of time 0, then time 1, ...), cross-correlations
 * only.
 */
final class RfiSimulation {
  static final Stokes[] POLS = {Stokes.XX, Stokes.YY, Stokes.XY, Stokes.YX};

  /**
   * @param block the simulated data
   * @param rfiSigma injected RFI amplitude per sample in units of sigma (0 where none)
   * @param badBaseline per sample: on one of the two bad baselines
   * @param badRows the rows of the bad baselines
   */
  record Scenario(VisibilityBlock block, double[] rfiSigma, boolean[] badBaseline) {}

  private RfiSimulation() {}

  /** Noise and sky only. */
  static Scenario clean(int nAnt, int nTime, int nChan, long seed) {
    return build(nAnt, nTime, nChan, seed, false);
  }

  /** Noise, sky and every kind of RFI listed in the class Javadoc. */
  static Scenario withRfi(int nAnt, int nTime, int nChan, long seed) {
    return build(nAnt, nTime, nChan, seed, true);
  }

  private static Scenario build(int nAnt, int nTime, int nChan, long seed, boolean rfi) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] ex = new double[nAnt];
    double[] ny = new double[nAnt];
    for (int a = 0; a < nAnt; a++) {
      ex[a] = 1500 * (rng.nextDouble() - 0.5);
      ny[a] = 1500 * (rng.nextDouble() - 0.5);
    }
    int nBl = nAnt * (nAnt - 1) / 2;
    int nRows = nBl * nTime;
    double[] u = new double[nRows];
    double[] v = new double[nRows];
    int[] a1 = new int[nRows];
    int[] a2 = new int[nRows];
    double[] time = new double[nRows];
    double[] inttime = new double[nRows];
    double[] freq = new double[nChan];
    double[] width = new double[nChan];
    for (int c = 0; c < nChan; c++) {
      freq[c] = 150e6 + 40e3 * c;
      width[c] = 40e3;
    }
    int row = 0;
    for (int t = 0; t < nTime; t++) {
      // Earth rotation turns the baselines by 7.3e-5 rad/s x 4 s per step.
      double ang = 7.29e-5 * 4 * t;
      for (int i = 0; i < nAnt; i++) {
        for (int j = i + 1; j < nAnt; j++) {
          double bx = ex[j] - ex[i];
          double by = ny[j] - ny[i];
          u[row] = bx * Math.cos(ang) - by * Math.sin(ang);
          v[row] = bx * Math.sin(ang) + by * Math.cos(ang);
          a1[row] = i;
          a2[row] = j;
          time[row] = 5e9 + 4.0 * t;
          inttime[row] = 4.0;
          row++;
        }
      }
    }
    VisibilityBlock block =
        VisibilityBlock.zeros(
            u,
            v,
            new double[nRows],
            a1,
            a2,
            time,
            inttime,
            freq,
            width,
            POLS,
            PhaseCentre.ofDegrees(0, -27));
    float[] vis = block.vis();
    int nPol = POLS.length;
    int n = nRows * nChan * nPol;
    double[] rfiSigma = new double[n];
    boolean[] bad = new boolean[n];

    int noisyBl = rfi ? 7 : -1;
    int spuriousBl = rfi ? 23 : -1;
    // Two sources (l, m, flux Jy) near the phase centre: parallel-hand amplitudes of 1.5-2.5 Jy
    // beating slowly (at most about one period across the band on the longest baselines).
    double[][] sources = {{0.01, -0.005, 2.0}, {-0.02, 0.01, 0.5}};
    for (int r = 0; r < nRows; r++) {
      int bl = r % nBl;
      double noise = bl == noisyBl ? 5 : 1;
      for (int c = 0; c < nChan; c++) {
        double k = 2 * Math.PI * freq[c] / VisibilityBlock.C;
        double sre = 0;
        double sim = 0;
        for (double[] s : sources) {
          double ph = -k * (u[r] * s[0] + v[r] * s[1]);
          sre += s[2] * Math.cos(ph);
          sim += s[2] * Math.sin(ph);
        }
        for (int p = 0; p < nPol; p++) {
          int i = (r * nChan + c) * nPol + p;
          boolean parallel = POLS[p].isParallelHand();
          vis[2 * i] = (float) ((parallel ? sre : 0) + noise * rng.nextGaussian());
          vis[2 * i + 1] = (float) ((parallel ? sim : 0) + noise * rng.nextGaussian());
          if (bl == noisyBl || bl == spuriousBl) {
            bad[i] = true;
          }
          if (bl == spuriousBl) {
            vis[2 * i] += 6.0f;
            vis[2 * i + 1] += 0f;
          }
        }
      }
    }
    if (rfi) {
      double[] strengths = {3, 5, 10, 30, 100};
      int[][] lines = {{10, 1}, {31, 2}, {57, 3}, {80, 1}, {101, 2}, {118, 1}};
      for (int li = 0; li < lines.length; li++) {
        double peak = strengths[li % strengths.length];
        double[] perBaseline = modulation(rng, nBl);
        double[] perTime = modulation(rng, nTime);
        for (int r = 0; r < nRows; r++) {
          double a = peak * perBaseline[r % nBl] * perTime[r / nBl];
          for (int c = lines[li][0]; c < lines[li][0] + lines[li][1] && c < nChan; c++) {
            inject(vis, rfiSigma, rng, (r * nChan + c) * nPol, nPol, a);
          }
        }
      }
      // Start times at fixed fractions of the observation, lengths 1-3 steps.
      int[][] bursts = {
        {nTime / 8, 1}, {(5 * nTime) / 12, 2}, {(11 * nTime) / 16, 3}, {(7 * nTime) / 8, 1}
      };
      double[] burstPeaks = {3, 10, 30, 100};
      for (int bi = 0; bi < bursts.length; bi++) {
        double[] spectrum = modulationSmooth(rng, nChan);
        double[] perBaseline = modulation(rng, nBl);
        for (int t = bursts[bi][0]; t < bursts[bi][0] + bursts[bi][1] && t < nTime; t++) {
          for (int bl = 0; bl < nBl; bl++) {
            int r = t * nBl + bl;
            for (int c = 0; c < nChan; c++) {
              double a = burstPeaks[bi] * spectrum[c] * perBaseline[bl];
              inject(vis, rfiSigma, rng, (r * nChan + c) * nPol, nPol, a);
            }
          }
        }
      }
      // Localised blobs on single baselines: 5 time steps x 8 channels.
      for (int k = 0; k < 6; k++) {
        int bl = rng.nextInt(nBl);
        int t0 = rng.nextInt(nTime - 5);
        int c0 = rng.nextInt(nChan - 8);
        for (int t = t0; t < t0 + 5; t++) {
          for (int c = c0; c < c0 + 8; c++) {
            inject(vis, rfiSigma, rng, ((t * nBl + bl) * nChan + c) * nPol, nPol, 8.0);
          }
        }
      }
    }
    return new Scenario(block, rfiSigma, bad);
  }

  /** Adds amplitude {@code a} with a random phase to each polarisation of one (row, channel). */
  private static void inject(
      float[] vis, double[] rfiSigma, SplittableRandom rng, int i0, int nPol, double a) {
    for (int p = 0; p < nPol; p++) {
      double ph = 2 * Math.PI * rng.nextDouble();
      vis[2 * (i0 + p)] += (float) (a * Math.cos(ph));
      vis[2 * (i0 + p) + 1] += (float) (a * Math.sin(ph));
      // Overlapping injections (a burst across a line) add with random phases: keep the larger.
      rfiSigma[i0 + p] = Math.max(rfiSigma[i0 + p], a);
    }
  }

  /** Independent factors in [0.6, 1.4]. */
  private static double[] modulation(SplittableRandom rng, int n) {
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      m[i] = 0.6 + 0.8 * rng.nextDouble();
    }
    return m;
  }

  /** A smooth curve in [0.6, 1.4]: one sinusoid of random period (>= n/2) and phase. */
  private static double[] modulationSmooth(SplittableRandom rng, int n) {
    double period = n * (0.5 + rng.nextDouble());
    double phase = 2 * Math.PI * rng.nextDouble();
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      m[i] = 1 + 0.4 * Math.sin(2 * Math.PI * i / period + phase);
    }
    return m;
  }
}
