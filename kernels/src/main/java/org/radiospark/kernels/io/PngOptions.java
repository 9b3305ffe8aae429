package org.radiospark.kernels.io;

import java.util.Objects;

/**
 * How {@link PngQuickLook} turns pixel values into colours.
 *
 * <p>The display range is always {@code [lo, hi]} = the {@code lowPercentile} and {@code
 * highPercentile} of the finite pixels (0 and 100 give min and max). A value {@code v} is clipped
 * into the range and mapped to {@code t} in [0, 1]: linearly, {@code t = (v - lo) / (hi - lo)}, or
 * with an asinh stretch (Lupton et al. 1999), {@code t = asinh(x / s) / asinh(1 / s)} with {@code x
 * = (v - lo) / (hi - lo)} and {@code s = asinhSoftening}, which is linear for {@code x << s} and
 * logarithmic above, showing faint emission next to bright sources.
 *
 * @param colourMap the map from {@code t} to colour
 * @param stretch linear or asinh
 * @param lowPercentile lower clip, percent in [0, 100)
 * @param highPercentile upper clip, percent in (lowPercentile, 100]
 * @param asinhSoftening {@code s} of the asinh stretch, a fraction of the range, in (0, 10]
 * @param colourBar whether to draw a colour bar with min/max labels to the right of the image
 * @param overwrite whether an existing file may be replaced
 */
public record PngOptions(
    ColourMap colourMap,
    Stretch stretch,
    double lowPercentile,
    double highPercentile,
    double asinhSoftening,
    boolean colourBar,
    boolean overwrite) {

  /** Colour maps whose brightness rises monotonically with the value. */
  public enum ColourMap {
    /** Black to white. */
    GREY,
    /**
     * Green's (2011, Bull. Astr. Soc. India 39, 289) cubehelix: black to white through a helix of
     * hues around the grey diagonal, perceived brightness linear in the value (start 0.5, -1.5
     * rotations, hue 1, gamma 1).
     */
    CUBEHELIX
  }

  /** The transfer function from value to display fraction. */
  public enum Stretch {
    /** Linear between the percentiles. */
    LINEAR,
    /** asinh between the percentiles. */
    ASINH
  }

  /** Validates the percentiles and the softening. */
  public PngOptions {
    Objects.requireNonNull(colourMap, "colourMap");
    Objects.requireNonNull(stretch, "stretch");
    if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
      throw new IllegalArgumentException(
          "need 0 <= lowPercentile < highPercentile <= 100: "
              + lowPercentile
              + ", "
              + highPercentile);
    }
    if (!(asinhSoftening > 0 && asinhSoftening <= 10)) {
      throw new IllegalArgumentException("asinhSoftening must be in (0, 10]: " + asinhSoftening);
    }
  }

  /** Cubehelix, linear between the 0.5 and 99.5 percentiles, with a colour bar, no overwrite. */
  public static PngOptions defaults() {
    return new PngOptions(ColourMap.CUBEHELIX, Stretch.LINEAR, 0.5, 99.5, 0.1, true, false);
  }

  /** These options with another colour map. */
  public PngOptions withColourMap(ColourMap m) {
    return new PngOptions(
        m, stretch, lowPercentile, highPercentile, asinhSoftening, colourBar, overwrite);
  }

  /** These options with another stretch and softening. */
  public PngOptions withStretch(Stretch s, double softening) {
    return new PngOptions(
        colourMap, s, lowPercentile, highPercentile, softening, colourBar, overwrite);
  }

  /** These options with other percentiles. */
  public PngOptions withPercentiles(double low, double high) {
    return new PngOptions(colourMap, stretch, low, high, asinhSoftening, colourBar, overwrite);
  }

  /** These options with or without a colour bar. */
  public PngOptions withColourBar(boolean bar) {
    return new PngOptions(
        colourMap, stretch, lowPercentile, highPercentile, asinhSoftening, bar, overwrite);
  }

  /** These options with {@code overwrite} set. */
  public PngOptions withOverwrite(boolean ow) {
    return new PngOptions(
        colourMap, stretch, lowPercentile, highPercentile, asinhSoftening, colourBar, ow);
  }
}
