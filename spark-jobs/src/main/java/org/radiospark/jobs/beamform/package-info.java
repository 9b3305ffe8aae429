/**
 * Tied-array beamforming of MWA VCS voltages on Spark ({@link
 * org.radiospark.jobs.beamform.BeamformJob}): tasks per coarse channel and batch of pointings, one
 * re-keying to pointing, channels merged into one filterbank/PSRFITS file per pointing ({@link
 * org.radiospark.jobs.beamform.BeamOutputs}), ready for {@code radiospark pulsar search}.
 */
package org.radiospark.jobs.beamform;
