package org.radiospark.kernels.sourcefinding;

import org.radiospark.kernels.model.Beam;

/**
 * Parameters of {@link BackgroundRms}: BANE's coarse grid and clipping (Hancock et al. 2018, PASA
 * 35, e011).
 *
 * @param stepPix distance between grid points, pixels (BANE: {@code ceil(4 sqrt(BMAJ BMIN) /
 *     pixel)}, four beams)
 * @param boxPix side of the square box around each grid point in which statistics are taken, pixels
 *     (BANE: 5 steps, twenty beams)
 * @param clipSigma clipping threshold in standard deviations (BANE: 3)
 * @param maxIter maximum clipping passes (BANE: 10)
 * @param gaussianCorrection divide the clipped std by {@link
 *     ClippedStatistics#gaussianConsistency(double)} so that pure Gaussian noise gives its true
 *     sigma (BANE does not: its rms is 1.5% low at 3 sigma)
 */
public record BaneParameters(
    int stepPix, int boxPix, double clipSigma, int maxIter, boolean gaussianCorrection) {

  /** Validates the values. */
  public BaneParameters {
    if (stepPix < 1 || boxPix < 3 || boxPix < stepPix) {
      throw new IllegalArgumentException(
          "grid step must be >= 1 and the box >= max(3, step): " + stepPix + ", " + boxPix);
    }
    if (!(clipSigma >= 1) || maxIter < 0) {
      throw new IllegalArgumentException("clip sigma >= 1, maxIter >= 0: " + clipSigma);
    }
  }

  /**
   * BANE's defaults for an image with this beam and pixel size: step {@code ceil(4 sqrt(BMAJ BMIN)
   * / cell)}, box 5 steps, 3 sigma, 10 passes, with the Gaussian consistency correction.
   *
   * @param beam the restoring beam (FWHM, radians)
   * @param cellRad pixel size, radians
   */
  public static BaneParameters forBeam(Beam beam, double cellRad) {
    double beamPix = Math.sqrt(beam.majorRad() * beam.minorRad()) / cellRad;
    if (!(beamPix > 0) || !Double.isFinite(beamPix)) {
      throw new IllegalArgumentException("beam must have a positive size: " + beam);
    }
    int step = (int) Math.ceil(4 * beamPix);
    return new BaneParameters(step, Math.max(3, 5 * step), 3.0, 10, true);
  }
}
