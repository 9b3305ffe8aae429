package org.radiospark.kernels.calibration;

import java.util.Arrays;

/**
 * The data of one solution cell (interval x channel block) reduced to per-baseline sums, and the
 * StEFCal iteration on them. Because the gains are constant within a cell, every sum over time and
 * channel samples can be taken once before iterating, so one iteration costs O(N_baselines)
 * whatever the number of samples.
 *
 * <p>Scalar and diagonal modes keep, per baseline (p &lt; q) and coherency element e = 2i + j,
 * {@code C_e = sum w V_e conj(M_e)} and {@code P_e = sum w |M_e|^2}. Full mode keeps the two
 * 4-index tensors {@code T1[i,k,j,l] = sum w V_ik conj(M_jl)} and {@code T2[i,k,j,l] = sum w M_ik
 * conj(M_jl)}, from which {@code sum V J M^H} and {@code sum M A M^H} follow for any J and A.
 *
 * <p>Not thread-safe; one instance per solving thread, reset between cells.
 */
final class CellSystem {
  final int nAnt;
  final boolean full;
  private final int[] index;
  private int nBl;
  int[] bp = new int[64];
  int[] bq = new int[64];

  /** Scalar/diagonal: 8 doubles (4 complex C_e) per baseline; full: 32 doubles (T1). */
  double[] c = new double[64 * 8];

  /** Scalar/diagonal: 4 doubles (P_e) per baseline; full: 32 doubles (T2). */
  double[] pw = new double[64 * 4];

  /** Model power seen by each antenna and feed: {@code sum w |M|^2}. */
  final double[] antPower;

  long nSamples;
  double chi2Before;

  CellSystem(int nAnt, boolean full) {
    this.nAnt = nAnt;
    this.full = full;
    this.index = new int[nAnt * nAnt];
    Arrays.fill(index, -1);
    this.antPower = new double[2 * nAnt];
    if (full) {
      c = new double[64 * 32];
      pw = new double[64 * 32];
    }
  }

  void reset() {
    for (int b = 0; b < nBl; b++) {
      index[bp[b] * nAnt + bq[b]] = -1;
    }
    nBl = 0;
    Arrays.fill(antPower, 0);
    nSamples = 0;
    chi2Before = 0;
  }

  int nBaselines() {
    return nBl;
  }

  /** Index of baseline (p, q), p &lt; q, creating zeroed sums on first use. */
  int baseline(int p, int q) {
    int key = p * nAnt + q;
    int b = index[key];
    if (b >= 0) {
      return b;
    }
    if (nBl == bp.length) {
      int cap = 2 * nBl;
      bp = Arrays.copyOf(bp, cap);
      bq = Arrays.copyOf(bq, cap);
      c = Arrays.copyOf(c, cap * (c.length / nBl));
      pw = Arrays.copyOf(pw, cap * (pw.length / nBl));
    }
    b = nBl++;
    bp[b] = p;
    bq[b] = q;
    int sc = c.length / bp.length;
    int sp = pw.length / bp.length;
    Arrays.fill(c, b * sc, (b + 1) * sc, 0);
    Arrays.fill(pw, b * sp, (b + 1) * sp, 0);
    index[key] = b;
    return b;
  }

  /** Adds one correlation sample (element e = 2i + j) of baseline b for scalar/diagonal modes. */
  void addElement(int b, int e, double vr, double vi, double mr, double mi, double w) {
    c[8 * b + 2 * e] += w * (vr * mr + vi * mi);
    c[8 * b + 2 * e + 1] += w * (vi * mr - vr * mi);
    double pm = w * (mr * mr + mi * mi);
    pw[4 * b + e] += pm;
    antPower[2 * bp[b] + (e >> 1)] += pm;
    antPower[2 * bq[b] + (e & 1)] += pm;
    double dr = vr - mr;
    double di = vi - mi;
    chi2Before += w * (dr * dr + di * di);
    nSamples++;
  }

