package org.radiospark.kernels.polarisation.stokes;

import org.radiospark.kernels.deconvolution.ImageOps;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Hogbom CLEAN (Hogbom 1974) of a group of images that share one PSF, with the peak searched on
 * their quadrature sum: joint I/Q/U/V CLEAN and complex Q + iU CLEAN (the groups of {@link
 * PolarisationCleanMode}).
 *
 * <p>One iteration on a group {@code G}: find the pixel {@code k} maximising {@code A_k =
 * sqrt(sum_{s in G} r_s[k]^2)}; for every {@code s} in {@code G} add {@code gain r_s[k]} to {@code
 * model_s[k]} and subtract {@code gain r_s[k] PSF} centred on {@code k} from {@code r_s}. For a
 * one-image group this is Hogbom CLEAN on |r|; for (Q, U) it is CLEAN of the complex image {@code P
 * = Q + iU} on |P| (the component {@code gain P_k} is complex, its angle that of the residual). A
 * cycle stops when {@code A} drops to {@code max(thresholdJy, (1 - mgain) A_start)}, or after
 * {@code maxIterations} components.
 *
 * <p>Images are {@code [s][y * nx + x]} (s = 0 I, 1 Q, 2 U, 3 V); the PSF has the image size with
 * its peak (normalised to 1) at {@code (nx/2, ny/2)}; components are subtracted over the overlap of
 * the shifted PSF with the image. Cost per iteration: O(|G| nx ny) for the subtraction and the
 * search. Not thread-safe (one instance per task); the PSF is copied.
 */
public final class PolarisationClean {
  private final int nx;
  private final int ny;
  private final double[] psf;

  /**
   * @param psf {@code nx * ny} PSF, peak at {@code (nx/2, ny/2)} (rescaled to exactly 1 there)
   */
  public PolarisationClean(double[] psf, int nx, int ny) {
    if (psf.length != nx * ny) {
      throw new InvalidInputException(
          "psf image", "size", "expected " + nx + " x " + ny + " pixels, got " + psf.length);
    }
    this.nx = nx;
    this.ny = ny;
    double centre = psf[(ny / 2) * nx + nx / 2];
    if (!(centre > 0) || !Double.isFinite(centre)) {
      throw new InvalidInputException(
          "psf image", "centre", "expected a positive peak at (nx/2, ny/2), got " + centre);
    }
    this.psf = new double[psf.length];
    for (int i = 0; i < psf.length; i++) {
      this.psf[i] = psf[i] / centre;
    }
  }

  /**
   * What one minor cycle of one group did.
   *
   * @param iterations components placed
   * @param startPeakJy group peak {@code A} at the start, Jy/beam
   * @param finalPeakJy group peak at the end, Jy/beam
   * @param thresholdReached stopped at {@code thresholdJy} itself (not the mgain level nor the
   *     iteration budget)
   */
  public record Outcome(
      long iterations, double startPeakJy, double finalPeakJy, boolean thresholdReached) {}

  /**
   * Cleans {@code group} of {@code residual} in place, adding components to {@code model}.
   *
   * @param residual residual images {@code [4][nx * ny]}, Jy/beam, modified
   * @param model model images {@code [4][nx * ny]}, Jy/pixel, modified
   * @param group Stokes indices searched together
   * @param gain loop gain, (0, 1]
   * @param majorLoopGain fraction of the start peak to remove, (0, 1]
   * @param thresholdJy absolute stopping level, >= 0
   * @param maxIterations component budget, >= 0
   */
  public Outcome minorCycle(
      double[][] residual,
      double[][] model,
      int[] group,
      double gain,
      double majorLoopGain,
      double thresholdJy,
      long maxIterations) {
    if (!(gain > 0 && gain <= 1) || !(majorLoopGain > 0 && majorLoopGain <= 1)) {
      throw new IllegalArgumentException("gains must be in (0, 1]: " + gain + ", " + majorLoopGain);
    }
    for (int s : group) {
      if (residual[s].length != nx * ny || model[s].length != nx * ny) {
        throw new InvalidInputException(
            "residual/model image", "size", "expected " + nx + " x " + ny + " pixels");
      }
    }
    int peak = peak(residual, group);
    double start = amplitude(residual, group, peak);
    double stop = Math.max(thresholdJy, (1 - majorLoopGain) * start);
    double a = start;
    long iter = 0;
    while (iter < maxIterations && a > stop) {
      for (int s : group) {
        double c = gain * residual[s][peak];
        model[s][peak] += c;
        ImageOps.subtractShifted(residual[s], nx, ny, psf, peak % nx, peak / nx, c);
      }
      iter++;
      peak = peak(residual, group);
      a = amplitude(residual, group, peak);
    }
    return new Outcome(iter, start, a, a <= thresholdJy);
  }

  /** Index of the largest quadrature sum over {@code group} (first on ties). O(|G| nx ny). */
  int peak(double[][] residual, int[] group) {
    int best = 0;
    double bestV = -1;
    int n = nx * ny;
    for (int i = 0; i < n; i++) {
      double v = 0;
      for (int s : group) {
        double r = residual[s][i];
        v += r * r;
      }
      if (v > bestV) {
        bestV = v;
        best = i;
      }
    }
    return best;
  }

  private static double amplitude(double[][] residual, int[] group, int k) {
    double v = 0;
    for (int s : group) {
      v += residual[s][k] * residual[s][k];
    }
    return Math.sqrt(v);
  }
}
