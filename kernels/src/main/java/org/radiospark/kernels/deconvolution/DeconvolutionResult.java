package org.radiospark.kernels.deconvolution;

import java.util.List;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;

/**
 * The outcome of {@link CottonSchwabDeconvolver#deconvolve}.
 *
 * @param model CLEAN model, Jy/pixel ({@code JY/PIXEL})
 * @param residual final residual, Jy/beam; with {@code mgain < 1} it is the operator's residual of
 *     the final model
 * @param restored model convolved with {@code beam} plus residual, Jy/beam, carrying the beam
 * @param beam restoring beam fitted to the PSF
 * @param iterations minor iterations (components) in total
 * @param majorCycles major cycles run
 * @param stopReason why it stopped
 * @param finalThresholdJy the final threshold of the last cycle, Jy/beam
 * @param cycles per major cycle statistics, in order
 */
public record DeconvolutionResult(
    Image model,
    Image residual,
    Image restored,
    Beam beam,
    long iterations,
    int majorCycles,
    StopReason stopReason,
    double finalThresholdJy,
    List<MajorCycleStats> cycles) {
  public DeconvolutionResult {
    cycles = List.copyOf(cycles);
  }
}
