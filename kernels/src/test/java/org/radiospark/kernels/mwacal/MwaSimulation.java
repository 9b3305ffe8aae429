package org.radiospark.kernels.mwacal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.radiospark.kernels.beam.LocalDirection;
import org.radiospark.kernels.beam.MwaAnalyticBeam;
import org.radiospark.kernels.calibration.GainApplier;
import org.radiospark.kernels.coords.GeodeticPosition;
import org.radiospark.kernels.imaging.ComponentPredictor;
import org.radiospark.kernels.io.mwa.Metafits;
import org.radiospark.kernels.io.mwa.MetafitsReader;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.PhaseCentre;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.simulation.SimulationParameters;
import org.radiospark.kernels.simulation.Simulator;
import org.radiospark.kernels.skymodel.CatalogueComponent;
import org.radiospark.kernels.skymodel.SkyModelReader;
import org.radiospark.kernels.skymodel.SkyModelSelection;
import org.radiospark.kernels.testing.SharedData;

/**
 * A simulated MWA snapshot for calibration tests: the real 128-tile layout and pointing of the
 * hyperdrive 1090008640 metafits (zenith, EoR0), the hyperdrive 100-source list within 20 degrees
 * (the brightest 40) above 1 Jy as the sky, every component seen through the analytic tile beam,
 * planted per-antenna per-feed per-channel diagonal gains, and thermal noise.
 *
 * <p>The beam enters the simulation by a route independent of {@link ApparentSky}: each component
 * is predicted alone with the beam Jones matrix applied as a gain {@code J M J^H} by {@link
 * ComponentPredictor}, then summed.
 */
public final class MwaSimulation {
  public static final String METAFITS = "mwa/hyperdrive_1090008640/1090008640.metafits";
  public static final String SRCLIST =
      "mwa/hyperdrive_1090008640/srclist_pumav3_EoR0aegean_EoR1pietro+ForA_1090008640_100.yaml";

  public final Metafits metafits;
  public final AntennaConfiguration antennas;
  public final MwaAnalyticBeam beam;
  public final GeodeticPosition site;
  public final List<CatalogueComponent> sky;

  /** Noise-free, gain-free visibilities (the truth model). */
  public final VisibilityBlock trueModel;

  /** Observed: truth corrupted by {@link #gains} plus noise. */
  public final VisibilityBlock data;

  /** Planted gains: one block per channel. */
  public final GainTable gains;

  public final double sigma;

  /**
   * @param nChan channels, 1.28 MHz apart from 167.04 MHz
   * @param nTimes 8 s integrations
   * @param noiseFraction noise sigma per real/imaginary part as a fraction of the rms XX model
   *     amplitude
   */
  public MwaSimulation(int nChan, int nTimes, double noiseFraction, long seed) throws IOException {
    this(METAFITS, nChan, nTimes, noiseFraction, seed);
  }

  /**
   * As {@link #MwaSimulation(int, int, double, long)} with the tile layout of another metafits
   * (e.g. {@code layouts/1196175296.metafits}, the Phase II extended array), keeping the pointing,
   * time and beam of 1090008640.
   */
  public MwaSimulation(
      String layoutMetafits, int nChan, int nTimes, double noiseFraction, long seed)
      throws IOException {
    metafits = MetafitsReader.read(SharedData.require(METAFITS));
    Path srclist = SharedData.require(SRCLIST);
    antennas = MetafitsReader.read(SharedData.require(layoutMetafits)).antennas();
    beam = MwaAnalyticBeam.fromMetafits(metafits);
    site = GeodeticPosition.fromItrf(antennas.centroidMetres());
    PhaseCentre centre = PhaseCentre.ofDegrees(0, -27);
    double f0 = 167.04e6;
    sky =
        new SkyModelSelection(centre, Math.toRadians(20), 1.0, f0, 40)
            .apply(SkyModelReader.read(srclist));
    double start = metafits.startUnixSec() + 40587.0 * 86400;
    SimulationParameters p =
        SimulationParameters.builder(centre, start)
            .times(nTimes, 8)
            .channels(f0, 1.28e6, nChan)
            .elevationLimitRad(-Math.PI / 2)
            .build();
    VisibilityBlock rows = Simulator.simulate(antennas, List.of(), p).visibilities();
    double tMid = Arrays.stream(rows.timeMjdSec()).average().orElseThrow();
    int nAnt = antennas.nAntennas();

    // Truth: each component through the beam as J M J^H, channel by channel.
    float[] vis = new float[rows.vis().length];
    ComponentPredictor pred = new ComponentPredictor(2);
    double[] j = new double[8];
    for (int c = 0; c < nChan; c++) {
      double f = rows.freqHz()[c];
      VisibilityBlock one = rows.selectChannels(c, c + 1);
      Arrays.fill(one.vis(), 0f);
      for (CatalogueComponent comp : sky) {
        LocalDirection d = LocalDirection.of(comp.raRad(), comp.decRad(), tMid, site, 0);
        beam.jones(d, f, j);
        double[] all = new double[8 * nAnt];
        for (int a = 0; a < nAnt; a++) {
          System.arraycopy(j, 0, all, 8 * a, 8);
        }
        GainTable beamTable =
            new GainTable(
                GainTable.JonesType.FULL,
                nAnt,
                new double[] {start - 1},
                new double[] {start + nTimes * 8 + 1},
                new double[] {f},
                all,
                new boolean[nAnt],
                -1);
        pred.add(one, List.of(comp.at(f)), beamTable);
      }
      int nPol = rows.nPol();
      for (int r = 0; r < rows.nRows(); r++) {
        System.arraycopy(one.vis(), 2 * r * nPol, vis, 2 * rows.index(r, c, 0), 2 * nPol);
      }
    }
    trueModel = rows.withVis(vis);

    // Planted gains per antenna, feed and channel: 10% amplitude, 0.5 rad phase.
    Random rnd = new Random(seed);
    double[] g = new double[8 * nChan * nAnt];
    for (int c = 0; c < nChan; c++) {
      for (int a = 0; a < nAnt; a++) {
        for (int e : new int[] {0, 3}) {
          double amp = 1 + 0.1 * rnd.nextGaussian();
          double ph = 0.5 * rnd.nextGaussian();
          g[8 * (c * nAnt + a) + 2 * e] = amp * Math.cos(ph);
          g[8 * (c * nAnt + a) + 2 * e + 1] = amp * Math.sin(ph);
        }
      }
    }
    gains =
        new GainTable(
            GainTable.JonesType.DIAGONAL,
            nAnt,
            new double[] {start - 1},
            new double[] {start + nTimes * 8 + 1},
            rows.freqHz().clone(),
            g,
            new boolean[nChan * nAnt],
            -1);
    int[] chanToBlock = new int[nChan];
    for (int c = 0; c < nChan; c++) {
      chanToBlock[c] = c;
    }
    VisibilityBlock observed = GainApplier.corrupt(trueModel, gains, chanToBlock);
    double s2 = 0;
    int n = 0;
    for (int r = 0; r < rows.nRows(); r++) {
      for (int c = 0; c < nChan; c++) {
        int i = rows.index(r, c, 0);
        s2 += (double) vis[2 * i] * vis[2 * i] + (double) vis[2 * i + 1] * vis[2 * i + 1];
        n++;
      }
    }
    sigma = noiseFraction * Math.sqrt(s2 / n);
    Random noise = new Random(seed ^ 0x5DEECE66DL);
    float[] ov = observed.vis();
    for (int i = 0; i < ov.length; i++) {
      ov[i] = (float) (ov[i] + sigma * noise.nextGaussian());
    }
    data = observed;
  }
}
