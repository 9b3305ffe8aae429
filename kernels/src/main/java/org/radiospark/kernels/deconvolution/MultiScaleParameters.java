package org.radiospark.kernels.deconvolution;

import java.util.Arrays;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Multi-scale CLEAN settings (WSClean {@code -multiscale-*} options; Offringa &amp; Smirnov 2017).
 *
 * @param scaleBias {@code -multiscale-scale-bias}, default 0.6: bias {@code scaleBias^(-log2(scale
 *     / (2 beam)))} (see {@link ScaleKernels#biasFactor}), in (0, 1]
 * @param subMinorGain {@code -multiscale-gain}, default 0.2 (GLEAM-X uses 0.15): fraction of the
 *     peak removed at one scale before the scales are compared again, (0, 1]
 * @param scalesPx {@code -multiscale-scales} in pixels (diameters, sorted ascending here), or an
 *     empty array for the automatic scales of {@link ScaleKernels#autoScales}
 * @param maxScales {@code -multiscale-max-scales}, 0 = no limit (automatic scales only)
 * @param beamSizePx beam size in pixels for the automatic scales and the bias; 0 = use the major
 *     axis FWHM of the beam fitted to the PSF
 */
public record MultiScaleParameters(
    double scaleBias, double subMinorGain, double[] scalesPx, int maxScales, double beamSizePx) {

  private static final String SOURCE = "multiscale parameters";

  public MultiScaleParameters {
    if (!(scaleBias > 0 && scaleBias <= 1)) {
      throw new InvalidInputException(
          SOURCE, "multiscale-scale-bias", "expected 0 < bias <= 1, got " + scaleBias);
    }
    if (!(subMinorGain > 0 && subMinorGain <= 1)) {
      throw new InvalidInputException(
          SOURCE, "multiscale-gain", "expected 0 < gain <= 1, got " + subMinorGain);
    }
    if (maxScales < 0) {
      throw new InvalidInputException(
          SOURCE, "multiscale-max-scales", "expected >= 0, got " + maxScales);
    }
    if (!(beamSizePx >= 0) || !Double.isFinite(beamSizePx)) {
      throw new InvalidInputException(
          SOURCE, "beamSizePx", "expected a finite value >= 0, got " + beamSizePx);
    }
    scalesPx = scalesPx == null ? new double[0] : scalesPx.clone();
    for (double s : scalesPx) {
      if (!(s >= 0) || !Double.isFinite(s)) {
        throw new InvalidInputException(
            SOURCE, "multiscale-scales", "expected finite scales >= 0 pixels, got " + s);
      }
    }
    Arrays.sort(scalesPx);
  }

  /** WSClean's defaults: bias 0.6, sub-minor gain 0.2, automatic scales from the fitted beam. */
  public static MultiScaleParameters defaults() {
    return new MultiScaleParameters(0.6, 0.2, new double[0], 0, 0.0);
  }

  public MultiScaleParameters withScaleBias(double bias) {
    return new MultiScaleParameters(bias, subMinorGain, scalesPx, maxScales, beamSizePx);
  }

  public MultiScaleParameters withSubMinorGain(double g) {
    return new MultiScaleParameters(scaleBias, g, scalesPx, maxScales, beamSizePx);
  }

  public MultiScaleParameters withScales(double... scales) {
    return new MultiScaleParameters(scaleBias, subMinorGain, scales, maxScales, beamSizePx);
  }

  public MultiScaleParameters withBeamSizePx(double b) {
    return new MultiScaleParameters(scaleBias, subMinorGain, scalesPx, maxScales, b);
  }

  @Override
  public double[] scalesPx() {
    return scalesPx.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiScaleParameters m
        && m.scaleBias == scaleBias
        && m.subMinorGain == subMinorGain
        && Arrays.equals(m.scalesPx, scalesPx)
        && m.maxScales == maxScales
        && m.beamSizePx == beamSizePx;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(scalesPx) * 31
        + Double.hashCode(scaleBias)
        + 7 * Double.hashCode(subMinorGain)
        + 13 * maxScales
        + 17 * Double.hashCode(beamSizePx);
  }

  @Override
  public String toString() {
    return "MultiScaleParameters[scaleBias="
        + scaleBias
        + ", subMinorGain="
        + subMinorGain
        + ", scalesPx="
        + Arrays.toString(scalesPx)
        + ", maxScales="
        + maxScales
        + ", beamSizePx="
        + beamSizePx
        + "]";
  }
}
