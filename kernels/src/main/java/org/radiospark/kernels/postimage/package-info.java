/**
 * Post-imaging corrections of GLEAM-X: the astrometric warp of fits_warp and the flux warp of
 * flux_warp (Hurley-Walker and Hancock 2018, Astron. Comput. 25, 94) as low-order polynomial
 * surfaces fitted to a cross-match ({@link org.radiospark.kernels.postimage.AstrometricWarp},
 * {@link org.radiospark.kernels.postimage.FluxWarp}), and the rescale step's sigma-clipped offset
 * and flux-ratio statistics with polynomial fits against RA and Dec ({@link
 * org.radiospark.kernels.postimage.Rescaler}) and their PNG plots ({@link
 * org.radiospark.kernels.postimage.ScatterPlot}).
 */
package org.radiospark.kernels.postimage;
