package org.radiospark.kernels.calibration;

/**
 * Per-cell diagnostics of a {@link StefcalSolver} run. Every array is indexed by {@code cell = slot
 * * nChanBlocks + block} (one entry per solution interval and channel block, not per antenna).
 *
 * <p>{@code chi2Before} is {@code sum w |V - M|^2} (identity gains) and {@code chi2After} is {@code
 * sum w |V - J_p M J_q^H|^2} with the solved gains, both over the correlation samples the solver
 * used, in Jy^2 times weight units. For noise-only residuals with weights {@code 1/sigma^2} per
 * complex sample, {@code chi2After / nSamples} approaches 1 minus the fraction of degrees of
 * freedom spent on the gains.
 *
 * @param nChanBlocks channel blocks per slot
 * @param iterations iterations run per cell (0 when the cell had no data)
 * @param converged whether the tolerance was reached within the iteration limit
 * @param chi2Before weighted squared residual with identity gains
 * @param chi2After weighted squared residual with the solved gains
 * @param nSamples number of correlation samples (complex visibilities) used
 * @param refAnt reference antenna used in each cell, or -1 when the cell had no data
 */
public record SolveDiagnostics(
    int nChanBlocks,
    int[] iterations,
    boolean[] converged,
    double[] chi2Before,
    double[] chi2After,
    long[] nSamples,
    int[] refAnt) {

  /** Number of cells. */
  public int nCells() {
    return iterations.length;
  }

  /** Whether every cell with data converged. */
  public boolean allConverged() {
    for (int c = 0; c < converged.length; c++) {
      if (nSamples[c] > 0 && !converged[c]) {
        return false;
      }
    }
    return true;
  }
}
