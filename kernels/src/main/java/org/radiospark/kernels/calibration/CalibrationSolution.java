package org.radiospark.kernels.calibration;

import java.util.Objects;
import org.radiospark.kernels.model.GainTable;

/**
 * Result of {@link StefcalSolver#solve}: the gain table, the channel-to-block map it was solved
 * with (pass it to {@link GainApplier} for the same channels), the per-cell diagnostics and the
 * parameters used.
 *
 * <p>The {@link GainTable.JonesType} label is PHASE for scalar phase-only solutions, FULL for full
 * Jones, DIAGONAL otherwise (scalar amplitude-and-phase solutions are stored with J00 = J11 and
 * diagonal phase-only ones with unit moduli); {@link #parameters()} keeps the exact mode.
 *
 * @param table gains per (slot, channel block, antenna), see {@link GainTable} for the layout
 * @param chanToBlock {@code chanToBlock[ch]} is the channel block of channel {@code ch} of the
 *     solved block
 * @param diagnostics iterations, convergence and chi-square per cell
 * @param parameters the solver parameters
 */
public record CalibrationSolution(
    GainTable table, int[] chanToBlock, SolveDiagnostics diagnostics, SolverParameters parameters) {

  /** Checks that no component is null. */
  public CalibrationSolution {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(chanToBlock, "chanToBlock");
    Objects.requireNonNull(diagnostics, "diagnostics");
    Objects.requireNonNull(parameters, "parameters");
  }
}
