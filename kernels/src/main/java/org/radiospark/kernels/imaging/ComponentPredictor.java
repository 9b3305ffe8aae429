package org.radiospark.kernels.imaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.radiospark.kernels.coords.DirectionCosines;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.Stokes;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.polarisation.PolarisationConverter;

/**
 * Direct Fourier transform (DFT) predict of sky components into visibilities, exact in w.
 *
 * <p>For each row, channel and component: {@code V = S(f) G(u, v) exp(-2 pi i (u l + v m + w (n -
 * 1)))} with uvw in wavelengths ({@code metres * freqHz / c}), (l, m, n) of the component about the
 * block's phase centre ({@link DirectionCosines}, the accurate {@code n - 1}) and {@code S(f)} the
 * power-law flux of each Stokes parameter (the component's integrated flux, so no 1/n factor). The
 * sign is the one of {@code model/package-info.java}, applied to the block's uvw as they are.
 *
 * <p><b>Assumption on the uvw sign (measured):</b> for real MWA data this equation holds when the
 * block's uvw are {@code pos2 - pos1} projected, the <i>negative</i> of what the shared UVFITS
 * files store. With the file's uvw as stored, a gain fit of the hyperdrive EoR0 model to
 * 1061316296.uvfits leaves 0.959 of the data power, no better than a scrambled sky (0.963); with
 * the uvw negated it leaves 0.889 (test {@code ComponentPredictorMwaTest}). Blocks read from such
 * files must have their uvw negated before they meet this predict (or a gridder with the same
 * sign); {@code simulation.Simulator} writes {@code pos2 - pos1}.
 *
 * <p>Elliptical Gaussians: {@code G = exp(-2 pi^2 (sigma_maj^2 u_maj^2 + sigma_min^2 u_min^2))},
 * the Fourier transform of a unit-integral Gaussian with {@code sigma = FWHM / (2 sqrt(2 ln 2))},
 * where {@code u_maj = u sin(pa) + v cos(pa)} and {@code u_min = u cos(pa) - v sin(pa)} are the
 * baseline components along the major and minor axes (position angle north through east, the major
 * axis along (l, m) = (sin pa, cos pa)). The shape is taken flat in the tangent plane at the phase
 * centre, as WSClean and ARL do (exact for components near the centre).
 *
 * <p>Polarisation: the four complex Stokes visibilities are converted to the block's products by
 * {@link PolarisationConverter} (no parallactic angle). With a {@link GainTable} the full coherency
 * {@code M = [[XX, XY], [YX, YY]]} (or {@code [[RR, RL], [LR, LL]]}) is corrupted as {@code J_p M
 * J_q^H}, with the gain cell of the row's time slot and of the channel block nearest in frequency;
 * flagged gain cells are applied as stored. This needs a block of correlation products of one feed
 * type.
 *
 * <p>Cost: O(rows x channels x components) sine/cosine pairs, split over {@code nThreads} threads
 * by contiguous row ranges; results do not depend on the thread count.
 */
public final class ComponentPredictor {
  private static final double FWHM_TO_SIGMA = 1.0 / (2 * Math.sqrt(2 * Math.log(2)));
  private static final Stokes[] IQUV = {Stokes.I, Stokes.Q, Stokes.U, Stokes.V};
  private static final Stokes[] LINEAR = {Stokes.XX, Stokes.XY, Stokes.YX, Stokes.YY};
  private static final Stokes[] CIRCULAR = {Stokes.RR, Stokes.RL, Stokes.LR, Stokes.LL};

  private final int nThreads;

  /**
   * @param nThreads worker threads (1 runs in the calling thread; in a Spark task use the task's
   *     share of the executor cores)
   */
  public ComponentPredictor(int nThreads) {
    if (nThreads < 1) {
      throw new IllegalArgumentException("nThreads must be at least 1: " + nThreads);
    }
    this.nThreads = nThreads;
  }

  /**
   * Overwrites {@code block.vis()} with the predicted visibilities of {@code components}.
   *
   * @param gains per-antenna Jones matrices to corrupt with, or null for none
   */
  public void predict(VisibilityBlock block, List<SkyComponent> components, GainTable gains) {
    run(block, components, gains, false);
  }

  /** Adds the predicted visibilities of {@code components} to {@code block.vis()}. */
  public void add(VisibilityBlock block, List<SkyComponent> components, GainTable gains) {
    run(block, components, gains, true);
  }

