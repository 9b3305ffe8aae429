package org.radiospark.kernels.polarisation.stokes;

/**
 * How {@link PolarisationClean} couples the four Stokes images when it looks for peaks.
 *
 * <p>In both modes a component is placed at the peak pixel of a group in every image of the group,
 * each with {@code gain x} its own residual value there (WSClean's joined-polarisation rule: the
 * peak is found on the combined images, the component strengths come from each polarisation).
 */
public enum PolarisationCleanMode {
  /**
   * One group I, Q, U, V; the peak of {@code sqrt(I^2 + Q^2 + U^2 + V^2)}, as WSClean's {@code -pol
   * iquv -join-polarizations} (Radler's {@code ImageSet}: the square root of the summed squares
   * over the joined polarisations).
   */
  JOINED_IQUV(new int[][] {{0, 1, 2, 3}}),
  /**
   * Three groups: I alone (peak of |I|), Q and U together as the complex image {@code P = Q + iU}
   * (peak of |P|: complex CLEAN, the component {@code gain x P} at the peak), V alone (peak of
   * |V|). Polarised emission weaker than the total intensity is then cleaned to its own threshold.
   */
  COMPLEX_QU(new int[][] {{0}, {1, 2}, {3}});

  private final int[][] groups;

  PolarisationCleanMode(int[][] groups) {
    this.groups = groups;
  }

  /** The groups of Stokes indices (0 I, 1 Q, 2 U, 3 V) searched together. */
  public int[][] groups() {
    int[][] g = new int[groups.length][];
    for (int i = 0; i < g.length; i++) {
      g[i] = groups[i].clone();
    }
    return g;
  }
}
