package org.radiospark.kernels.selfcal;

import java.io.Serializable;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * A regular grid of {@code fx x fy} facets over an {@code nx x ny} image: facet {@code f = j * fx +
 * i} is the window {@code x in [i * nx/fx, (i+1) * nx/fx)}, {@code y in [j * ny/fy, (j+1) * ny/fy)}
 * of the image {@code pixels[y * nx + x]}. Facets share the image's projection and tangent point,
 * so cutting and pasting is exact (WSClean's parallel deconvolution divides the image the same
 * way). Immutable.
 */
public final class FacetLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int nx;
  private final int ny;
  private final int fx;
  private final int fy;
  private final int guard;

  /**
   * @throws InvalidInputException unless {@code fx} divides {@code nx}, {@code fy} divides {@code
   *     ny} and every facet is at least 8 pixels and an even number of pixels across
   */
  public FacetLayout(int nx, int ny, int fx, int fy) {
    this(nx, ny, fx, fy, defaultGuard(nx, ny, fx, fy));
  }

  /**
   * A layout with an explicit guard band (an even number of pixels, >= 0).
   *
   * @throws InvalidInputException as {@link #FacetLayout(int, int, int, int)}, or for an odd or
   *     negative guard
   */
  public FacetLayout(int nx, int ny, int fx, int fy, int guard) {
    if (fx < 1 || fy < 1 || nx % fx != 0 || ny % fy != 0) {
      throw new InvalidInputException(
          "facets",
          "facets",
          "expected facet counts dividing the image size "
              + nx
              + " x "
              + ny
              + ", got "
              + fx
              + "x"
              + fy);
    }
    int w = nx / fx;
    int h = ny / fy;
    if (w < 8 || h < 8 || w % 2 != 0 || h % 2 != 0) {
      throw new InvalidInputException(
          "facets",
          "facets",
          "expected facets of at least 8 x 8 and even size, got " + w + " x " + h + " pixels");
    }
    if (guard < 0 || guard % 2 != 0) {
      throw new InvalidInputException(
          "facets", "guard", "expected an even number of pixels >= 0, got " + guard);
    }
    this.nx = nx;
    this.ny = ny;
    this.fx = fx;
    this.fy = fy;
    this.guard = guard;
  }

  /** A quarter of the smaller facet side, at least 8 pixels, even; 0 for a single facet. */
  private static int defaultGuard(int nx, int ny, int fx, int fy) {
    if (fx * fy <= 1 || fx < 1 || fy < 1) {
      return 0;
    }
    int q = Math.max(8, Math.min(nx / fx, ny / fy) / 4);
    return q + (q % 2);
  }

  /** Parses {@code "2x2"} (facets across x then y). */
  public static FacetLayout parse(String spec, int nx, int ny) {
    String[] parts = spec.toLowerCase(java.util.Locale.ROOT).split("x");
    try {
      if (parts.length == 2) {
        return new FacetLayout(nx, ny, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(
        "facets", "facets", "expected NXxNY such as 2x2, got '" + spec + "'");
  }

  public int nx() {
    return nx;
  }

  public int ny() {
    return ny;
  }

  public int facetsX() {
    return fx;
  }

  public int facetsY() {
    return fy;
  }

  public int count() {
    return fx * fy;
  }

  /** Facet width in pixels. */
  public int width() {
    return nx / fx;
  }

  /** Facet height in pixels. */
  public int height() {
    return ny / fy;
  }

  /** First image column of facet {@code f}. */
  public int x0(int f) {
    return (f % fx) * width();
  }

  /** First image row of facet {@code f}. */
  public int y0(int f) {
    return (f / fx) * height();
  }

  /** Guard band, pixels. */
  public int guard() {
    return guard;
  }

  /**
   * Facet {@code f}'s window (the facet and its guard band, clipped to the image): {@code {x0, y0,
   * width, height}}.
   */
  public int[] window(int f) {
    int x0 = Math.max(0, x0(f) - guard);
    int y0 = Math.max(0, y0(f) - guard);
    int x1 = Math.min(nx, x0(f) + width() + guard);
    int y1 = Math.min(ny, y0(f) + height() + guard);
    return new int[] {x0, y0, x1 - x0, y1 - y0};
  }

  /** A copy of facet {@code f}'s window of {@code image}, {@code [y * windowWidth + x]}. */
  public double[] cutWindow(double[] image, int f) {
    check(image.length, nx * ny, "image");
    int[] w = window(f);
    double[] out = new double[w[2] * w[3]];
    for (int y = 0; y < w[3]; y++) {
      System.arraycopy(image, (w[1] + y) * nx + w[0], out, y * w[2], w[2]);
    }
    return out;
  }

  /** The facet's own pixels ({@code [y * width + x]}) out of a window cut by {@link #cutWindow}. */
  public double[] ownPixels(double[] window, int f) {
    int[] w = window(f);
    check(window.length, w[2] * w[3], "facet window");
    int ox = x0(f) - w[0];
    int oy = y0(f) - w[1];
    double[] out = new double[width() * height()];
    for (int y = 0; y < height(); y++) {
      System.arraycopy(window, (oy + y) * w[2] + ox, out, y * width(), width());
    }
    return out;
  }

  /** A copy of facet {@code f}'s own pixels of {@code image}, {@code [y * width + x]}. */
  public double[] cut(double[] image, int f) {
    check(image.length, nx * ny, "image");
    int w = width();
    int h = height();
    double[] out = new double[w * h];
    for (int y = 0; y < h; y++) {
      System.arraycopy(image, (y0(f) + y) * nx + x0(f), out, y * w, w);
    }
    return out;
  }

  /** Adds facet {@code f}'s {@code window} into {@code image} in place. */
  public void addInto(double[] image, int f, double[] window) {
    check(image.length, nx * ny, "image");
    int w = width();
    int h = height();
    check(window.length, w * h, "facet window");
    for (int y = 0; y < h; y++) {
      int row = (y0(f) + y) * nx + x0(f);
      for (int x = 0; x < w; x++) {
        image[row + x] += window[y * w + x];
      }
    }
  }

  /**
   * The central {@code w x h} of a full-size PSF (peak at {@code (nx/2, ny/2)}), with its peak at
   * {@code (w/2, h/2)}: the PSF a window of that size is cleaned with.
   */
  public double[] centralPsf(double[] psf, int w, int h) {
    check(psf.length, nx * ny, "psf");
    if (w > nx || h > ny) {
      throw new IllegalArgumentException("PSF window larger than the image");
    }
    int ox = nx / 2 - w / 2;
    int oy = ny / 2 - h / 2;
    double[] out = new double[w * h];
    for (int y = 0; y < h; y++) {
      System.arraycopy(psf, (oy + y) * nx + ox, out, y * w, w);
    }
    return out;
  }

  private static void check(int got, int expected, String what) {
    if (got != expected) {
      throw new IllegalArgumentException(what + ": expected " + expected + " pixels, got " + got);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FacetLayout l
        && l.nx == nx
        && l.ny == ny
        && l.fx == fx
        && l.fy == fy
        && l.guard == guard;
  }

  @Override
  public int hashCode() {
    return (((nx * 31 + ny) * 31 + fx) * 31 + fy) * 31 + guard;
  }

  @Override
  public String toString() {
    return fx
        + "x"
        + fy
        + " facets of "
        + width()
        + " x "
        + height()
        + " pixels (guard band "
        + guard
        + ")";
  }
}
