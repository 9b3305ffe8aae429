package org.radiospark.kernels.postimage;

import java.util.List;
import java.util.Objects;
import org.radiospark.kernels.coords.SinProjection;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.sourcefinding.CrossMatch;
import org.radiospark.kernels.sourcefinding.SourceComponent;

/**
 * A smooth position-offset model in the manner of fits_warp (Hurley-Walker and Hancock 2018,
 * Astron. Comput. 25, 94): the offset {@code d(p) = p_measured - p_reference} in pixels, as a
 * function of the reference (true) pixel position p, modelled by two polynomial surfaces ({@link
 * Polynomial2D}; fits_warp interpolates with radial basis functions, a low-order polynomial is
 * smoother and cannot chase noise) fitted by least squares to the cross-matched sources with
 * iterative clipping of outliers (on the length of the residual vector).
 *
 * <p>Corrections: a catalogue position p_m is moved to the p_t solving {@code p_t + d(p_t) = p_m}
 * (fixed-point iteration, converging because d varies slowly: |grad d| << 1); an image is resampled
 * so that the corrected image at p shows what the observed image had at {@code p + d(p)} (bicubic,
 * {@link Resampler}). Positions work in the image's pixel grid (SIN projection), so the model is
 * valid anywhere the projection is.
 *
 * @param geometry the image the offsets are measured on
 * @param dx x offset surface, pixels
 * @param dy y offset surface, pixels
 * @param used number of matches the final fit used
 * @param matched number of matches offered
 * @param rmsBeforePix rms offset length of the used matches before correction, pixels
 * @param rmsAfterPix rms residual length after the fit, pixels
 */
public record AstrometricWarp(
    ImageGeometry geometry,
    Polynomial2D dx,
    Polynomial2D dy,
    int used,
    int matched,
    double rmsBeforePix,
    double rmsAfterPix) {

  /**
   * Fits the model to matched sources.
   *
   * @throws IllegalArgumentException when there are too few matches for the polynomial order
   */
  public static AstrometricWarp fit(
      List<CrossMatch.Match> matches, ImageGeometry g, WarpParameters p) {
    Objects.requireNonNull(g, "geometry");
    int n = matches.size();
    double[] xr = new double[n];
    double[] yr = new double[n];
    double[] ox = new double[n];
    double[] oy = new double[n];
    for (int i = 0; i < n; i++) {
      CrossMatch.Match m = matches.get(i);
      double[] pr =
          SinProjection.skyToPixel(
              g, Math.toRadians(m.reference().raDeg()), Math.toRadians(m.reference().decDeg()));
      double[] pm =
          SinProjection.skyToPixel(
              g, Math.toRadians(m.component().raDeg()), Math.toRadians(m.component().decDeg()));
      xr[i] = pr[0];
      yr[i] = pr[1];
      ox[i] = pm[0] - pr[0];
      oy[i] = pm[1] - pr[1];
    }
    boolean[] kept = new boolean[n];
    java.util.Arrays.fill(kept, true);
    Polynomial2D fx = Polynomial2D.fit(xr, yr, ox, kept, p.positionOrder());
    Polynomial2D fy = Polynomial2D.fit(xr, yr, oy, kept, p.positionOrder());
    for (int it = 0; it < p.maxIter(); it++) {
      double rms = rmsLength(fx, fy, xr, yr, ox, oy, kept);
      boolean[] next = new boolean[n];
      boolean changed = false;
      int m = 0;
      for (int i = 0; i < n; i++) {
        double r = Math.hypot(ox[i] - fx.value(xr[i], yr[i]), oy[i] - fy.value(xr[i], yr[i]));
        next[i] = r <= p.clipSigma() * rms;
        changed |= next[i] != kept[i];
        m += next[i] ? 1 : 0;
      }
      if (!changed || m <= Polynomial2D.terms(p.positionOrder())) {
        break;
      }
      kept = next;
      fx = Polynomial2D.fit(xr, yr, ox, kept, p.positionOrder());
      fy = Polynomial2D.fit(xr, yr, oy, kept, p.positionOrder());
    }
    Polynomial2D zero = new Polynomial2D(0, 0, 0, 1, new double[1]);
    double before = rmsLength(zero, zero, xr, yr, ox, oy, kept);
    double after = rmsLength(fx, fy, xr, yr, ox, oy, kept);
    int used = 0;
    for (boolean k : kept) {
      used += k ? 1 : 0;
    }
    return new AstrometricWarp(g, fx, fy, used, n, before, after);
  }

  private static double rmsLength(
      Polynomial2D fx,
      Polynomial2D fy,
      double[] x,
      double[] y,
      double[] ox,
      double[] oy,
      boolean[] mask) {
    double ss = 0;
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (mask[i]) {
        double rx = ox[i] - fx.value(x[i], y[i]);
        double ry = oy[i] - fy.value(x[i], y[i]);
        ss += rx * rx + ry * ry;
        n++;
      }
    }
    return n == 0 ? Double.NaN : Math.sqrt(ss / n);
  }

  /** The modelled offset {dx, dy} (pixels) at reference pixel (x, y). */
  public double[] offset(double x, double y) {
    return new double[] {dx.value(x, y), dy.value(x, y)};
  }

  /** The true pixel position of a measured pixel position: solves p + d(p) = measured. */
  public double[] truePixel(double xm, double ym) {
    double x = xm;
    double y = ym;
    for (int it = 0; it < 100; it++) {
      double nx = xm - dx.value(x, y);
      double ny = ym - dy.value(x, y);
      boolean done = Math.abs(nx - x) < 1e-10 && Math.abs(ny - y) < 1e-10;
      x = nx;
      y = ny;
      if (done) {
        break;
      }
    }
    return new double[] {x, y};
  }

  /** The component moved to its corrected position (pixel and sky coordinates of the geometry). */
  public SourceComponent correct(SourceComponent c) {
    double[] pm =
        SinProjection.skyToPixel(geometry, Math.toRadians(c.raDeg()), Math.toRadians(c.decDeg()));
    double[] pt = truePixel(pm[0], pm[1]);
    double[] sky = SinProjection.pixelToSky(geometry, pt[0], pt[1]);
    return c.withPosition(pt[0], pt[1], Math.toDegrees(sky[0]), Math.toDegrees(sky[1]));
  }

  /** Every component corrected. */
  public List<SourceComponent> correct(List<SourceComponent> cs) {
    return cs.stream().map(this::correct).toList();
  }

  /**
   * The image resampled onto true positions: {@code out(p) = in(p + d(p))} by bicubic
   * interpolation, NaN where p + d(p) falls outside the image. O(pixels x (16 + order)).
   *
   * @throws IllegalArgumentException if the image is not on the geometry the model was fitted on
   */
  public Image warp(Image in) {
    if (in.nx() != geometry.nx() || in.ny() != geometry.ny()) {
      throw new IllegalArgumentException("image size differs from the fitted geometry");
    }
    int nx = in.nx();
    int ny = in.ny();
    double[] src = in.pixels();
    double[] out = new double[nx * ny];
    double[] rx = new double[nx];
    double[] ry = new double[nx];
    for (int y = 0; y < ny; y++) {
      dx.evaluateRow(y, rx);
      dy.evaluateRow(y, ry);
      for (int x = 0; x < nx; x++) {
        out[y * nx + x] = Resampler.sample(src, nx, ny, x + rx[x], y + ry[x]);
      }
    }
    return in.withPixels(out);
  }
}
