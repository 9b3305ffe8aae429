package org.radiospark.kernels.selfcal;

import java.util.List;
import java.util.Objects;
import org.radiospark.kernels.calibration.CalibrationSolution;
import org.radiospark.kernels.calibration.GainApplier;
import org.radiospark.kernels.calibration.SolveDiagnostics;
import org.radiospark.kernels.calibration.SolverParameters;
import org.radiospark.kernels.calibration.StefcalSolver;
import org.radiospark.kernels.imaging.ComponentPredictor;
import org.radiospark.kernels.imaging.Imager;
import org.radiospark.kernels.imaging.ImagingParams;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * One visibility block's share of an ICAL major loop (ARL's {@code ical} per visibility chunk):
 *
 * <ol>
 *   <li>{@code reppre_ifft + degrid}: model visibilities of the CLEAN model image ({@link
 *       Imager#predict}, the w-gridder's degridding; a model made of facet windows predicts as the
 *       sum of its facets' predictions because the operator is linear);
 *   <li>{@code pharotpre_dft_sumvis}: plus the exact DFT of the bright (catalogue) components
 *       ({@link ComponentPredictor});
 *   <li>{@code solve}: StEFCal gains of every antenna for the whole block (the block is one
 *       solution interval by one frequency block), when asked to; amplitude solutions are
 *       normalised to a mean amplitude of 1 (CASA's {@code solnorm}), because self-calibration
 *       cannot tell a brighter sky from larger gains: without it an incomplete early model pulls
 *       the flux scale down to its own;
 *   <li>{@code correct/subtract}: the data corrected by the block's gains (just solved, or given)
 *       minus the model;
 *   <li>{@code grid}: the naturally weighted residual (and, once, the PSF) gridded without
 *       normalisation ({@link Imager#invertPartial}), so that the partial images of all blocks sum
 *       to the residual image of the whole data set.
 * </ol>
 *
 * Cost: one degrid and one grid of the block, a DFT of {@code rows x channels x components}, and
 * the solver's {@code iterations x rows x channels}. Pure and deterministic: the same block and
 * inputs give bit-identical outputs wherever they run.
 */
public final class SelfCalStep {
  private SelfCalStep() {}

  /**
   * @param imaging geometry, natural weighting, polarisation, gridder accuracy and threads
   * @param solver solver settings for the whole block (one interval, one channel block), or null
   *     not to solve
   * @param nAnt number of antennas (gain table size)
   * @param psf whether to grid the PSF too
   */
  public record Settings(ImagingParams imaging, SolverParameters solver, int nAnt, boolean psf) {
    /** Checks for nulls and a positive antenna count. */
    public Settings {
      Objects.requireNonNull(imaging, "imaging");
      if (nAnt < 1) {
        throw new IllegalArgumentException("nAnt must be positive: " + nAnt);
      }
    }
  }

  /**
   * What one block contributes.
   *
   * @param gains the gains solved for (or applied to) the block: one slot, one channel block; null
   *     when none were applied
   * @param diagnostics solver diagnostics, or null when nothing was solved
   * @param residual unnormalised residual image {@code [y * nx + x]}
   * @param psf unnormalised PSF, or null
   * @param sumWeights sum of the imaging weights of the block
   */
  public record Result(
      GainTable gains,
      SolveDiagnostics diagnostics,
      double[] residual,
      double[] psf,
      double sumWeights) {}

  /**
   * Runs the step: {@link #predict} then {@link #calibrateAndGrid}.
   *
   * @param data the block's observed visibilities (not modified)
   * @param model CLEAN model image in Jy/pixel of the imaging geometry, or null for none
   * @param bright components predicted by DFT (may be empty)
   * @param apply gains to correct with when not solving (one slot and channel block, as {@link
   *     Result#gains()} returns them), or null for none
   */
  public static Result run(
      VisibilityBlock data, Image model, List<SkyComponent> bright, GainTable apply, Settings s) {
    return calibrateAndGrid(data, predict(data, model, bright, s.imaging()), apply, s);
  }

  /**
   * Solve (when {@code s.solver()} is set), correct, subtract {@code predicted} and grid.
   *
   * @param data the block's observed visibilities (not modified)
   * @param predicted model visibilities of the same rows, channels and correlations
   * @param apply gains to correct with when not solving, or null
   */
  public static Result calibrateAndGrid(
      VisibilityBlock data, VisibilityBlock predicted, GainTable apply, Settings s) {
    GainTable gains = apply;
    SolveDiagnostics diagnostics = null;
    int[] chanToBlock = new int[data.nChan()];
    if (s.solver() != null) {
      CalibrationSolution sol = new StefcalSolver(s.solver()).solve(data, predicted, s.nAnt());
      gains = sol.table();
      if (!s.solver().phaseOnly()) {
        normaliseAmplitudes(gains);
      }
      diagnostics = sol.diagnostics();
      chanToBlock = sol.chanToBlock();
    }
    VisibilityBlock residual =
        gains == null ? data.copy() : GainApplier.correct(data, gains, chanToBlock);
    float[] v = residual.vis();
    float[] m = predicted.vis();
    if (m.length != v.length) {
      throw new IllegalArgumentException("model and data blocks differ in size");
    }
    for (int i = 0; i < v.length; i++) {
      v[i] -= m[i];
    }
    Imager.Partial r = Imager.invertPartial(residual, s.imaging(), false);
    double[] psf = s.psf() ? Imager.invertPartial(data, s.imaging(), true).pixels() : null;
    return new Result(gains, diagnostics, r.pixels(), psf, r.sumWeights());
  }

  /**
   * Divides every Jones matrix of {@code g} (in place) by the mean amplitude of the unflagged
   * diagonal elements, so that they average 1.
   */
  static void normaliseAmplitudes(GainTable g) {
    double[] j = g.jones();
    boolean[] flagged = g.flagged();
    double sum = 0;
    int n = 0;
    for (int c = 0; c < flagged.length; c++) {
      if (!flagged[c]) {
        sum += Math.hypot(j[8 * c], j[8 * c + 1]) + Math.hypot(j[8 * c + 6], j[8 * c + 7]);
        n += 2;
      }
    }
    if (n == 0 || !(sum > 0)) {
      return;
    }
    double scale = n / sum;
    for (int i = 0; i < j.length; i++) {
      j[i] *= scale;
    }
  }

  /**
   * Model visibilities: degridded model image plus DFT of the bright components (fresh sample
   * array; row metadata, weights and flags shared with {@code data}).
   */
  public static VisibilityBlock predict(
      VisibilityBlock data, Image model, List<SkyComponent> bright, ImagingParams p) {
    VisibilityBlock out;
    if (model != null && hasFlux(model)) {
      out = Imager.predict(model, data, p);
    } else {
      out = data.withVis(new float[data.vis().length]);
    }
    if (bright != null && !bright.isEmpty()) {
      new ComponentPredictor(p.nThreads()).add(out, bright, null);
    }
    return out;
  }

  private static boolean hasFlux(Image model) {
    for (double x : model.pixels()) {
      if (x != 0) {
        return true;
      }
    }
    return false;
  }
}
