package org.radiospark.kernels.sourcefinding;

/**
 * One-sigma uncertainties of a {@link SourceComponent}, Aegean's {@code err_*} columns. A value of
 * -1 means "not determined" (Aegean's ERR_MASK), e.g. the position angle of a round source.
 *
 * @param raDeg error of RA as an angle on the sky (not scaled by 1/cos dec), degrees
 * @param decDeg error of Dec, degrees
 * @param peakFlux error of the peak flux density, Jy/beam
 * @param intFlux error of the integrated flux density, Jy
 * @param aArcsec error of the major axis FWHM, arcsec
 * @param bArcsec error of the minor axis FWHM, arcsec
 * @param paDeg error of the position angle, degrees
 */
public record ComponentErrors(
    double raDeg,
    double decDeg,
    double peakFlux,
    double intFlux,
    double aArcsec,
    double bArcsec,
    double paDeg) {

  /** Every error masked (-1): the fit failed or the errors were not computed. */
  public static ComponentErrors masked() {
    return new ComponentErrors(-1, -1, -1, -1, -1, -1, -1);
  }

  /** The flux errors multiplied by {@code factor} (a flux-scale correction). */
  public ComponentErrors scaledFlux(double factor) {
    return new ComponentErrors(
        raDeg, decDeg, peakFlux * factor, intFlux * factor, aArcsec, bArcsec, paDeg);
  }
}
