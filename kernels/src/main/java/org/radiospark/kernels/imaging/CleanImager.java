package org.radiospark.kernels.imaging;

import java.util.List;
import java.util.Objects;
import org.radiospark.kernels.deconvolution.BeamFitter;
import org.radiospark.kernels.deconvolution.CleanParameters;
import org.radiospark.kernels.deconvolution.CottonSchwabDeconvolver;
import org.radiospark.kernels.deconvolution.DeconvolutionResult;
import org.radiospark.kernels.deconvolution.MajorCycleStats;
import org.radiospark.kernels.deconvolution.ResidualOperator;
import org.radiospark.kernels.deconvolution.StopReason;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Imaging and deconvolution of one visibility block, as {@code wsclean} does for one output
 * channel: weight, invert to a dirty image and PSF, fit the restoring beam, then Cotton-Schwab
 * major cycles whose residual step predicts the model with {@link Imager#predict}, subtracts it
 * from the data and re-images ({@link Imager#invert}) with the same weights.
 *
 * <p>No Spark: the {@code image} job maps this over channel groups. Cost per major cycle: one
 * degrid and one grid of the block plus the minor cycles.
 */
public final class CleanImager {
  private CleanImager() {}

  /**
   * Everything one run produces, WSClean's products.
   *
   * @param dirty dirty image, Jy/beam
   * @param psf point-spread function, peak 1
   * @param model CLEAN model, Jy/pixel
   * @param residual final residual, Jy/beam
   * @param restored model convolved with the beam plus residual, Jy/beam (the dirty image when no
   *     cleaning was asked for)
   * @param beam restoring beam fitted to the PSF main lobe
   * @param sumWeights sum of imaging weights (for combining channel groups)
   * @param iterations minor iterations
   * @param majorCycles major cycles
   * @param stopReason why cleaning stopped
   * @param finalThresholdJy the last cycle's stopping threshold
   * @param cycles per major cycle statistics
   */
  public record Products(
      Image dirty,
      Image psf,
      Image model,
      Image residual,
      Image restored,
      Beam beam,
      double sumWeights,
      long iterations,
      int majorCycles,
      StopReason stopReason,
      double finalThresholdJy,
      List<MajorCycleStats> cycles) {}

  /**
   * Images and deconvolves {@code data}.
   *
   * @param data visibilities (flags and weights honoured)
   * @param imaging geometry, weighting, polarisation, channel range, gridder accuracy, threads
   * @param clean deconvolution settings; {@code maxIterations == 0} gives the dirty image only
   */
  public static Products run(VisibilityBlock data, ImagingParams imaging, CleanParameters clean) {
    Objects.requireNonNull(data, "data");
    Imager.Inversion inv = Imager.invertWithPsf(data, imaging);
    if (clean.maxIterations() == 0) {
      Beam beam = BeamFitter.fit(inv.psf());
      Image model =
          new Image(
              inv.dirty().geometry(), new double[inv.dirty().pixels().length], null, "JY/PIXEL");
      Image dirty = inv.dirty().withBeam(beam);
      return new Products(
          dirty,
          inv.psf(),
          model,
          dirty,
          dirty,
          beam,
          inv.sumWeights(),
          0,
          0,
          StopReason.NO_CLEANING,
          Double.NaN,
          List.of());
    }
    ResidualOperator reimage =
        model -> Imager.invert(Imager.residual(data, model, imaging), imaging);
    DeconvolutionResult r =
        new CottonSchwabDeconvolver(clean).deconvolve(inv.dirty(), inv.psf(), reimage, null);
    return new Products(
        inv.dirty().withBeam(r.beam()),
        inv.psf(),
        r.model(),
        r.residual().withBeam(r.beam()),
        r.restored(),
        r.beam(),
        inv.sumWeights(),
        r.iterations(),
        r.majorCycles(),
        r.stopReason(),
        r.finalThresholdJy(),
        r.cycles());
  }
}
