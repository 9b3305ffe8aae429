/**
 * Conversions between Stokes parameters and the correlation products of linear and circular feeds
 * (no parallactic-angle rotation). See {@link
 * org.radiospark.kernels.polarisation.PolarisationConverter}.
 */
package org.radiospark.kernels.polarisation;
