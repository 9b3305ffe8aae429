package org.radiospark.kernels.imaging;

import java.util.Objects;
import org.radiospark.kernels.coords.UvwCalculator;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Re-phases visibilities to a new phase-tracking centre (both J2000).
 *
 * <p>The baseline vector B (metres, equatorial Cartesian) has {@code uvw = A(c) B} with {@code
 * A(c)} the rows (uHat, vHat, wHat) of the tangent frame of centre c ({@link
 * UvwCalculator#uvwAxes}); so {@code uvw_new = A(new) A(old)^T uvw_old}. With the measurement
 * equation {@code V = sum S exp(-2 pi i (B.s - B.s0) / lambda)} of {@code model/package-info.java},
 * the visibilities are multiplied per channel by {@code exp(+2 pi i (w_new - w_old) freq / c)}.
 * (This is the brief's {@code exp(-2 pi i (w_new - w_old))} written for the opposite exponent sign;
 * it is fixed by the test that rotates a prediction and compares it with a direct predict.) The uvw
 * are assumed to be in the J2000 frame of the centres ({@code UvwCalculator.Frame.J2000}).
 *
 * <p>Exact for any rotation (no small-angle approximation); O(rows x channels x pols). The input
 * block is not modified; the result has new uvw and vis arrays and copies of weights and flags.
 */
public final class PhaseRotation {
  private PhaseRotation() {}

  /** {@code block} re-phased to {@code newCentre}. */
  public static VisibilityBlock rotate(VisibilityBlock block, PhaseCentre newCentre) {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(newCentre, "newCentre");
    PhaseCentre old = block.phaseCentre();
    double[][] r =
        UvwCalculator.multiply(
            UvwCalculator.uvwAxes(newCentre.raRad(), newCentre.decRad()),
            UvwCalculator.transpose(UvwCalculator.uvwAxes(old.raRad(), old.decRad())));
    int n = block.nRows();
    double[] u = new double[n];
    double[] v = new double[n];
    double[] w = new double[n];
    float[] vis = block.vis().clone();
    int nChan = block.nChan();
    int nPol = block.nPol();
    double[] freq = block.freqHz();
    for (int row = 0; row < n; row++) {
      double u0 = block.uMetres()[row];
      double v0 = block.vMetres()[row];
      double w0 = block.wMetres()[row];
      u[row] = r[0][0] * u0 + r[0][1] * v0 + r[0][2] * w0;
      v[row] = r[1][0] * u0 + r[1][1] * v0 + r[1][2] * w0;
      w[row] = r[2][0] * u0 + r[2][1] * v0 + r[2][2] * w0;
      double dw = w[row] - w0;
      for (int ch = 0; ch < nChan; ch++) {
        double phase = 2 * Math.PI * dw * freq[ch] / VisibilityBlock.C;
        double c = Math.cos(phase);
        double s = Math.sin(phase);
        for (int p = 0; p < nPol; p++) {
          int i = 2 * block.index(row, ch, p);
          double re = vis[i];
          double im = vis[i + 1];
          vis[i] = (float) (re * c - im * s);
          vis[i + 1] = (float) (re * s + im * c);
        }
      }
    }
    return new VisibilityBlock(
        u,
        v,
        w,
        block.antenna1().clone(),
        block.antenna2().clone(),
        block.timeMjdSec().clone(),
        block.integrationSec().clone(),
        block.freqHz().clone(),
        block.chanWidthHz().clone(),
        block.pols().clone(),
        vis,
        block.weight().clone(),
        block.flag().clone(),
        newCentre);
  }
}
