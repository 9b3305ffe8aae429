package org.radiospark.kernels.sourcefinding;

import java.util.Objects;
import org.radiospark.kernels.model.Image;

/**
 * Background and noise maps by BANE's method (Hancock et al. 2018, PASA 35, e011, section 3.1): on
 * a coarse grid of nodes {@code stepPix} apart, sigma-clipped statistics of the pixels in a box of
 * side {@code boxPix} centred on each node; the background is the clipped mean, bilinearly
 * interpolated between nodes to every pixel; the rms is the clipped standard deviation of the
 * background-subtracted image in the same boxes (a second pass, so a background gradient across a
 * box does not inflate the noise), interpolated the same way.
 *
 * <p>The nodes span the image exactly: {@code K = ceil((n - 1) / step) + 1} nodes per axis at
 * {@code k (n - 1) / (K - 1)}, so interpolation never extrapolates; boxes are cut at the image
 * edges. NaN pixels are ignored; a node whose box holds no finite pixel takes the median of the
 * other nodes. Cost O(nodes x box^2 x passes), about {@code 25 n_pixels} per clipping pass with
 * BANE's box of 5 steps.
 */
public final class BackgroundRms {
  private BackgroundRms() {}

  /** The background and rms maps of {@code image}. */
  public static BackgroundMaps compute(Image image, BaneParameters p) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(p, "parameters");
    int nx = image.nx();
    int ny = image.ny();
    double[] pix = image.pixels();
    int[] gx = nodes(nx, p.stepPix());
    int[] gy = nodes(ny, p.stepPix());
    double[] bkgNodes = nodeStatistics(pix, null, nx, ny, gx, gy, p, false);
    double[] bkg = interpolate(bkgNodes, gx, gy, nx, ny);
    double[] rmsNodes = nodeStatistics(pix, bkg, nx, ny, gx, gy, p, true);
    double scale =
        p.gaussianCorrection() ? 1 / ClippedStatistics.gaussianConsistency(p.clipSigma()) : 1;
    for (int i = 0; i < rmsNodes.length; i++) {
      rmsNodes[i] *= scale;
    }
    double[] rms = interpolate(rmsNodes, gx, gy, nx, ny);
    return new BackgroundMaps(nx, ny, bkg, rms);
  }

  /** Node pixel positions along an axis of n pixels, at most {@code step} apart, ends included. */
  static int[] nodes(int n, int step) {
    int k = Math.max(2, (int) Math.ceil((n - 1) / (double) step) + 1);
    if (n == 1) {
      return new int[] {0, 0};
    }
    int[] g = new int[k];
    for (int i = 0; i < k; i++) {
      g[i] = (int) Math.round(i * (n - 1) / (double) (k - 1));
    }
    return g;
  }

  private static double[] nodeStatistics(
      double[] pix,
      double[] subtract,
      int nx,
      int ny,
      int[] gx,
      int[] gy,
      BaneParameters p,
      boolean wantStd) {
    int half = p.boxPix() / 2;
    double[] buf = new double[(2 * half + 1) * (2 * half + 1)];
    double[] out = new double[gx.length * gy.length];
    for (int j = 0; j < gy.length; j++) {
      int y0 = Math.max(0, gy[j] - half);
      int y1 = Math.min(ny - 1, gy[j] + half);
      for (int i = 0; i < gx.length; i++) {
        int x0 = Math.max(0, gx[i] - half);
        int x1 = Math.min(nx - 1, gx[i] + half);
        int n = 0;
        for (int y = y0; y <= y1; y++) {
          int row = y * nx;
          for (int x = x0; x <= x1; x++) {
            buf[n++] = subtract == null ? pix[row + x] : pix[row + x] - subtract[row + x];
          }
        }
        ClippedStatistics s = ClippedStatistics.meanAndStd(buf, n, p.clipSigma(), p.maxIter());
        out[j * gx.length + i] = wantStd ? s.std() : s.mean();
      }
    }
    fillMissing(out);
    return out;
  }

  /** Nodes without data take the median of the others (all-NaN images stay NaN). */
  private static void fillMissing(double[] v) {
    double[] finite = java.util.Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
    if (finite.length == 0 || finite.length == v.length) {
      return;
    }
    double med = finite[finite.length / 2];
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        v[i] = med;
      }
    }
  }

  /** Bilinear interpolation of node values to every pixel. O(pixels). */
  static double[] interpolate(double[] nodes, int[] gx, int[] gy, int nx, int ny) {
    double[] out = new double[nx * ny];
    int kx = gx.length;
    int[] cellX = new int[nx];
    double[] fx = new double[nx];
    for (int x = 0; x < nx; x++) {
      int c = 0;
      while (c < kx - 2 && x > gx[c + 1]) {
        c++;
      }
      cellX[x] = c;
      int w = gx[c + 1] - gx[c];
      fx[x] = w == 0 ? 0 : (x - gx[c]) / (double) w;
    }
    int c = 0;
    for (int y = 0; y < ny; y++) {
      while (c < gy.length - 2 && y > gy[c + 1]) {
        c++;
      }
      int h = gy[c + 1] - gy[c];
      double fy = h == 0 ? 0 : (y - gy[c]) / (double) h;
      int r0 = c * kx;
      int r1 = (c + 1) * kx;
      for (int x = 0; x < nx; x++) {
        int i = cellX[x];
        double a = nodes[r0 + i] + fx[x] * (nodes[r0 + i + 1] - nodes[r0 + i]);
        double b = nodes[r1 + i] + fx[x] * (nodes[r1 + i + 1] - nodes[r1 + i]);
        out[y * nx + x] = a + fy * (b - a);
      }
    }
    return out;
  }
}
