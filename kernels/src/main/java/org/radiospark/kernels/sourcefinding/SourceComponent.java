package org.radiospark.kernels.sourcefinding;

import java.util.Objects;

/**
 * One elliptical Gaussian component found in an image, with Aegean's catalogue quantities.
 *
 * @param island 0-based island number
 * @param source 0-based component number within the island
 * @param xPix fitted centre, 0-based pixel column of the image it was found in
 * @param yPix fitted centre, 0-based pixel row
 * @param raDeg right ascension, degrees [0, 360)
 * @param decDeg declination, degrees
 * @param peakFlux peak flux density above the background, Jy/beam
 * @param intFlux integrated flux density {@code peak * a * b / (BMAJ * BMIN)}, Jy
 * @param aArcsec major axis FWHM, arcsec (not deconvolved from the beam)
 * @param bArcsec minor axis FWHM, arcsec
 * @param paDeg position angle of the major axis, degrees east of north, (-90, 90]
 * @param background local background at the peak pixel, Jy/beam
 * @param localRms local rms at the peak pixel, Jy/beam
 * @param errors the one-sigma errors
 * @param flags 0 for a good fit; {@link #FLAG_FIT_FAILED} when the fit did not converge (the
 *     initial estimate is reported)
 */
public record SourceComponent(
    int island,
    int source,
    double xPix,
    double yPix,
    double raDeg,
    double decDeg,
    double peakFlux,
    double intFlux,
    double aArcsec,
    double bArcsec,
    double paDeg,
    double background,
    double localRms,
    ComponentErrors errors,
    int flags) {

  /** The Levenberg-Marquardt fit did not converge. */
  public static final int FLAG_FIT_FAILED = 1;

  /** Checks that the errors are given. */
  public SourceComponent {
    Objects.requireNonNull(errors, "errors");
  }

  /** Signal to noise ratio of the peak. */
  public double snr() {
    return peakFlux / localRms;
  }

  /** This component moved to another position (an astrometric correction). */
  public SourceComponent withPosition(double x, double y, double ra, double dec) {
    return new SourceComponent(
        island,
        source,
        x,
        y,
        ra,
        dec,
        peakFlux,
        intFlux,
        aArcsec,
        bArcsec,
        paDeg,
        background,
        localRms,
        errors,
        flags);
  }

  /**
   * This component with peak, integrated flux, background, rms and flux errors multiplied by {@code
   * factor} (a flux-scale correction; the signal to noise ratio is unchanged).
   */
  public SourceComponent withFluxScale(double factor) {
    return new SourceComponent(
        island,
        source,
        xPix,
        yPix,
        raDeg,
        decDeg,
        peakFlux * factor,
        intFlux * factor,
        aArcsec,
        bArcsec,
        paDeg,
        background * factor,
        localRms * factor,
        errors.scaledFlux(factor),
        flags);
  }
}
