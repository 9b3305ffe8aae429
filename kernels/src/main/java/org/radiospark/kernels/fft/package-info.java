/**
 * Two-dimensional complex FFTs over JTransforms with plans cached per size, a caller-set thread
 * count, fftshift helpers and FFT-friendly sizes.
 *
 * <p>Layout everywhere: row-major complex arrays interleaved re/im, {@code a[2*(y*nx + x)]} real
 * and {@code a[2*(y*nx + x) + 1]} imaginary, x fastest (the FITS and {@link
 * org.radiospark.kernels.model.Image} order).
 */
package org.radiospark.kernels.fft;
