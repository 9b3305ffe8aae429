/**
 * Synthetic MWA VCS voltages: a real array from a metafits, receiver noise, optional tile gains and
 * a dispersed periodic pulsar arriving as a plane wave ({@link
 * org.radiospark.kernels.simulation.vcs.VcsSimulator}), for tests of the beamformer and of the
 * pulsar search end to end.
 */
package org.radiospark.kernels.simulation.vcs;
