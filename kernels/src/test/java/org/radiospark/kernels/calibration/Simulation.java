package org.radiospark.kernels.calibration;

import java.util.Random;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Test fixture: a random planar array observing a few point sources, with planted Jones matrices
 * and Gaussian noise. Everything is computed here from first principles (no production code), so
 * the solver and applier are checked against an independent forward model.
 *
 * <p>Rows run over time steps and all antenna pairs; a random half of the rows are stored with
 * antenna1 &gt; antenna2 (uvw negated, i.e. the conjugate baseline), and autocorrelations with
 * garbage values are included when asked, to check that the solver skips them.
 */
final class Simulation {
  static final double T0_MJD_SEC = 5.0e9;

  final int nAnt;
  final int nTimes;
  final int nChan;
  final double dtSec;
  final Stokes[] pols;
  final double[] east;
  final double[] north;
  final VisibilityBlock model;

  /** Row index to time step. */
  final int[] timeStep;

  /**
   * @param sources rows of {l, m, I, Q, U, V} (direction cosines, Jy)
   */
  Simulation(
      long seed,
      int nAnt,
      int nTimes,
      int nChan,
      double dtSec,
      Stokes[] pols,
      double[][] sources,
      boolean autos,
      double radiusMetres) {
    this(seed, nAnt, nTimes, nChan, dtSec, pols, sources, autos, radiusMetres, null, null);
  }

  /**
   * As above with given antenna positions (local east and north, metres) when {@code eastIn} is not
   * null; {@code radiusMetres} is then unused.
   */
  Simulation(
      long seed,
      int nAnt,
      int nTimes,
      int nChan,
      double dtSec,
      Stokes[] pols,
      double[][] sources,
      boolean autos,
      double radiusMetres,
      double[] eastIn,
      double[] northIn) {
    this.nAnt = nAnt;
    this.nTimes = nTimes;
    this.nChan = nChan;
    this.dtSec = dtSec;
    this.pols = pols;
    Random rng = new Random(seed);
    east = new double[nAnt];
    north = new double[nAnt];
    for (int a = 0; a < nAnt; a++) {
      double r = radiusMetres * Math.sqrt(rng.nextDouble());
      double th = 2 * Math.PI * rng.nextDouble();
      east[a] = eastIn != null ? eastIn[a] : r * Math.cos(th);
      north[a] = northIn != null ? northIn[a] : r * Math.sin(th);
    }
    int perTime = nAnt * (nAnt - 1) / 2 + (autos ? nAnt : 0);
    int nRows = perTime * nTimes;
    double[] u = new double[nRows];
    double[] v = new double[nRows];
    double[] w = new double[nRows];
    int[] a1 = new int[nRows];
    int[] a2 = new int[nRows];
    double[] time = new double[nRows];
    double[] integ = new double[nRows];
    timeStep = new int[nRows];
    int r = 0;
    for (int t = 0; t < nTimes; t++) {
      // Earth rotation turns the projected baselines.
      double ha = 7.2921e-5 * t * dtSec * 50;
      for (int p = 0; p < nAnt; p++) {
        for (int q = autos ? p : p + 1; q < nAnt; q++) {
          boolean swap = p != q && rng.nextBoolean();
          a1[r] = swap ? q : p;
          a2[r] = swap ? p : q;
          double dx = east[a2[r]] - east[a1[r]];
          double dy = north[a2[r]] - north[a1[r]];
          u[r] = dx * Math.cos(ha) - dy * Math.sin(ha);
          v[r] = 0.8 * (dx * Math.sin(ha) + dy * Math.cos(ha));
          time[r] = T0_MJD_SEC + (t + 0.5) * dtSec;
          integ[r] = dtSec;
          timeStep[r] = t;
          r++;
        }
      }
    }
    double[] freq = new double[nChan];
    double[] width = new double[nChan];
    for (int c = 0; c < nChan; c++) {
      freq[c] = 150e6 + c * 1e6;
      width[c] = 1e6;
    }
    VisibilityBlock b =
        VisibilityBlock.zeros(
            u, v, w, a1, a2, time, integ, freq, width, pols, new PhaseCentre(0.0, -0.5));
    float[] vis = b.vis();
    int nPol = pols.length;
    for (r = 0; r < nRows; r++) {
      for (int c = 0; c < nChan; c++) {
        double[] m = new double[8];
        if (a1[r] == a2[r]) {
          // Garbage autocorrelations: a solver that used them would be far off.
          for (int e = 0; e < 8; e++) {
            m[e] = 1e3 * rng.nextGaussian();
          }
        } else {
          for (double[] s : sources) {
            double ph = -2 * Math.PI * (u[r] * s[0] + v[r] * s[1]) * freq[c] / VisibilityBlock.C;
            double cr = Math.cos(ph);
            double ci = Math.sin(ph);
            double[] br = brightness(s, pols[0].isCircular());
            for (int e = 0; e < 4; e++) {
              m[2 * e] += br[2 * e] * cr - br[2 * e + 1] * ci;
              m[2 * e + 1] += br[2 * e] * ci + br[2 * e + 1] * cr;
            }
          }
        }
        for (int k = 0; k < nPol; k++) {
          int e = element(pols[k]);
          int i = b.index(r, c, k);
          vis[2 * i] = (float) m[2 * e];
          vis[2 * i + 1] = (float) m[2 * e + 1];
        }
      }
    }
    model = b;
  }

