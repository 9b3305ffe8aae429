package org.radiospark.kernels.flagging;

import java.util.Arrays;

/**
 * AOFlagger-style RFI detection on the time x frequency planes of one baseline (Offringa et al.
 * 2010, MNRAS 405, 155; 2012, A&A 539, A95), following {@link AoFlaggerStrategy}.
 *
 * <p>Layout of every plane: {@code [t * nChan + f]}, one plane per polarisation, values the
 * amplitudes {@code |V|}. Residuals are thresholded in units of their robust sigma ({@link
 * RobustStatistics}), re-estimated before each SumThreshold pass. Cost per plane O(nTime nChan
 * (iterations (log2 maxWindow + kernel widths))); planes of one instance must share dimensions only
 * within a call. An instance holds only the strategy and the planned kernel: it is immutable and
 * safe to share between threads.
 */
public final class TimeFrequencyFlagger {
  private final AoFlaggerStrategy strategy;
  private final MaskedGaussianSmoother smoother;

  /** Plans the background kernel of {@code strategy}. */
  public TimeFrequencyFlagger(AoFlaggerStrategy strategy) {
    this.strategy = java.util.Objects.requireNonNull(strategy, "strategy");
    AoFlaggerStrategy.LowPassParameters lp = strategy.lowPass();
    this.smoother =
        new MaskedGaussianSmoother(
            lp.sigmaTime(), lp.halfWidthTime(), lp.sigmaFreq(), lp.halfWidthFreq());
  }

  /** The strategy this flagger runs. */
  public AoFlaggerStrategy strategy() {
    return strategy;
  }

  /**
   * Flags of one baseline from its polarisation planes.
   *
   * @param amplitudes {@code amplitudes[p][t * nChan + f]}; non-finite values count as flagged
   * @param inputFlags {@code inputFlags[p]} in the same layout: samples to ignore (kept flagged)
   * @return the flags after thresholding and dilation, common to all polarisations, with {@link
   *     BaselineFlags#thresholdMask()} the part found before the SIR dilation
   */
  public BaselineFlags flag(double[][] amplitudes, boolean[][] inputFlags, int nTime, int nChan) {
    int n = nTime * nChan;
    int nPol = amplitudes.length;
    boolean[] combined = new boolean[n];
    double[][] residuals = new double[nPol][];
    for (int p = 0; p < nPol; p++) {
      if (amplitudes[p].length != n || inputFlags[p].length != n) {
        throw new IllegalArgumentException("plane " + p + " is not " + nTime + " x " + nChan);
      }
      boolean[] mask = inputFlags[p].clone();
      residuals[p] = flagPlane(amplitudes[p], mask, nTime, nChan);
      for (int i = 0; i < n; i++) {
        combined[i] |= mask[i];
      }
    }
    boolean[] threshold = combined.clone();
    boolean[] missing = new boolean[n];
    for (int p = 0; p < nPol; p++) {
      for (int i = 0; i < n; i++) {
        missing[i] |= inputFlags[p][i];
      }
    }
    SirWork work = new SirWork(Math.max(nTime, nChan));
    for (int f = 0; f < nChan; f++) {
      dilate(combined, missing, f, nChan, nTime, work);
    }
    for (int t = 0; t < nTime; t++) {
      dilate(combined, missing, t * nChan, 1, nChan, work);
    }
    boolean[] dilated = combined.clone();
    // One final test on the polarisations' summed residuals rather than one per polarisation: the
    // flags are common anyway, a burst in every polarisation gains sqrt(nPol), and the false alarms
    // of nPol separate tests are not multiplied.
    double[] sum = residuals[0].clone();
    for (int p = 1; p < nPol; p++) {
      for (int i = 0; i < n; i++) {
        sum[i] += residuals[p][i];
      }
    }
    StatisticalOutliers.flagTimesteps(
        sum, combined, nTime, nChan, strategy.finalTimestepSigma(), Double.NaN);
    // Whole timesteps flagged after the dilation are threshold detections, not dilation.
    for (int i = 0; i < n; i++) {
      threshold[i] |= combined[i] && !dilated[i];
    }
    return new BaselineFlags(combined, threshold);
  }

  /**
   * The SIR operator along one line with the input flags treated as missing data rather than as
   * detections (AOFlagger's {@code scale_invariant_rank_operator_masked}): a block of flagged band
   * edges must not grow into its unflagged neighbours.
   */
  private void dilate(boolean[] mask, boolean[] missing, int offset, int stride, int n, SirWork w) {
    int m = 0;
    for (int k = 0; k < n; k++) {
      int i = offset + k * stride;
      if (!missing[i]) {
        w.position[m] = i;
        w.line[m++] = mask[i];
      }
    }
    ScaleInvariantRank.apply(w.line, 0, 1, m, strategy.sirEta(), w.scratch);
    for (int k = 0; k < m; k++) {
      mask[w.position[k]] = w.line[k];
    }
  }

