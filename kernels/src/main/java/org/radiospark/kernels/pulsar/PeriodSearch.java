package org.radiospark.kernels.pulsar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jtransforms.fft.DoubleFFT_1D;
import org.radiospark.kernels.fft.Fft2D;

/**
 * FFT periodicity search of one dedispersed time series, as PRESTO's accelsearch with {@code -zmax
 * 0} (Ransom, Eikenberry &amp; Middleditch 2002).
 *
 * <ol>
 *   <li>The series (mean removed, truncated to the longest 2-3-5-smooth length) is transformed with
 *       JTransforms' real FFT; powers {@code |X_k|^2}, {@code k = 0 .. n/2}.
 *   <li>Red-noise normalisation (PRESTO rednoise): powers are divided by the local median / ln 2 in
 *       blocks whose width grows geometrically from 6 bins to 100 bins at 6 Hz, the median linearly
 *       interpolated between block centres. Noise powers then follow a unit-mean exponential.
 *   <li>Harmonic sums of 1, 2, 4, ... {@code numHarm} harmonics: for stage {@code h} and index
 *       {@code r}, {@code S = sum_{j=1..h} P[round(r j / h)]} (fundamental at bin {@code r/h}).
 *   <li>A sum {@code S} of {@code h} unit exponentials has {@code P(>S) = Q(h, S)}; the sigma is
 *       that of {@code Q} corrected for {@code (bins searched)/h} independent trials.
 * </ol>
 *
 * Cost O(n log n + n numHarm) per series.
 */
public final class PeriodSearch {
  static {
    // JTransforms' thread count is global: Fft2D's initialiser pins it to 1 (no hidden threads)
    Fft2D.goodSize(1);
  }

  /** PRESTO rednoise: first block width, bins. */
  static final int START_WIDTH = 6;

  /** PRESTO rednoise: block width reached at {@link #END_FREQ_HZ}, bins. */
  static final int END_WIDTH = 100;

  /** PRESTO rednoise: frequency beyond which blocks keep {@link #END_WIDTH}, Hz. */
  static final double END_FREQ_HZ = 6.0;

  /**
   * Plans by length: every trial of a search has the same length, and building a plan costs more
   * than a transform. JTransforms' plans are read-only once built, so tasks may share them.
   */
  private static final java.util.concurrent.ConcurrentMap<Integer, DoubleFFT_1D> PLANS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private PeriodSearch() {}

  /**
   * Largest even {@code m <= n} with prime factors 2, 3, 5 only (JTransforms' fast radices; even so
   * that the real transform's packed layout has its Nyquist term in {@code a[1]}).
   */
  public static int smoothLengthAtMost(int n) {
    int best = 2;
    for (long a = 2; a <= n; a *= 2) {
      for (long b = a; b <= n; b *= 3) {
        for (long c = b; c <= n; c *= 5) {
          best = (int) Math.max(best, c);
        }
      }
    }
    return best;
  }