  /** Brightness matrix (row-major complex 2x2) of a source row {l, m, I, Q, U, V}. */
  static double[] brightness(double[] s, boolean circular) {
    double i = s[2];
    double q = s[3];
    double uu = s[4];
    double vv = s[5];
    if (circular) {
      return new double[] {i + vv, 0, q, uu, q, -uu, i - vv, 0};
    }
    return new double[] {i + q, 0, uu, vv, uu, -vv, i - q, 0};
  }

  /** Coherency element index 2i + j of a correlation. */
  static int element(Stokes s) {
    return switch (s) {
      case XX, RR -> 0;
      case XY, RL -> 1;
      case YX, LR -> 2;
      case YY, LL -> 3;
      default -> throw new IllegalArgumentException(s.toString());
    };
  }

  /** Supplies the planted Jones matrix of (time step, channel, antenna), 8 doubles. */
  interface JonesTruth {
    double[] jones(int timeStep, int chan, int ant);
  }

  /**
   * Data = J_p M J_q^H + complex Gaussian noise with E|n|^2 = sigma^2 per correlation; weights set
   * to 1/sigma^2 (1 when sigma = 0). Autocorrelations are left as the model's garbage.
   */
  VisibilityBlock observe(JonesTruth truth, double sigma, long seed) {
    Random rng = new Random(seed);
    VisibilityBlock d = model.copy();
    float[] vis = d.vis();
    int nPol = pols.length;
    float wt = sigma > 0 ? (float) (1 / (sigma * sigma)) : 1f;
    java.util.Arrays.fill(d.weight(), wt);
    for (int r = 0; r < d.nRows(); r++) {
      int p = d.antenna1()[r];
      int q = d.antenna2()[r];
      if (p == q) {
        continue;
      }
      for (int c = 0; c < nChan; c++) {
        double[] m = new double[8];
        for (int k = 0; k < nPol; k++) {
          int i = d.index(r, c, k);
          int e = element(pols[k]);
          m[2 * e] = model.vis()[2 * i];
          m[2 * e + 1] = model.vis()[2 * i + 1];
        }
        double[] out = sandwich(truth.jones(timeStep[r], c, p), m, truth.jones(timeStep[r], c, q));
        for (int k = 0; k < nPol; k++) {
          int i = d.index(r, c, k);
          int e = element(pols[k]);
          vis[2 * i] = (float) (out[2 * e] + sigma * Math.sqrt(0.5) * rng.nextGaussian());
          vis[2 * i + 1] = (float) (out[2 * e + 1] + sigma * Math.sqrt(0.5) * rng.nextGaussian());
        }
      }
    }
    return d;
  }

