/**
 * WSClean-compatible deconvolution: Hogbom and multi-scale CLEAN minor cycles, Cotton-Schwab major
 * cycles with {@code mgain}, auto-threshold and auto-mask, restoring-beam fitting and restoration.
 *
 * <p>Images are {@link org.radiospark.kernels.model.Image} ({@code pixels[y * nx + x]}, x towards
 * west); PSFs have the image's size with their origin (peak 1) at {@code (nx/2, ny/2)}. Models are
 * in Jy/pixel, residual and restored images in Jy/beam. Entry point: {@link
 * org.radiospark.kernels.deconvolution.CottonSchwabDeconvolver}.
 */
package org.radiospark.kernels.deconvolution;
