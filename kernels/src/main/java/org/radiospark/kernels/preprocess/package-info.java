/**
 * MWA preprocessing, what Cotter and Birli do: raw gpubox visibilities of either correlator
 * generation to a calibrated-ready {@link org.radiospark.kernels.model.VisibilityBlock}, with
 * baseline and polarisation reordering, cable-delay and geometric phase corrections, UVW, flagging
 * (metafits tile flags, coarse-channel edges and centre, quack time, mwaf files) and averaging in
 * time and frequency. Entry point: {@link org.radiospark.kernels.preprocess.Preprocessor}.
 */
package org.radiospark.kernels.preprocess;
