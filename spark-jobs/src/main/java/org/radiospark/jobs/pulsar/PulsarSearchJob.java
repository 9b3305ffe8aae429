package org.radiospark.jobs.pulsar;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.radiospark.jobs.progress.Progress;
import org.radiospark.kernels.pulsar.DmPlan;
import org.radiospark.kernels.pulsar.DmRangeResult;
import org.radiospark.kernels.pulsar.DmRangeSearch;
import org.radiospark.kernels.pulsar.DynamicSpectrum;
import org.radiospark.kernels.pulsar.SearchOptions;

/**
 * Dedispersion and search of every DM trial of a plan on Spark.
 *
 * <p>The channel-major data are broadcast once; the trials of each plan stage are cut into ranges
 * of about {@code trialsPerTask} (a multiple of the stage's trials per subband DM, so results do
 * not depend on the split), one range per task; each task down-samples, dedisperses and searches
 * its range ({@link DmRangeSearch}) and returns a packed {@code double[]}. Everything is collected
 * to the driver.
 *
 * <p>Performance note: a task's work is O(range x nChans x nSamples) for dedispersion plus O(range
 * x n log n) for the FFTs; the broadcast costs one copy of the data per executor.
 */
public final class PulsarSearchJob {
  private PulsarSearchJob() {}

  /** Trial ranges {@code {stage, from, to}} of about {@code trialsPerTask} trials each. */
  static List<int[]> ranges(DmPlan plan, int trialsPerTask) {
    List<int[]> out = new ArrayList<>();
    for (int s = 0; s < plan.stages().size(); s++) {
      DmPlan.Stage st = plan.stages().get(s);
      int per = Math.max(1, trialsPerTask);
      int k = st.dmsPerCall();
      per = ((per + k - 1) / k) * k;
      for (int from = 0; from < st.numDms(); from += per) {
        out.add(new int[] {s, from, Math.min(st.numDms(), from + per)});
      }
    }
    return out;
  }

  /**
   * Searches every trial of {@code plan}.
   *
   * @param jsc the Spark context
   * @param data the data at full time resolution
   * @param plan the DM plan
   * @param options what to search for
   * @param trialsPerTask DM trials per task (0: enough tasks for twice the default parallelism)
   * @return candidates and single-pulse events of all trials, unsifted
   */
  public static DmRangeResult run(
      JavaSparkContext jsc,
      DynamicSpectrum data,
      DmPlan plan,
      SearchOptions options,
      int trialsPerTask) {
    int per = trialsPerTask;
    if (per <= 0) {
      int tasks = Math.max(1, 2 * jsc.defaultParallelism());
      per = Math.max(1, (plan.numDms() + tasks - 1) / tasks);
    }
    List<int[]> ranges = ranges(plan, per);
    Broadcast<float[][]> channels = jsc.broadcast(data.channels());
    double[] freqs = data.freqsMHz();
    double tsamp = data.tsampSec();
    try {
      JavaRDD<double[]> searched =
          jsc.parallelize(ranges, ranges.size())
              .map(
                  r -> {
                    DynamicSpectrum s = new DynamicSpectrum(channels.value(), freqs, tsamp);
                    DmPlan.Stage st = plan.stages().get(r[0]);
                    return ResultCodec.encode(
                        DmRangeSearch.search(s, plan, st, r[1], r[2], options));
                  });
      List<double[]> packed =
          Progress.start("pulsar search")
              .tasks("dedispersion and search", "DM range", searched.rdd(), searched::collect);
      List<DmRangeResult> parts = new ArrayList<>(packed.size());
      for (double[] p : packed) {
        parts.add(ResultCodec.decode(p));
      }
      return ResultCodec.merge(parts);
    } finally {
      channels.destroy();
    }
  }
}