  /**
   * Normalised powers of {@code series}: {@code out[k]}, {@code k = 0 .. n/2} for the FFT length
   * {@code n = smoothLengthAtMost(series.length)}; {@code out[0] = 0}. Bin {@code k} is frequency
   * {@code k / (n tsamp)}.
   */
  public static double[] normalisedPowers(float[] series, double tsampSec) {
    int n = smoothLengthAtMost(series.length);
    double[] a = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += series[i];
    }
    mean /= n;
    for (int i = 0; i < n; i++) {
      a[i] = series[i] - mean;
    }
    PLANS.computeIfAbsent(n, DoubleFFT_1D::new).realForward(a);
    int m = n / 2 + 1;
    double[] p = new double[m];
    for (int k = 1; k < m; k++) {
      if (k == n / 2 && n % 2 == 0) {
        p[k] = a[1] * a[1];
      } else {
        p[k] = a[2 * k] * a[2 * k] + a[2 * k + 1] * a[2 * k + 1];
      }
    }
    rednoiseNormalise(p, n * tsampSec);
    return p;
  }

  /** Divides {@code p[1..]} in place by the interpolated block median / ln 2. */
  static void rednoiseNormalise(double[] p, double tObsSec) {
    int m = p.length;
    double endBin = Math.max(2, END_FREQ_HZ * tObsSec);
    List<double[]> centres = new ArrayList<>(); // {centre bin, median}
    int b = 1;
    while (b < m) {
      double frac = Math.min(1, Math.log(b) / Math.log(endBin));
      int w = (int) Math.round(START_WIDTH * Math.pow((double) END_WIDTH / START_WIDTH, frac));
      int e = Math.min(m, b + w);
      if (m - e < w / 2) {
        e = m; // fold a short tail into the last block
      }
      double[] block = java.util.Arrays.copyOfRange(p, b, e);
      java.util.Arrays.sort(block);
      int h = block.length / 2;
      double med = block.length % 2 == 1 ? block[h] : 0.5 * (block[h - 1] + block[h]);
      centres.add(new double[] {0.5 * (b + e - 1), med / Math.log(2)});
      b = e;
    }
    int j = 0;
    for (int k = 1; k < m; k++) {
      while (j + 1 < centres.size() && centres.get(j + 1)[0] < k) {
        j++;
      }
      double scale;
      if (centres.size() == 1 || k <= centres.get(0)[0]) {
        scale = centres.get(0)[1];
      } else if (j + 1 >= centres.size()) {
        scale = centres.get(centres.size() - 1)[1];
      } else {
        double[] c0 = centres.get(j);
        double[] c1 = centres.get(j + 1);
        double t = (k - c0[0]) / (c1[0] - c0[0]);
        scale = c0[1] + t * (c1[1] - c0[1]);
      }
      p[k] = scale > 0 ? p[k] / scale : 0;
    }
  }

  /**
   * Searches one dedispersed series.
   *
   * @param series samples in time order
   * @param tsampSec sampling time, s
   * @param dm the series' DM (recorded in the candidates), pc cm^-3
   * @return candidates above {@code params.sigma()}, strongest first, at most one per fundamental
   *     frequency bin
   */
  public static List<Candidate> search(
      float[] series, double tsampSec, double dm, PeriodSearchParams params) {
    double[] p = normalisedPowers(series, tsampSec);
    int n = smoothLengthAtMost(series.length);
    double tObs = n * tsampSec;
    int m = p.length;
    int kMin = Math.max(1, (int) Math.ceil(params.minFreqHz() * tObs));
    int kMax = (int) Math.min(m - 1, Math.floor(params.maxFreqHz() * tObs));
    List<Candidate> all = new ArrayList<>();
    for (int h = 1; h <= params.numHarm(); h *= 2) {
      all.addAll(searchStage(p, h, kMin, kMax, tObs, dm, params));
    }
    return distinct(all, 1.1 / tObs, params.maxCandidates());
  }

  private static List<Candidate> searchStage(
      double[] p, int h, int kMin, int kMax, double tObs, double dm, PeriodSearchParams params) {
    int m = p.length;
    int rLo = h * kMin;
    // the h-th harmonic must stay below Nyquist; the fundamental below kMax
    int rHi = Math.min(m - 1, h * kMax);
    if (rHi - rLo < 2) {
      return List.of();
    }
    double[] s = new double[rHi - rLo + 1];
    for (int r = rLo; r <= rHi; r++) {
      double sum = 0;
      for (int j = 1; j <= h; j++) {
        int k = (int) ((2L * r * j + h) / (2L * h)); // round(r j / h)
        sum += p[k];
      }
      s[r - rLo] = sum;
    }
    // a cheap floor (mean + 3 std of a sum of h unit exponentials) before the exact sigma
    double floor = h + 3 * Math.sqrt(h);
    double trials = Math.max(1.0, (double) (rHi - rLo) / h);
    List<Candidate> out = new ArrayList<>();
    for (int i = 1; i < s.length - 1; i++) {
      if (s[i] >= floor && s[i] >= s[i - 1] && s[i] > s[i + 1]) {
        double logP = Significance.logTrialsCorrected(Significance.logGammaQ(h, s[i]), trials);
        double sigma = Significance.sigmaFromLogP(logP);
        if (sigma >= params.sigma()) {
          double fundamentalBin = (double) (i + rLo) / h;
          out.add(new Candidate(dm, fundamentalBin / tObs, h, s[i], sigma, 1));
        }
      }
    }
    return out;
  }

  /** Strongest first, dropping any within {@code tolHz} of a stronger one; at most {@code max}. */
  static List<Candidate> distinct(List<Candidate> all, double tolHz, int max) {
    List<Candidate> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingDouble(Candidate::sigma).reversed());
    List<Candidate> kept = new ArrayList<>();
    for (Candidate c : sorted) {
      boolean dup = false;
      for (Candidate k : kept) {
        if (Math.abs(k.freqHz() - c.freqHz()) < tolHz) {
          dup = true;
          break;
        }
      }
      if (!dup) {
        kept.add(c);
        if (kept.size() >= max) {
          break;
        }
      }
    }
    return kept;
  }
}