  /** Scratch arrays of {@link #dilate}. */
  private static final class SirWork {
    final int[] position;
    final boolean[] line;
    final double[] scratch;

    SirWork(int n) {
      position = new int[n];
      line = new boolean[n];
      scratch = new double[2 * (n + 1)];
    }
  }

  /**
   * The iterated SumThreshold of one plane.
   *
   * @param values amplitudes, {@code [t * nChan + f]}
   * @param mask in: samples to ignore; out: also the detections
   * @return the final residual (values minus background) for later statistics
   */
  public double[] flagPlane(double[] values, boolean[] mask, int nTime, int nChan) {
    int n = nTime * nChan;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(values[i])) {
        mask[i] = true;
      }
    }
    double[] residual = new double[n];
    double median = RobustStatistics.medianAndSigma(values, mask)[0];
    if (Double.isNaN(median)) {
      return residual;
    }
    // As AOFlagger: the first, least sensitive pass sees the data minus a constant, so that strong
    // RFI is masked before any smoothing could spread it into its neighbours' background.
    for (int i = 0; i < n; i++) {
      residual[i] = mask[i] ? 0 : values[i] - median;
    }
    double[] background = new double[n];
    for (int it = 1; it < strategy.iterationCount(); it++) {
      double factor = strategy.thresholdFactor(it);
      double sigma =
          sumThresholdPass(residual, mask, nTime, nChan, factor * strategy.baseThreshold());
      StatisticalOutliers.flagTimesteps(
          residual, mask, nTime, nChan, strategy.timestepSigma(), sigma);
      StatisticalOutliers.flagChannels(
          residual, mask, nTime, nChan, strategy.channelSigma() * factor, sigma);
      subtractBackground(values, mask, nTime, nChan, median, background, residual);
    }
    sumThresholdPass(residual, mask, nTime, nChan, strategy.baseThreshold());
    return residual;
  }

  private void subtractBackground(
      double[] values,
      boolean[] mask,
      int nTime,
      int nChan,
      double fallback,
      double[] background,
      double[] residual) {
    smoother.smooth(values, mask, nTime, nChan, background, fallback);
    for (int i = 0; i < residual.length; i++) {
      residual[i] = Double.isFinite(values[i]) ? values[i] - background[i] : 0;
    }
  }

  /**
   * SumThreshold with windows 1, 2, 4, ..., maxWindow along time then frequency, thresholds {@code
   * factor chi_M sigma} with sigma the robust sigma of the unflagged residuals.
   *
   * @return that sigma (NaN or 0 when nothing could be tested)
   */
  double sumThresholdPass(double[] residual, boolean[] mask, int nTime, int nChan, double factor) {
    double sigma = RobustStatistics.medianAndSigma(residual, mask)[1];
    if (!(sigma > 0)) {
      return sigma;
    }
    AoFlaggerStrategy.SumThresholdParameters st = strategy.sumThreshold();
    boolean[] out = mask.clone();
    int[] scratch = new int[2 * Math.max(nTime, nChan) + 1];
    for (int m = 1; m <= st.maxWindow(); m *= 2) {
      double chi = factor * sigma * SumThreshold.thresholdFor(m, st.chi1Sigma(), st.rho());
      if (m <= nTime) {
        for (int f = 0; f < nChan; f++) {
          SumThreshold.apply(residual, mask, out, f, nChan, nTime, m, chi, scratch);
        }
        System.arraycopy(out, 0, mask, 0, out.length);
      }
      if (m <= nChan) {
        for (int t = 0; t < nTime; t++) {
          SumThreshold.apply(residual, mask, out, t * nChan, 1, nChan, m, chi, scratch);
        }
        System.arraycopy(out, 0, mask, 0, out.length);
      }
    }
    return sigma;
  }

  /**
   * Flags of one baseline.
   *
   * @param mask every flagged sample, {@code [t * nChan + f]}
   * @param thresholdMask the samples flagged by the input or by a threshold (the rest of {@code
   *     mask} came from the SIR dilation)
   */
  public record BaselineFlags(boolean[] mask, boolean[] thresholdMask) {
    /** Counts the set samples of {@code m}. */
    static int count(boolean[] m) {
      int c = 0;
      for (boolean b : m) {
        c += b ? 1 : 0;
      }
      return c;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BaselineFlags b
          && Arrays.equals(mask, b.mask)
          && Arrays.equals(thresholdMask, b.thresholdMask);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(mask) + Arrays.hashCode(thresholdMask);
    }

    @Override
    public String toString() {
      return "BaselineFlags[" + count(mask) + " of " + mask.length + " flagged]";
    }
  }
}
