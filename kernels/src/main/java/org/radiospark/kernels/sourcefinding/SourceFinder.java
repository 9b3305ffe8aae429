package org.radiospark.kernels.sourcefinding;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.fitting.leastsquares.ParameterValidator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.radiospark.kernels.coords.SinProjection;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;

/**
 * Finds and fits compact sources as Aegean does (Hancock et al. 2012, MNRAS 422, 1812; 2018, PASA
 * 35, e011).
 *
 * <ol>
 *   <li>Signal to noise {@code (I - background) / rms} with the {@link BackgroundMaps}.
 *   <li>Islands: 8-connected pixels at or above the flood threshold that contain at least one pixel
 *       at or above the seed threshold.
 *   <li>Components: one per local maximum of the island above the seed threshold (Aegean uses the
 *       summits of the curvature map; local maxima closer than half the beam minor axis to a
 *       brighter one are merged, so noise on the flank of a bright source does not split it); after
 *       the fit, a residual peak above the seed threshold and above a tenth of the island's
 *       brightest component becomes one more component and the island is refitted (up to three
 *       times): this splits blends whose fainter member has no local maximum of its own.
 *   <li>All components of an island are fitted together as elliptical Gaussians ({@link
 *       EllipticalGaussian}: peak, x, y, a, b, pa) by Levenberg-Marquardt (commons-math3), weighted
 *       by {@code 1/rms^2}, on the island's bounding box grown by one beam major axis, leaving out
 *       pixels of other islands. Sizes are kept in [beam minor / 2, box size].
 *   <li>Errors from Condon (1997, PASP 109, 166) eq. 21 and 41-42 with the noise correlation length
 *       {@code theta_N = sqrt(BMAJ BMIN)} ({@link CondonErrors}).
 * </ol>
 *
 * <p>Shapes are measured in the pixel frame, which is the sky frame at the image centre; in a SIN
 * projection a source at direction cosine radius r is foreshortened radially by {@code sqrt(1 -
 * r^2)} (0.4% at 5 degrees), which is not corrected. Cost O(pixels) for the islands plus
 * O(iterations x box pixels x components^2) per island fit.
 */
public final class SourceFinder {
  private SourceFinder() {}

  /**
   * The components of {@code image}, ordered by island (islands by decreasing peak signal to noise)
   * and by decreasing peak within an island.
   *
   * @param image the restored image; must carry its beam
   * @param maps background and rms of the image
   * @param p thresholds and limits
   * @throws IllegalArgumentException if the image has no beam or the maps another size
   */
  public static List<SourceComponent> find(Image image, BackgroundMaps maps, FinderParameters p) {
    Objects.requireNonNull(p, "parameters");
    Beam beam = image.beam();
    if (beam == null || !(beam.majorRad() > 0) || !(beam.minorRad() > 0)) {
      throw new IllegalArgumentException("source finding needs the restoring beam of the image");
    }
    int nx = image.nx();
    int ny = image.ny();
    if (maps.nx() != nx || maps.ny() != ny) {
      throw new IllegalArgumentException("background maps do not match the image size");
    }
    double[] pix = image.pixels();
    double[] signal = new double[nx * ny];
    double[] snr = new double[nx * ny];
    for (int i = 0; i < snr.length; i++) {
      signal[i] = pix[i] - maps.background()[i];
      double r = maps.rms()[i];
      snr[i] = r > 0 && Double.isFinite(signal[i]) ? signal[i] / r : Double.NaN;
    }
    List<int[]> islands = islands(snr, nx, ny, p);
    int[] label = new int[nx * ny];
    java.util.Arrays.fill(label, -1);
    for (int k = 0; k < islands.size(); k++) {
      for (int i : islands.get(k)) {
        label[i] = k;
      }
    }
    BeamPixels bp = BeamPixels.of(beam, image.geometry().cellRad());
    List<SourceComponent> out = new ArrayList<>();
    for (int k = 0; k < islands.size(); k++) {
      out.addAll(fitIsland(k, islands.get(k), label, signal, snr, maps, image.geometry(), bp, p));
    }
    return out;
  }

  /** The beam in pixel units. */
  record BeamPixels(double major, double minor, double pa) {
    static BeamPixels of(Beam b, double cellRad) {
      return new BeamPixels(b.majorRad() / cellRad, b.minorRad() / cellRad, b.paRad());
    }
  }

