/**
 * Imaging on one visibility block: {@link org.radiospark.kernels.imaging.Imager} inverts (dirty
 * image, PSF, WSClean normalisation) and predicts (model visibilities, residuals) through the
 * w-gridder, with Stokes selection, flags, channel ranges and weighting from {@link
 * org.radiospark.kernels.imaging.ImagingParams}.
 */
package org.radiospark.kernels.imaging;
