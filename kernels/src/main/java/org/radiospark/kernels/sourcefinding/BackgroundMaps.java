package org.radiospark.kernels.sourcefinding;

import java.util.Objects;

/**
 * The background and rms maps of an image, same layout as {@link
 * org.radiospark.kernels.model.Image#pixels()} ({@code [y * nx + x]}), in the image's unit
 * (Jy/beam).
 *
 * @param nx width, pixels
 * @param ny height, pixels
 * @param background the local background level
 * @param rms the local noise (standard deviation of the background-subtracted image)
 */
public record BackgroundMaps(int nx, int ny, double[] background, double[] rms) {
  /** Checks the sizes. */
  public BackgroundMaps {
    Objects.requireNonNull(background, "background");
    Objects.requireNonNull(rms, "rms");
    if (nx <= 0 || ny <= 0 || background.length != nx * ny || rms.length != nx * ny) {
      throw new IllegalArgumentException("maps must both have " + nx + " x " + ny + " pixels");
    }
  }

  /** Background at pixel (x, y). */
  public double background(int x, int y) {
    return background[y * nx + x];
  }

  /** Rms at pixel (x, y). */
  public double rms(int x, int y) {
    return rms[y * nx + x];
  }
}
