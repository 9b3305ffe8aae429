package org.radiospark.kernels.io.vcs;

import java.util.List;
import org.radiospark.kernels.io.mwa.Metafits;
import org.radiospark.kernels.io.mwa.MwaRfInput;

/**
 * Where each tile and polarisation sits among the 256 bytes of a legacy VCS sample.
 *
 * <p>The legacy PFB writes its 256 inputs in "VCS order": the metafits {@code Input} number {@code
 * i} lands at byte {@code (i & 0xC0) | ((i & 0x30) >> 4) | ((i & 0x0F) << 2)} of each (sample, fine
 * channel) record (mwalib's {@code vcs_order}; the same as vcstools' {@code form_beam.h} offset
 * {@code (a>>5)*64 + ((2a+p)&15)*4 + ((a>>3)&3)} with {@code i = 2a + p}). Tiles are indexed by the
 * metafits {@code Antenna} column, polarisations 0 = X, 1 = Y.
 */
public final class VcsInputMap {
  private final int[][] position;

  private VcsInputMap(int[][] position) {
    this.position = position;
  }

  /** The PFB output position of metafits input {@code input} (0..255). */
  public static int vcsOrder(int input) {
    if (input < 0 || input >= VcsFormat.INPUTS) {
      throw new IllegalArgumentException("input must be in 0..255: " + input);
    }
    return (input & 0xC0) | ((input & 0x30) >> 4) | ((input & 0x0F) << 2);
  }

  /**
   * The map of a metafits' {@code TILEDATA}: every row's {@code (Antenna, Pol)} to {@code
   * vcsOrder(Input)}.
   *
   * @throws IllegalArgumentException if the table does not hold 256 rows with distinct inputs
   *     0..255 and every antenna 0..127 in both polarisations
   */
  public static VcsInputMap of(Metafits metafits) {
    return of(metafits.inputs());
  }

  /** As {@link #of(Metafits)} from the {@code TILEDATA} rows. */
  public static VcsInputMap of(List<MwaRfInput> inputs) {
    int nAnt = VcsFormat.INPUTS / 2;
    if (inputs.size() != VcsFormat.INPUTS) {
      throw new IllegalArgumentException(
          "legacy VCS needs 256 TILEDATA rows (128 tiles x 2 pols): " + inputs.size());
    }
    int[][] pos = new int[nAnt][2];
    for (int[] p : pos) {
      java.util.Arrays.fill(p, -1);
    }
    boolean[] used = new boolean[VcsFormat.INPUTS];
    for (MwaRfInput in : inputs) {
      if (in.antenna() >= nAnt || in.input() >= VcsFormat.INPUTS) {
        throw new IllegalArgumentException(
            "Antenna must be < 128 and Input < 256: " + in.antenna() + ", " + in.input());
      }
      int v = vcsOrder(in.input());
      if (used[v] || pos[in.antenna()][in.polIndex()] >= 0) {
        throw new IllegalArgumentException(
            "duplicate Input " + in.input() + " or (Antenna, Pol) " + in.antenna() + in.pol());
      }
      used[v] = true;
      pos[in.antenna()][in.polIndex()] = v;
    }
    return new VcsInputMap(pos);
  }

  /** Number of tiles (128). */
  public int nTiles() {
    return position.length;
  }

  /** Byte position (0..255) of tile {@code antenna}'s polarisation {@code pol} (0 X, 1 Y). */
  public int position(int antenna, int pol) {
    return position[antenna][pol];
  }
}
