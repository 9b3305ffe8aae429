package org.radiospark.kernels.model;

import java.util.Objects;

/**
 * One image plane with its geometry.
 *
 * <p>{@code pixels[y * nx + x]}, x (RA axis, FITS NAXIS1) fastest, y (Dec axis) slowest, the FITS
 * order. The array is exposed as it is, not copied.
 */
public final class Image {
  private final ImageGeometry geometry;
  private final double[] pixels;
  private final Beam beam;
  private final String unit;

  public Image(ImageGeometry geometry, double[] pixels, Beam beam, String unit) {
    this.geometry = Objects.requireNonNull(geometry, "geometry");
    this.pixels = Objects.requireNonNull(pixels, "pixels");
    if (pixels.length != geometry.nx() * geometry.ny()) {
      throw new IllegalArgumentException(
          "pixels has length "
              + pixels.length
              + ", expected "
              + geometry.nx()
              + " x "
              + geometry.ny());
    }
    this.beam = beam;
    this.unit = Objects.requireNonNull(unit, "unit");
  }

  /** A zero image in Jy/beam without a beam. */
  public static Image zeros(ImageGeometry geometry) {
    return new Image(geometry, new double[geometry.nx() * geometry.ny()], null, "JY/BEAM");
  }

  public ImageGeometry geometry() {
    return geometry;
  }

  public int nx() {
    return geometry.nx();
  }

  public int ny() {
    return geometry.ny();
  }

  public double[] pixels() {
    return pixels;
  }

  public double get(int x, int y) {
    return pixels[y * geometry.nx() + x];
  }

  /** The restoring beam, or null (dirty images, PSFs before fitting, models). */
  public Beam beam() {
    return beam;
  }

  /** FITS BUNIT: "JY/BEAM" for dirty, residual and restored images, "JY/PIXEL" for models. */
  public String unit() {
    return unit;
  }

  public Image withBeam(Beam b) {
    return new Image(geometry, pixels, b, unit);
  }

  public Image withPixels(double[] p) {
    return new Image(geometry, p, beam, unit);
  }

  public Image copy() {
    return new Image(geometry, pixels.clone(), beam, unit);
  }
}
