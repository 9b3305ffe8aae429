package org.radiospark.kernels.skymodel;

import java.util.Objects;
import org.radiospark.kernels.model.SkyComponent;

/**
 * One component of a catalogue or source list with its full spectral model: what the GLEAM and
 * hyperdrive readers return. {@link #at(double)} turns it into the shared {@link SkyComponent} of
 * the predictors at one frequency.
 *
 * @param sourceName the source it belongs to (hyperdrive sources may have several components)
 * @param raRad right ascension, J2000, radians
 * @param decRad declination, J2000, radians
 * @param majorRad Gaussian FWHM major axis, radians (0 for a point)
 * @param minorRad Gaussian FWHM minor axis, radians (0 for a point)
 * @param paRad position angle of the major axis, north through east, radians
 * @param spectrum flux densities as a function of frequency
 */
public record CatalogueComponent(
    String sourceName,
    double raRad,
    double decRad,
    double majorRad,
    double minorRad,
    double paRad,
    SpectralModel spectrum) {

  /** Checks the name, position, shape and spectrum. */
  public CatalogueComponent {
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(spectrum, "spectrum");
    if (!Double.isFinite(raRad) || !(Math.abs(decRad) <= Math.PI / 2)) {
      throw new IllegalArgumentException("bad position: ra " + raRad + ", dec " + decRad);
    }
    if (!(majorRad >= 0) || !(minorRad >= 0) || !Double.isFinite(paRad)) {
      throw new IllegalArgumentException("bad shape: " + majorRad + ", " + minorRad + ", " + paRad);
    }
  }

  /** A point component. */
  public static CatalogueComponent point(
      String sourceName, double raRad, double decRad, SpectralModel spectrum) {
    return new CatalogueComponent(sourceName, raRad, decRad, 0, 0, 0, spectrum);
  }

  /** Whether this is a point component. */
  public boolean isPoint() {
    return majorRad == 0 && minorRad == 0;
  }

  /**
   * The component at {@code freqHz}: a {@link SkyComponent} with the flux densities of the spectral
   * model at that frequency and spectral index 0 (exact at that frequency only). The minor axis is
   * clipped to the major one when a file lists them the other way round (the axes of a Gaussian are
   * interchangeable only with the position angle turned by 90 degrees, which this then does).
   */
  public SkyComponent at(double freqHz) {
    double maj = majorRad;
    double min = minorRad;
    double pa = paRad;
    if (min > maj) {
      maj = minorRad;
      min = majorRad;
      pa = paRad + Math.PI / 2;
    }
    return new SkyComponent(raRad, decRad, spectrum.at(freqHz).iquv(), freqHz, 0, maj, min, pa);
  }
}
