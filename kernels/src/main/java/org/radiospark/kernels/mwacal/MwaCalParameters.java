package org.radiospark.kernels.mwacal;

import org.radiospark.kernels.calibration.JonesMode;
import org.radiospark.kernels.calibration.SolverParameters;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Settings of {@link MwaCalibrator}: immutable, validated on construction.
 *
 * @param mode FULL (2x2 Jones, hyperdrive's and MitchCal's default) or DIAGONAL
 * @param chansPerBlock channels per solution (1 = per channel, as hyperdrive; the CLI's {@code
 *     --freq-avg})
 * @param uvMinLambda shortest baseline used, wavelengths (GLEAM-X: 75)
 * @param uvMaxLambda longest baseline used, wavelengths (may be infinite)
 * @param refAnt reference antenna for the phases, or -1 for the one with the most data
 * @param maxIterations StEFCal iterations per solution, at least 1
 * @param tolerance relative change of the gains at which an iteration stops
 * @param nThreads threads of the DFT predict
 */
public record MwaCalParameters(
    JonesMode mode,
    int chansPerBlock,
    double uvMinLambda,
    double uvMaxLambda,
    int refAnt,
    int maxIterations,
    double tolerance,
    int nThreads) {

  /** GLEAM-X's minimum uv distance, wavelengths. */
  public static final double GLEAMX_UV_MIN = 75;

  /**
   * Anderson history of the StEFCal iteration: an unpolarised model leaves a common unitary J -> J
   * U almost free in full-Jones mode, and Anderson acceleration makes such problems converge in
   * tens instead of thousands of iterations ({@link org.radiospark.kernels.calibration
   * .StefcalSolver}).
   */
  public static final int ANDERSON_DEPTH = 5;

  /** Validates every field. */
  public MwaCalParameters {
    String src = "calibration parameters";
    if (mode != JonesMode.FULL && mode != JonesMode.DIAGONAL) {
      throw new InvalidInputException(src, "cal-type", "expected full or diagonal, got " + mode);
    }
    if (chansPerBlock < 1) {
      throw new InvalidInputException(
          src, "freq-avg", "expected at least 1 channel per solution, got " + chansPerBlock);
    }
    if (!(uvMinLambda >= 0) || !(uvMaxLambda > uvMinLambda) || Double.isInfinite(uvMinLambda)) {
      throw new InvalidInputException(
          src,
          "uvmin/uvmax",
          "expected 0 <= min < max wavelengths: " + uvMinLambda + ", " + uvMaxLambda);
    }
    if (refAnt < -1) {
      throw new InvalidInputException(src, "refant", "expected >= 0 or -1 (automatic): " + refAnt);
    }
    if (maxIterations < 1 || !(tolerance > 0) || Double.isInfinite(tolerance)) {
      throw new InvalidInputException(
          src,
          "iterations/tolerance",
          "expected >= 1 and > 0: " + maxIterations + ", " + tolerance);
    }
    if (nThreads < 1) {
      throw new InvalidInputException(src, "threads", "expected >= 1, got " + nThreads);
    }
  }

  /**
   * Defaults: full Jones per channel, uv >= 75 wavelengths, automatic reference antenna, 300
   * iterations to a relative change of 1e-8 (with Anderson acceleration), one thread.
   */
  public static MwaCalParameters defaults() {
    return new MwaCalParameters(
        JonesMode.FULL, 1, GLEAMX_UV_MIN, Double.POSITIVE_INFINITY, -1, 300, 1e-8, 1);
  }

  /** A copy with another mode. */
  public MwaCalParameters withMode(JonesMode m) {
    return new MwaCalParameters(
        m, chansPerBlock, uvMinLambda, uvMaxLambda, refAnt, maxIterations, tolerance, nThreads);
  }

  /** A copy with another number of channels per solution. */
  public MwaCalParameters withChansPerBlock(int n) {
    return new MwaCalParameters(
        mode, n, uvMinLambda, uvMaxLambda, refAnt, maxIterations, tolerance, nThreads);
  }

  /** A copy with another uv range, wavelengths. */
  public MwaCalParameters withUvRange(double min, double max) {
    return new MwaCalParameters(
        mode, chansPerBlock, min, max, refAnt, maxIterations, tolerance, nThreads);
  }

  /** A copy with another reference antenna (-1 automatic). */
  public MwaCalParameters withRefAnt(int ant) {
    return new MwaCalParameters(
        mode, chansPerBlock, uvMinLambda, uvMaxLambda, ant, maxIterations, tolerance, nThreads);
  }

  /** A copy with another number of predict threads. */
  public MwaCalParameters withThreads(int n) {
    return new MwaCalParameters(
        mode, chansPerBlock, uvMinLambda, uvMaxLambda, refAnt, maxIterations, tolerance, n);
  }

  /** The StEFCal parameters: one interval for the whole input, these channel blocks and cuts. */
  public SolverParameters solverParameters() {
    return SolverParameters.defaults(mode)
        .withIntervals(Double.POSITIVE_INFINITY, chansPerBlock)
        .withUvRange(uvMinLambda, uvMaxLambda)
        .withRefAnt(refAnt)
        .withConvergence(maxIterations, tolerance)
        .withAnderson(ANDERSON_DEPTH);
  }
}
