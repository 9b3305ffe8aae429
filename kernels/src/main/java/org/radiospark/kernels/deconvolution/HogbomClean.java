package org.radiospark.kernels.deconvolution;

import org.radiospark.kernels.model.InvalidInputException;

/**
 * Hogbom CLEAN (Hogbom 1974, A&amp;AS 15, 417) as the minor cycle of WSClean's "generic clean":
 * find the peak of the residual (|value| unless positive-only), add {@code gain x peak} Jy to that
 * model pixel, subtract {@code gain x peak x PSF} centred there, until the peak drops below {@code
 * max(threshold, (1 - mgain) x start peak)}, the iteration budget is spent or the peak exceeds the
 * divergence limit times the start peak (WSClean's {@code -divergence-limit}).
 *
 * <p>The PSF is an {@code nx x ny} image, {@code psf[y * nx + x]}, origin (peak 1) at {@code (nx/2,
 * ny/2)}; the shifted PSF is clipped at the image edges. Each iteration costs O(nx ny) (peak search
 * plus subtraction). Not thread-safe.
 */
public final class HogbomClean implements CleanAlgorithm {
  private final int nx;
  private final int ny;
  private final double[] psf;
  private final boolean[] userMask;
  private boolean[] activeMask;

  /**
   * @param psf {@code nx * ny} PSF normalised to 1 at {@code (nx/2, ny/2)} (within 1%; it is
   *     rescaled to exactly 1)
   * @param cleanMask {@code nx * ny} pixels where components may be placed, or null for everywhere
   */
  public HogbomClean(double[] psf, int nx, int ny, boolean[] cleanMask) {
    if (psf.length != nx * ny) {
      throw new InvalidInputException(
          "psf image", "size", "expected " + nx + " x " + ny + " pixels, got " + psf.length);
    }
    if (cleanMask != null && cleanMask.length != nx * ny) {
      throw new InvalidInputException(
          "clean mask", "size", "expected " + nx + " x " + ny + " pixels, got " + cleanMask.length);
    }
    this.nx = nx;
    this.ny = ny;
    this.psf = ImageOps.normalisedPsf(psf, nx, ny);
    this.userMask = cleanMask == null ? null : cleanMask.clone();
    this.activeMask = this.userMask;
  }

  @Override
  public MinorCycleOutcome minorCycle(double[] residual, double[] model, MinorCycleLimits limits) {
    if (residual.length != nx * ny || model.length != nx * ny) {
      throw new InvalidInputException(
          "residual/model image", "size", "expected " + nx + " x " + ny + " pixels");
    }
    boolean neg = limits.allowNegative();
    int peak = ImageOps.findPeak(residual, nx, ny, neg, activeMask, 0, 0);
    if (peak < 0) {
      return new MinorCycleOutcome(0, 0, 0, 0, false, false, true, false);
    }
    double startPeak = Math.abs(residual[peak]);
    double threshold = startPeak * (1.0 - limits.majorLoopGain());
    boolean isFinal = false;
    if (limits.thresholdJy() > threshold) {
      threshold = limits.thresholdJy();
      isFinal = true;
    }
    long iter = 0;
    double flux = 0;
    double peakValue = residual[peak];
    boolean diverged = false;
    while (iter < limits.maxIterations()
        && Math.abs(peakValue) > threshold
        && (neg || peakValue > 0)) {
      double component = limits.gain() * peakValue;
      model[peak] += component;
      flux += component;
      ImageOps.subtractShifted(residual, nx, ny, psf, peak % nx, peak / nx, component);
      iter++;
      peak = ImageOps.findPeak(residual, nx, ny, neg, activeMask, 0, 0);
      peakValue = residual[peak];
      if (limits.divergenceLimit() > 0
          && Math.abs(peakValue) > limits.divergenceLimit() * startPeak) {
        diverged = true;
        break;
      }
    }
    boolean aboveThreshold = Math.abs(peakValue) > threshold && (neg || peakValue > 0);
    boolean maxIter = !diverged && iter >= limits.maxIterations() && aboveThreshold;
    // Positive-only search: a non-positive maximum means nothing is left to clean.
    boolean exhausted = !neg && peakValue <= 0;
    return new MinorCycleOutcome(
        iter,
        startPeak,
        Math.abs(peakValue),
        flux,
        isFinal && !maxIter && !diverged,
        maxIter,
        exhausted && !isFinal && !diverged,
        diverged);
  }

  /** Restricts the search to the non-zero pixels of {@code model} (and the user mask). */
  @Override
  public void useAutoMask(double[] model) {
    boolean[] m = new boolean[nx * ny];
    for (int i = 0; i < m.length; i++) {
      m[i] = model[i] != 0.0 && Double.isFinite(model[i]) && (userMask == null || userMask[i]);
    }
    activeMask = m;
  }
}
