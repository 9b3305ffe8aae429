package org.radiospark.kernels.testing;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;

/** Test helpers measuring sources in restored images: beam fits and aperture sums. */
public final class SourceFits {
  private SourceFits() {}

  /** Sum of the restored image in a circle, over the beam area: Jy. */
  public static double apertureFlux(Image im, Beam b, double x0, double y0, double radius) {
    double sum = 0;
    for (int y = (int) (y0 - radius); y <= y0 + radius; y++) {
      for (int x = (int) (x0 - radius); x <= x0 + radius; x++) {
        if (Math.hypot(x - x0, y - y0) <= radius) {
          sum += im.get(x, y);
        }
      }
    }
    double cell = im.geometry().cellRad();
    double beamAreaPx = Math.PI * b.majorRad() * b.minorRad() / (4 * Math.log(2) * cell * cell);
    return sum / beamAreaPx;
  }

  /**
   * Least-squares fit of the restoring beam (fixed shape) with free amplitude and position to the 9
   * x 9 pixels around (x0, y0): {amplitude Jy/beam, x, y}.
   */
  public static double[] fitPoint(Image im, Beam b, double x0, double y0) {
    ImageGeometry g = im.geometry();
    double sMaj = b.majorRad() / g.cellRad() / (2 * Math.sqrt(2 * Math.log(2)));
    double sMin = b.minorRad() / g.cellRad() / (2 * Math.sqrt(2 * Math.log(2)));
    double sinPa = Math.sin(b.paRad());
    double cosPa = Math.cos(b.paRad());
    int cx = (int) Math.round(x0);
    int cy = (int) Math.round(y0);
    int h = 4;
    int n = (2 * h + 1) * (2 * h + 1);
    double[] obs = new double[n];
    int[][] pix = new int[n][];
    int k = 0;
    for (int y = cy - h; y <= cy + h; y++) {
      for (int x = cx - h; x <= cx + h; x++) {
        obs[k] = im.get(x, y);
        pix[k++] = new int[] {x, y};
      }
    }
    LeastSquaresOptimizer.Optimum o =
        new LevenbergMarquardtOptimizer()
            .optimize(
                new LeastSquaresBuilder()
                    .start(new double[] {im.get(cx, cy), x0, y0})
                    .target(obs)
                    .maxEvaluations(1000)
                    .maxIterations(1000)
                    .model(
                        params -> {
                          double[] val = new double[n];
                          double[][] jac = new double[n][3];
                          for (int i = 0; i < n; i++) {
                            // east = -dx, north = +dy; major axis at PA north through east
                            double east = -(pix[i][0] - params.getEntry(1));
                            double north = pix[i][1] - params.getEntry(2);
                            double a = east * sinPa + north * cosPa;
                            double c = east * cosPa - north * sinPa;
                            double e =
                                Math.exp(-0.5 * (a * a / (sMaj * sMaj) + c * c / (sMin * sMin)));
                            val[i] = params.getEntry(0) * e;
                            double dqdEast = a * sinPa / (sMaj * sMaj) + c * cosPa / (sMin * sMin);
                            double dqdNorth = a * cosPa / (sMaj * sMaj) - c * sinPa / (sMin * sMin);
                            jac[i][0] = e;
                            // d/dx0: east = -(x - x0) -> d east/d x0 = +1; value' = -A e dq/deast
                            jac[i][1] = -val[i] * dqdEast;
                            jac[i][2] = val[i] * dqdNorth;
                          }
                          return new Pair<RealVector, org.apache.commons.math3.linear.RealMatrix>(
                              new ArrayRealVector(val), new Array2DRowRealMatrix(jac));
                        })
                    .build());
    return o.getPoint().toArray();
  }
}
