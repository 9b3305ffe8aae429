package org.radiospark.kernels.pulsar;

/**
 * Epoch folding of a time series with PRESTO prepfold's significance: the chi-square of the folded
 * profile against a flat one, each bin's variance being {@code count sigma^2} where {@code sigma}
 * is the standard deviation of the (detrended) series (Leahy et al. 1983).
 */
public final class Folder {
  private Folder() {}

  /**
   * Folds {@code series} at {@code periodSec} into {@code nbins} phase bins. Sample {@code i} has
   * phase {@code frac(i tsamp / P)}. O(n).
   */
  public static FoldedProfile fold(float[] series, double tsampSec, double periodSec, int nbins) {
    if (nbins < 2 || !(periodSec > 0) || series.length < nbins) {
      throw new IllegalArgumentException(
          "need nbins >= 2, period > 0, series.length >= nbins: " + nbins + ", " + periodSec);
    }
    double mean = 0;
    for (float v : series) {
      mean += v;
    }
    mean /= series.length;
    double var = 0;
    for (float v : series) {
      var += (v - mean) * (v - mean);
    }
    var /= Math.max(1, series.length - 1);
    double[] sum = new double[nbins];
    long[] count = new long[nbins];
    double binsPerSample = tsampSec / periodSec * nbins;
    for (int i = 0; i < series.length; i++) {
      double ph = i * binsPerSample;
      int b = (int) (ph - nbins * Math.floor(ph / nbins));
      if (b >= nbins) {
        b = nbins - 1;
      }
      sum[b] += series[i] - mean;
      count[b]++;
    }
    double chi2 = 0;
    double[] prof = new double[nbins];
    int used = 0;
    for (int b = 0; b < nbins; b++) {
      if (count[b] > 0) {
        prof[b] = sum[b] / count[b] + mean;
        if (var > 0) {
          chi2 += sum[b] * sum[b] / (count[b] * var);
        }
        used++;
      }
    }
    int dof = Math.max(1, used - 1);
    double sigma = Significance.sigmaFromLogP(Significance.logChiSquareQ(dof, chi2));
    return new FoldedProfile(periodSec, prof, count, chi2 / dof, sigma);
  }

  /**
   * Folds at trial periods around {@code periodSec} and returns the profile with the largest
   * chi-square (prepfold's period search). Trials span {@code +- spanBins} Fourier bins of the
   * fundamental ({@code P^2 / T} each) in steps that drift the phase by half a profile bin over the
   * series. O(n nbins spanBins).
   */
  public static FoldedProfile optimise(
      float[] series, double tsampSec, double periodSec, int nbins, double spanBins) {
    double tObs = series.length * tsampSec;
    double binWidth = periodSec * periodSec / tObs;
    double step = binWidth / (2.0 * nbins);
    int nSteps = (int) Math.ceil(spanBins * binWidth / step);
    FoldedProfile best = fold(series, tsampSec, periodSec, nbins);
    for (int i = -nSteps; i <= nSteps; i++) {
      if (i == 0) {
        continue;
      }
      double p = periodSec + i * step;
      if (p <= 2 * tsampSec) {
        continue;
      }
      FoldedProfile f = fold(series, tsampSec, p, nbins);
      if (f.reducedChiSquare() > best.reducedChiSquare()) {
        best = f;
      }
    }
    return best;
  }

  /**
   * Removes a running mean over blocks of {@code blockLen} samples (a straight-line fit per block),
   * so that red noise does not dominate the chi-square of long periods. Returns a new array.
   */
  public static float[] detrend(float[] series, int blockLen) {
    float[] out = series.clone();
    int n = out.length;
    for (int b0 = 0; b0 < n; b0 += blockLen) {
      int b1 = Math.min(n, b0 + blockLen);
      if (n - b1 < blockLen / 2) {
        b1 = n;
      }
      SinglePulseSearch.removeLine(out, b0, b1);
      if (b1 == n) {
        break;
      }
    }
    return out;
  }
}