  /** Adds one full 2x2 sample (GainTable element layout) of baseline b with weight w. */
  void addMatrix(int b, double[] v, double[] m, double w) {
    int o = 32 * b;
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 2; k++) {
        double vr = v[4 * i + 2 * k];
        double vi = v[4 * i + 2 * k + 1];
        double xr = m[4 * i + 2 * k];
        double xi = m[4 * i + 2 * k + 1];
        for (int j = 0; j < 2; j++) {
          for (int l = 0; l < 2; l++) {
            double mr = m[4 * j + 2 * l];
            double mi = m[4 * j + 2 * l + 1];
            int t = o + 2 * (8 * i + 4 * k + 2 * j + l);
            c[t] += w * (vr * mr + vi * mi);
            c[t + 1] += w * (vi * mr - vr * mi);
            pw[t] += w * (xr * mr + xi * mi);
            pw[t + 1] += w * (xi * mr - xr * mi);
          }
        }
      }
    }
    for (int e = 0; e < 4; e++) {
      double mr = m[2 * e];
      double mi = m[2 * e + 1];
      double pm = w * (mr * mr + mi * mi);
      antPower[2 * bp[b] + (e >> 1)] += pm;
      antPower[2 * bq[b] + (e & 1)] += pm;
      double dr = v[2 * e] - mr;
      double di = v[2 * e + 1] - mi;
      chi2Before += w * (dr * dr + di * di);
    }
    nSamples += 4;
  }

  /** Outcome of an iteration run. */
  record Run(int iterations, boolean converged) {}

  /** One undamped StEFCal update {@code out = F(in)} of the whole gain vector. */
  private interface Step {
    void apply(double[] in, double[] out);
  }

  /**
   * Scalar or diagonal gains (Salvini and Wijnholds 2014, Alg. 1, with the element-wise weighted
   * update {@code g_p,i = sum_{q,j} C_ij g_q,j / sum_{q,j} P_ij |g_q,j|^2}, which is
   * antsol/MitchCal in REFERENCE.md).
   *
   * @param g in: initial gains, out: solution; {@code g[4a + 2i + {0,1}]} is the gain of antenna a,
   *     feed i (scalar mode keeps both feeds equal)
   * @param solvable {@code solvable[2a + i]}: feed i of antenna a has data (others stay fixed)
   * @param andersonDepth 0 for StEFCal's damping, else the Anderson acceleration history length
   */
  Run solveDiagonal(
      double[] g,
      boolean[] solvable,
      boolean scalar,
      boolean phaseOnly,
      int maxIter,
      double tol,
      int andersonDepth) {
    double[] num = new double[4 * nAnt];
    double[] den = new double[2 * nAnt];
    Step step =
        (prev, out) -> {
          Arrays.fill(num, 0);
          Arrays.fill(den, 0);
          for (int b = 0; b < nBl; b++) {
            int p = bp[b];
            int q = bq[b];
            for (int e = 0; e < 4; e++) {
              double pe = pw[4 * b + e];
              if (pe == 0) {
                continue;
              }
              int i = e >> 1;
              int j = e & 1;
              double cr = c[8 * b + 2 * e];
              double ci = c[8 * b + 2 * e + 1];
              double qr = prev[4 * q + 2 * j];
              double qi = prev[4 * q + 2 * j + 1];
              double pr = prev[4 * p + 2 * i];
              double pi = prev[4 * p + 2 * i + 1];
              // V_pq = g_p M g_q^*: antenna p sees C g_q, antenna q sees conj(C) g_p.
              num[4 * p + 2 * i] += cr * qr - ci * qi;
              num[4 * p + 2 * i + 1] += cr * qi + ci * qr;
              den[2 * p + i] += pe * (qr * qr + qi * qi);
              num[4 * q + 2 * j] += cr * pr + ci * pi;
              num[4 * q + 2 * j + 1] += cr * pi - ci * pr;
              den[2 * q + j] += pe * (pr * pr + pi * pi);
            }
          }
          for (int a = 0; a < nAnt; a++) {
            if (scalar) {
              num[4 * a] += num[4 * a + 2];
              num[4 * a + 1] += num[4 * a + 3];
              num[4 * a + 2] = num[4 * a];
              num[4 * a + 3] = num[4 * a + 1];
              den[2 * a] += den[2 * a + 1];
              den[2 * a + 1] = den[2 * a];
            }
            for (int i = 0; i < 2; i++) {
              int k = 4 * a + 2 * i;
              if (solvable[2 * a + i] && den[2 * a + i] > 0) {
                out[k] = num[k] / den[2 * a + i];
                out[k + 1] = num[k + 1] / den[2 * a + i];
              } else {
                out[k] = prev[k];
                out[k + 1] = prev[k + 1];
              }
            }
          }
          if (phaseOnly) {
            normalise(out);
          }
        };
    return iterate(step, g, phaseOnly, maxIter, tol, andersonDepth);
  }

  /**
   * Full 2x2 Jones matrices: {@code J_p = (sum_q V_pq J_q M_pq^H) (sum_q M_pq J_q^H J_q
   * M_pq^H)^-1}, the least-squares update of J_p with the other antennas fixed (Hamaker 2000 App.
   * D; Salvini and Wijnholds 2014 Sec. 5).
   *
   * @param jones in: initial Jones, out: solution, 8 doubles per antenna (GainTable layout)
   * @param solvable {@code solvable[a]}: antenna a has data (others stay fixed)
   * @param andersonDepth 0 for StEFCal's damping, else the Anderson acceleration history length
   */
  Run solveFull(double[] jones, boolean[] solvable, int maxIter, double tol, int andersonDepth) {
    double[] ja = new double[8 * nAnt]; // J_a^H J_a
    double[] num = new double[8 * nAnt];
    double[] den = new double[8 * nAnt];
    double[] inv = new double[8];
    Step step =
        (prev, out) -> {
          for (int a = 0; a < nAnt; a++) {
            gram(prev, 8 * a, ja, 8 * a);
          }
          Arrays.fill(num, 0);
          Arrays.fill(den, 0);
          for (int b = 0; b < nBl; b++) {
            int p = bp[b];
            int q = bq[b];
            int o = 32 * b;
            contract(c, o, prev, 8 * q, num, 8 * p, false);
            contract(pw, o, ja, 8 * q, den, 8 * p, false);
            contract(c, o, prev, 8 * p, num, 8 * q, true);
            contract(pw, o, ja, 8 * p, den, 8 * q, true);
          }
          for (int a = 0; a < nAnt; a++) {
            if (solvable[a] && Jones.invert(den, 8 * a, inv, 0, 1e-14)) {
              Jones.mul(num, 8 * a, inv, 0, out, 8 * a);
            } else {
              System.arraycopy(prev, 8 * a, out, 8 * a, 8);
            }
          }
        };
    return iterate(step, jones, false, maxIter, tol, andersonDepth);
  }

  /**
   * Runs the fixed-point iteration {@code x <- F(x)} from {@code x} (overwritten with the result).
   *
   * <p>{@code andersonDepth == 0}: StEFCal (Salvini and Wijnholds 2014, Alg. 1): every second
   * iteration, if {@code ||F(x) - x|| / ||F(x)|| > tol}, the new iterate is the average of F(x) and
   * x, which stops the odd-even oscillation of the Jacobi-type update.
   *
   * <p>{@code andersonDepth = m > 0}: Anderson acceleration (Walker and Ni 2011, SIAM J. Numer.
   * Anal. 49, 1715, "type II"): {@code x_{k+1} = F(x_k) - dG gamma} with gamma the least-squares
   * fit of the residual {@code f_k = F(x_k) - x_k} by the last m residual differences dF. It
   * reaches the same fixed point in far fewer iterations when the problem is nearly degenerate
   * (weakly polarised models). The history restarts, with one damped step, whenever the residual
   * grows tenfold over its smallest value.
   *
   * <p>Both stop when {@code ||F(x) - x||_F / ||F(x)||_F <= tol} and then return F(x).
   */
  private Run iterate(
      Step step, double[] x, boolean phaseOnly, int maxIter, double tol, int andersonDepth) {
    int n = x.length;
    double[] g = new double[n];
    if (andersonDepth == 0) {
      for (int it = 1; it <= maxIter; it++) {
        step.apply(x, g);
        if (it % 2 == 0) {
          if (relativeChange(g, x) <= tol) {
            System.arraycopy(g, 0, x, 0, n);
            return new Run(it, true);
          }
          for (int k = 0; k < n; k++) {
            g[k] = 0.5 * (g[k] + x[k]);
          }
          if (phaseOnly) {
            normalise(g);
          }
        }
        System.arraycopy(g, 0, x, 0, n);
      }
      return new Run(maxIter, false);
    }
    int m = andersonDepth;
    double[][] dF = new double[m][n];
    double[][] dG = new double[m][n];
    double[] f = new double[n];
    double[] fPrev = new double[n];
    double[] gPrev = new double[n];
    int stored = 0;
    int head = 0;
    double bestResidual = Double.POSITIVE_INFINITY;
    for (int it = 1; it <= maxIter; it++) {
      step.apply(x, g);
      double fn = 0;
      double gn = 0;
      for (int k = 0; k < n; k++) {
        f[k] = g[k] - x[k];
        fn += f[k] * f[k];
        gn += g[k] * g[k];
      }
      if (fn <= tol * tol * gn) {
        System.arraycopy(g, 0, x, 0, n);
        return new Run(it, true);
      }
      if (fn > 100 * bestResidual) {
        // Diverging: forget the history and take one damped StEFCal step.
        stored = 0;
        head = 0;
        bestResidual = fn;
        for (int k = 0; k < n; k++) {
          x[k] = 0.5 * (g[k] + x[k]);
        }
        if (phaseOnly) {
          normalise(x);
        }
        System.arraycopy(f, 0, fPrev, 0, n);
        System.arraycopy(g, 0, gPrev, 0, n);
        continue;
      }
      bestResidual = Math.min(bestResidual, fn);
      if (it > 1) {
        for (int k = 0; k < n; k++) {
          dF[head][k] = f[k] - fPrev[k];
          dG[head][k] = g[k] - gPrev[k];
        }
        head = (head + 1) % m;
        stored = Math.min(stored + 1, m);
      }
      System.arraycopy(f, 0, fPrev, 0, n);
      System.arraycopy(g, 0, gPrev, 0, n);
      double[] gamma = stored > 0 ? leastSquares(dF, stored, f) : null;
      for (int k = 0; k < n; k++) {
        double v = g[k];
        if (gamma != null) {
          for (int j = 0; j < stored; j++) {
            v -= gamma[j] * dG[j][k];
          }
        }
        x[k] = v;
      }
      if (phaseOnly) {
        normalise(x);
      }
    }
    step.apply(x, g);
    System.arraycopy(g, 0, x, 0, n);
    return new Run(maxIter, false);
  }

  /**
   * Least-squares {@code gamma} minimising {@code ||f - sum_j gamma_j a[j]||} over the first {@code
   * s} rows of {@code a}, by the normal equations with a tiny Tikhonov term for stability (s is at
   * most a few, so O(s^2 n)).
   */
  private static double[] leastSquares(double[][] a, int s, double[] f) {
    double[][] ata = new double[s][s + 1];
    double trace = 0;
    for (int i = 0; i < s; i++) {
      for (int j = 0; j <= i; j++) {
        double d = 0;
        for (int k = 0; k < f.length; k++) {
          d += a[i][k] * a[j][k];
        }
        ata[i][j] = d;
        ata[j][i] = d;
      }
      double r = 0;
      for (int k = 0; k < f.length; k++) {
        r += a[i][k] * f[k];
      }
      ata[i][s] = r;
      trace += ata[i][i];
    }
    double reg = 1e-12 * trace / s + Double.MIN_NORMAL;
    for (int i = 0; i < s; i++) {
      ata[i][i] += reg;
    }
    // Gaussian elimination with partial pivoting on the augmented s x (s+1) system.
    for (int col = 0; col < s; col++) {
      int piv = col;
      for (int r = col + 1; r < s; r++) {
        if (Math.abs(ata[r][col]) > Math.abs(ata[piv][col])) {
          piv = r;
        }
      }
      double[] t = ata[col];
      ata[col] = ata[piv];
      ata[piv] = t;
      for (int r = col + 1; r < s; r++) {
        double fct = ata[r][col] / ata[col][col];
        for (int k = col; k <= s; k++) {
          ata[r][k] -= fct * ata[col][k];
        }
      }
    }
    double[] gamma = new double[s];
    for (int i = s - 1; i >= 0; i--) {
      double v = ata[i][s];
      for (int k = i + 1; k < s; k++) {
        v -= ata[i][k] * gamma[k];
      }
      gamma[i] = v / ata[i][i];
    }
    return gamma;
  }

  /**
   * {@code out[oo..] += sum_kl T[i,k,j,l] X_kl} or, when {@code conjugateSide}, {@code sum_kl
   * conj(T[k,i,l,j]) X_kl}: the contribution of baseline (p, q) to antenna p, or of its conjugate
   * (q, p) to antenna q.
   */
  private static void contract(
      double[] t, int to, double[] x, int xo, double[] out, int oo, boolean conjugateSide) {
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double re = 0;
        double im = 0;
        for (int k = 0; k < 2; k++) {
          for (int l = 0; l < 2; l++) {
            int idx = conjugateSide ? 8 * k + 4 * i + 2 * l + j : 8 * i + 4 * k + 2 * j + l;
            double tr = t[to + 2 * idx];
            double ti = conjugateSide ? -t[to + 2 * idx + 1] : t[to + 2 * idx + 1];
            double xr = x[xo + 4 * k + 2 * l];
            double xi = x[xo + 4 * k + 2 * l + 1];
            re += tr * xr - ti * xi;
            im += tr * xi + ti * xr;
          }
        }
        out[oo + 4 * i + 2 * j] += re;
        out[oo + 4 * i + 2 * j + 1] += im;
      }
    }
  }

  /** {@code out = J^H J}. */
  private static void gram(double[] j, int jo, double[] out, int oo) {
    for (int a = 0; a < 2; a++) {
      for (int b = 0; b < 2; b++) {
        double re = 0;
        double im = 0;
        for (int k = 0; k < 2; k++) {
          // conj(J_ka) J_kb
          double ar = j[jo + 4 * k + 2 * a];
          double ai = -j[jo + 4 * k + 2 * a + 1];
          double br = j[jo + 4 * k + 2 * b];
          double bi = j[jo + 4 * k + 2 * b + 1];
          re += ar * br - ai * bi;
          im += ar * bi + ai * br;
        }
        out[oo + 4 * a + 2 * b] = re;
        out[oo + 4 * a + 2 * b + 1] = im;
      }
    }
  }

  private static double relativeChange(double[] g, double[] prev) {
    double d = 0;
    double n = 0;
    for (int k = 0; k < g.length; k++) {
      double x = g[k] - prev[k];
      d += x * x;
      n += g[k] * g[k];
    }
    return n > 0 ? Math.sqrt(d / n) : 0;
  }

  /** Scales every non-zero complex entry to unit modulus. */
  private static void normalise(double[] g) {
    for (int k = 0; k < g.length; k += 2) {
      double a = Math.hypot(g[k], g[k + 1]);
      if (a > 0) {
        g[k] /= a;
        g[k + 1] /= a;
      }
    }
  }
}
