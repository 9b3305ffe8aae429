package org.radiospark.kernels.pulsar;

import java.util.ArrayList;
import java.util.List;

/**
 * Dedisperses a contiguous range of trials of one plan stage and searches each series: the unit of
 * work a Spark task runs. O(range x (dedispersion + n log n)).
 */
public final class DmRangeSearch {
  private DmRangeSearch() {}

  /**
   * Series length shared by every stage of {@code plan} at down-sampling {@code downsamp}: the data
   * length after down-sampling minus the dispersion sweep at the plan's largest DM.
   */
  public static int outputLength(DynamicSpectrum full, DmPlan plan, int downsamp) {
    int n = full.nSamples() / downsamp;
    int[] sh =
        Dispersion.shifts(
            plan.maxDm(), full.freqsMHz(), full.maxFreqMHz(), full.tsampSec() * downsamp);
    int max = 0;
    for (int v : sh) {
      max = Math.max(max, v);
    }
    if (n - max < 16) {
      throw new IllegalArgumentException(
          "the data ("
              + full.nSamples() * full.tsampSec()
              + " s) are too short for the sweep at DM "
              + plan.maxDm());
    }
    return n - max;
  }

  /**
   * Searches trials {@code [from, to)} of {@code stage}.
   *
   * @param full the data at full time resolution (down-sampled here by the stage's factor)
   * @param plan the plan the stage belongs to (for the shared series length)
   * @param stage the stage
   * @param from first trial index; a multiple of the stage's {@code dmsPerCall} keeps the subband
   *     DMs independent of how trials are split into ranges
   * @param to one past the last trial index
   * @param options what to search for
   */
  public static DmRangeResult search(
      DynamicSpectrum full,
      DmPlan plan,
      DmPlan.Stage stage,
      int from,
      int to,
      SearchOptions options) {
    DynamicSpectrum s = full.downsample(stage.downsamp());
    int nOut = outputLength(full, plan, stage.downsamp());
    double[] dms = java.util.Arrays.copyOfRange(stage.dms(), from, to);
    float[][] series = Dedisperser.stage(s, stage, dms, nOut);
    List<Candidate> cands = new ArrayList<>();
    List<SinglePulseEvent> events = new ArrayList<>();
    for (int d = 0; d < dms.length; d++) {
      if (options.period() != null) {
        cands.addAll(PeriodSearch.search(series[d], s.tsampSec(), dms[d], options.period()));
      }
      if (options.singlePulse() != null) {
        events.addAll(
            SinglePulseSearch.search(series[d], s.tsampSec(), dms[d], options.singlePulse()));
      }
    }
    return new DmRangeResult(cands, events, dms.length);
  }

  /** Searches one time series that is already dedispersed (a SIGPROC .tim) at {@code dm}. */
  public static DmRangeResult searchSeries(
      float[] series, double tsampSec, double dm, SearchOptions options) {
    List<Candidate> cands =
        options.period() == null
            ? List.of()
            : PeriodSearch.search(series, tsampSec, dm, options.period());
    List<SinglePulseEvent> events =
        options.singlePulse() == null
            ? List.of()
            : SinglePulseSearch.search(series, tsampSec, dm, options.singlePulse());
    return new DmRangeResult(cands, events, 1);
  }
}
