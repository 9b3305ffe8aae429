/**
 * Source finding on restored images, the GLEAM-X post-imaging steps of BANE and Aegean (Hancock et
 * al. 2012, 2018): background and rms maps from sigma-clipped statistics on a coarse grid ({@link
 * org.radiospark.kernels.sourcefinding.BackgroundRms}), islands seeded and flooded in units of the
 * local rms with elliptical Gaussian fits ({@link
 * org.radiospark.kernels.sourcefinding.SourceFinder}) and Condon (1997) errors, catalogues in
 * Aegean's column names ({@link org.radiospark.kernels.sourcefinding.ComponentCatalogue}),
 * reference catalogues ({@link org.radiospark.kernels.sourcefinding.ReferenceCatalogue}) and the
 * cross-match between the two ({@link org.radiospark.kernels.sourcefinding.CrossMatch}).
 */
package org.radiospark.kernels.sourcefinding;
