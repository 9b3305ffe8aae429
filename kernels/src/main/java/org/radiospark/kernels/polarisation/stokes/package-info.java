/**
 * Full-Stokes imaging channel by channel: Stokes I, Q, U, V visibilities from linear or circular
 * correlations ({@link org.radiospark.kernels.polarisation.stokes.StokesVisibilities}: IAU/IEEE
 * conventions, XY carries +iV, RL = Q + iU, no parallactic-angle rotation), polarisation CLEAN with
 * joint I/Q/U/V or complex Q + iU peak finding ({@link
 * org.radiospark.kernels.polarisation.stokes.PolarisationClean}) and the imaging driver {@link
 * org.radiospark.kernels.polarisation.stokes.StokesImager}.
 */
package org.radiospark.kernels.polarisation.stokes;
