package org.radiospark.kernels.simulation.vcs;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;
import org.radiospark.kernels.beamform.BeamWeights;
import org.radiospark.kernels.beamform.Pointing;
import org.radiospark.kernels.beamform.TiedArray;
import org.radiospark.kernels.io.mwa.AoCalSolutions;
import org.radiospark.kernels.io.mwa.Metafits;
import org.radiospark.kernels.io.vcs.VcsFileName;
import org.radiospark.kernels.io.vcs.VcsFormat;
import org.radiospark.kernels.io.vcs.VcsSample;
import org.radiospark.kernels.io.vcs.VcsSecond;

/**
 * Synthetic legacy VCS voltages of a real MWA array (a metafits: tile positions, cable lengths, the
 * VCS input order) with receiver noise and a dispersed pulsar arriving as a plane wave.
 *
 * <p>For tile {@code a}, polarisation {@code p}, fine channel at {@code nu} and sample time {@code
 * t}: {@code v_a = G_a [s_X(t) e^{i theta_aX}, s_Y(t) e^{i theta_aY}] + n_a}, quantised to 4+4
 * bits, where {@code s} is the pulsar's voltage ({@link PulsarSignal}: the same for every tile),
 * {@code theta_ap = 2 pi frac(nu (w_a - L_ap) / c)} the phase of its geometric path {@code w_a}
 * toward the pulsar and of the cable {@code L_ap} (exactly what {@link BeamWeights} removes),
 * {@code G_a} the tile's Jones matrix (identity unless gains are asked for) and {@code n}
 * independent complex Gaussian noise. The narrow-band approximation (a phase per fine channel)
 * holds because the largest delays (~20 us) are a fraction of the 100 us sample. Times of second
 * {@code k} are {@code DATE-OBS + k + t / 10,000}; the pulsar direction is recomputed each second.
 *
 * <p>Gaussian draws come from a 65,536-level table of normal quantiles (rescaled to unit variance),
 * indexed by 16 random bits: exact enough for data quantised to 16 levels and several times faster
 * than {@link java.util.Random#nextGaussian}. Every (coarse channel, second) has its own random
 * stream, so files can be made in any order or in parallel with identical bytes.
 */
public final class VcsSimulator {
  private static final float[] GAUSS = gaussTable(16);

  private final Metafits metafits;
  private final VcsSimulationParams params;
  private final TiedArray array;
  private final double[][][] gains;

  /**
   * @param metafits the observation (array, start time, obs id)
   * @param params what to simulate
   */
  public VcsSimulator(Metafits metafits, VcsSimulationParams params) {
    this.metafits = metafits;
    this.params = params;
    this.array = TiedArray.fromMetafits(metafits);
    this.gains = drawGains();
  }

  /** The array simulated. */
  public TiedArray array() {
    return array;
  }

  /** The file name of second {@code second} of coarse channel {@code coarseChannel}. */
  public VcsFileName fileName(int coarseChannel, int second) {
    return new VcsFileName(metafits.gpsTime(), metafits.gpsTime() + second, coarseChannel);
  }

  /**
   * The tiles' Jones matrices as {@code MWAOCAL} solutions: one interval, metafits antennas, one
   * channel per simulated coarse channel (the gains are constant across a coarse channel).
   */
  public AoCalSolutions solutions() {
    int nAnt = array.nTiles();
    int nCh = params.coarseChannels().length;
    double[] jones = new double[nAnt * nCh * 8];
    for (int a = 0; a < nAnt; a++) {
      for (int c = 0; c < nCh; c++) {
        System.arraycopy(gains[c][a], 0, jones, (a * nCh + c) * 8, 8);
      }
    }
    return new AoCalSolutions(1, nAnt, nCh, metafits.gpsTime(), metafits.gpsTime(), jones);
  }

  private double[][][] drawGains() {
    int nCh = params.coarseChannels().length;
    int nAnt = array.nTiles();
    double[][][] g = new double[nCh][nAnt][];
    SplittableRandom r = new SplittableRandom(params.seed() ^ 0x5DEECE66DL);
    for (int a = 0; a < nAnt; a++) {
      double ampX = 1 + params.gainAmpRms() * r.nextGaussian();
      double ampY = 1 + params.gainAmpRms() * r.nextGaussian();
      double phX = params.hasGains() ? r.nextDouble(-Math.PI, Math.PI) : 0;
      double phY = params.hasGains() ? r.nextDouble(-Math.PI, Math.PI) : 0;
      double slope = params.hasGains() ? r.nextDouble(-0.3, 0.3) : 0;
      double[] leak = new double[4];
      for (int k = 0; k < 4; k++) {
        leak[k] = params.gainLeakageRms() * r.nextGaussian();
      }
      for (int c = 0; c < nCh; c++) {
        double dx = phX + slope * c;
        double dy = phY - slope * c;
        g[c][a] =
            new double[] {
              ampX * Math.cos(dx),
              ampX * Math.sin(dx),
              leak[0],
              leak[1],
              leak[2],
              leak[3],
              ampY * Math.cos(dy),
              ampY * Math.sin(dy)
            };
      }
    }
    return g;
  }

