package org.radiospark.kernels.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.radiospark.kernels.gridding.PreparedGridding;

/**
 * Per-call CPU time of the calling thread for the 1 M-visibility 2-D float workload of {@link
 * GriddingBenchmark} (epsilon 1e-4, one thread): the one-shot {@code ms2dirty} / {@code dirty2ms}
 * (planning included), {@code prepare} alone, and the prepared calls. On a machine whose cores are
 * shared with other builds the thread's CPU time is steadier than JMH's wall-clock throughput
 * (other processes' time is not counted; their cache pollution still is). Prints the minimum and
 * the median over the calls after a warm-up of as many.
 *
 * <p>Usage (classpath as for JMH, see {@code package-info.java}): {@code GriddingTiming [calls]
 * [uvFill]}, default 20 calls at uv fill 0.33.
 */
public final class GriddingTiming {
  private GriddingTiming() {}

  /** Runs the timing; see the class comment for the arguments. */
  public static void main(String[] args) {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    GriddingBenchmark b = new GriddingBenchmark();
    b.epsilon = 1e-4;
    b.precision = org.radiospark.kernels.gridding.Precision.FLOAT;
    b.wGridding = false;
    b.uvFill = args.length > 1 ? Double.parseDouble(args[1]) : 0.33;
    b.sigmaMax = 2.6;
    b.setup();
    ThreadMXBean tb = ManagementFactory.getThreadMXBean();
    String[] names = {"ms2dirty", "dirty2ms", "prepare", "ms2dirtyPrepared", "dirty2msPrepared"};
    double[][] t = new double[names.length][calls];
    for (int pass = 0; pass < 2; pass++) {
      for (int c = 0; c < calls; c++) {
        for (int k = 0; k < names.length; k++) {
          long c0 = tb.getCurrentThreadCpuTime();
          switch (k) {
            case 0 -> b.ms2dirty();
            case 1 -> b.dirty2ms();
            case 2 -> b.prepared = b.gridder.prepare(b.uvw, b.freq, b.weights);
            case 3 -> b.ms2dirtyPrepared();
            default -> b.dirty2msPrepared();
          }
          t[k][c] = (tb.getCurrentThreadCpuTime() - c0) * 1e-6;
        }
      }
    }
    for (int k = 0; k < names.length; k++) {
      double[] s = t[k].clone();
      java.util.Arrays.sort(s);
      double med = s[calls / 2];
      System.out.printf(
          "%-17s CPU min %6.1f ms, median %6.1f ms  (%.1f / %.1f M vis/s)%n",
          names[k], s[0], med, GriddingBenchmark.N_VIS / s[0] * 1e-3, GriddingBenchmark.N_VIS / med * 1e-3);
    }
  }
}
