package org.radiospark.kernels.pulsar;

import java.util.ArrayList;
import java.util.List;

/**
 * The DM trials of a search, in stages of constant DM step and down-sampling, as PRESTO's DDplan.py
 * chooses them.
 *
 * <p>The effective time resolution at DM is {@code sqrt(dt^2 + t_chan^2 + t_BW^2 + t_sub^2)}: the
 * (down-sampled) sampling time, the smearing inside one channel, the smearing across the band for a
 * DM error of half a step, and the smearing inside a subband for the DM error of the subband DM.
 * Unlike DDplan's derivative at the band centre, every term here is the exact delay difference at
 * the bottom of the band, where it is largest, so the smearing reported is an upper bound.
 *
 * @param stages the stages in increasing DM
 */
public record DmPlan(List<Stage> stages) implements java.io.Serializable {
  /** DDplan's allowed DM steps, pc cm^-3 (continued by decades above 5). */
  static final double[] ALLOWED_STEPS = {
    0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500
  };

  /** DDplan's factor: down-sample further once channel smearing exceeds this times the rest. */
  static final double ALLOW_FACTOR = 1.2;

  /**
   * One stage of trials.
   *
   * @param loDm first DM, pc cm^-3
   * @param dmStep DM step, pc cm^-3
   * @param numDms number of trials
   * @param downsamp down-sampling factor applied before dedispersion
   * @param numSub number of subbands (0: brute force)
   * @param dmsPerCall trials that share one subband DM (1 with brute force)
   * @param band the data
   */
  public record Stage(
      double loDm, double dmStep, int numDms, int downsamp, int numSub, int dmsPerCall, Band band)
      implements java.io.Serializable {
    /** Validates the values. */
    public Stage {
      if (loDm < 0 || !(dmStep > 0) || numDms < 1 || downsamp < 1 || numSub < 0 || dmsPerCall < 1) {
        throw new IllegalArgumentException(
            "bad stage: lo "
                + loDm
                + " step "
                + dmStep
                + " n "
                + numDms
                + " ds "
                + downsamp
                + " nsub "
                + numSub
                + " perCall "
                + dmsPerCall);
      }
    }

    /** Trial DM {@code i}, pc cm^-3. */
    public double dm(int i) {
      return loDm + i * dmStep;
    }

    /** One past the last DM, pc cm^-3. */
    public double hiDm() {
      return loDm + numDms * dmStep;
    }

    /** All trial DMs. */
    public double[] dms() {
      double[] d = new double[numDms];
      for (int i = 0; i < numDms; i++) {
        d[i] = dm(i);
      }
      return d;
    }

    /** Sampling time after down-sampling, seconds. */
    public double dtSec() {
      return band.tsampSec() * downsamp;
    }

    /** Band smearing from a DM error of half a step, seconds. */
    public double stepSmearingSec() {
      return band.delayPerDmSec() * dmStep / 2;
    }

    /**
     * Largest delay error inside a subband from using the group's subband DM (the middle of {@code
     * dmsPerCall} trials) instead of the trial DM, seconds; 0 for brute force.
     */
    public double subbandSmearingSec() {
      if (numSub == 0 || dmsPerCall == 1) {
        return 0;
      }
      return band.subbandDelayPerDmSec(numSub) * dmStep * (dmsPerCall - 1) / 2.0;
    }

    /** Total smearing at {@code dm}, seconds (the quadrature sum of the four terms). */
    public double smearingSec(double dm) {
      double dt = dtSec();
      double chan = band.channelSmearingPerDmSec() * dm;
      double step = stepSmearingSec();
      double sub = subbandSmearingSec();
      return Math.sqrt(dt * dt + chan * chan + step * step + sub * sub);
    }
  }

