package org.radiospark.kernels.deconvolution;

import org.radiospark.kernels.model.Image;

/**
 * The major-cycle step of Cotton-Schwab CLEAN (Schwab 1984, AJ 89, 1076): predict visibilities from
 * a model image, subtract them from the data and image the difference. Implemented by the imager;
 * tests use an image-plane fake (convolution with the PSF).
 */
@FunctionalInterface
public interface ResidualOperator {
  /**
   * The residual image for {@code model}.
   *
   * @param model model image, Jy/pixel, {@code pixels[y * nx + x]}, the geometry of the dirty
   *     image; not modified
   * @return the residual (dirty image of data minus model visibilities), Jy/beam, same geometry,
   *     normalised like the dirty image and the PSF
   */
  Image residual(Image model);
}
