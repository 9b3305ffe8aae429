package org.radiospark.kernels.weighting;

import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Imaging weights (natural, uniform, Briggs robust) computed WSClean's way.
 *
 * <p>The uv plane is cut into the cells of the image's Fourier grid: {@code nx x ny} cells of
 * {@code du = 1/(nx cellRad)}, {@code dv = 1/(ny cellRad)} wavelengths, sample (u, v) falling in
 * cell {@code (rint(u/du), rint(v/dv))}. Each sample adds its data weight to its own cell and to
 * the cell of (-u, -v) (the conjugate visibility the real image also contains), giving the summed
 * weight W_k of cell k. Then, with the sums over the grid cells:
 *
 * <ul>
 *   <li>uniform: {@code w_i' = w_i / W_k};
 *   <li>Briggs (Briggs 1995; WSClean): {@code f^2 = (5 10^-R)^2 / (sum_k W_k^2 / sum_k W_k)},
 *       {@code w_i' = w_i / (1 + W_k f^2)}.
 * </ul>
 *
 * Samples outside the grid ({@code |u| >= nx du / 2}) cannot be imaged without aliasing and get
 * weight 0 for uniform and Briggs; natural weighting leaves every weight as it is. Cost {@code O(M
 * + nx ny)}, memory one double per cell.
 */
public final class ImagingWeights {
  private ImagingWeights() {}

  /**
   * Imaging weights for samples {@code [r * nChan + c]}.
   *
   * @param weighting the scheme
   * @param nx image width in pixels (uv cells along u)
   * @param ny image height in pixels (uv cells along v)
   * @param cellRad image pixel size, radians
   * @param uvwMetres {@code [3 r + k]} u, v, w of row r in metres
   * @param freqHz channel frequencies
   * @param weights data weights {@code [r * nChan + c]}, 0 = unused sample (not modified)
   * @return a new array of imaging weights, same layout
   */
  public static float[] compute(
      Weighting weighting,
      int nx,
      int ny,
      double cellRad,
      double[] uvwMetres,
      double[] freqHz,
      float[] weights) {
    if (nx < 1 || ny < 1 || !(cellRad > 0)) {
      throw new IllegalArgumentException(
          "image size and cell must be positive: " + nx + " x " + ny + ", " + cellRad);
    }
    int nRows = uvwMetres.length / 3;
    int nChan = freqHz.length;
    if (uvwMetres.length % 3 != 0 || weights.length != nRows * nChan) {
      throw new InvalidInputException(
          null, "weights", "expected " + nRows + " x " + nChan + " weights, got " + weights.length);
    }
    float[] out = weights.clone();
    if (weighting.scheme() == WeightingScheme.NATURAL) {
      return out;
    }
    double[] grid = new double[nx * ny];
    int[] cell = new int[weights.length];
    double du = 1.0 / (nx * cellRad);
    double dv = 1.0 / (ny * cellRad);
    for (int r = 0; r < nRows; r++) {
      for (int c = 0; c < nChan; c++) {
        int i = r * nChan + c;
        cell[i] = -1;
        if (weights[i] == 0) {
          continue;
        }
        if (!(weights[i] > 0)) {
          throw new InvalidInputException(null, "weights", "expected >= 0, got " + weights[i]);
        }
        double s = freqHz[c] / VisibilityBlock.C;
        // rint is symmetric (half to even), so -u lands exactly in the mirror cell of u.
        long iu = (long) Math.rint(uvwMetres[3 * r] * s / du);
        long iv = (long) Math.rint(uvwMetres[3 * r + 1] * s / dv);
        if (2 * Math.abs(iu) >= nx || 2 * Math.abs(iv) >= ny) {
          out[i] = 0;
          continue;
        }
        int k = (int) ((iv + ny / 2) * nx + iu + nx / 2);
        int kc = (int) ((-iv + ny / 2) * nx - iu + nx / 2);
        cell[i] = k;
        grid[k] += weights[i];
        grid[kc] += weights[i];
      }
    }
    if (weighting.scheme() == WeightingScheme.UNIFORM) {
      for (int i = 0; i < out.length; i++) {
        if (cell[i] >= 0) {
          out[i] = (float) (weights[i] / grid[cell[i]]);
        }
      }
      return out;
    }
    double sumW = 0;
    double sumW2 = 0;
    for (double g : grid) {
      sumW += g;
      sumW2 += g * g;
    }
    double f2 = sumW2 > 0 ? Math.pow(5 * Math.pow(10, -weighting.robust()), 2) / (sumW2 / sumW) : 0;
    for (int i = 0; i < out.length; i++) {
      if (cell[i] >= 0) {
        out[i] = (float) (weights[i] / (1 + grid[cell[i]] * f2));
      }
    }
    return out;
  }
}
