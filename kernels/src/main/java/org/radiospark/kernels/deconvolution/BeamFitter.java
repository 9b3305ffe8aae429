package org.radiospark.kernels.deconvolution;

import java.util.ArrayDeque;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.InvalidInputException;

/**
 * Fits the restoring beam: an elliptical Gaussian of peak 1 centred on the PSF origin {@code (nx/2,
 * ny/2)}, least squares over the PSF main lobe, as WSClean does for its restoring beam (WSClean
 * fits {@code exp(-(x, y) C^-1 (x, y)^T / 2)} with fixed unit amplitude by Levenberg-Marquardt in a
 * box of 10 x the beam estimate). Here the fitted pixels are the main lobe - the 4-connected
 * positive region around the centre, up to the first null - inside that box, so sidelobes do not
 * pull the fit.
 *
 * <p>Orientation: pixel x grows towards west ({@code l = -(x - nx/2) cell}), y towards north. The
 * position angle is that of the major axis, measured from north through east, in {@code (-pi/2,
 * pi/2]}. Cost: O(main-lobe pixels x LM iterations).
 */
public final class BeamFitter {
  private static final double FWHM_PER_SIGMA = 2.0 * Math.sqrt(2.0 * Math.log(2.0));
  private static final double BOX_SCALE = 10.0;

  private BeamFitter() {}

  /**
   * A fitted beam in pixel units.
   *
   * @param majorFwhmPx FWHM of the major axis, pixels
   * @param minorFwhmPx FWHM of the minor axis, pixels
   * @param paRad position angle of the major axis, north through east, radians, (-pi/2, pi/2]
   */
  public record FittedBeam(double majorFwhmPx, double minorFwhmPx, double paRad) {
    /** The beam in radians for square pixels of {@code cellRad}. */
    public Beam toBeam(double cellRad) {
      return new Beam(majorFwhmPx * cellRad, minorFwhmPx * cellRad, paRad);
    }
  }

  /** Fits the beam of {@code psf} (normalised to 1 at its centre) and returns it in radians. */
  public static Beam fit(Image psf) {
    return fitPixels(psf.pixels(), psf.nx(), psf.ny()).toBeam(psf.geometry().cellRad());
  }

