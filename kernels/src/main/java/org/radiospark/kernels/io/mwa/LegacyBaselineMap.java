package org.radiospark.kernels.io.mwa;

import java.util.List;

/**
 * Where each output visibility of the legacy (pre-2021) MWA correlator sits in a gpubox HDU row.
 *
 * <p>The legacy correlator writes, per fine channel, 8256 x 4 complex values in the order of its
 * inputs as they leave the fine PFB. Walking correlator columns {@code c = 0, 2, ..., 254} and rows
 * {@code r = 0, 2, ..., c}, each 2 x 2 block emits four complex numbers: (r, c), (r+1, c), (r,
 * c+1), (r+1, c+1), where the (r+1, c) slot of a diagonal block is a redundant output. The PFB
 * position {@code p} holds metafits input {@code Input = (p & 0xc0) | ((p & 3) << 4) | ((p & 0x3c)
 * >> 2)}; the input is mapped to its output slot {@code 2 * Antenna + (Pol == Y)}. Products missing
 * from the triangle are the conjugates of their transposes, and the whole result is conjugated to
 * the MWAX/mwalib convention, which is also Cotter's and CASA's (mwalib's {@code convert.rs},
 * described by B. Crosse; the final conjugation is mwalib issue #16; checked here against Cotter's
 * output for 1131733552).
 *
 * <p>Output order: baselines {@code (a1, a2)}, {@code a1 <= a2} over the 128 antennas, pols XX, XY,
 * YX, YY. Built once in O(256^2); {@link #source} and {@link #conjugate} are O(1).
 */
public final class LegacyBaselineMap {
  /** Antennas of the legacy correlator. */
  public static final int N_ANTENNAS = 128;

  /** Baselines including autocorrelations: 128 x 129 / 2. */
  public static final int N_BASELINES = N_ANTENNAS * (N_ANTENNAS + 1) / 2;

  private final int[] source;
  private final boolean[] conjugate;

  private LegacyBaselineMap(int[] source, boolean[] conjugate) {
    this.source = source;
    this.conjugate = conjugate;
  }

  /**
   * Builds the map from the 256 {@code TILEDATA} rows.
   *
   * @throws IllegalArgumentException unless there are 256 inputs numbered 0..255
   */
  public static LegacyBaselineMap of(List<MwaRfInput> inputs) {
    int nIn = 2 * N_ANTENNAS;
    if (inputs.size() != nIn) {
      throw new IllegalArgumentException(
          "the legacy correlator has 256 inputs, the metafits " + inputs.size());
    }
    int[] slotOfInput = new int[nIn];
    java.util.Arrays.fill(slotOfInput, -1);
    for (MwaRfInput in : inputs) {
      if (in.input() >= nIn || in.antenna() >= N_ANTENNAS) {
        throw new IllegalArgumentException(
            "legacy Input must be < 256 and Antenna < 128: " + in.input() + ", " + in.antenna());
      }
      slotOfInput[in.input()] = 2 * in.antenna() + in.polIndex();
    }
    // full[row slot][col slot] = complex index in the HDU row, or -1 when only the transpose
    // exists.
    int[] full = new int[nIn * nIn];
    java.util.Arrays.fill(full, -1);
    int k = 0;
    for (int c = 0; c < nIn; c += 2) {
      int ca = slotOfInput[pfbToInput(c)];
      int cb = slotOfInput[pfbToInput(c + 1)];
      for (int r = 0; r <= c; r += 2) {
        int r1 = slotOfInput[pfbToInput(r)];
        int r2 = slotOfInput[pfbToInput(r + 1)];
        full[r1 * nIn + ca] = k++;
        if (r != c) {
          full[r2 * nIn + ca] = k;
        }
        k++;
        full[r1 * nIn + cb] = k++;
        full[r2 * nIn + cb] = k++;
      }
    }
    int[] source = new int[N_BASELINES * 4];
    boolean[] conjugate = new boolean[N_BASELINES * 4];
    int b = 0;
    for (int a1 = 0; a1 < N_ANTENNAS; a1++) {
      for (int a2 = a1; a2 < N_ANTENNAS; a2++) {
        for (int p = 0; p < 4; p++) {
          int s1 = 2 * a1 + (p >> 1);
          int s2 = 2 * a2 + (p & 1);
          int direct = full[s1 * nIn + s2];
          int i = 4 * b + p;
          if (direct >= 0) {
            source[i] = direct;
            conjugate[i] = true; // the final conjugation to the MWAX triangle
          } else {
            source[i] = full[s2 * nIn + s1];
            conjugate[i] = false; // conjugate of the transpose, conjugated again
          }
        }
        b++;
      }
    }
    return new LegacyBaselineMap(source, conjugate);
  }

  /** The metafits input at fine-PFB output position {@code p} (0..255). */
  static int pfbToInput(int p) {
    return (p & 0xc0) | ((p & 0x03) << 4) | ((p & 0x3c) >> 2);
  }

  /** Complex index within one fine channel of the HDU for output (baseline, pol). */
  public int source(int baseline, int pol) {
    return source[4 * baseline + pol];
  }

  /** Whether the value at {@link #source} must be conjugated. */
  public boolean conjugate(int baseline, int pol) {
    return conjugate[4 * baseline + pol];
  }
}
