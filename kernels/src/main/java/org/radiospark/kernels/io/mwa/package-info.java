/**
 * Readers of raw MWA correlator data: the metafits file ({@link
 * org.radiospark.kernels.io.mwa.MetafitsReader}), gpubox visibility files of the legacy and the
 * MWAX correlator ({@link org.radiospark.kernels.io.mwa.GpuboxReader}, with the legacy PFB input
 * reordering of {@link org.radiospark.kernels.io.mwa.LegacyBaselineMap}) and Cotter's mwaf flag
 * files ({@link org.radiospark.kernels.io.mwa.MwafReader}), and André Offringa's binary {@code
 * MWAOCAL} calibration solutions ({@link org.radiospark.kernels.io.mwa.AoCalFile}).
 *
 * <p>Conventions (those of mwalib, which Birli and hyperdrive use): visibilities come out as {@code
 * [baseline][fine channel][pol][re, im]} with baselines {@code (a1, a2)}, {@code a1 <= a2}, in the
 * order of the metafits {@code Antenna} column (autocorrelations included) and polarisations XX,
 * XY, YX, YY. Checked against Cotter's UVFITS of 1131733552: the cross- correlations equal Cotter's
 * (no conjugation) after Cotter's cable-delay phase.
 */
package org.radiospark.kernels.io.mwa;
