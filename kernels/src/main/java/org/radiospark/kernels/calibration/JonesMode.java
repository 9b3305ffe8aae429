package org.radiospark.kernels.calibration;

/** The form of the per-antenna Jones matrix that {@link StefcalSolver} solves for. */
public enum JonesMode {
  /** One complex gain per antenna shared by both feeds: {@code J = g I}. */
  SCALAR,
  /** One complex gain per antenna and feed: {@code J = diag(g_X, g_Y)} (or R, L). */
  DIAGONAL,
  /**
   * A full 2x2 complex Jones matrix per antenna, including leakage (needs all four correlations).
   */
  FULL
}
