package org.radiospark.kernels.simulation;

import java.util.Objects;
import org.radiospark.kernels.model.PhaseCentre;

/**
 * Parameters of a random point-source population for {@link RandomSources}.
 *
 * @param count number of sources
 * @param centre field centre, J2000
 * @param fieldRadiusRad sources are uniform on the sphere within this angular radius of the centre
 * @param minFluxJy lower flux limit (Stokes I at {@code refFreqHz}), Jy
 * @param maxFluxJy upper flux limit, Jy
 * @param countSlope {@code gamma} of the differential counts {@code dN/dS ~ S^-gamma} (1.6 to 2.5
 *     for radio sources; Euclidean 2.5)
 * @param refFreqHz reference frequency of the fluxes
 * @param spectralIndexMean mean spectral index
 * @param spectralIndexStd standard deviation of the spectral index (Gaussian)
 * @param seed random seed
 */
public record RandomSourceParameters(
    int count,
    PhaseCentre centre,
    double fieldRadiusRad,
    double minFluxJy,
    double maxFluxJy,
    double countSlope,
    double refFreqHz,
    double spectralIndexMean,
    double spectralIndexStd,
    long seed) {
  public RandomSourceParameters {
    Objects.requireNonNull(centre, "centre");
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0");
    }
    if (!(fieldRadiusRad > 0 && fieldRadiusRad <= Math.PI)) {
      throw new IllegalArgumentException("field radius must be in (0, pi]: " + fieldRadiusRad);
    }
    if (!(minFluxJy > 0 && maxFluxJy >= minFluxJy && Double.isFinite(maxFluxJy))) {
      throw new IllegalArgumentException(
          "need 0 < minFlux <= maxFlux: " + minFluxJy + ", " + maxFluxJy);
    }
    if (!Double.isFinite(countSlope) || !(refFreqHz > 0) || !(spectralIndexStd >= 0)) {
      throw new IllegalArgumentException("bad count slope, reference frequency or index spread");
    }
  }
}
