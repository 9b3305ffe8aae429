/**
 * MWA sky-model calibration as GLEAM-X and hyperdrive do it: the apparent sky (catalogue components
 * at each channel, attenuated by the tile beam), predicted by DFT, per-channel (or channel-block)
 * StEFCal solutions with a minimum uv cut and a reference antenna, solutions as a FITS table, and
 * their application to data.
 *
 * <p>Entry points: {@link org.radiospark.kernels.mwacal.MwaCalibrator#calibrate} and {@link
 * org.radiospark.kernels.mwacal.SolutionsFile}.
 */
package org.radiospark.kernels.mwacal;
