package org.radiospark.kernels.flagging;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Whole-baseline outlier flagging in the manner of the GLEAM-X pipeline's uvflag step: a baseline
 * whose visibility rms differs from that of the baselines at similar uv distance by more than
 * {@code k} robust sigmas (median +- k x 1.4826 MAD) is flagged entirely.
 *
 * <p>The comparison set of a baseline is the {@code neighbours} baselines nearest to it in uv
 * distance (a window over the baselines sorted by uv distance, shifted inwards at the ends), so the
 * sky's dependence on uv distance does not look like an outlier. Both directions are flagged: an
 * excess (noisy or interfered baseline) and a deficit (dead correlator input). Cost O(B neighbours
 * log neighbours) per polarisation for B baselines.
 */
public final class BaselineOutlierFlagger {
  private BaselineOutlierFlagger() {}

  /**
   * Outlying baselines.
   *
   * @param uvDistance per baseline, any unit (metres or wavelengths)
   * @param statistic {@code statistic[b][p]}: per baseline and polarisation, e.g. rms amplitude of
   *     its unflagged samples; NaN where there is no data
   * @param noiseFloor {@code noiseFloor[b][p]}: standard deviation the statistic of baseline b
   *     would have from the noise alone, or null. The spread of the neighbours (1.4826 MAD) is not
   *     taken below it: the MAD of a few dozen values underestimates the spread by 20% often enough
   *     that, over hundreds of tests, a 5-sigma cut would flag good baselines
   * @param sigmas the outlier level k (> 0)
   * @param neighbours size of the comparison set (>= 5)
   * @param excessOnly flag only values above the neighbours' median (else both directions)
   * @return {@code true} for each baseline that is an outlier in any polarisation
   */
  public static boolean[] outliers(
      double[] uvDistance,
      double[][] statistic,
      double[][] noiseFloor,
      double sigmas,
      int neighbours,
      boolean excessOnly) {
    int nb = uvDistance.length;
    if (statistic.length != nb || (noiseFloor != null && noiseFloor.length != nb)) {
      throw new IllegalArgumentException("one statistic row per baseline expected");
    }
    if (!(sigmas > 0) || neighbours < 5) {
      throw new IllegalArgumentException("need sigmas > 0, neighbours >= 5");
    }
    boolean[] out = new boolean[nb];
    if (nb == 0) {
      return out;
    }
    Integer[] boxed = IntStream.range(0, nb).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, Comparator.comparingDouble(b -> uvDistance[b]));
    int[] order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    int nPol = statistic[0].length;
    int window = Math.min(neighbours, nb);
    double[] scratch = new double[window];
    for (int k = 0; k < nb; k++) {
      int lo = Math.max(0, Math.min(nb - window, k - window / 2));
      int b = order[k];
      for (int p = 0; p < nPol; p++) {
        double s = statistic[b][p];
        if (Double.isNaN(s)) {
          continue;
        }
        int m = 0;
        for (int j = lo; j < lo + window; j++) {
          double v = statistic[order[j]][p];
          if (!Double.isNaN(v)) {
            scratch[m++] = v;
          }
        }
        if (m < 5) {
          continue;
        }
        double[] ms = RobustStatistics.medianAndSigma(scratch, m);
        double dev = excessOnly ? s - ms[0] : Math.abs(s - ms[0]);
        double spread = noiseFloor == null ? ms[1] : Math.max(ms[1], noiseFloor[b][p]);
        if (spread > 0 && dev > sigmas * spread) {
          out[b] = true;
        }
      }
    }
    return out;
  }
}