  /** A * M * B^H by explicit sums over complex elements. */
  static double[] sandwich(double[] a, double[] m, double[] b) {
    double[] out = new double[8];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double re = 0;
        double im = 0;
        for (int k = 0; k < 2; k++) {
          for (int l = 0; l < 2; l++) {
            // a_ik m_kl conj(b_jl)
            double xr =
                a[4 * i + 2 * k] * m[4 * k + 2 * l] - a[4 * i + 2 * k + 1] * m[4 * k + 2 * l + 1];
            double xi =
                a[4 * i + 2 * k] * m[4 * k + 2 * l + 1] + a[4 * i + 2 * k + 1] * m[4 * k + 2 * l];
            double br = b[4 * j + 2 * l];
            double bi = -b[4 * j + 2 * l + 1];
            re += xr * br - xi * bi;
            im += xr * bi + xi * br;
          }
        }
        out[4 * i + 2 * j] = re;
        out[4 * i + 2 * j + 1] = im;
      }
    }
    return out;
  }

  /** diag(gx, gy) with gx = ax e^{i px}, gy = ay e^{i py}. */
  static double[] diag(double ax, double px, double ay, double py) {
    return new double[] {
      ax * Math.cos(px), ax * Math.sin(px), 0, 0, 0, 0, ay * Math.cos(py), ay * Math.sin(py)
    };
  }

  /** Mean |M|^2 over the parallel-hand cross-correlation samples of the model. */
  double meanParallelPower() {
    double s = 0;
    long n = 0;
    for (int r = 0; r < model.nRows(); r++) {
      if (model.antenna1()[r] == model.antenna2()[r]) {
        continue;
      }
      for (int c = 0; c < nChan; c++) {
        for (int k = 0; k < pols.length; k++) {
          if (pols[k].isParallelHand()) {
            int i = model.index(r, c, k);
            double re = model.vis()[2 * i];
            double im = model.vis()[2 * i + 1];
            s += re * re + im * im;
            n++;
          }
        }
      }
    }
    return s / n;
  }

  /** A new block holding the rows {@code r} of {@code b} with {@code keep.test(r)}, in order. */
  static VisibilityBlock selectRows(VisibilityBlock b, java.util.function.IntPredicate keep) {
    int[] rows = java.util.stream.IntStream.range(0, b.nRows()).filter(keep).toArray();
    int n = rows.length;
    int per = b.nChan() * b.nPol();
    double[] u = new double[n];
    double[] v = new double[n];
    double[] w = new double[n];
    int[] a1 = new int[n];
    int[] a2 = new int[n];
    double[] t = new double[n];
    double[] dt = new double[n];
    float[] vis = new float[2 * n * per];
    float[] wt = new float[n * per];
    boolean[] fl = new boolean[n * per];
    for (int k = 0; k < n; k++) {
      int r = rows[k];
      u[k] = b.uMetres()[r];
      v[k] = b.vMetres()[r];
      w[k] = b.wMetres()[r];
      a1[k] = b.antenna1()[r];
      a2[k] = b.antenna2()[r];
      t[k] = b.timeMjdSec()[r];
      dt[k] = b.integrationSec()[r];
      System.arraycopy(b.vis(), 2 * r * per, vis, 2 * k * per, 2 * per);
      System.arraycopy(b.weight(), r * per, wt, k * per, per);
      System.arraycopy(b.flag(), r * per, fl, k * per, per);
    }
    return new VisibilityBlock(
        u,
        v,
        w,
        a1,
        a2,
        t,
        dt,
        b.freqHz(),
        b.chanWidthHz(),
        b.pols(),
        vis,
        wt,
        fl,
        b.phaseCentre());
  }
}
