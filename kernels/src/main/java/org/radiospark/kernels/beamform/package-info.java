/**
 * Tied-array beamforming of MWA VCS voltages (the vcstools/VCSBeam beam, Ord et al. 2019): the
 * array ({@link org.radiospark.kernels.beamform.TiedArray}), pointing directions at the observation
 * time ({@link org.radiospark.kernels.beamform.Pointing}, jsofa), geometric and cable delays as
 * phase weights ({@link org.radiospark.kernels.beamform.BeamWeights}), calibration by inverse Jones
 * matrices ({@link org.radiospark.kernels.beamform.CalibrationJones}), the coherent and incoherent
 * sums with detection and down-sampling ({@link
 * org.radiospark.kernels.beamform.TiedArrayBeamformer}) and one VCS second at a time ({@link
 * org.radiospark.kernels.beamform.VcsBeamformer}).
 */
package org.radiospark.kernels.beamform;
