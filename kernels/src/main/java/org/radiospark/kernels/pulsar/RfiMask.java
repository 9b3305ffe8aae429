package org.radiospark.kernels.pulsar;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * A time-frequency RFI mask from per-channel, per-interval statistics, as PRESTO's rfifind.
 *
 * <p>For each channel and interval of {@code intervalSamples}: the mean, the standard deviation and
 * the strongest normalised Fourier power of the interval. A cell is bad if its mean or standard
 * deviation lies more than {@code timeSigma} robust sigmas (median absolute deviation x 1.4826 over
 * the channel's intervals) from the channel's median, or if its strongest power is more significant
 * than {@code freqSigma} (powers normalised to unit mean are unit exponentials, so {@code P(max >
 * p) = 1 - (1 - e^-p)^(L/2)}). Channels with more than {@code chanFrac} bad intervals and intervals
 * with more than {@code intFrac} bad channels are masked entirely. Cost O(nChans nSamples log
 * intervalSamples).
 */
public final class RfiMask {
  static {
    org.radiospark.kernels.fft.Fft2D.goodSize(1); // pins JTransforms to one thread
  }

  private final boolean[][] masked; // [interval][channel]
  private final int intervalSamples;

  private RfiMask(boolean[][] masked, int intervalSamples) {
    this.masked = masked;
    this.intervalSamples = intervalSamples;
  }

  /** Computes the mask of {@code s}. A last interval shorter than half the length is merged. */
  public static RfiMask compute(DynamicSpectrum s, RfiMaskParams p) {
    int nc = s.nChans();
    int L = p.intervalSamples();
    int ni = Math.max(1, s.nSamples() / L);
    double[][] mean = new double[nc][ni];
    double[][] std = new double[nc][ni];
    boolean[][] bad = new boolean[ni][nc];
    double logQuiet = Math.log(1 - phiC(p.freqSigma()));
    DoubleFFT_1D fft = new DoubleFFT_1D(L);
    double[] buf = new double[L];
    for (int c = 0; c < nc; c++) {
      float[] x = s.channels()[c];
      for (int i = 0; i < ni; i++) {
        int t0 = i * L;
        int t1 = i == ni - 1 ? s.nSamples() : t0 + L;
        double m = 0;
        for (int t = t0; t < t1; t++) {
          m += x[t];
        }
        m /= (t1 - t0);
        double v = 0;
        for (int t = t0; t < t1; t++) {
          v += (x[t] - m) * (x[t] - m);
        }
        mean[c][i] = m;
        std[c][i] = Math.sqrt(v / Math.max(1, t1 - t0 - 1));
        for (int k = 0; k < L; k++) {
          buf[k] = x[t0 + k] - m;
        }
        fft.realForward(buf);
        double sum = 0;
        double max = 0;
        for (int k = 1; k < L / 2; k++) {
          double pw = buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
          sum += pw;
          max = Math.max(max, pw);
        }
        double norm = sum > 0 ? max / (sum / (L / 2 - 1)) : 0;
        // P(no noise power above norm in L/2 bins) = (1 - e^-norm)^(L/2): bad if far beyond
        double logNone = (L / 2 - 1) * Math.log1p(-Math.exp(-norm));
        if (logNone > logQuiet && norm > 0) {
          bad[i][c] = true;
        }
      }
      flagOutliers(mean[c], p.timeSigma(), bad, c);
      flagOutliers(std[c], p.timeSigma(), bad, c);
    }
    boolean[][] out = new boolean[ni][nc];
    for (int c = 0; c < nc; c++) {
      int n = 0;
      for (int i = 0; i < ni; i++) {
        n += bad[i][c] ? 1 : 0;
      }
      boolean whole = n > p.chanFrac() * ni;
      for (int i = 0; i < ni; i++) {
        out[i][c] = whole || bad[i][c];
      }
    }
    for (int i = 0; i < ni; i++) {
      int n = 0;
      for (int c = 0; c < nc; c++) {
        n += bad[i][c] ? 1 : 0;
      }
      if (n > p.intFrac() * nc) {
        Arrays.fill(out[i], true);
      }
    }
    return new RfiMask(out, L);
  }

  private static void flagOutliers(double[] v, double sigma, boolean[][] bad, int c) {
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    double med = sorted[sorted.length / 2];
    double[] dev = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      dev[i] = Math.abs(v[i] - med);
    }
    Arrays.sort(dev);
    double robust = 1.4826 * dev[dev.length / 2];
    if (!(robust > 0)) {
      return;
    }
    for (int i = 0; i < v.length; i++) {
      if (Math.abs(v[i] - med) > sigma * robust) {
        bad[i][c] = true;
      }
    }
  }

  private static double phiC(double x) {
    return 0.5 * org.apache.commons.math3.special.Erf.erfc(x / Math.sqrt(2));
  }

  /** Number of intervals. */
  public int nIntervals() {
    return masked.length;
  }

  /** Samples per interval. */
  public int intervalSamples() {
    return intervalSamples;
  }

  /** True if channel {@code c} is masked in interval {@code i}. */
  public boolean isMasked(int i, int c) {
    return masked[i][c];
  }

  /** Fraction of masked cells. */
  public double maskedFraction() {
    long n = 0;
    for (boolean[] row : masked) {
      for (boolean b : row) {
        n += b ? 1 : 0;
      }
    }
    return (double) n / (masked.length * (long) masked[0].length);
  }

  /**
   * A copy of {@code s} with every masked cell replaced by the median of the channel's unmasked
   * samples (rfifind's mask applied as prepsubband does: masked data become a constant, which adds
   * no structure to the dedispersed series). O(nChans nSamples).
   */
  public DynamicSpectrum apply(DynamicSpectrum s) {
    int nc = s.nChans();
    int ns = s.nSamples();
    float[][] out = new float[nc][];
    for (int c = 0; c < nc; c++) {
      float[] x = s.channels()[c];
      out[c] = x.clone();
      float[] good = new float[ns];
      int ng = 0;
      for (int t = 0; t < ns; t++) {
        if (!masked[intervalOf(t)][c]) {
          good[ng++] = x[t];
        }
      }
      float fill = 0;
      if (ng > 0) {
        float[] g = Arrays.copyOf(good, ng);
        Arrays.sort(g);
        fill = g[ng / 2];
      }
      for (int t = 0; t < ns; t++) {
        if (masked[intervalOf(t)][c]) {
          out[c][t] = fill;
        }
      }
    }
    return new DynamicSpectrum(out, s.freqsMHz(), s.tsampSec());
  }

  private int intervalOf(int t) {
    return Math.min(masked.length - 1, t / intervalSamples);
  }
}
