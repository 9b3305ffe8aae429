package org.radiospark.kernels.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Visibilities of one set of rows (baseline x time samples) over a set of channels and
 * polarisations, as a structure of primitive arrays.
 *
 * <p>Layout (row-major, polarisation fastest):
 *
 * <ul>
 *   <li>{@code uMetres[r], vMetres[r], wMetres[r]}: baseline coordinates in metres, {@code
 *       pos(antenna2) - pos(antenna1)} (the sign of {@code package-info}'s measurement equation);
 *       multiply by {@code freqHz[ch] / c} for wavelengths.
 *   <li>{@code antenna1[r], antenna2[r]}: 0-based indices into the {@link AntennaConfiguration}.
 *   <li>{@code timeMjdSec[r]}: centroid of the integration, MJD seconds UTC; {@code
 *       integrationSec[r]}: its length.
 *   <li>{@code vis[2*i], vis[2*i+1]}: real and imaginary parts of sample {@code i = index(r, ch, p)
 *       = (r * nChan + ch) * nPol + p}, in Jy.
 *   <li>{@code weight[i]}, {@code flag[i]}: per-sample weight (>= 0) and flag (true = bad).
 *   <li>{@code freqHz[ch]}, {@code chanWidthHz[ch]}: channel centres and widths.
 *   <li>{@code pols[p]}: the correlation products.
 * </ul>
 *
 * <p>The arrays are exposed as they are, not copied: kernels read and write them in place. Use
 * {@link #copy()} before modifying a block that someone else may hold.
 */
public final class VisibilityBlock {
  /** Speed of light, m/s. */
  public static final double C = 299_792_458.0;

  private final int nRows;
  private final int nChan;
  private final int nPol;
  private final double[] uMetres;
  private final double[] vMetres;
  private final double[] wMetres;
  private final int[] antenna1;
  private final int[] antenna2;
  private final double[] timeMjdSec;
  private final double[] integrationSec;
  private final double[] freqHz;
  private final double[] chanWidthHz;
  private final Stokes[] pols;
  private final float[] vis;
  private final float[] weight;
  private final boolean[] flag;
  private final PhaseCentre phaseCentre;

  /** Creates a block over the given arrays (not copied), checking every length. */
  public VisibilityBlock(
      double[] uMetres,
      double[] vMetres,
      double[] wMetres,
      int[] antenna1,
      int[] antenna2,
      double[] timeMjdSec,
      double[] integrationSec,
      double[] freqHz,
      double[] chanWidthHz,
      Stokes[] pols,
      float[] vis,
      float[] weight,
      boolean[] flag,
      PhaseCentre phaseCentre) {
    this.uMetres = Objects.requireNonNull(uMetres, "uMetres");
    this.nRows = uMetres.length;
    this.freqHz = Objects.requireNonNull(freqHz, "freqHz");
    this.nChan = freqHz.length;
    this.pols = Objects.requireNonNull(pols, "pols");
    this.nPol = pols.length;
    this.vMetres = requireLength(vMetres, nRows, "vMetres");
    this.wMetres = requireLength(wMetres, nRows, "wMetres");
    this.antenna1 = requireLength(antenna1, nRows, "antenna1");
    this.antenna2 = requireLength(antenna2, nRows, "antenna2");
    this.timeMjdSec = requireLength(timeMjdSec, nRows, "timeMjdSec");
    this.integrationSec = requireLength(integrationSec, nRows, "integrationSec");
    this.chanWidthHz = requireLength(chanWidthHz, nChan, "chanWidthHz");
    long n = (long) nRows * nChan * nPol;
    if (n > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException("block too large: " + n + " samples");
    }
    this.vis = requireLength(vis, (int) (2 * n), "vis");
    this.weight = requireLength(weight, (int) n, "weight");
    this.flag = requireLength(flag, (int) n, "flag");
    this.phaseCentre = Objects.requireNonNull(phaseCentre, "phaseCentre");
  }

  /** A block of zero visibilities, unit weights and no flags, with the given row metadata. */
  public static VisibilityBlock zeros(
      double[] uMetres,
      double[] vMetres,
      double[] wMetres,
      int[] antenna1,
      int[] antenna2,
      double[] timeMjdSec,
      double[] integrationSec,
      double[] freqHz,
      double[] chanWidthHz,
      Stokes[] pols,
      PhaseCentre phaseCentre) {
    int n = uMetres.length * freqHz.length * pols.length;
    float[] weight = new float[n];
    Arrays.fill(weight, 1f);
    return new VisibilityBlock(
        uMetres,
        vMetres,
        wMetres,
        antenna1,
        antenna2,
        timeMjdSec,
        integrationSec,
        freqHz,
        chanWidthHz,
        pols,
        new float[2 * n],
        weight,
        new boolean[n],
        phaseCentre);
  }

  private static double[] requireLength(double[] a, int n, String name) {
    Objects.requireNonNull(a, name);
    if (a.length != n) {
      throw new IllegalArgumentException(name + " has length " + a.length + ", expected " + n);
    }
    return a;
  }

  private static int[] requireLength(int[] a, int n, String name) {
    Objects.requireNonNull(a, name);
    if (a.length != n) {
      throw new IllegalArgumentException(name + " has length " + a.length + ", expected " + n);
    }
    return a;
  }

  private static float[] requireLength(float[] a, int n, String name) {
    Objects.requireNonNull(a, name);
    if (a.length != n) {
      throw new IllegalArgumentException(name + " has length " + a.length + ", expected " + n);
    }
    return a;
  }

  private static boolean[] requireLength(boolean[] a, int n, String name) {
    Objects.requireNonNull(a, name);
    if (a.length != n) {
      throw new IllegalArgumentException(name + " has length " + a.length + ", expected " + n);
    }
    return a;
  }

  /** Index of sample (row, chan, pol) into {@link #weight()} and {@link #flag()}. */
  public int index(int row, int chan, int pol) {
    return (row * nChan + chan) * nPol + pol;
  }

  public int nRows() {
    return nRows;
  }

  public int nChan() {
    return nChan;
  }

  public int nPol() {
    return nPol;
  }

  public double[] uMetres() {
    return uMetres;
  }

  public double[] vMetres() {
    return vMetres;
  }

  public double[] wMetres() {
    return wMetres;
  }

  public int[] antenna1() {
    return antenna1;
  }

  public int[] antenna2() {
    return antenna2;
  }

  public double[] timeMjdSec() {
    return timeMjdSec;
  }

  public double[] integrationSec() {
    return integrationSec;
  }

  public double[] freqHz() {
    return freqHz;
  }

  public double[] chanWidthHz() {
    return chanWidthHz;
  }

  public Stokes[] pols() {
    return pols;
  }

  public float[] vis() {
    return vis;
  }

  public float[] weight() {
    return weight;
  }

  public boolean[] flag() {
    return flag;
  }

  public PhaseCentre phaseCentre() {
    return phaseCentre;
  }

  /** Position of polarisation {@code s} in this block, or -1 if absent. */
  public int polIndex(Stokes s) {
    for (int p = 0; p < nPol; p++) {
      if (pols[p] == s) {
        return p;
      }
    }
    return -1;
  }

  /** A deep copy. */
  public VisibilityBlock copy() {
    return new VisibilityBlock(
        uMetres.clone(),
        vMetres.clone(),
        wMetres.clone(),
        antenna1.clone(),
        antenna2.clone(),
        timeMjdSec.clone(),
        integrationSec.clone(),
        freqHz.clone(),
        chanWidthHz.clone(),
        pols.clone(),
        vis.clone(),
        weight.clone(),
        flag.clone(),
        phaseCentre);
  }

  /**
   * The channels {@code [start, end)} of every row, as a new block (row arrays shared, sample
   * arrays copied). Cost O(rows x (end - start) x pols).
   */
  public VisibilityBlock selectChannels(int start, int end) {
    if (start < 0 || end > nChan || start >= end) {
      throw new IllegalArgumentException(
          "channel range [" + start + ", " + end + ") outside [0, " + nChan + ")");
    }
    int n = end - start;
    int run = n * nPol;
    float[] v = new float[2 * nRows * run];
    float[] wt = new float[nRows * run];
    boolean[] fl = new boolean[nRows * run];
    for (int r = 0; r < nRows; r++) {
      int from = index(r, start, 0);
      System.arraycopy(vis, 2 * from, v, 2 * r * run, 2 * run);
      System.arraycopy(weight, from, wt, r * run, run);
      System.arraycopy(flag, from, fl, r * run, run);
    }
    return new VisibilityBlock(
        uMetres,
        vMetres,
        wMetres,
        antenna1,
        antenna2,
        timeMjdSec,
        integrationSec,
        Arrays.copyOfRange(freqHz, start, end),
        Arrays.copyOfRange(chanWidthHz, start, end),
        pols,
        v,
        wt,
        fl,
        phaseCentre);
  }

  /**
   * The given rows, in the given order, as a new block (every array copied). Cost O(rows x channels
   * x pols).
   *
   * @throws IllegalArgumentException if a row index is outside {@code [0, nRows)}
   */
  public VisibilityBlock selectRows(int[] rows) {
    int n = rows.length;
    int run = nChan * nPol;
    double[] u = new double[n];
    double[] vv = new double[n];
    double[] w = new double[n];
    int[] a1 = new int[n];
    int[] a2 = new int[n];
    double[] t = new double[n];
    double[] dt = new double[n];
    float[] v = new float[2 * n * run];
    float[] wt = new float[n * run];
    boolean[] fl = new boolean[n * run];
    for (int k = 0; k < n; k++) {
      int r = rows[k];
      if (r < 0 || r >= nRows) {
        throw new IllegalArgumentException("row " + r + " outside [0, " + nRows + ")");
      }
      u[k] = uMetres[r];
      vv[k] = vMetres[r];
      w[k] = wMetres[r];
      a1[k] = antenna1[r];
      a2[k] = antenna2[r];
      t[k] = timeMjdSec[r];
      dt[k] = integrationSec[r];
      System.arraycopy(vis, 2 * r * run, v, 2 * k * run, 2 * run);
      System.arraycopy(weight, r * run, wt, k * run, run);
      System.arraycopy(flag, r * run, fl, k * run, run);
    }
    return new VisibilityBlock(
        u, vv, w, a1, a2, t, dt, freqHz.clone(), chanWidthHz.clone(), pols, v, wt, fl, phaseCentre);
  }

  /** The same rows, channels and weights with new samples (shares every other array). */
  public VisibilityBlock withVis(float[] newVis) {
    return new VisibilityBlock(
        uMetres,
        vMetres,
        wMetres,
        antenna1,
        antenna2,
        timeMjdSec,
        integrationSec,
        freqHz,
        chanWidthHz,
        pols,
        newVis,
        weight,
        flag,
        phaseCentre);
  }

  @Override
  public String toString() {
    return "VisibilityBlock[rows="
        + nRows
        + ", chans="
        + nChan
        + ", pols="
        + Arrays.toString(pols)
        + ", centre="
        + phaseCentre
        + "]";
  }
}
