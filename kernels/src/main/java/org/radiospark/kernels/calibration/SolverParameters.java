package org.radiospark.kernels.calibration;

import org.radiospark.kernels.model.InvalidInputException;

/**
 * Immutable settings of {@link StefcalSolver}. Build from {@link #defaults(JonesMode)} and the
 * {@code with...} methods; the canonical constructor validates every field.
 *
 * @param mode what to solve for (scalar, diagonal or full Jones)
 * @param phaseOnly normalise gain amplitudes to 1 after every update (scalar and diagonal only)
 * @param maxIterations StEFCal iterations per cell, at least 1 (ARL default 30)
 * @param tolerance convergence when {@code ||g_i - g_{i-1}||_F / ||g_i||_F <= tolerance}, checked
 *     every second iteration as in Salvini and Wijnholds (2014) Alg. 1 (default 1e-6)
 * @param refAnt reference antenna (0-based) whose phase is set to zero, or -1 to pick one
 *     automatically; a reference without data in a cell is replaced there by the antenna with the
 *     most data
 * @param solintSec solution interval in seconds; a value {@code <= 0} or infinite means one
 *     interval for the whole block
 * @param chansPerBlock channels per frequency block (1 = per channel); {@code <= 0} means one block
 *     for all channels
 * @param uvMinLambda smallest projected baseline length {@code sqrt(u^2 + v^2)} used, in
 *     wavelengths at each channel's frequency
 * @param uvMaxLambda largest projected baseline length used, in wavelengths (may be infinite)
 * @param andersonDepth 0 (default) for plain StEFCal with its damping every second iteration, as
 *     ARL and hyperdrive iterate; 1..20 to accelerate the same iteration with Anderson acceleration
 *     of that history length (5 is a good choice), which converges in far fewer iterations for
 *     weakly polarised models and reaches the same solution
 */
public record SolverParameters(
    JonesMode mode,
    boolean phaseOnly,
    int maxIterations,
    double tolerance,
    int refAnt,
    double solintSec,
    int chansPerBlock,
    double uvMinLambda,
    double uvMaxLambda,
    int andersonDepth) {

  /** ARL's default number of iterations. */
  public static final int DEFAULT_MAX_ITERATIONS = 30;

  /** ARL's default convergence tolerance. */
  public static final double DEFAULT_TOLERANCE = 1e-6;

  /** Validates every field; throws {@link InvalidInputException} naming the bad one. */
  public SolverParameters {
    String src = "calibration parameters";
    if (mode == null) {
      throw new InvalidInputException(src, "mode", "expected SCALAR, DIAGONAL or FULL, got null");
    }
    if (phaseOnly && mode == JonesMode.FULL) {
      throw new InvalidInputException(
          src, "phaseOnly", "phase-only solutions are defined for SCALAR and DIAGONAL modes only");
    }
    if (maxIterations < 1) {
      throw new InvalidInputException(
          src, "maxIterations", "expected at least 1, got " + maxIterations);
    }
    if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
      throw new InvalidInputException(
          src, "tolerance", "expected a finite value >= 0, got " + tolerance);
    }
    if (refAnt < -1) {
      throw new InvalidInputException(
          src, "refAnt", "expected an antenna index >= 0 or -1 (automatic), got " + refAnt);
    }
    if (Double.isNaN(solintSec)) {
      throw new InvalidInputException(src, "solintSec", "expected a number of seconds, got NaN");
    }
    if (!(uvMinLambda >= 0) || !(uvMaxLambda > uvMinLambda) || Double.isInfinite(uvMinLambda)) {
      throw new InvalidInputException(
          src,
          "uvMinLambda/uvMaxLambda",
          "expected 0 <= min < max (wavelengths), got " + uvMinLambda + " and " + uvMaxLambda);
    }
    if (andersonDepth < 0 || andersonDepth > 20) {
      throw new InvalidInputException(
          src, "andersonDepth", "expected 0 (off) to 20, got " + andersonDepth);
    }
  }

  /**
   * ARL defaults: 30 iterations, tolerance 1e-6, automatic reference antenna, one interval and one
   * channel block for the whole block, no uv cut, amplitude and phase.
   */
  public static SolverParameters defaults(JonesMode mode) {
    return new SolverParameters(
        mode,
        false,
        DEFAULT_MAX_ITERATIONS,
        DEFAULT_TOLERANCE,
        -1,
        Double.POSITIVE_INFINITY,
        0,
        0,
        Double.POSITIVE_INFINITY,
        0);
  }

  /** A copy with phase-only solutions switched on or off. */
  public SolverParameters withPhaseOnly(boolean p) {
    return new SolverParameters(
        mode,
        p,
        maxIterations,
        tolerance,
        refAnt,
        solintSec,
        chansPerBlock,
        uvMinLambda,
        uvMaxLambda,
        andersonDepth);
  }

  /** A copy with another iteration limit and tolerance. */
  public SolverParameters withConvergence(int maxIter, double tol) {
    return new SolverParameters(
        mode,
        phaseOnly,
        maxIter,
        tol,
        refAnt,
        solintSec,
        chansPerBlock,
        uvMinLambda,
        uvMaxLambda,
        andersonDepth);
  }

  /** A copy with another reference antenna (-1 = automatic). */
  public SolverParameters withRefAnt(int ant) {
    return new SolverParameters(
        mode,
        phaseOnly,
        maxIterations,
        tolerance,
        ant,
        solintSec,
        chansPerBlock,
        uvMinLambda,
        uvMaxLambda,
        andersonDepth);
  }

  /** A copy with another solution interval (seconds) and channels per block. */
  public SolverParameters withIntervals(double solint, int chansPerBlk) {
    return new SolverParameters(
        mode,
        phaseOnly,
        maxIterations,
        tolerance,
        refAnt,
        solint,
        chansPerBlk,
        uvMinLambda,
        uvMaxLambda,
        andersonDepth);
  }

  /** A copy with another uv range, in wavelengths. */
  public SolverParameters withUvRange(double minLambda, double maxLambda) {
    return new SolverParameters(
        mode,
        phaseOnly,
        maxIterations,
        tolerance,
        refAnt,
        solintSec,
        chansPerBlock,
        minLambda,
        maxLambda,
        andersonDepth);
  }

  /** A copy with Anderson acceleration of the given history length (0 = plain StEFCal). */
  public SolverParameters withAnderson(int depth) {
    return new SolverParameters(
        mode,
        phaseOnly,
        maxIterations,
        tolerance,
        refAnt,
        solintSec,
        chansPerBlock,
        uvMinLambda,
        uvMaxLambda,
        depth);
  }

  /** Whether the whole observation is one solution interval. */
  public boolean wholeObservation() {
    return !(solintSec > 0) || Double.isInfinite(solintSec);
  }
}
