package org.radiospark.jobs.ical;

import java.util.Locale;
import org.radiospark.kernels.calibration.JonesMode;
import org.radiospark.kernels.calibration.SolverParameters;
import org.radiospark.kernels.deconvolution.CleanParameters;
import org.radiospark.kernels.deconvolution.MultiScaleParameters;
import org.radiospark.kernels.gridding.Precision;
import org.radiospark.kernels.imaging.ImagingParams;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.weighting.Weighting;

/**
 * The kernel parameters of an ICAL run, built from {@link IcalOptions} where they are used (driver
 * or task), so only the serializable options travel.
 */
public final class IcalSettings {
  private IcalSettings() {}

  /**
   * Clusters of CLEAN components seed a merged point from this many residual sigma: well above the
   * noise components the auto-threshold leaves, below every source worth calibrating on.
   */
  public static final double COMPACT_SEED_SIGMA = 10;

  /**
   * A cluster is isolated when the components around it (out to twice the radius) hold at most this
   * fraction of its flux; extended emission fails and stays pixels.
   */
  public static final double COMPACT_RING_FRACTION = 0.25;

  /**
   * Stokes I, natural weighting (partial images of frequency partitions add only then), the
   * requested accuracy: single precision down to 1e-5, double below.
   */
  public static ImagingParams imaging(IcalOptions o, int threads) {
    return ImagingParams.defaults(o.nx(), o.ny(), o.cellRad())
        .withWeighting(Weighting.natural())
        .withStokes(Stokes.I)
        .withAccuracy(o.epsilon(), o.epsilon() < 1e-5 ? Precision.DOUBLE : Precision.FLOAT)
        .withWGridding(o.wCorrection())
        .withThreads(threads);
  }

  /**
   * Whether major loop {@code loop} (0-based) solves for gains: the {@code nselfcal} loops from the
   * first that has a model (the second, or the first when a sky model is given).
   */
  public static boolean solves(IcalOptions o, int loop) {
    int first = firstSelfcal(o);
    return loop >= first && loop < first + o.nselfcal() && loop < o.nmajor();
  }

  /** The first loop that may solve amplitudes: after the phase-only half of the rounds. */
  public static int firstAmplitudeLoop(IcalOptions o) {
    return firstSelfcal(o) + (o.nselfcal() + 1) / 2;
  }

  private static int firstSelfcal(IcalOptions o) {
    return o.skymodel() == null ? 1 : 0;
  }

  /**
   * The solver of major loop {@code loop}, or null when it does not solve. Gains are solved per
   * block (one solution interval by one frequency block). As ARL's ICAL starts with phase-only
   * ("T") solutions before amplitude ("G") ones, the first half of the self-calibration rounds
   * (rounded up) solve phases only whatever {@code --cal-type}; amplitudes and leakage follow once
   * the model holds nearly all the flux (solved against an incomplete model, amplitudes absorb its
   * missing long-baseline flux and distort the flux scale by percents).
   */
  public static SolverParameters solver(IcalOptions o, int loop) {
    if (!solves(o, loop)) {
      return null;
    }
    String type = o.calType().toLowerCase(Locale.ROOT);
    boolean first = loop < firstAmplitudeLoop(o);
    SolverParameters p =
        switch (type) {
          case "phase" -> SolverParameters.defaults(JonesMode.SCALAR).withPhaseOnly(true);
          case "diagonal" ->
              SolverParameters.defaults(JonesMode.DIAGONAL).withPhaseOnly(first).withAnderson(5);
          case "full" ->
              first
                  ? SolverParameters.defaults(JonesMode.DIAGONAL).withPhaseOnly(true)
                  : SolverParameters.defaults(JonesMode.FULL).withAnderson(5);
          default -> throw new IllegalArgumentException("cal type " + o.calType());
        };
    return p.withRefAnt(o.refAnt()).withConvergence(100, 1e-8);
  }

  /** CLEAN settings of the minor cycles (auto-mask is not used by ICAL). */
  public static CleanParameters clean(IcalOptions o) {
    CleanParameters c =
        CleanParameters.defaults()
            .withGain(o.gain())
            .withMajorLoopGain(o.mgain())
            .withMaxIterations(Math.max(1, o.niter()))
            .withAbsoluteThreshold(o.thresholdJy())
            .withAutoThreshold(o.autoThreshold())
            .withAutoMask(o.autoMask());
    return o.multiscale() ? c.withMultiscale(MultiScaleParameters.defaults()) : c;
  }
}
