package org.radiospark.kernels.polarisation.stokes;

import java.util.Objects;
import org.radiospark.kernels.deconvolution.BeamFitter;
import org.radiospark.kernels.deconvolution.CleanParameters;
import org.radiospark.kernels.deconvolution.Restorer;
import org.radiospark.kernels.deconvolution.RobustNoise;
import org.radiospark.kernels.deconvolution.StopReason;
import org.radiospark.kernels.imaging.Imager;
import org.radiospark.kernels.imaging.ImagingParams;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Full-Stokes imaging and polarisation CLEAN of one visibility block (one output channel of the
 * spectral pipeline): the correlations become I, Q, U, V visibilities ({@link StokesVisibilities},
 * conventions and the parallactic-angle assumption there), each is imaged with the same imaging
 * weights ({@link Imager}), so the four share one PSF, and {@link PolarisationClean} deconvolves
 * them in Cotton-Schwab major cycles (Schwab 1984).
 *
 * <p>Major cycle: for each group of the mode, {@code rms_G = sqrt(sum_{s in G} rms_s^2)} with
 * {@code rms_s = 1.4826 MAD(residual_s)}; the group is cleaned to {@code max(threshold,
 * autoThreshold x rms_G, (1 - mgain) x peak)}; with {@code mgain < 1} every Stokes model is then
 * predicted, subtracted from the Stokes visibilities and re-imaged. Stops when every group reached
 * its threshold, after {@code niter} components in all or {@code nmiter} major cycles. Hogbom only:
 * {@code multiscale} and {@code auto-mask} settings of {@link CleanParameters} are ignored. The
 * beam fitted to the PSF restores all four images ({@link Restorer}).
 *
 * <p>Cost per major cycle: four predicts and four inverts of the block ({@link Imager}) plus the
 * minor iterations, O(nx ny) each.
 */
public final class StokesImager {
  private StokesImager() {}

  /**
   * Everything one run produces; arrays indexed by Stokes (0 I, 1 Q, 2 U, 3 V).
   *
   * @param dirty dirty images, Jy/beam
   * @param model CLEAN models, Jy/pixel
   * @param residual final residuals, Jy/beam
   * @param restored restored images, Jy/beam, carrying the beam
   * @param psf the shared PSF, peak 1
   * @param beam restoring beam fitted to the PSF
   * @param sumWeights sum of imaging weights
   * @param iterations components placed over all groups and cycles
   * @param majorCycles major cycles run
   * @param stopReason why cleaning stopped
   */
  public record Products(
      Image[] dirty,
      Image[] model,
      Image[] residual,
      Image[] restored,
      Image psf,
      Beam beam,
      double sumWeights,
      long iterations,
      int majorCycles,
      StopReason stopReason) {}

  /**
   * Images and deconvolves {@code data}.
   *
   * @param data correlations of one feed type (all four), flags and weights honoured
   * @param imaging geometry, weighting, channel range, accuracy (its Stokes field is ignored)
   * @param clean gain, mgain, niter, nmiter, threshold, auto-threshold
   * @param mode how the four images are coupled in the peak search
   */
  public static Products run(
      VisibilityBlock data,
      ImagingParams imaging,
      CleanParameters clean,
      PolarisationCleanMode mode) {
    Objects.requireNonNull(mode, "mode");
    VisibilityBlock stokes = StokesVisibilities.convert(Objects.requireNonNull(data, "data"));
    Image[] dirty = new Image[4];
    Imager.Inversion inv = Imager.invertWithPsf(stokes, imaging.withStokes(Stokes.I));
    dirty[0] = inv.dirty();
    for (int s = 1; s < 4; s++) {
      dirty[s] = Imager.invert(stokes, imaging.withStokes(StokesVisibilities.IQUV[s]));
    }
    Image psf = inv.psf();
    Beam beam = BeamFitter.fit(psf);
    int npix = imaging.nx() * imaging.ny();
    double[][] residual = new double[4][];
    double[][] model = new double[4][npix];
    for (int s = 0; s < 4; s++) {
      residual[s] = dirty[s].pixels().clone();
    }
    long total = 0;
    int cycles = 0;
    StopReason reason = StopReason.NO_CLEANING;
    if (clean.maxIterations() > 0) {
      PolarisationClean pc = new PolarisationClean(psf.pixels(), imaging.nx(), imaging.ny());
      int[][] groups = mode.groups();
      boolean[] done = new boolean[groups.length];
      while (true) {
        cycles++;
        boolean allDone = true;
        for (int g = 0; g < groups.length; g++) {
          if (done[g] || total >= clean.maxIterations()) {
            continue;
          }
          double rms2 = 0;
          for (int s : groups[g]) {
            double r = RobustNoise.madRms(residual[s]);
            rms2 += r * r;
          }
          double threshold =
              Math.max(clean.absoluteThresholdJy(), clean.autoThresholdSigma() * Math.sqrt(rms2));
          PolarisationClean.Outcome o =
              pc.minorCycle(
                  residual,
                  model,
                  groups[g],
                  clean.gain(),
                  clean.majorLoopGain(),
                  threshold,
                  clean.maxIterations() - total);
          total += o.iterations();
          done[g] = o.thresholdReached() || o.iterations() == 0 && o.startPeakJy() <= threshold;
          allDone &= done[g];
        }
        if (clean.majorLoopGain() < 1 && total > 0) {
          for (int s = 0; s < 4; s++) {
            ImagingParams ps = imaging.withStokes(StokesVisibilities.IQUV[s]);
            Image m = new Image(dirty[s].geometry(), model[s].clone(), null, "JY/PIXEL");
            residual[s] = Imager.invert(Imager.residual(stokes, m, ps), ps).pixels();
          }
        }
        if (allDone) {
          reason = StopReason.THRESHOLD;
          break;
        }
        if (total >= clean.maxIterations()) {
          reason = StopReason.MAX_ITERATIONS;
          break;
        }
        if (clean.majorLoopGain() >= 1) {
          // Image-plane only: one minor cycle per group is the whole deconvolution.
          reason = StopReason.THRESHOLD;
          break;
        }
        if (clean.maxMajorCycles() > 0 && cycles >= clean.maxMajorCycles()) {
          reason = StopReason.MAX_MAJOR_CYCLES;
          break;
        }
      }
    }
    Image[] models = new Image[4];
    Image[] residuals = new Image[4];
    Image[] restored = new Image[4];
    Image[] dirtyOut = new Image[4];
    for (int s = 0; s < 4; s++) {
      models[s] = new Image(dirty[s].geometry(), model[s], null, "JY/PIXEL");
      residuals[s] = new Image(dirty[s].geometry(), residual[s], beam, "JY/BEAM");
      restored[s] = total == 0 ? residuals[s] : Restorer.restore(models[s], residuals[s], beam);
      dirtyOut[s] = dirty[s].withBeam(beam);
    }
    return new Products(
        dirtyOut, models, residuals, restored, psf, beam, inv.sumWeights(), total, cycles, reason);
  }
}
