package org.radiospark.kernels.imaging;

import org.radiospark.kernels.gridding.GridderParams;
import org.radiospark.kernels.gridding.Precision;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.weighting.Weighting;

/**
 * Immutable settings of {@link Imager}, named after WSClean's options. Start from {@link #defaults}
 * and change fields with the {@code with...} methods.
 *
 * @param nx image width in pixels ({@code -size nx ny})
 * @param ny image height in pixels
 * @param cellRad pixel size in radians ({@code -scale})
 * @param weighting natural, uniform or Briggs ({@code -weight})
 * @param stokes {@link Stokes#I} ((XX+YY)/2 or (RR+LL)/2, whichever the block has) or one
 *     correlation present in the block ({@code -pol})
 * @param chanStart first channel imaged (0-based, inclusive)
 * @param chanEnd channel after the last imaged (exclusive); values beyond the block mean "to the
 *     end"
 * @param epsilon gridder accuracy (relative L2 against the direct Fourier sum)
 * @param wGridding wide-field w-gridding (true) or the 2-D approximation
 * @param precision gridder arithmetic
 * @param nThreads threads used by the gridder and FFTs
 * @param ignoreFlags image flagged samples too, with weight |w| (1 where w is 0): the shared MWA
 *     files carry real data under flags and non-positive weights (REFERENCE.md)
 */
public record ImagingParams(
    int nx,
    int ny,
    double cellRad,
    Weighting weighting,
    Stokes stokes,
    int chanStart,
    int chanEnd,
    double epsilon,
    boolean wGridding,
    Precision precision,
    int nThreads,
    boolean ignoreFlags) {

  /** Validates every field; throws IllegalArgumentException naming it. */
  public ImagingParams {
    if (nx < 2 || ny < 2) {
      throw new IllegalArgumentException("image size must be at least 2 x 2: " + nx + " x " + ny);
    }
    if (!(cellRad > 0) || !Double.isFinite(cellRad)) {
      throw new IllegalArgumentException("pixel scale must be positive: " + cellRad);
    }
    if (weighting == null || stokes == null || precision == null) {
      throw new IllegalArgumentException("weighting, stokes and precision must be set");
    }
    if (chanStart < 0 || chanEnd <= chanStart) {
      throw new IllegalArgumentException("bad channel range " + chanStart + ".." + chanEnd);
    }
    if (nThreads < 1) {
      throw new IllegalArgumentException("nThreads must be >= 1: " + nThreads);
    }
    // Checks epsilon against the precision.
    GridderParams.of(2, 2, 1e-6, 1e-6, epsilon, false, precision, 1);
  }

  /**
   * WSClean-like defaults: uniform weighting, Stokes I, all channels, epsilon 1e-4 in FLOAT with
   * w-gridding, one thread, flags honoured.
   */
  public static ImagingParams defaults(int nx, int ny, double cellRad) {
    return new ImagingParams(
        nx,
        ny,
        cellRad,
        Weighting.uniform(),
        Stokes.I,
        0,
        Integer.MAX_VALUE,
        1e-4,
        true,
        Precision.FLOAT,
        1,
        false);
  }

  /** A copy with another weighting. */
  public ImagingParams withWeighting(Weighting w) {
    return new ImagingParams(
        nx,
        ny,
        cellRad,
        w,
        stokes,
        chanStart,
        chanEnd,
        epsilon,
        wGridding,
        precision,
        nThreads,
        ignoreFlags);
  }

  /** A copy imaging another polarisation. */
  public ImagingParams withStokes(Stokes s) {
    return new ImagingParams(
        nx,
        ny,
        cellRad,
        weighting,
        s,
        chanStart,
        chanEnd,
        epsilon,
        wGridding,
        precision,
        nThreads,
        ignoreFlags);
  }

  /** Channels {@code [start, end)}. */
  public ImagingParams withChannels(int start, int end) {
    return new ImagingParams(
        nx,
        ny,
        cellRad,
        weighting,
        stokes,
        start,
        end,
        epsilon,
        wGridding,
        precision,
        nThreads,
        ignoreFlags);
  }

  /**
   * Channel block {@code index} of {@code nOut} equal contiguous blocks of {@code nChan} channels
   * (WSClean {@code -channels-out}); the first {@code nChan % nOut} blocks get one extra channel.
   */
  public ImagingParams withChannelBlock(int nChan, int nOut, int index) {
    if (nOut < 1 || nOut > nChan || index < 0 || index >= nOut) {
      throw new IllegalArgumentException(
          "channel block " + index + " of " + nOut + " over " + nChan + " channels");
    }
    int base = nChan / nOut;
    int extra = nChan % nOut;
    int start = index * base + Math.min(index, extra);
    int end = start + base + (index < extra ? 1 : 0);
    return withChannels(start, end);
  }

  /** A copy with another gridder accuracy and precision. */
  public ImagingParams withAccuracy(double eps, Precision p) {
    return new ImagingParams(
        nx,
        ny,
        cellRad,
        weighting,
        stokes,
        chanStart,
        chanEnd,
        eps,
        wGridding,
        p,
        nThreads,
        ignoreFlags);
  }

  /** A copy with w-gridding on or off. */
  public ImagingParams withWGridding(boolean w) {
    return new ImagingParams(
        nx,
        ny,
        cellRad,
        weighting,
        stokes,
        chanStart,
        chanEnd,
        epsilon,
        w,
        precision,
        nThreads,
        ignoreFlags);
  }

  /** A copy with another thread count. */
  public ImagingParams withThreads(int n) {
    return new ImagingParams(
        nx,
        ny,
        cellRad,
        weighting,
        stokes,
        chanStart,
        chanEnd,
        epsilon,
        wGridding,
        precision,
        n,
        ignoreFlags);
  }

  /** A copy that honours or ignores flags. */
  public ImagingParams withIgnoreFlags(boolean ignore) {
    return new ImagingParams(
        nx, ny, cellRad, weighting, stokes, chanStart, chanEnd, epsilon, wGridding, precision,
        nThreads, ignore);
  }

  /** The gridder settings these imaging settings imply. */
  public GridderParams gridderParams() {
    return GridderParams.of(nx, ny, cellRad, cellRad, epsilon, wGridding, precision, nThreads);
  }
}
