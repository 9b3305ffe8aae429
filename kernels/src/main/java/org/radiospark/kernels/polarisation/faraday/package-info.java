/**
 * Faraday rotation measure synthesis and its companions, following RM-Tools' conventions (Purcell
 * et al. 2020, CIRADA-Tools/RM-Tools) so that results can be compared key by key with its {@code
 * rmsynth1d}:
 *
 * <ul>
 *   <li>{@link org.radiospark.kernels.polarisation.faraday.RmSynthesis}: the Faraday dispersion
 *       function of one spectrum or of a cube (Brentjens and de Bruyn 2005, eq. 25 and 36) and the
 *       RM spread function ({@link org.radiospark.kernels.polarisation.faraday.Rmsf}); {@link
 *       org.radiospark.kernels.polarisation.faraday.FdfCube} for many spectra (a spatial tile) in
 *       float, and {@link org.radiospark.kernels.polarisation.faraday.PeakMaps} for its per-pixel
 *       peak depth, intensity and angle maps.
 *   <li>{@link org.radiospark.kernels.polarisation.faraday.FdfPeak}: the peak of an FDF and the
 *       quantities and errors RM-Tools reports for it.
 *   <li>{@link org.radiospark.kernels.polarisation.faraday.StokesIFitter}: the polynomial Stokes I
 *       model that turns Q, U into fractional q, u.
 *   <li>{@link org.radiospark.kernels.polarisation.faraday.RmClean}: complex Hogbom CLEAN in
 *       Faraday depth (Heald et al. 2009).
 *   <li>{@link org.radiospark.kernels.polarisation.faraday.RmSynthesis1d}: the whole {@code
 *       rmsynth1d} chain on a {@link
 *       org.radiospark.kernels.polarisation.faraday.PolarisationSpectrum} read by {@link
 *       org.radiospark.kernels.polarisation.faraday.RmToolsSpectrumReader}.
 *   <li>{@link org.radiospark.kernels.polarisation.faraday.FaradayMoments}: moments of Q, U and P
 *       over frequency and a source-candidate mask (Farnes et al. 2018).
 * </ul>
 *
 * Units: frequency Hz, wavelength squared m^2, Faraday depth rad m^-2, angles in degrees where a
 * name says {@code Deg}.
 */
package org.radiospark.kernels.polarisation.faraday;