  /**
   * Simulates one file. O(10,000 x fine channels x 256).
   *
   * @param channelIndex index into {@link VcsSimulationParams#coarseChannels}
   * @param second second of the observation, 0-based
   */
  public VcsSecond simulateSecond(int channelIndex, int second) {
    int coarse = params.coarseChannels()[channelIndex];
    VcsFormat f = params.format();
    VcsSecond out = VcsSecond.zeros(f);
    SplittableRandom rnd = new SplittableRandom(mix(params.seed(), coarse, second));
    int nAnt = array.nTiles();
    PulsarSignal psr = params.pulsar();
    double t0 = metafits.startUnixSec() + second;
    double[] dir =
        psr == null
            ? null
            : new Pointing("pulsar", psr.raDeg(), psr.decDeg())
                .directionEnu(t0 + 0.5, array.site());
    float sigma = (float) params.noiseSigma();
    double noisePower = 2 * params.noiseSigma() * params.noiseSigma();
    float[] m = new float[nAnt * 8];
    float[] gauss = new float[4];
    for (int slot = 0; slot < f.fineChannels(); slot++) {
      double nu = f.slotFrequencyHz(coarse, slot);
      for (int a = 0; a < nAnt; a++) {
        mixingMatrix(gains[channelIndex][a], dir, a, nu, m, a * 8);
      }
      for (int t = 0; t < VcsFormat.SAMPLES_PER_SECOND; t++) {
        float sxr = 0;
        float sxi = 0;
        float syr = 0;
        float syi = 0;
        if (psr != null) {
          double tt = second + t / (double) VcsFormat.SAMPLES_PER_SECOND;
          double power = psr.snrPerTile() * noisePower * psr.profile(tt, nu);
          if (power > 1e-6 * noisePower) {
            float amp = (float) Math.sqrt(power / 2);
            draw(rnd, gauss);
            sxr = amp * gauss[0];
            sxi = amp * gauss[1];
            syr = amp * gauss[2];
            syi = amp * gauss[3];
          }
        }
        int base = f.offset(t, slot, 0);
        byte[] data = out.data();
        for (int a = 0; a < nAnt; a++) {
          int o = a * 8;
          // [x; y] = M [s_X; s_Y], M = G diag(e^{i theta_X}, e^{i theta_Y})
          float xr = m[o] * sxr - m[o + 1] * sxi + m[o + 2] * syr - m[o + 3] * syi;
          float xi = m[o] * sxi + m[o + 1] * sxr + m[o + 2] * syi + m[o + 3] * syr;
          float yr = m[o + 4] * sxr - m[o + 5] * sxi + m[o + 6] * syr - m[o + 7] * syi;
          float yi = m[o + 4] * sxi + m[o + 5] * sxr + m[o + 6] * syi + m[o + 7] * syr;
          draw(rnd, gauss);
          data[base + array.vcsIndex()[a][0]] =
              VcsSample.pack(
                  VcsSample.quantise(xr + sigma * gauss[0]),
                  VcsSample.quantise(xi + sigma * gauss[1]));
          data[base + array.vcsIndex()[a][1]] =
              VcsSample.pack(
                  VcsSample.quantise(yr + sigma * gauss[2]),
                  VcsSample.quantise(yi + sigma * gauss[3]));
        }
      }
    }
    return out;
  }

  /** {@code G diag(e^{i theta_X}, e^{i theta_Y})} of tile {@code a} at {@code nu}, 8 floats. */
  private void mixingMatrix(double[] g, double[] dir, int a, double nu, float[] m, int o) {
    for (int p = 0; p < 2; p++) {
      double th = dir == null ? 0 : 2 * Math.PI * BeamWeights.delayTurns(array, a, p, dir, nu);
      double c = Math.cos(th);
      double s = Math.sin(th);
      // column p of G times e^{i theta_p}
      for (int row = 0; row < 2; row++) {
        int k = (row * 2 + p) * 2;
        m[o + k] = (float) (g[k] * c - g[k + 1] * s);
        m[o + k + 1] = (float) (g[k] * s + g[k + 1] * c);
      }
    }
  }

  /** Four unit-variance Gaussian values from the table (one 64-bit draw). */
  private static void draw(SplittableRandom rnd, float[] out) {
    long b = rnd.nextLong();
    out[0] = GAUSS[(int) (b & 0xffff)];
    out[1] = GAUSS[(int) ((b >>> 16) & 0xffff)];
    out[2] = GAUSS[(int) ((b >>> 32) & 0xffff)];
    out[3] = GAUSS[(int) (b >>> 48)];
  }

  private static long mix(long seed, int coarse, int second) {
    long z =
        seed * 0x9E3779B97F4A7C15L + coarse * 0xBF58476D1CE4E5B9L + second * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Normal quantiles at {@code (i + 1/2) / 2^bits}, rescaled to unit variance. */
  static float[] gaussTable(int bitsPerDraw) {
    int n = 1 << bitsPerDraw;
    double[] q = new double[n];
    double var = 0;
    for (int i = 0; i < n; i++) {
      q[i] = Math.sqrt(2) * Erf.erfInv(2 * ((i + 0.5) / n) - 1);
      var += q[i] * q[i];
    }
    double scale = 1 / Math.sqrt(var / n);
    float[] t = new float[n];
    for (int i = 0; i < n; i++) {
      t[i] = (float) (q[i] * scale);
    }
    return t;
  }
}
