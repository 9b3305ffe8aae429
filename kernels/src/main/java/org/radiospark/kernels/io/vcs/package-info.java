/**
 * MWA legacy VCS voltages: the recombined {@code .dat} file of one coarse channel and one second
 * ({@link org.radiospark.kernels.io.vcs.LegacyVcsFile}, {@link
 * org.radiospark.kernels.io.vcs.VcsFormat}), its 4+4-bit samples ({@link
 * org.radiospark.kernels.io.vcs.VcsSample}), the PFB input order mapped to tiles through the
 * metafits ({@link org.radiospark.kernels.io.vcs.VcsInputMap}) and zstd-compressed tar archives of
 * 30-second blocks ({@link org.radiospark.kernels.io.vcs.VcsArchive}).
 */
package org.radiospark.kernels.io.vcs;
