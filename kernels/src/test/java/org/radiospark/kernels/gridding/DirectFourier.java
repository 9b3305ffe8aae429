package org.radiospark.kernels.gridding;

import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Brute-force references for the gridder tests: the direct, w-aware sums of {@link WGridder}'s
 * Javadoc (no 1/n factor), {@code O(nVis x nPixels)}.
 */
final class DirectFourier {
  private DirectFourier() {}

  static double[] ms2dirty(
      GridderParams p, double[] uvw, double[] freq, double[] vis, double[] wgt, boolean wAware) {
    int nx = p.nx();
    int ny = p.ny();
    int nChan = freq.length;
    int nRows = uvw.length / 3;
    double[] img = new double[nx * ny];
    for (int y = 0; y < ny; y++) {
      double m = (y - ny / 2) * p.pixSizeYRad();
      for (int x = 0; x < nx; x++) {
        double l = -(x - nx / 2) * p.pixSizeXRad();
        double r2 = l * l + m * m;
        double n = wAware ? Math.sqrt(1 - r2) : 1;
        double nm1 = wAware ? -r2 / (n + 1) : 0;
        double sum = 0;
        for (int r = 0; r < nRows; r++) {
          for (int c = 0; c < nChan; c++) {
            int i = r * nChan + c;
            double wt = wgt == null ? 1 : wgt[i];
            if (wt == 0) {
              continue;
            }
            double s = freq[c] / VisibilityBlock.C;
            double ph =
                2 * Math.PI * s * (uvw[3 * r] * l + uvw[3 * r + 1] * m + uvw[3 * r + 2] * nm1);
            sum += wt * (vis[2 * i] * Math.cos(ph) - vis[2 * i + 1] * Math.sin(ph));
          }
        }
        img[y * nx + x] = sum;
      }
    }
    return img;
  }

  static double[] dirty2ms(
      GridderParams p, double[] uvw, double[] freq, double[] img, double[] wgt, boolean wAware) {
    int nx = p.nx();
    int ny = p.ny();
    int nChan = freq.length;
    int nRows = uvw.length / 3;
    double[] vis = new double[2 * nRows * nChan];
    for (int y = 0; y < ny; y++) {
      double m = (y - ny / 2) * p.pixSizeYRad();
      for (int x = 0; x < nx; x++) {
        double l = -(x - nx / 2) * p.pixSizeXRad();
        double r2 = l * l + m * m;
        double n = wAware ? Math.sqrt(1 - r2) : 1;
        double nm1 = wAware ? -r2 / (n + 1) : 0;
        double val = img[y * nx + x];
        if (val == 0) {
          continue;
        }
        for (int r = 0; r < nRows; r++) {
          for (int c = 0; c < nChan; c++) {
            int i = r * nChan + c;
            double wt = wgt == null ? 1 : wgt[i];
            double s = freq[c] / VisibilityBlock.C;
            double ph =
                -2 * Math.PI * s * (uvw[3 * r] * l + uvw[3 * r + 1] * m + uvw[3 * r + 2] * nm1);
            vis[2 * i] += wt * val * Math.cos(ph);
            vis[2 * i + 1] += wt * val * Math.sin(ph);
          }
        }
      }
    }
    return vis;
  }

  /** One pixel of the w-aware {@link #ms2dirty}, {@code O(nVis)}. */
  static double pixel(
      GridderParams p, double[] uvw, double[] freq, double[] vis, double[] wgt, int x, int y) {
    double m = (y - p.ny() / 2) * p.pixSizeYRad();
    double l = -(x - p.nx() / 2) * p.pixSizeXRad();
    double r2 = l * l + m * m;
    double nm1 = -r2 / (Math.sqrt(1 - r2) + 1);
    int nChan = freq.length;
    double sum = 0;
    for (int r = 0; r < uvw.length / 3; r++) {
      for (int c = 0; c < nChan; c++) {
        int i = r * nChan + c;
        double wt = wgt == null ? 1 : wgt[i];
        double s = freq[c] / VisibilityBlock.C;
        double ph = 2 * Math.PI * s * (uvw[3 * r] * l + uvw[3 * r + 1] * m + uvw[3 * r + 2] * nm1);
        sum += wt * (vis[2 * i] * Math.cos(ph) - vis[2 * i + 1] * Math.sin(ph));
      }
    }
    return sum;
  }

  static double relL2(double[] ref, double[] x) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < ref.length; i++) {
      num += (ref[i] - x[i]) * (ref[i] - x[i]);
      den += ref[i] * ref[i];
    }
    return Math.sqrt(num / den);
  }
}