  /** Checks the stages. */
  public DmPlan {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a plan needs at least one stage");
    }
    stages = List.copyOf(stages);
  }

  /** Total number of DM trials. */
  public int numDms() {
    return stages.stream().mapToInt(Stage::numDms).sum();
  }

  /** Largest trial DM. */
  public double maxDm() {
    Stage last = stages.get(stages.size() - 1);
    return last.dm(last.numDms() - 1);
  }

  /**
   * One stage with a given range and step (PRESTO prepsubband's {@code -lodm -dmstep -numdms}).
   *
   * @param numSub subbands, 0 for brute force; trials per subband DM are then chosen so that the
   *     subband smearing stays below the sampling time
   */
  public static DmPlan fixed(
      Band band, double loDm, double hiDm, double dmStep, int downsamp, int numSub) {
    if (!(hiDm >= loDm) || !(dmStep > 0)) {
      throw new IllegalArgumentException("need hiDm >= loDm and dmStep > 0");
    }
    int n = (int) Math.floor((hiDm - loDm) / dmStep + 1e-9) + 1;
    double dt = band.tsampSec() * downsamp;
    return new DmPlan(
        List.of(
            new Stage(
                loDm, dmStep, n, downsamp, numSub, perCall(band, dmStep, numSub, n, dt), band)));
  }

  /**
   * DDplan: from {@code loDm} to at least {@code hiDm}, each stage using the largest allowed step
   * whose band smearing does not exceed the sampling time and ending where channel smearing exceeds
   * {@link #ALLOW_FACTOR} times the other terms; the next stage down-samples by 2 more (at most
   * {@code maxDownsamp}). O(number of stages).
   */
  public static DmPlan ddplan(Band band, double loDm, double hiDm, int numSub, int maxDownsamp) {
    if (!(hiDm > loDm) || loDm < 0) {
      throw new IllegalArgumentException("need 0 <= loDm < hiDm: " + loDm + ", " + hiDm);
    }
    if (numSub < 0 || numSub > band.nChans()) {
      throw new IllegalArgumentException("numSub must be in 0.." + band.nChans() + ": " + numSub);
    }
    List<Stage> stages = new ArrayList<>();
    double lo = loDm;
    int ds = 1;
    while (lo < hiDm - 1e-9) {
      double dt = band.tsampSec() * ds;
      double step = chooseStep(band, dt);
      boolean last = ds * 2 > maxDownsamp;
      int n;
      int perCall;
      if (last) {
        n = (int) Math.ceil((hiDm - lo) / step - 1e-9);
        perCall = perCall(band, step, numSub, Math.max(n, 1), dt);
      } else {
        // the range ends where channel smearing reaches ALLOW_FACTOR x the rest of the budget
        perCall = perCall(band, step, numSub, Integer.MAX_VALUE / 4, dt);
        Stage probe = new Stage(lo, step, 1, ds, numSub, perCall, band);
        double rest =
            Math.sqrt(dt * dt + sq(probe.stepSmearingSec()) + sq(probe.subbandSmearingSec()));
        double stageHi = Math.min(hiDm, ALLOW_FACTOR * rest / band.channelSmearingPerDmSec());
        n = (int) Math.ceil((stageHi - lo) / step - 1e-9);
      }
      if (n >= 1) {
        perCall = Math.min(perCall, n);
        stages.add(new Stage(lo, step, n, ds, numSub, perCall, band));
        lo += n * step;
      }
      ds *= 2;
    }
    return new DmPlan(stages);
  }

  private static double sq(double x) {
    return x * x;
  }

  private static double chooseStep(Band band, double dt) {
    double best = ALLOWED_STEPS[0];
    for (double s : ALLOWED_STEPS) {
      if (band.delayPerDmSec() * s / 2 <= dt) {
        best = s;
      }
    }
    return best;
  }

  /** Most trials per subband DM keeping the subband smearing within {@code dt}. */
  private static int perCall(Band band, double step, int numSub, int maxN, double dt) {
    if (numSub == 0) {
      return 1;
    }
    double perDm = band.subbandDelayPerDmSec(numSub) * step / 2;
    if (perDm <= 0) {
      return maxN;
    }
    // (k - 1) perDm <= dt
    long k = (long) Math.floor(dt / perDm) + 1;
    return (int) Math.max(1, Math.min(maxN, k));
  }
}