  /** Islands as lists of pixel indices, ordered by decreasing peak signal to noise. */
  static List<int[]> islands(double[] snr, int nx, int ny, FinderParameters p) {
    boolean[] seen = new boolean[snr.length];
    List<int[]> found = new ArrayList<>();
    List<Double> peaks = new ArrayList<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int start = 0; start < snr.length; start++) {
      if (seen[start] || !(snr[start] >= p.floodSigma())) {
        continue;
      }
      List<Integer> members = new ArrayList<>();
      double peak = Double.NEGATIVE_INFINITY;
      seen[start] = true;
      queue.add(start);
      while (!queue.isEmpty()) {
        int i = queue.poll();
        members.add(i);
        peak = Math.max(peak, snr[i]);
        int x = i % nx;
        int y = i / nx;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int xx = x + dx;
            int yy = y + dy;
            if (xx < 0 || yy < 0 || xx >= nx || yy >= ny) {
              continue;
            }
            int j = yy * nx + xx;
            if (!seen[j] && snr[j] >= p.floodSigma()) {
              seen[j] = true;
              queue.add(j);
            }
          }
        }
      }
      if (peak >= p.seedSigma()) {
        found.add(members.stream().mapToInt(Integer::intValue).toArray());
        peaks.add(peak);
      }
    }
    Integer[] order = new Integer[found.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingDouble(i -> -peaks.get(i)));
    List<int[]> sorted = new ArrayList<>();
    for (int i : order) {
      sorted.add(found.get(i));
    }
    return sorted;
  }

  /** Seed pixels: local maxima above the seed threshold, merged within half a beam minor axis. */
  static List<Integer> summits(
      int[] island,
      double[] signal,
      double[] snr,
      int nx,
      int ny,
      double mergePix,
      int max,
      double seed) {
    List<Integer> cands = new ArrayList<>();
    for (int i : island) {
      if (!(snr[i] >= seed)) {
        continue;
      }
      int x = i % nx;
      int y = i / nx;
      boolean isMax = true;
      for (int dy = -1; dy <= 1 && isMax; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          int xx = x + dx;
          int yy = y + dy;
          if ((dx != 0 || dy != 0) && xx >= 0 && yy >= 0 && xx < nx && yy < ny) {
            if (signal[yy * nx + xx] > signal[i]) {
              isMax = false;
              break;
            }
          }
        }
      }
      if (isMax) {
        cands.add(i);
      }
    }
    cands.sort(Comparator.comparingDouble(i -> -signal[i]));
    List<Integer> kept = new ArrayList<>();
    for (int c : cands) {
      boolean near = false;
      for (int k : kept) {
        double dx = c % nx - k % nx;
        double dy = c / nx - k / nx;
        if (dx * dx + dy * dy <= mergePix * mergePix) {
          near = true;
          break;
        }
      }
      if (!near) {
        kept.add(c);
        if (kept.size() == max) {
          break;
        }
      }
    }
    return kept;
  }

  private static List<SourceComponent> fitIsland(
      int islandNo,
      int[] island,
      int[] label,
      double[] signal,
      double[] snr,
      BackgroundMaps maps,
      ImageGeometry g,
      BeamPixels bp,
      FinderParameters p) {
    int nx = g.nx();
    int ny = g.ny();
    List<Integer> seeds =
        summits(
            island,
            signal,
            snr,
            nx,
            ny,
            Math.max(1, 0.5 * bp.minor()),
            p.maxComponentsPerIsland(),
            p.seedSigma());
    int xmin = Integer.MAX_VALUE;
    int xmax = Integer.MIN_VALUE;
    int ymin = Integer.MAX_VALUE;
    int ymax = Integer.MIN_VALUE;
    for (int i : island) {
      xmin = Math.min(xmin, i % nx);
      xmax = Math.max(xmax, i % nx);
      ymin = Math.min(ymin, i / nx);
      ymax = Math.max(ymax, i / nx);
    }
    int margin = (int) Math.ceil(bp.major());
    int x0 = Math.max(0, xmin - margin);
    int x1 = Math.min(nx - 1, xmax + margin);
    int y0 = Math.max(0, ymin - margin);
    int y1 = Math.min(ny - 1, ymax + margin);
    List<Integer> region = new ArrayList<>();
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        int i = y * nx + x;
        boolean other = label[i] >= 0 && label[i] != islandNo;
        if (!other && Double.isFinite(snr[i])) {
          region.add(i);
        }
      }
    }
    int nComp = seeds.size();
    int max = p.maxComponentsPerIsland();
    double[] start = new double[nComp * EllipticalGaussian.NPAR];
    for (int c = 0; c < nComp; c++) {
      int s = seeds.get(c);
      int o = c * EllipticalGaussian.NPAR;
      start[o] = signal[s];
      start[o + 1] = s % nx;
      start[o + 2] = s / nx;
      start[o + 3] = bp.major();
      start[o + 4] = bp.minor();
      start[o + 5] = bp.pa();
    }
    Bounds bounds =
        new Bounds(x0, x1, y0, y1, 0.5 * bp.minor(), Math.max(x1 - x0, y1 - y0) + bp.major());
    double[] fitted = start;
    int flags = 0;
    for (int round = 0; ; round++) {
      if (region.size() <= start.length) {
        flags = round == 0 ? SourceComponent.FLAG_FIT_FAILED : flags;
        break;
      }
      try {
        fitted = fit(region, signal, maps.rms(), nx, start, bounds, p.maxIterations());
      } catch (TooManyEvaluationsException | TooManyIterationsException | ConvergenceException e) {
        // A failed refit with an added component keeps the previous, converged fit.
        flags = round == 0 ? SourceComponent.FLAG_FIT_FAILED : flags;
        break;
      }
      if (round == MAX_RESIDUAL_SEEDS || fitted.length / EllipticalGaussian.NPAR >= max) {
        break;
      }
      double[] grown = withResidualSeed(island, signal, maps.rms(), nx, fitted, bp, p);
      if (grown == null) {
        break;
      }
      start = grown;
    }
    nComp = fitted.length / EllipticalGaussian.NPAR;
    List<SourceComponent> out = new ArrayList<>();
    double cellDeg = Math.toDegrees(g.cellRad());
    for (int c = 0; c < nComp; c++) {
      int o = c * EllipticalGaussian.NPAR;
      double peak = fitted[o];
      double xc = fitted[o + 1];
      double yc = fitted[o + 2];
      double a = fitted[o + 3];
      double b = fitted[o + 4];
      double theta = fitted[o + 5];
      int px = (int) Math.max(0, Math.min(nx - 1, Math.round(xc)));
      int py = (int) Math.max(0, Math.min(ny - 1, Math.round(yc)));
      double rms = maps.rms(px, py);
      double[] radec = SinProjection.pixelToSky(g, xc, yc);
      double intFlux = peak * a * b / (bp.major() * bp.minor());
      ComponentErrors err =
          flags == 0
              ? CondonErrors.of(peak, intFlux, rms, a, b, theta, bp, cellDeg)
              : ComponentErrors.masked();
      out.add(
          new SourceComponent(
              islandNo,
              c,
              xc,
              yc,
              Math.toDegrees(radec[0]),
              Math.toDegrees(radec[1]),
              peak,
              intFlux,
              a * cellDeg * 3600,
              b * cellDeg * 3600,
              Math.toDegrees(theta),
              maps.background(px, py),
              rms,
              err,
              flags));
    }
    out.sort(Comparator.comparingDouble(sc -> -sc.peakFlux()));
    List<SourceComponent> renumbered = new ArrayList<>();
    for (int c = 0; c < out.size(); c++) {
      SourceComponent s = out.get(c);
      renumbered.add(
          new SourceComponent(
              s.island(),
              c,
              s.xPix(),
              s.yPix(),
              s.raDeg(),
              s.decDeg(),
              s.peakFlux(),
              s.intFlux(),
              s.aArcsec(),
              s.bArcsec(),
              s.paDeg(),
              s.background(),
              s.localRms(),
              s.errors(),
              s.flags()));
    }
    return renumbered;
  }

  /** At most this many components are added from residual peaks to one island. */
  static final int MAX_RESIDUAL_SEEDS = 3;

  /**
   * A blended companion on the flank of a brighter source has no local maximum of its own; after
   * the fit it shows as a residual peak. When the largest residual of the island is at least the
   * seed threshold and a tenth of the brightest fitted peak (so a bright source whose profile is
   * not quite Gaussian is not split on its 1% residuals), a component is added there (beam shape,
   * the residual as peak) and the parameters are returned for a refit; otherwise null.
   */
  private static double[] withResidualSeed(
      int[] island,
      double[] signal,
      double[] rms,
      int nx,
      double[] fitted,
      BeamPixels bp,
      FinderParameters p) {
    int nComp = fitted.length / EllipticalGaussian.NPAR;
    double brightest = 0;
    for (int c = 0; c < nComp; c++) {
      brightest = Math.max(brightest, fitted[c * EllipticalGaussian.NPAR]);
    }
    int best = -1;
    double bestSnr = 0;
    for (int i : island) {
      double model = 0;
      for (int c = 0; c < nComp; c++) {
        model += EllipticalGaussian.value(fitted, c * EllipticalGaussian.NPAR, i % nx, i / nx);
      }
      double r = (signal[i] - model) / rms[i];
      if (r > bestSnr) {
        bestSnr = r;
        best = i;
      }
    }
    if (best < 0 || bestSnr < p.seedSigma() || bestSnr * rms[best] < 0.1 * brightest) {
      return null;
    }
    double[] grown = java.util.Arrays.copyOf(fitted, fitted.length + EllipticalGaussian.NPAR);
    int o = fitted.length;
    grown[o] = bestSnr * rms[best];
    grown[o + 1] = best % nx;
    grown[o + 2] = best / nx;
    grown[o + 3] = bp.major();
    grown[o + 4] = bp.minor();
    grown[o + 5] = bp.pa();
    return grown;
  }

  /** Where the parameters of a fit may go. */
  record Bounds(double x0, double x1, double y0, double y1, double minSize, double maxSize) {}

  private static double[] fit(
      List<Integer> region,
      double[] signal,
      double[] rms,
      int nx,
      double[] start,
      Bounds bounds,
      int maxIter) {
    int n = region.size();
    int np = start.length;
    int nComp = np / EllipticalGaussian.NPAR;
    int[] idx = region.stream().mapToInt(Integer::intValue).toArray();
    double[] target = new double[n];
    double[] weight = new double[n];
    for (int k = 0; k < n; k++) {
      target[k] = signal[idx[k]];
      weight[k] = 1 / (rms[idx[k]] * rms[idx[k]]);
    }
    MultivariateJacobianFunction model =
        point -> {
          double[] q = point.toArray();
          double[] value = new double[n];
          double[][] jac = new double[n][np];
          double[] d = new double[EllipticalGaussian.NPAR];
          for (int k = 0; k < n; k++) {
            double x = idx[k] % nx;
            double y = idx[k] / nx;
            double sum = 0;
            for (int c = 0; c < nComp; c++) {
              int o = c * EllipticalGaussian.NPAR;
              sum += EllipticalGaussian.valueAndGradient(q, o, x, y, d);
              System.arraycopy(d, 0, jac[k], o, EllipticalGaussian.NPAR);
            }
            value[k] = sum;
          }
          return new Pair<>(
              new ArrayRealVector(value, false), new Array2DRowRealMatrix(jac, false));
        };
    ParameterValidator validator = v -> validate(v, nComp, bounds);
    LeastSquaresProblem problem =
        new LeastSquaresBuilder()
            .start(start)
            .model(model)
            .target(target)
            .weight(new DiagonalMatrix(weight))
            .parameterValidator(validator)
            .maxEvaluations(20 * maxIter)
            .maxIterations(maxIter)
            .build();
    LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(problem);
    return validate(opt.getPoint(), nComp, bounds).toArray();
  }

  /**
   * Keeps a parameter vector physical: positive peak, centre inside the fitted box, sizes in
   * bounds, a >= b (swapping turns the position angle by 90 degrees) and pa in (-pi/2, pi/2].
   */
  private static RealVector validate(RealVector v, int nComp, Bounds b) {
    double[] q = v.toArray();
    for (int c = 0; c < nComp; c++) {
      int o = c * EllipticalGaussian.NPAR;
      q[o] = Math.max(q[o], 1e-30);
      q[o + 1] = clamp(q[o + 1], b.x0(), b.x1());
      q[o + 2] = clamp(q[o + 2], b.y0(), b.y1());
      q[o + 3] = clamp(Math.abs(q[o + 3]), b.minSize(), b.maxSize());
      q[o + 4] = clamp(Math.abs(q[o + 4]), b.minSize(), b.maxSize());
      double theta = q[o + 5];
      if (q[o + 4] > q[o + 3]) {
        double t = q[o + 3];
        q[o + 3] = q[o + 4];
        q[o + 4] = t;
        theta += Math.PI / 2;
      }
      if (!Double.isFinite(theta)) {
        theta = 0;
      }
      theta = theta - Math.PI * Math.floor(theta / Math.PI);
      if (theta > Math.PI / 2) {
        theta -= Math.PI;
      }
      q[o + 5] = theta;
    }
    return new ArrayRealVector(q, false);
  }

  private static double clamp(double v, double lo, double hi) {
    return Double.isNaN(v) ? 0.5 * (lo + hi) : Math.max(lo, Math.min(hi, v));
  }
}
