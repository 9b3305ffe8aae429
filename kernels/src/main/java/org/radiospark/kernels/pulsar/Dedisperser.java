package org.radiospark.kernels.pulsar;

/**
 * Incoherent dedispersion of a {@link DynamicSpectrum} by integer sample shifts, referenced to the
 * highest channel frequency: {@code out[d][t] = sum_c in[c][t + shift_c(DM_d)]}.
 *
 * <p>{@link #brute} shifts every channel for every DM: O(numDms nChans nOut). {@link #subband} is
 * PRESTO prepsubband's two-stage scheme: channels are first dedispersed inside {@code numSub}
 * subbands at one subband DM per group of trials, then the subbands are shifted for each trial:
 * O(groups nChans nSamples + numDms numSub nOut). Each channel's effective shift differs from the
 * brute-force one by at most {@link DmPlan.Stage#subbandSmearingSec()} plus 1.5 samples of
 * rounding. Samples past the end of the data repeat the last sample.
 */
public final class Dedisperser {
  private Dedisperser() {}

  /**
   * Number of output samples usable at every DM up to {@code maxDm}: {@code nSamples - maxShift}.
   *
   * @throws IllegalArgumentException if the data are shorter than the dispersion sweep
   */
  public static int outputLength(DynamicSpectrum s, double maxDm) {
    int[] sh = Dispersion.shifts(maxDm, s.freqsMHz(), s.maxFreqMHz(), s.tsampSec());
    int max = 0;
    for (int v : sh) {
      max = Math.max(max, v);
    }
    int n = s.nSamples() - max;
    if (n < 1) {
      throw new IllegalArgumentException(
          "data ("
              + s.nSamples()
              + " samples) shorter than the dispersion sweep at DM "
              + maxDm
              + " ("
              + max
              + " samples)");
    }
    return n;
  }

  /**
   * Brute-force dedispersion.
   *
   * @param s the data
   * @param dms trial DMs, pc cm^-3
   * @param nOut output length (at most {@link #outputLength} at the largest DM)
   * @return {@code out[d][t]}
   */
  public static float[][] brute(DynamicSpectrum s, double[] dms, int nOut) {
    float[][] out = new float[dms.length][];
    for (int d = 0; d < dms.length; d++) {
      out[d] = new float[nOut];
      int[] sh = Dispersion.shifts(dms[d], s.freqsMHz(), s.maxFreqMHz(), s.tsampSec());
      for (int c = 0; c < s.nChans(); c++) {
        addShifted(out[d], s.channels()[c], sh[c]);
      }
    }
    return out;
  }

  /**
   * Subband dedispersion.
   *
   * @param s the data
   * @param dms trial DMs, pc cm^-3, in groups of {@code dmsPerCall} consecutive trials that share
   *     the subband DM in the middle of the group
   * @param numSub number of subbands (contiguous in channel index; 1 to nChans)
   * @param dmsPerCall trials per subband DM
   * @param nOut output length
   * @return {@code out[d][t]}
   */
  public static float[][] subband(
      DynamicSpectrum s, double[] dms, int numSub, int dmsPerCall, int nOut) {
    int nc = s.nChans();
    if (numSub < 1 || numSub > nc || dmsPerCall < 1) {
      throw new IllegalArgumentException("need 1 <= numSub <= nChans and dmsPerCall >= 1");
    }
    int[][] members = subbandChannels(nc, numSub);
    double[] subRef = new double[numSub];
    for (int b = 0; b < numSub; b++) {
      subRef[b] = Double.NEGATIVE_INFINITY;
      for (int c : members[b]) {
        subRef[b] = Math.max(subRef[b], s.freqsMHz()[c]);
      }
    }
    float[][] out = new float[dms.length][];
    int ns = s.nSamples();
    float[][] sub = new float[numSub][ns];
    for (int g0 = 0; g0 < dms.length; g0 += dmsPerCall) {
      int g1 = Math.min(dms.length, g0 + dmsPerCall);
      double subDm = (dms[g0] + dms[g1 - 1]) / 2;
      // stage 1: each subband dedispersed at the subband DM, referenced to its own top channel
      for (int b = 0; b < numSub; b++) {
        java.util.Arrays.fill(sub[b], 0f);
        for (int c : members[b]) {
          int sh =
              (int)
                  Math.round(Dispersion.delaySec(subDm, s.freqsMHz()[c], subRef[b]) / s.tsampSec());
          addShifted(sub[b], s.channels()[c], sh);
        }
      }
      // stage 2: subbands shifted for each trial DM
      for (int d = g0; d < g1; d++) {
        out[d] = new float[nOut];
        for (int b = 0; b < numSub; b++) {
          int sh =
              (int)
                  Math.round(Dispersion.delaySec(dms[d], subRef[b], s.maxFreqMHz()) / s.tsampSec());
          addShifted(out[d], sub[b], sh);
        }
      }
    }
    return out;
  }

  /**
   * Dedisperses one stage of a plan (down-sampling already applied to {@code s}): brute force when
   * the stage has no subbands.
   */
  public static float[][] stage(DynamicSpectrum s, DmPlan.Stage stage, double[] dms, int nOut) {
    if (stage.numSub() == 0 || stage.numSub() >= s.nChans()) {
      return brute(s, dms, nOut);
    }
    return subband(s, dms, stage.numSub(), stage.dmsPerCall(), nOut);
  }

  /** Channels of each subband: {@code numSub} contiguous, near-equal groups. */
  static int[][] subbandChannels(int nChans, int numSub) {
    int[][] m = new int[numSub][];
    for (int b = 0; b < numSub; b++) {
      int lo = (int) ((long) b * nChans / numSub);
      int hi = (int) ((long) (b + 1) * nChans / numSub);
      m[b] = new int[hi - lo];
      for (int k = 0; k < m[b].length; k++) {
        m[b][k] = lo + k;
      }
    }
    return m;
  }

  /** {@code out[t] += in[min(t + shift, n - 1)]}. */
  private static void addShifted(float[] out, float[] in, int shift) {
    int n = out.length;
    int direct = Math.max(0, Math.min(n, in.length - shift));
    for (int t = 0; t < direct; t++) {
      out[t] += in[t + shift];
    }
    float last = in[in.length - 1];
    for (int t = direct; t < n; t++) {
      out[t] += last;
    }
  }
}
