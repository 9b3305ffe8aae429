/**
 * PSRFITS search-mode files (Hotan, van Straten &amp; Manchester 2004; PSRFITS definition v6): a
 * primary header describing the observation and a {@code SUBINT} binary table whose rows hold
 * {@code NSBLK} spectra of {@code NCHAN x NPOL} samples of {@code NBITS} bits with per-channel
 * frequencies, weights, offsets and scales.
 */
package org.radiospark.kernels.io.psrfits;
