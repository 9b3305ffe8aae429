/**
 * The spectral pipeline ({@code radiospark spectral}): channel-by-channel full-Stokes imaging and
 * polarisation CLEAN on frequency partitions, one re-keying from channels to spatial tiles, and per
 * tile Faraday moments, RM synthesis and FDF peak maps; QA messages per channel and stage. See
 * {@link org.radiospark.jobs.spectral.SpectralJob}.
 */
package org.radiospark.jobs.spectral;
