package org.radiospark.kernels.preprocess;

import java.util.Objects;

/**
 * Options of {@link Preprocessor}, immutable and validated.
 *
 * @param timeAvgSec output integration, seconds; 0 keeps the correlator's (must otherwise be a
 *     whole multiple of it; GLEAM-X uses 4)
 * @param freqAvgHz output channel width, Hz; 0 keeps the correlator's (a whole multiple of it that
 *     divides a coarse channel; GLEAM-X uses 40 kHz)
 * @param edgeHz bandwidth flagged at each edge of every 1.28 MHz coarse channel, Hz (Cotter's
 *     {@code -edgewidth}, default 80 kHz); rounded to whole fine channels
 * @param flagCentreChannel flag the centre fine channel of every coarse channel (the PFB's DC
 *     channel; Cotter's {@code -flagdcchannels})
 * @param flagQuack flag integrations that start within the metafits {@code QUACKTIM} of the start
 * @param cableDelay apply the cable-length phase {@code exp(-2 pi i f (L2 - L1) / c)} with the
 *     inputs' electrical lengths (skipped when the metafits says the correlator did)
 * @param geometric phase the data to the metafits phase centre, {@code exp(+2 pi i f w / c)} with
 *     {@code w} of the block convention (skipped when the correlator did)
 * @param uvwFrame how uvw (and the w of the geometric phase) are computed
 * @param nThreads threads used per gpubox integration (over output channels), at least 1
 */
public record PreprocessParameters(
    double timeAvgSec,
    double freqAvgHz,
    double edgeHz,
    boolean flagCentreChannel,
    boolean flagQuack,
    boolean cableDelay,
    boolean geometric,
    UvwFrame uvwFrame,
    int nThreads) {

  /** How uvw are computed. */
  public enum UvwFrame {
    /** Cotter's (corr2uvfits') J2000 axes with the aberrated phase centre: {@link CotterUvw}. */
    COTTER,
    /** {@link org.radiospark.kernels.coords.UvwCalculator.Frame#J2000}. */
    J2000,
    /** {@link org.radiospark.kernels.coords.UvwCalculator.Frame#APPARENT}. */
    APPARENT
  }

  /** Validates the values. */
  public PreprocessParameters {
    Objects.requireNonNull(uvwFrame, "uvwFrame");
    if (!(timeAvgSec >= 0) || !(freqAvgHz >= 0) || !(edgeHz >= 0)) {
      throw new IllegalArgumentException(
          "time and frequency resolution and edge width must be finite and >= 0");
    }
    if (Double.isInfinite(timeAvgSec)
        || Double.isInfinite(freqAvgHz)
        || Double.isInfinite(edgeHz)) {
      throw new IllegalArgumentException("values must be finite");
    }
    if (nThreads < 1) {
      throw new IllegalArgumentException("nThreads must be >= 1: " + nThreads);
    }
  }

  /**
   * Defaults: no averaging, 80 kHz edges, centre channel and quack time flagged, cable and
   * geometric corrections on, Cotter's uvw, all available processors.
   */
  public static PreprocessParameters defaults() {
    return new PreprocessParameters(
        0,
        0,
        80e3,
        true,
        true,
        true,
        true,
        UvwFrame.COTTER,
        Runtime.getRuntime().availableProcessors());
  }

  /** GLEAM-X: {@link #defaults()} averaged to 4 s and 40 kHz. */
  public static PreprocessParameters gleamx() {
    return defaults().withAveraging(4.0, 40e3);
  }

  /** A copy with other averaging. */
  public PreprocessParameters withAveraging(double timeSec, double freqHz) {
    return new PreprocessParameters(
        timeSec,
        freqHz,
        edgeHz,
        flagCentreChannel,
        flagQuack,
        cableDelay,
        geometric,
        uvwFrame,
        nThreads);
  }

  /** A copy with another edge width. */
  public PreprocessParameters withEdgeHz(double hz) {
    return new PreprocessParameters(
        timeAvgSec,
        freqAvgHz,
        hz,
        flagCentreChannel,
        flagQuack,
        cableDelay,
        geometric,
        uvwFrame,
        nThreads);
  }

  /** A copy with the phase corrections switched. */
  public PreprocessParameters withCorrections(boolean cable, boolean geom) {
    return new PreprocessParameters(
        timeAvgSec,
        freqAvgHz,
        edgeHz,
        flagCentreChannel,
        flagQuack,
        cable,
        geom,
        uvwFrame,
        nThreads);
  }

  /** A copy with another uvw frame. */
  public PreprocessParameters withUvwFrame(UvwFrame frame) {
    return new PreprocessParameters(
        timeAvgSec,
        freqAvgHz,
        edgeHz,
        flagCentreChannel,
        flagQuack,
        cableDelay,
        geometric,
        frame,
        nThreads);
  }

  /** A copy with another thread count. */
  public PreprocessParameters withThreads(int threads) {
    return new PreprocessParameters(
        timeAvgSec,
        freqAvgHz,
        edgeHz,
        flagCentreChannel,
        flagQuack,
        cableDelay,
        geometric,
        uvwFrame,
        threads);
  }
}
