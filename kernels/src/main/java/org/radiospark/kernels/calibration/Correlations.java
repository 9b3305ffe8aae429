package org.radiospark.kernels.calibration;

import java.util.Arrays;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.Stokes;

/**
 * Maps a block's correlation products onto elements of the 2x2 coherency matrix: XX, XY, YX, YY (or
 * RR, RL, LR, LL) are elements 0, 1, 2, 3 = {@code 2 i + j}, where i is the feed of the first
 * antenna and j that of the second. Any order of the products in the block is allowed.
 */
final class Correlations {
  private Correlations() {}

  /**
   * Element index {@code 2 i + j} of each polarisation of {@code pols}.
   *
   * @throws InvalidInputException if a product is a Stokes parameter, if linear and circular feeds
   *     are mixed, or if a product appears twice
   */
  static int[] elements(Stokes[] pols, String source) {
    int[] elem = new int[pols.length];
    boolean linear = false;
    boolean circular = false;
    boolean[] seen = new boolean[4];
    for (int p = 0; p < pols.length; p++) {
      Stokes s = pols[p];
      int e =
          switch (s) {
            case XX, RR -> 0;
            case XY, RL -> 1;
            case YX, LR -> 2;
            case YY, LL -> 3;
            default -> -1;
          };
      if (e < 0) {
        throw new InvalidInputException(
            source,
            "pols",
            "expected feed correlations (XX XY YX YY or RR RL LR LL), found Stokes "
                + s
                + " in "
                + Arrays.toString(pols));
      }
      linear |= s.isLinear();
      circular |= s.isCircular();
      if (seen[e]) {
        throw new InvalidInputException(
            source, "pols", "correlation " + s + " appears twice in " + Arrays.toString(pols));
      }
      seen[e] = true;
      elem[p] = e;
    }
    if (linear && circular) {
      throw new InvalidInputException(
          source, "pols", "mixes linear and circular feeds: " + Arrays.toString(pols));
    }
    return elem;
  }

  /** Whether element {@code e} (0..3) is present in {@code elem}. */
  static boolean has(int[] elem, int e) {
    for (int x : elem) {
      if (x == e) {
        return true;
      }
    }
    return false;
  }
}