  /**
   * Fits the beam of an {@code nx x ny} PSF ({@code psf[y * nx + x]}, origin {@code (nx/2, ny/2)},
   * normalised to 1 there within 1%).
   */
  public static FittedBeam fitPixels(double[] psf, int nx, int ny) {
    if (psf.length != nx * ny) {
      throw new InvalidInputException(
          "psf image", "size", "expected " + nx + " x " + ny + " pixels, got " + psf.length);
    }
    double[] p = ImageOps.normalisedPsf(psf, nx, ny);
    int cx = nx / 2;
    int cy = ny / 2;
    boolean[] lobe = mainLobe(p, nx, ny);

    // Start from the half-power region: for a Gaussian it is the ellipse d^T C^-1 d <= 2 ln 2,
    // whose uniform second moment is C ln2 / 2.
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    int count = 0;
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        int i = y * nx + x;
        if (lobe[i] && p[i] >= 0.5) {
          double dx = x - cx;
          double dy = y - cy;
          sxx += dx * dx;
          sxy += dx * dy;
          syy += dy * dy;
          count++;
        }
      }
    }
    double cxx = count > 1 ? sxx / count * 2 / Math.log(2) : 0.5;
    double cxy = count > 1 ? sxy / count * 2 / Math.log(2) : 0.0;
    double cyy = count > 1 ? syy / count * 2 / Math.log(2) : 0.5;
    if (cxx * cyy - cxy * cxy <= 1e-6 * (cxx * cyy)) {
      // A one-pixel-wide half-power region: fall back to a round start.
      double r = Math.max(cxx, cyy) > 0 ? Math.max(cxx, cyy) : 0.5;
      cxx = r;
      cyy = r;
      cxy = 0;
    }
    double estFwhm = FWHM_PER_SIGMA * Math.sqrt(Math.max(cxx, cyy));
    int half = (int) Math.ceil(0.5 * BOX_SCALE * Math.max(estFwhm, 1.0));

    int n = 0;
    int[] xs = new int[nx * ny];
    int[] ys = new int[nx * ny];
    for (int y = Math.max(0, cy - half); y < Math.min(ny, cy + half + 1); y++) {
      for (int x = Math.max(0, cx - half); x < Math.min(nx, cx + half + 1); x++) {
        if (lobe[y * nx + x]) {
          xs[n] = x - cx;
          ys[n] = y - cy;
          n++;
        }
      }
    }
    if (n < 4) {
      throw new InvalidInputException(
          "psf image", "main lobe", "expected at least 4 positive pixels around the centre");
    }
    final int m = n;
    double[] target = new double[m];
    for (int k = 0; k < m; k++) {
      target[k] = p[(ys[k] + cy) * nx + xs[k] + cx];
    }
    double det = cxx * cyy - cxy * cxy;
    double[] start = {cyy / det, -cxy / det, cxx / det};

    // Parameters: the inverse covariance (a, b, c) in exp(-(a dx^2 + 2 b dx dy + c dy^2) / 2),
    // in which the model is log-linear, so LM converges from the moment estimate in a few steps.
    MultivariateJacobianFunction model =
        point -> {
          double a = point.getEntry(0);
          double b = point.getEntry(1);
          double c = point.getEntry(2);
          RealVector value = new ArrayRealVector(m);
          Array2DRowRealMatrix jac = new Array2DRowRealMatrix(m, 3);
          for (int k = 0; k < m; k++) {
            double dx = xs[k];
            double dy = ys[k];
            double g = Math.exp(-0.5 * (a * dx * dx + 2 * b * dx * dy + c * dy * dy));
            value.setEntry(k, g);
            jac.setEntry(k, 0, -0.5 * dx * dx * g);
            jac.setEntry(k, 1, -dx * dy * g);
            jac.setEntry(k, 2, -0.5 * dy * dy * g);
          }
          return new Pair<>(value, jac);
        };
    LeastSquaresOptimizer.Optimum opt =
        new LevenbergMarquardtOptimizer()
            .withCostRelativeTolerance(1e-12)
            .withParameterRelativeTolerance(1e-12)
            .optimize(
                new LeastSquaresBuilder()
                    .start(start)
                    .model(model)
                    .target(target)
                    .maxEvaluations(1000)
                    .maxIterations(500)
                    .build());
    RealVector q = opt.getPoint();
    return fromInverseCovariance(q.getEntry(0), q.getEntry(1), q.getEntry(2));
  }

  /** Beam axes and PA from the inverse pixel covariance {@code [[a, b], [b, c]]}. */
  static FittedBeam fromInverseCovariance(double a, double b, double c) {
    double det = a * c - b * b;
    if (!(det > 0) || !(a > 0)) {
      throw new InvalidInputException(
          "psf image", "main lobe", "the Gaussian fit did not converge to an ellipse");
    }
    double vxx = c / det;
    double vxy = -b / det;
    double vyy = a / det;
    double mean = 0.5 * (vxx + vyy);
    double diff = Math.sqrt(0.25 * (vxx - vyy) * (vxx - vyy) + vxy * vxy);
    double major = mean + diff;
    double minor = Math.max(mean - diff, 0.0);
    // Direction of the major axis in pixel axes, angle theta from +x.
    double theta = 0.5 * Math.atan2(2 * vxy, vxx - vyy);
    double px = Math.cos(theta);
    double py = Math.sin(theta);
    // East is -x, north is +y.
    double pa = Math.atan2(-px, py);
    if (pa <= -Math.PI / 2) {
      pa += Math.PI;
    } else if (pa > Math.PI / 2) {
      pa -= Math.PI;
    }
    return new FittedBeam(FWHM_PER_SIGMA * Math.sqrt(major), FWHM_PER_SIGMA * Math.sqrt(minor), pa);
  }

  /** The 4-connected region of positive pixels containing the centre. */
  static boolean[] mainLobe(double[] p, int nx, int ny) {
    boolean[] in = new boolean[nx * ny];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    int c = (ny / 2) * nx + nx / 2;
    in[c] = true;
    queue.add(c);
    while (!queue.isEmpty()) {
      int i = queue.poll();
      int x = i % nx;
      int y = i / nx;
      int[] nb = {
        x > 0 ? i - 1 : -1, x < nx - 1 ? i + 1 : -1, y > 0 ? i - nx : -1, y < ny - 1 ? i + nx : -1
      };
      for (int j : nb) {
        if (j >= 0 && !in[j] && p[j] > 0) {
          in[j] = true;
          queue.add(j);
        }
      }
    }
    return in;
  }
}
