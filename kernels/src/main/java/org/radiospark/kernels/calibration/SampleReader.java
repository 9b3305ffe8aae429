package org.radiospark.kernels.calibration;

import java.util.Arrays;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Selects the samples a solve uses (cross-correlations, unflagged in data and model, weight &gt; 0,
 * finite, inside the uv range) and feeds them, oriented as baseline (p &lt; q), to a {@link
 * CellSystem}; also evaluates the chi-square of solved gains over the same samples.
 *
 * <p>A row stored with antenna1 &gt; antenna2 is turned around with {@code V_qp = V_pq^H}: element
 * (i, j) becomes the conjugate of element (j, i).
 */
final class SampleReader {
  private final VisibilityBlock data;
  private final VisibilityBlock model;
  private final int[] elem;
  private final int nAnt;
  private final boolean[] antennaFlagged;
  private final boolean full;
  private final double uvMin;
  private final double uvMax;
  private final double[] v = new double[8];
  private final double[] m = new double[8];
  private final double[] w = new double[4];
  private final double[] pred = new double[8];
  private final double[] tmp = new double[8];

  SampleReader(
      VisibilityBlock data,
      VisibilityBlock model,
      int[] elem,
      int nAnt,
      boolean[] antennaFlagged,
      SolverParameters params) {
    this.data = data;
    this.antennaFlagged = antennaFlagged;
    this.nAnt = nAnt;
    this.model = model;
    this.elem = elem;
    this.full = params.mode() == JonesMode.FULL;
    this.uvMin = params.uvMinLambda();
    this.uvMax = params.uvMaxLambda();
  }

  /** Adds every usable sample of {@code rows} and channels {@code chans} to {@code sys}. */
  void accumulate(int[] rows, int[] chans, CellSystem sys) {
    visit(rows, chans, sys, null, 0, null, 0);
  }

  /**
   * {@code sum w |V - J_p M J_q^H|^2} over the samples {@link #accumulate} uses, skipping antennas
   * flagged in {@code flagged[cell * nAnt + a]}; Jones of antenna a at {@code jones[jo + 8 a]}.
   */
  double chi2(int[] rows, int[] chans, double[] jones, int jo, boolean[] flagged, int cell) {
    return visit(rows, chans, null, jones, jo, flagged, cell);
  }

  private double visit(
      int[] rows,
      int[] chans,
      CellSystem sys,
      double[] jones,
      int jo,
      boolean[] flagged,
      int cell) {
    int nChan = data.nChan();
    int nPol = data.nPol();
    float[] dv = data.vis();
    float[] mv = model.vis();
    float[] dw = data.weight();
    boolean[] df = data.flag();
    boolean[] mf = model.flag();
    double[] freq = data.freqHz();
    double chi2 = 0;
    for (int r : rows) {
      int a1 = data.antenna1()[r];
      int a2 = data.antenna2()[r];
      if (a1 == a2 || antennaFlagged[a1] || antennaFlagged[a2]) {
        continue;
      }
      boolean swap = a1 > a2;
      int p = swap ? a2 : a1;
      int q = swap ? a1 : a2;
      if (flagged != null) {
        if (flagged[cell * nAnt + p] || flagged[cell * nAnt + q]) {
          continue;
        }
      }
      double uvMetres = Math.hypot(data.uMetres()[r], data.vMetres()[r]);
      for (int ch : chans) {
        double uvLambda = uvMetres * freq[ch] / VisibilityBlock.C;
        if (uvLambda < uvMin || uvLambda > uvMax) {
          continue;
        }
        int base = (r * nChan + ch) * nPol;
        // Absent correlations keep weight 0, so nothing of a previous sample leaks in.
        Arrays.fill(w, 0);
        int usable = 0;
        for (int k = 0; k < nPol; k++) {
          int i = base + k;
          int e = elem[k];
          if (swap) {
            // (i, j) -> (j, i)
            e = ((e & 1) << 1) | (e >> 1);
          }
          double vr = dv[2 * i];
          double vi = dv[2 * i + 1];
          double mr = mv[2 * i];
          double mi = mv[2 * i + 1];
          boolean ok =
              !df[i]
                  && !mf[i]
                  && dw[i] > 0
                  && Double.isFinite(vr + vi + mr + mi)
                  && Float.isFinite(dw[i]);
          w[e] = ok ? dw[i] : 0;
          v[2 * e] = vr;
          v[2 * e + 1] = swap ? -vi : vi;
          m[2 * e] = mr;
          m[2 * e + 1] = swap ? -mi : mi;
          if (ok) {
            usable++;
          }
        }
        if (full) {
          if (usable < 4) {
            continue;
          }
          double wm = 0.25 * (w[0] + w[1] + w[2] + w[3]);
          if (sys != null) {
            sys.addMatrix(sys.baseline(p, q), v, m, wm);
          } else {
            Jones.corrupt(jones, jo + 8 * p, m, 0, jones, jo + 8 * q, pred, 0, tmp);
            for (int e = 0; e < 4; e++) {
              double dr = v[2 * e] - pred[2 * e];
              double di = v[2 * e + 1] - pred[2 * e + 1];
              chi2 += wm * (dr * dr + di * di);
            }
          }
        } else {
          for (int k = 0; k < nPol; k++) {
            int e = elem[k];
            if (swap) {
              e = ((e & 1) << 1) | (e >> 1);
            }
            if (w[e] <= 0) {
              continue;
            }
            if (sys != null) {
              sys.addElement(
                  sys.baseline(p, q), e, v[2 * e], v[2 * e + 1], m[2 * e], m[2 * e + 1], w[e]);
            } else {
              int i = e >> 1;
              int j = e & 1;
              int po = jo + 8 * p + 6 * i;
              int qo = jo + 8 * q + 6 * j;
              // g_p,i M conj(g_q,j)
              double gr = jones[po] * jones[qo] + jones[po + 1] * jones[qo + 1];
              double gi = jones[po + 1] * jones[qo] - jones[po] * jones[qo + 1];
              double pr = gr * m[2 * e] - gi * m[2 * e + 1];
              double pi = gr * m[2 * e + 1] + gi * m[2 * e];
              double dr = v[2 * e] - pr;
              double di = v[2 * e + 1] - pi;
              chi2 += w[e] * (dr * dr + di * di);
            }
          }
        }
      }
    }
    return chi2;
  }
}
