/**
 * Primary-beam models. {@link org.radiospark.kernels.beam.MwaAnalyticBeam}: the MWA tile as 16
 * short dipoles above a ground plane steered by the beamformer delays (the "analytic" tile model of
 * the MWA's mwa_pb package), as 2x2 Jones matrices per direction and frequency; {@link
 * org.radiospark.kernels.beam.LocalDirection}: the horizon direction and sky polarisation basis of
 * an (RA, Dec) at a time and site.
 */
package org.radiospark.kernels.beam;
