package org.radiospark.kernels.calibration;

import java.util.Arrays;
import java.util.Objects;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Applies a {@link GainTable} to visibilities: {@link #corrupt} predicts observed visibilities from
 * model ones, {@code V_pq = J_p M_pq J_q^H}, and {@link #correct} removes the gains from data,
 * {@code J_p^-1 V_pq J_q^-H} (Hamaker, Bregman and Sault 1996). The two are exact inverses for
 * invertible Jones (in double precision; the block stores float32, so a round trip through a block
 * is exact to float rounding times the condition number of the Jones matrices).
 *
 * <p>The gain cell of a sample is {@code (table.slotOf(time), chanToBlock[chan], antenna)}. Samples
 * whose time lies in no slot, whose gain cell is flagged, or (for {@link #correct}) whose Jones
 * matrix is singular are flagged; their values are left as they were. Correlations may come in any
 * order; full-Jones tables need all four, scalar and diagonal tables work with any subset (for
 * example only the parallel hands), since then every correlation is scaled independently. Weights
 * are not changed. Autocorrelations are transformed like any other baseline.
 *
 * <p>Complexity O(rows x channels x correlations); Jones inverses are computed once per call,
 * O(table cells).
 */
public final class GainApplier {
  /** {@code |det J| <= SINGULAR ||J||_F^2} counts as singular. */
  private static final double SINGULAR = 1e-12;

  private GainApplier() {}

  /**
   * A copy of {@code model} corrupted by the gains: {@code V = J_p M J_q^H}.
   *
   * @param chanToBlock gain channel block of each channel of {@code model} (see {@link
   *     ChannelBlocks}, or {@link CalibrationSolution#chanToBlock()})
   */
  public static VisibilityBlock corrupt(VisibilityBlock model, GainTable table, int[] chanToBlock) {
    VisibilityBlock out = model.copy();
    corruptInPlace(out, table, chanToBlock);
    return out;
  }

  /** A copy of {@code data} with the gains removed: {@code J_p^-1 V J_q^-H}. */
  public static VisibilityBlock correct(VisibilityBlock data, GainTable table, int[] chanToBlock) {
    VisibilityBlock out = data.copy();
    correctInPlace(out, table, chanToBlock);
    return out;
  }

  /**
   * {@link #corrupt} in place: overwrites {@code block}'s samples and flags.
   *
   * @return the number of samples newly flagged
   */
  public static long corruptInPlace(VisibilityBlock block, GainTable table, int[] chanToBlock) {
    return apply(block, table, chanToBlock, false);
  }

  /**
   * {@link #correct} in place: overwrites {@code block}'s samples and flags.
   *
   * @return the number of samples newly flagged
   */
  public static long correctInPlace(VisibilityBlock block, GainTable table, int[] chanToBlock) {
    return apply(block, table, chanToBlock, true);
  }

  private static long apply(
      VisibilityBlock block, GainTable table, int[] chanToBlock, boolean inverse) {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(table, "table");
    int[] elem = validate(block, table, chanToBlock);
    boolean full = table.type() == GainTable.JonesType.FULL;
    int nAnt = table.nAnt();
    int nBlocks = table.nChanBlocks();
    int nCells = table.nSlots() * nBlocks * nAnt;
    double[] jones = table.jones();
    boolean[] usable = new boolean[nCells];
    double[] left = jones; // J_p or J_p^-1
    if (inverse) {
      left = new double[jones.length];
      for (int c = 0; c < nCells; c++) {
        usable[c] = !table.flagged()[c] && Jones.invert(jones, 8 * c, left, 8 * c, SINGULAR);
      }
    } else {
      for (int c = 0; c < nCells; c++) {
        usable[c] = !table.flagged()[c];
      }
    }
    int nChan = block.nChan();
    int nPol = block.nPol();
    float[] vis = block.vis();
    boolean[] flag = block.flag();
    double[] x = new double[8];
    double[] y = new double[8];
    double[] tmp = new double[8];
    long newlyFlagged = 0;
    for (int r = 0; r < block.nRows(); r++) {
      int slot = table.slotOf(block.timeMjdSec()[r]);
      int a1 = block.antenna1()[r];
      int a2 = block.antenna2()[r];
      for (int ch = 0; ch < nChan; ch++) {
        int base = (r * nChan + ch) * nPol;
        int cp = slot < 0 ? -1 : table.cell(slot, chanToBlock[ch], a1);
        int cq = slot < 0 ? -1 : table.cell(slot, chanToBlock[ch], a2);
        if (cp < 0 || !usable[cp] || !usable[cq]) {
          for (int k = 0; k < nPol; k++) {
            if (!flag[base + k]) {
              flag[base + k] = true;
              newlyFlagged++;
            }
          }
          continue;
        }
        if (full) {
          for (int k = 0; k < nPol; k++) {
            x[2 * elem[k]] = vis[2 * (base + k)];
            x[2 * elem[k] + 1] = vis[2 * (base + k) + 1];
          }
          Jones.corrupt(left, 8 * cp, x, 0, left, 8 * cq, y, 0, tmp);
          for (int k = 0; k < nPol; k++) {
            vis[2 * (base + k)] = (float) y[2 * elem[k]];
            vis[2 * (base + k) + 1] = (float) y[2 * elem[k] + 1];
          }
        } else {
          for (int k = 0; k < nPol; k++) {
            int i = elem[k] >> 1;
            int j = elem[k] & 1;
            // Diagonal Jones: element (i, j) scales by g_p,i conj(g_q,j) (or its inverse).
            int po = 8 * cp + 6 * i;
            int qo = 8 * cq + 6 * j;
            double gr = left[po] * left[qo] + left[po + 1] * left[qo + 1];
            double gi = left[po + 1] * left[qo] - left[po] * left[qo + 1];
            double vr = vis[2 * (base + k)];
            double vi = vis[2 * (base + k) + 1];
            vis[2 * (base + k)] = (float) (gr * vr - gi * vi);
            vis[2 * (base + k) + 1] = (float) (gr * vi + gi * vr);
          }
        }
      }
    }
    return newlyFlagged;
  }

  private static int[] validate(VisibilityBlock block, GainTable table, int[] chanToBlock) {
    Objects.requireNonNull(chanToBlock, "chanToBlock");
    if (chanToBlock.length != block.nChan()) {
      throw new InvalidInputException(
          "gain application",
          "chanToBlock",
          "expected one entry per channel (" + block.nChan() + "), got " + chanToBlock.length);
    }
    for (int b : chanToBlock) {
      if (b < 0 || b >= table.nChanBlocks()) {
        throw new InvalidInputException(
            "gain application",
            "chanToBlock",
            "block " + b + " outside the table's [0, " + table.nChanBlocks() + ")");
      }
    }
    for (int r = 0; r < block.nRows(); r++) {
      int a1 = block.antenna1()[r];
      int a2 = block.antenna2()[r];
      if (a1 < 0 || a1 >= table.nAnt() || a2 < 0 || a2 >= table.nAnt()) {
        throw new InvalidInputException(
            "visibilities",
            "antenna1/antenna2",
            "row " + r + " has antennas " + a1 + ", " + a2 + ", table has " + table.nAnt());
      }
    }
    if (table.type() != GainTable.JonesType.FULL) {
      double[] j = table.jones();
      for (int c = 0; c < j.length; c += 8) {
        if (j[c + 2] != 0 || j[c + 3] != 0 || j[c + 4] != 0 || j[c + 5] != 0) {
          throw new InvalidInputException(
              "gain table",
              "jones",
              "a " + table.type() + " table has off-diagonal terms in cell " + c / 8);
        }
      }
    }
    int[] elem = Correlations.elements(block.pols(), "visibilities");
    if (table.type() == GainTable.JonesType.FULL && elem.length != 4) {
      throw new InvalidInputException(
          "visibilities",
          "pols",
          "a full-Jones table needs all four correlations, found " + Arrays.toString(block.pols()));
    }
    return elem;
  }
}
