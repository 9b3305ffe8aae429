package org.radiospark.kernels.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.radiospark.kernels.imaging.ComponentPredictor;
import org.radiospark.kernels.model.AntennaConfiguration;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.VisibilityBlock;

/**
 * Simulates an observation of Faraday-rotating polarised point sources ({@link FaradayThinSource})
 * with linear or circular feeds: the rows, flags and true gains of {@link Simulator#simulate}, the
 * predict of {@link ComponentPredictor} done channel by channel with each source's I, Q, U, V at
 * that channel (so Q and U rotate with lambda^2), then the thermal noise.
 *
 * <p>Feeds follow the sky (no parallactic-angle rotation: equatorial mounts), the convention of
 * {@link org.radiospark.kernels.polarisation.PolarisationConverter}. Noise is drawn from its own
 * stream seeded by {@code params.seed()}, so results are reproducible. Cost O(times x baselines x
 * channels x sources).
 */
public final class PolarisedSimulator {
  private static final long NOISE_STREAM = 0x5DEECE66DL;

  private PolarisedSimulator() {}

  /**
   * Simulates {@code sources} observed by {@code config}.
   *
   * @return the observation; its {@code components} are the sources at the first channel
   */
  public static SimulatedObservation simulate(
      AntennaConfiguration config, List<FaradayThinSource> sources, SimulationParameters params) {
    Objects.requireNonNull(sources, "sources");
    SimulationParameters quiet = params.toBuilder().noiseSigmaJy(0).build();
    SimulatedObservation empty = Simulator.simulate(config, List.of(), quiet);
    VisibilityBlock block = empty.visibilities();
    ComponentPredictor predictor = new ComponentPredictor(params.nThreads());
    float[] vis = block.vis();
    int nPol = block.nPol();
    for (int c = 0; c < block.nChan(); c++) {
      double f = block.freqHz()[c];
      List<SkyComponent> at = new ArrayList<>();
      for (FaradayThinSource s : sources) {
        at.add(s.componentAt(f));
      }
      VisibilityBlock one = block.selectChannels(c, c + 1);
      predictor.predict(one, at, empty.trueGains());
      float[] v = one.vis();
      for (int r = 0; r < block.nRows(); r++) {
        System.arraycopy(v, 2 * r * nPol, vis, 2 * block.index(r, c, 0), 2 * nPol);
      }
    }
    double sigma = params.noiseSigmaJy();
    if (sigma > 0) {
      Random rnd = new Random(params.seed() ^ NOISE_STREAM);
      for (int i = 0; i < vis.length; i++) {
        vis[i] = (float) (vis[i] + sigma * rnd.nextGaussian());
      }
    }
    List<SkyComponent> first = new ArrayList<>();
    for (FaradayThinSource s : sources) {
      first.add(s.componentAt(block.freqHz()[0]));
    }
    return new SimulatedObservation(block, config, empty.trueGains(), first, params);
  }
}
