package org.radiospark.kernels.testing;

import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.VisibilityBlock;

/** Test helpers comparing solved gains with planted ones and their noise limit. */
public final class GainTruth {
  private GainTruth() {}

  /** Mean amplitude of the diagonal Jones elements of slot 0, block 0 over all antennas. */
  public static double meanAmplitude(GainTable t) {
    double s = 0;
    for (int a = 0; a < t.nAnt(); a++) {
      int c = 8 * t.cell(0, 0, a);
      s +=
          Math.hypot(t.jones()[c], t.jones()[c + 1])
              + Math.hypot(t.jones()[c + 6], t.jones()[c + 7]);
    }
    return s / (2 * t.nAnt());
  }

  /**
   * {@code sum |M|^2} over the cross-correlations of antenna {@code ant} in correlation {@code
   * pol}, all channels: the Fisher information of that antenna's gain is this over the noise
   * variance.
   */
  public static double modelPower(VisibilityBlock m, int ant, int pol) {
    double s = 0;
    for (int r = 0; r < m.nRows(); r++) {
      if ((m.antenna1()[r] == ant) != (m.antenna2()[r] == ant)) {
        for (int c = 0; c < m.nChan(); c++) {
          int i = m.index(r, c, pol);
          s += m.vis()[2 * i] * m.vis()[2 * i] + m.vis()[2 * i + 1] * m.vis()[2 * i + 1];
        }
      }
    }
    return s;
  }
}
