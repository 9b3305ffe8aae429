package org.radiospark.kernels.simulation;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.coords.Horizon;
import org.radiospark.kernels.coords.Precession;
import org.radiospark.kernels.coords.SiderealTime;
import org.radiospark.kernels.coords.UvwCalculator;
import org.radiospark.kernels.imaging.ComponentPredictor;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Simulates an interferometric observation of sky components with a real array.
 *
 * <p>Steps: (1) rows for every integration centre {@code t_k = start + (k + 1/2) dt} and every
 * cross-correlation {@code p < q} (no autocorrelations), time-major; (2) uvw from the ITRF antenna
 * positions by {@link UvwCalculator} in the {@link UvwCalculator.Frame#J2000} frame (Earth rotation
 * by GAST, precession-nutation IAU 2006/2000A, no aberration, polar motion or refraction), so that
 * the uvw axes match the J2000 (l, m) of the predict exactly; (3) the exact-w DFT of {@link
 * ComponentPredictor}, corrupted with the true gains {@code J_p M J_q^H}; (4) Gaussian thermal
 * noise of {@code noiseSigmaJy} on every real and imaginary part; (5) the samples of integrations
 * where the phase centre is below the elevation limit at the array centre (hour angle from LAST and
 * the apparent place of date) are flagged, not dropped. Time and bandwidth smearing are not
 * simulated (samples are taken at the centres). Rows of flagged antennas are flagged.
 *
 * <p><b>uvw sign:</b> the rows hold {@code uvw = pos_q - pos_p} for antenna1 = p, antenna2 = q, the
 * <i>negative</i> of what the shared MWA UVFITS files store ({@link UvwCalculator#baselineUvw}).
 * Measured on 1061316296.uvfits with a real sky model (imaging {@code ComponentPredictorMwaTest}):
 * the file's visibilities obey the measurement equation of {@code model/package-info.java} only
 * with the file's uvw negated. So a block obeying that equation (what the predict writes and the
 * gridder inverts) needs {@code pos_q - pos_p}, and a simulated block has the same relation between
 * positions, uvw and visibilities as a real block read with its uvw negated. A UVFITS writer should
 * store {@code -uvw} to produce files like the MWA ones.
 *
 * <p>Gains: per antenna and feed {@code g = (1 + a N(0,1)) exp(i phi N(0,1))} with {@code a =
 * gainAmplitudeRms}, {@code phi = gainPhaseRmsRad}; with leakage the off-diagonal terms are complex
 * Gaussian with rms {@code leakageRms} per part (a FULL table), else the table is DIAGONAL. One
 * solution slot spans the observation and one channel block sits at the mean frequency; no
 * reference antenna. Random draws come from two streams seeded by {@code seed} (gains, then noise),
 * so the same parameters give bit-identical results whatever the thread count.
 *
 * <p>Cost: O(times x baselines x channels x components) for the predict plus O(times) nutation
 * series.
 */
public final class Simulator {
  private static final long NOISE_STREAM = 0x9E3779B97F4A7C15L;

  private Simulator() {}

  /** Simulates {@code components} observed by {@code config} as described by {@code params}. */
  public static SimulatedObservation simulate(
      AntennaConfiguration config, List<SkyComponent> components, SimulationParameters params) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(components, "components");
    Objects.requireNonNull(params, "params");
    int nAnt = config.nAntennas();
    if (nAnt < 2) {
      throw new IllegalArgumentException("need at least two antennas");
    }
    int nBl = nAnt * (nAnt - 1) / 2;
    int nTimes = params.nTimes();
    int nRows = nTimes * nBl;
    double[] u = new double[nRows];
    double[] v = new double[nRows];
    double[] w = new double[nRows];
    int[] a1 = new int[nRows];
    int[] a2 = new int[nRows];
    double[] time = new double[nRows];
    double[] interval = new double[nRows];
    boolean[] rowFlag = new boolean[nRows];

    UvwCalculator calc =
        new UvwCalculator(params.phaseCentre(), UvwCalculator.Frame.J2000, params.dut1Sec());
    GeodeticPosition site = GeodeticPosition.fromItrf(config.centroidMetres());
    int r = 0;
    for (int k = 0; k < nTimes; k++) {
      double t = params.startUtcMjdSec() + (k + 0.5) * params.integrationSec();
      double[][] ant = UvwCalculator.antennaUvw(calc.itrfToUvw(t), config);
      boolean low = elevation(params, site, t) < params.elevationLimitRad();
      for (int p = 0; p < nAnt; p++) {
        for (int q = p + 1; q < nAnt; q++) {
          // Kernel convention: uvw = pos_q - pos_p (antenna2 - antenna1), see the class comment.
          u[r] = ant[0][q] - ant[0][p];
          v[r] = ant[1][q] - ant[1][p];
          w[r] = ant[2][q] - ant[2][p];
          a1[r] = p;
          a2[r] = q;
          time[r] = t;
          interval[r] = params.integrationSec();
          rowFlag[r] = low || config.flagged()[p] || config.flagged()[q];
          r++;
        }
      }
    }
    VisibilityBlock block =
        VisibilityBlock.zeros(
            u,
            v,
            w,
            a1,
            a2,
            time,
            interval,
            params.freqHz(),
            params.chanWidthHz(),
            params.pols(),
            params.phaseCentre());
    int perRow = block.nChan() * block.nPol();
    boolean[] flag = block.flag();
    for (int row = 0; row < nRows; row++) {
      if (rowFlag[row]) {
        Arrays.fill(flag, row * perRow, (row + 1) * perRow, true);
      }
    }

    GainTable gains = trueGains(config, params);
    new ComponentPredictor(params.nThreads()).predict(block, components, gains);
    addNoise(block.vis(), params);
    return new SimulatedObservation(block, config, gains, components, params);
  }

  /** Elevation of the phase centre at {@code site} at UTC {@code t}. */
  static double elevation(SimulationParameters params, GeodeticPosition site, double t) {
    double[] app =
        Precession.j2000ToApparent(params.phaseCentre().raRad(), params.phaseCentre().decRad(), t);
    double last = SiderealTime.lastRad(t, params.dut1Sec(), site.lonRad());
    return Horizon.elevationRad(SiderealTime.hourAngleRad(last, app[0]), app[1], site.latRad());
  }

  /** The true Jones matrices, drawn from the gain stream of {@code params.seed()}. */
  static GainTable trueGains(AntennaConfiguration config, SimulationParameters params) {
    int nAnt = config.nAntennas();
    Random rnd = new Random(params.seed());
    double[] jones = new double[8 * nAnt];
    for (int a = 0; a < nAnt; a++) {
      for (int feed = 0; feed < 2; feed++) {
        double amp = 1 + params.gainAmplitudeRms() * rnd.nextGaussian();
        double phase = params.gainPhaseRmsRad() * rnd.nextGaussian();
        int e = feed == 0 ? 0 : 3;
        jones[8 * a + 2 * e] = amp * Math.cos(phase);
        jones[8 * a + 2 * e + 1] = amp * Math.sin(phase);
      }
      if (params.leakageRms() > 0) {
        for (int e = 1; e <= 2; e++) {
          jones[8 * a + 2 * e] = params.leakageRms() * rnd.nextGaussian();
          jones[8 * a + 2 * e + 1] = params.leakageRms() * rnd.nextGaussian();
        }
      }
    }
    double start = params.startUtcMjdSec();
    double end = start + params.nTimes() * params.integrationSec();
    double meanFreq = Arrays.stream(params.freqHz()).average().orElseThrow();
    return new GainTable(
        params.leakageRms() > 0 ? GainTable.JonesType.FULL : GainTable.JonesType.DIAGONAL,
        nAnt,
        new double[] {start},
        new double[] {end},
        new double[] {meanFreq},
        jones,
        new boolean[nAnt],
        -1);
  }

  private static void addNoise(float[] vis, SimulationParameters params) {
    double sigma = params.noiseSigmaJy();
    if (sigma == 0) {
      return;
    }
    Random rnd = new Random(params.seed() ^ NOISE_STREAM);
    for (int i = 0; i < vis.length; i++) {
      vis[i] = (float) (vis[i] + sigma * rnd.nextGaussian());
    }
  }
}
