package org.radiospark.kernels.deconvolution;

import java.util.ArrayList;
import java.util.List;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Scale shapes and scale selection of multi-scale CLEAN as in WSClean/Radler (Offringa &amp;
 * Smirnov 2017, MNRAS 471, 301, section 2).
 *
 * <p>A scale {@code s} (pixels, the diameter of the shape) uses the "tapered quadratic" kernel on
 * an odd {@code n x n} grid, {@code n = 2 ceil(s/2) + 1}: {@code k(r) = hann(r) (1 - (r/s)^2)} with
 * {@code hann(r) = (1 + cos(2 pi r / (n + 1))) / 2} for {@code 2r <= n + 1}, {@code r} the distance
 * from the centre pixel, normalised to unit sum (so a component of value S adds S Jy in total to
 * the model). Scale 0 is the delta function. Kernels are {@code k[j * n + i]}, centre {@code (n/2,
 * n/2)}.
 */
public final class ScaleKernels {
  private ScaleKernels() {}

  /** Side of the odd square kernel grid for scale {@code scalePx}: {@code 2 ceil(s/2) + 1}. */
  public static int kernelSize(double scalePx) {
    return (int) (Math.ceil(scalePx * 0.5) * 2.0) + 1;
  }

  /**
   * The unit-sum tapered quadratic kernel of scale {@code scalePx}, {@code n x n} with {@code n =
   * kernelSize(scalePx)}; for scale 0 the 1 x 1 kernel {1}. O(n^2).
   */
  public static double[] taperedQuadratic(double scalePx) {
    if (!(scalePx >= 0) || !Double.isFinite(scalePx)) {
      throw new InvalidInputException(
          "multiscale parameters",
          "multiscale-scales",
          "expected finite scales >= 0, got " + scalePx);
    }
    int n = kernelSize(scalePx);
    double[] k = new double[n * n];
    if (scalePx == 0.0) {
      k[0] = 1.0;
      return k;
    }
    double sum = 0;
    double c = 0.5 * (n - 1);
    for (int j = 0; j < n; j++) {
      double dy = j - c;
      for (int i = 0; i < n; i++) {
        double dx = i - c;
        double r = Math.sqrt(dx * dx + dy * dy);
        double hann = 2 * r <= n + 1 ? 0.5 * (1 + Math.cos(2 * Math.PI * r / (n + 1))) : 0.0;
        double u = r / scalePx;
        double quad = u < 1 ? 1 - u * u : 0.0;
        k[j * n + i] = hann * quad;
        sum += k[j * n + i];
      }
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= sum;
    }
    return k;
  }

  /**
   * WSClean's automatic scales, exactly as Radler's {@code InitializeScales} computes them: a
   * running size starts at {@code 2 * beamSizePx} and doubles after every entry, the first entry is
   * scale 0, the next ones take the running size, while the running size stays below half of {@code
   * minWidthHeight}; at most {@code maxScales} scales (0 = no limit). Note that because the running
   * size is doubled after the scale-0 entry too, the first non-zero scale is {@code 4 * beamSizePx}
   * (0, 4b, 8b, ...); {@code 2 * beamSizePx} is the reference of the scale bias ({@link
   * #biasFactor}). Radler passes the theoretical beam size (1 / longest baseline) as {@code b}.
   *
   * @param beamSizePx beam size in pixels; values {@code <= 0} are taken as 1, as Radler does
   * @param minWidthHeight the smaller image side in pixels
   */
  public static List<Double> autoScales(double beamSizePx, int minWidthHeight, int maxScales) {
    double beam = beamSizePx > 0 ? beamSizePx : 1.0;
    List<Double> scales = new ArrayList<>();
    double scale = 2.0 * beam;
    int index = 0;
    do {
      scales.add(index == 0 ? 0.0 : scale);
      scale *= 2.0;
      index++;
    } while (scale < minWidthHeight * 0.5 && (maxScales == 0 || index < maxScales));
    return scales;
  }

  /**
   * The scale bias factor of Radler: {@code bias^(-log2(scale / (2 beamSizePx)))}, 1 for scale 0
   * and when there is a single scale. With bias 0.6 a scale of {@code 2 beamSizePx} gets 1, the
   * first automatic scale ({@code 4 beamSizePx}) 1/0.6, the next 1/0.36: peaks of larger scales,
   * measured on unit-sum smoothed residuals, are boosted.
   */
  public static double biasFactor(
      double scalePx, double beamSizePx, double scaleBias, int nScales) {
    if (scalePx == 0.0 || nScales < 2) {
      return 1.0;
    }
    double first = 2.0 * (beamSizePx > 0 ? beamSizePx : 1.0);
    return Math.pow(scaleBias, -(Math.log(scalePx / first) / Math.log(2.0)));
  }

  /**
   * Adds {@code value} times the kernel of scale {@code scalePx} centred at pixel {@code (x, y)} to
   * {@code image} ({@code nx x ny}, {@code image[y * nx + x]}), clipped at the edges.
   */
  static void addShape(
      double[] image, int nx, int ny, double[] kernel, int n, int x, int y, double value) {
    int half = n / 2;
    for (int j = 0; j < n; j++) {
      int yy = y + j - half;
      if (yy < 0 || yy >= ny) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        int xx = x + i - half;
        if (xx >= 0 && xx < nx) {
          image[yy * nx + xx] += value * kernel[j * n + i];
        }
      }
    }
  }
}
