package org.radiospark.kernels.model;

import java.util.Objects;

/**
 * Where an image plane sits on the sky: a SIN-projected pixel grid (WSClean's convention) plus the
 * spectral and polarisation coordinates of the plane.
 *
 * <p>Pixel {@code (x, y)} (0-based, x fastest) maps to direction cosines {@code l = -(x - nx/2) *
 * cellRad}, {@code m = (y - ny/2) * cellRad}; the reference pixel (FITS CRPIX = N/2 + 1) is at the
 * phase centre, CDELT1 = -cell, CDELT2 = +cell.
 *
 * @param nx number of pixels along RA (FITS NAXIS1)
 * @param ny number of pixels along Dec (FITS NAXIS2)
 * @param cellRad pixel size in radians (direction-cosine units, SIN projection)
 * @param centre the reference direction (phase centre)
 * @param freqHz centre frequency of the plane
 * @param bandwidthHz width of the band imaged into the plane
 * @param stokes the polarisation of the plane
 */
public record ImageGeometry(
    int nx,
    int ny,
    double cellRad,
    PhaseCentre centre,
    double freqHz,
    double bandwidthHz,
    Stokes stokes) {

  public ImageGeometry {
    if (nx <= 0 || ny <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + nx + " x " + ny);
    }
    if (!(cellRad > 0) || !Double.isFinite(cellRad)) {
      throw new IllegalArgumentException("pixel scale must be positive: " + cellRad);
    }
    Objects.requireNonNull(centre, "centre");
    Objects.requireNonNull(stokes, "stokes");
  }

  /** Direction cosine l (east) of pixel column x. */
  public double l(double x) {
    return -(x - nx / 2) * cellRad;
  }

  /** Direction cosine m (north) of pixel row y. */
  public double m(double y) {
    return (y - ny / 2) * cellRad;
  }

  /** Pixel column (fractional) of direction cosine l. */
  public double x(double l) {
    return nx / 2 - l / cellRad;
  }

  /** Pixel row (fractional) of direction cosine m. */
  public double y(double m) {
    return ny / 2 + m / cellRad;
  }

  public ImageGeometry withFrequency(double freqHz, double bandwidthHz) {
    return new ImageGeometry(nx, ny, cellRad, centre, freqHz, bandwidthHz, stokes);
  }

  public ImageGeometry withStokes(Stokes s) {
    return new ImageGeometry(nx, ny, cellRad, centre, freqHz, bandwidthHz, s);
  }

  public ImageGeometry withSize(int nx, int ny) {
    return new ImageGeometry(nx, ny, cellRad, centre, freqHz, bandwidthHz, stokes);
  }
}