  private void run(
      VisibilityBlock block, List<SkyComponent> components, GainTable gains, boolean accumulate) {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(components, "components");
    Plan plan = new Plan(block, components, gains);
    int nRows = block.nRows();
    if (nThreads == 1 || nRows < 2) {
      plan.rows(0, nRows, accumulate);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(nThreads);
    try {
      List<Future<?>> parts = new ArrayList<>();
      int chunk = Math.max(1, (nRows + 4 * nThreads - 1) / (4 * nThreads));
      for (int start = 0; start < nRows; start += chunk) {
        int s = start;
        int e = Math.min(nRows, start + chunk);
        parts.add(pool.submit(() -> plan.rows(s, e, accumulate)));
      }
      for (Future<?> f : parts) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("predict interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("predict failed", c);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Everything precomputed for one call: component geometry, fluxes per channel, conversions. */
  private static final class Plan {
    private final VisibilityBlock block;
    private final int nComp;
    private final int nChan;
    private final int nPol;
    private final double[] l;
    private final double[] m;
    private final double[] nm1;
    private final double[] sigMaj2;
    private final double[] sigMin2;
    private final double[] sinPa;
    private final double[] cosPa;
    private final boolean[] gaussian;
    // flux[(c * nChan + ch) * 4 + k], Stokes k of component c at channel ch.
    private final double[] flux;
    private final double[] scale;
    private final GainTable gains;
    private final PolarisationConverter toOutput;
    private final int[] chanBlock;
    // For corruption: position of each output product in the 2x2 coherency (row-major), or -1.
    private final int[] outElement;

    Plan(VisibilityBlock block, List<SkyComponent> components, GainTable gains) {
      this.block = block;
      this.nComp = components.size();
      this.nChan = block.nChan();
      this.nPol = block.nPol();
      this.gains = gains;
      l = new double[nComp];
      m = new double[nComp];
      nm1 = new double[nComp];
      sigMaj2 = new double[nComp];
      sigMin2 = new double[nComp];
      sinPa = new double[nComp];
      cosPa = new double[nComp];
      gaussian = new boolean[nComp];
      flux = new double[nComp * nChan * 4];
      double[] freq = block.freqHz();
      for (int c = 0; c < nComp; c++) {
        SkyComponent s = components.get(c);
        double[] lmn = DirectionCosines.lmn(s.raRad(), s.decRad(), block.phaseCentre());
        if (lmn[2] <= 0) {
          throw new IllegalArgumentException(
              "component " + c + " is more than 90 deg from the phase centre");
        }
        l[c] = lmn[0];
        m[c] = lmn[1];
        nm1[c] = DirectionCosines.nMinusOne(lmn[0], lmn[1]);
        gaussian[c] = !s.isPoint();
        double sMaj = s.majorRad() * FWHM_TO_SIGMA;
        double sMin = s.minorRad() * FWHM_TO_SIGMA;
        sigMaj2[c] = sMaj * sMaj;
        sigMin2[c] = sMin * sMin;
        sinPa[c] = Math.sin(s.paRad());
        cosPa[c] = Math.cos(s.paRad());
        for (int ch = 0; ch < nChan; ch++) {
          for (int k = 0; k < 4; k++) {
            flux[(c * nChan + ch) * 4 + k] = s.fluxAt(k, freq[ch]);
          }
        }
      }
      scale = new double[nChan];
      for (int ch = 0; ch < nChan; ch++) {
        scale[ch] = freq[ch] / VisibilityBlock.C;
      }
      Stokes[] pols = block.pols();
      if (gains == null) {
        toOutput = PolarisationConverter.of(IQUV, pols);
        chanBlock = null;
        outElement = null;
      } else {
        Stokes[] feed = feedProducts(pols);
        toOutput = PolarisationConverter.of(IQUV, feed);
        outElement = new int[nPol];
        for (int p = 0; p < nPol; p++) {
          for (int e = 0; e < 4; e++) {
            if (feed[e] == pols[p]) {
              outElement[p] = e;
            }
          }
        }
        if (gains.nAnt() <= maxAntenna(block)) {
          throw new IllegalArgumentException(
              "gain table has " + gains.nAnt() + " antennas, the block uses more");
        }
        chanBlock = new int[nChan];
        for (int ch = 0; ch < nChan; ch++) {
          chanBlock[ch] = nearest(gains.blockFreqHz(), freq[ch]);
        }
      }
    }

    private static int maxAntenna(VisibilityBlock b) {
      int mx = -1;
      for (int r = 0; r < b.nRows(); r++) {
        mx = Math.max(mx, Math.max(b.antenna1()[r], b.antenna2()[r]));
      }
      return mx;
    }

    private static int nearest(double[] f, double x) {
      if (f.length == 0) {
        throw new IllegalArgumentException("gain table has no channel blocks");
      }
      int best = 0;
      for (int i = 1; i < f.length; i++) {
        if (Math.abs(f[i] - x) < Math.abs(f[best] - x)) {
          best = i;
        }
      }
      return best;
    }

    /** The four products of the block's feed type, in the 2x2 row-major order. */
    private static Stokes[] feedProducts(Stokes[] pols) {
      boolean linear = true;
      boolean circular = true;
      for (Stokes p : pols) {
        linear &= p.isLinear();
        circular &= p.isCircular();
      }
      if (linear) {
        return new Stokes[] {Stokes.XX, Stokes.XY, Stokes.YX, Stokes.YY};
      }
      if (circular) {
        return new Stokes[] {Stokes.RR, Stokes.RL, Stokes.LR, Stokes.LL};
      }
      throw new IllegalArgumentException(
          "gain corruption needs correlation products of one feed type, not "
              + java.util.Arrays.toString(pols));
    }

    void rows(int start, int end, boolean accumulate) {
      double[] u = block.uMetres();
      double[] v = block.vMetres();
      double[] w = block.wMetres();
      float[] vis = block.vis();
      double[] stokesVis = new double[8];
      double[] corr = new double[2 * (gains == null ? nPol : 4)];
      double[] corrupted = new double[8];
      double[] picked = new double[2 * nPol];
      double[] scratch = new double[8];
      for (int r = start; r < end; r++) {
        int slot = -1;
        if (gains != null) {
          slot = gains.slotOf(block.timeMjdSec()[r]);
          if (slot < 0) {
            throw new IllegalArgumentException(
                "no gain solution slot covers row " + r + " at " + block.timeMjdSec()[r]);
          }
        }
        for (int ch = 0; ch < nChan; ch++) {
          double uu = u[r] * scale[ch];
          double vv = v[r] * scale[ch];
          double ww = w[r] * scale[ch];
          java.util.Arrays.fill(stokesVis, 0);
          for (int c = 0; c < nComp; c++) {
            double phase = -2 * Math.PI * (uu * l[c] + vv * m[c] + ww * nm1[c]);
            double amp = 1;
            if (gaussian[c]) {
              double uMaj = uu * sinPa[c] + vv * cosPa[c];
              double uMin = uu * cosPa[c] - vv * sinPa[c];
              amp =
                  Math.exp(
                      -2
                          * Math.PI
                          * Math.PI
                          * (sigMaj2[c] * uMaj * uMaj + sigMin2[c] * uMin * uMin));
            }
            double kr = amp * Math.cos(phase);
            double ki = amp * Math.sin(phase);
            int f = (c * nChan + ch) * 4;
            for (int k = 0; k < 4; k++) {
              stokesVis[2 * k] += flux[f + k] * kr;
              stokesVis[2 * k + 1] += flux[f + k] * ki;
            }
          }
          toOutput.apply(stokesVis, 0, corr, 0);
          double[] result = corr;
          if (gains != null) {
            corrupt(
                corr,
                slot,
                chanBlock[ch],
                block.antenna1()[r],
                block.antenna2()[r],
                scratch,
                corrupted);
            for (int p = 0; p < nPol; p++) {
              picked[2 * p] = corrupted[2 * outElement[p]];
              picked[2 * p + 1] = corrupted[2 * outElement[p] + 1];
            }
            result = picked;
          }
          int base = 2 * block.index(r, ch, 0);
          for (int p = 0; p < 2 * nPol; p++) {
            vis[base + p] = accumulate ? (float) (vis[base + p] + result[p]) : (float) result[p];
          }
        }
      }
    }

    /** out = J_p M J_q^H for 2x2 complex matrices, interleaved row-major; t is scratch. */
    private void corrupt(double[] mm, int slot, int blk, int p, int q, double[] t, double[] out) {
      double[] j = gains.jones();
      int op = 8 * gains.cell(slot, blk, p);
      int oq = 8 * gains.cell(slot, blk, q);
      // t = J_p M
      for (int a = 0; a < 2; a++) {
        for (int b = 0; b < 2; b++) {
          double re = 0;
          double im = 0;
          for (int k = 0; k < 2; k++) {
            double xr = j[op + 2 * (2 * a + k)];
            double xi = j[op + 2 * (2 * a + k) + 1];
            double yr = mm[2 * (2 * k + b)];
            double yi = mm[2 * (2 * k + b) + 1];
            re += xr * yr - xi * yi;
            im += xr * yi + xi * yr;
          }
          t[2 * (2 * a + b)] = re;
          t[2 * (2 * a + b) + 1] = im;
        }
      }
      // out = t J_q^H, (J_q^H)[k][b] = conj(J_q[b][k])
      for (int a = 0; a < 2; a++) {
        for (int b = 0; b < 2; b++) {
          double re = 0;
          double im = 0;
          for (int k = 0; k < 2; k++) {
            double xr = t[2 * (2 * a + k)];
            double xi = t[2 * (2 * a + k) + 1];
            double yr = j[oq + 2 * (2 * b + k)];
            double yi = -j[oq + 2 * (2 * b + k) + 1];
            re += xr * yr - xi * yi;
            im += xr * yi + xi * yr;
          }
          out[2 * (2 * a + b)] = re;
          out[2 * (2 * a + b) + 1] = im;
        }
      }
    }
  }
}
