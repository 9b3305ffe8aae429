package org.radiospark.jobs.ical;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.radiospark.kernels.imaging.ImagingParams;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.selfcal.SelfCalStep;
import org.radiospark.partitioners.VisKey;

/**
 * The per-block work of a major loop that both strategies share, so that they compute the same
 * numbers and differ only in how the data meet: {@link #predict} and {@link #calibrateAndGrid} wrap
 * {@link SelfCalStep} with the loop's broadcast state, and {@link #sum} adds block results in key
 * order.
 */
final class BlockWork {
  private BlockWork() {}

  /** Everything a task needs besides the data: serializable, built on the driver. */
  record Context(IcalOptions options, int loop, boolean solve, int nAnt, boolean psf, int threads)
      implements java.io.Serializable {
    ImagingParams imaging() {
      return IcalSettings.imaging(options, threads);
    }

    SelfCalStep.Settings settings() {
      return new SelfCalStep.Settings(
          imaging(), solve ? IcalSettings.solver(options, loop) : null, nAnt, psf);
    }
  }

  /** Model visibilities of one block (degridded CLEAN model plus DFT of bright components). */
  static VisibilityBlock predict(VisibilityBlock data, LoopModel m, Context c) {
    return SelfCalStep.predict(
        data, m.model, m.bright == null ? List.of() : Arrays.asList(m.bright), c.imaging());
  }

  /** Solve (if this loop does), correct, subtract and grid one block. */
  static SelfCalStep.Result calibrateAndGrid(
      VisKey key, VisibilityBlock data, VisibilityBlock predicted, LoopModel m, Context c) {
    return SelfCalStep.calibrateAndGrid(data, predicted, gainsOf(m, key), c.settings());
  }

  /** The broadcast gains of the block with {@code key}'s frequency and time, or null. */
  static GainTable gainsOf(LoopModel m, VisKey key) {
    if (m.gainKeys == null) {
      return null;
    }
    for (int i = 0; i < m.gainKeys.length; i++) {
      VisKey k = m.gainKeys[i];
      if (k.frequency() == key.frequency() && k.time() == key.time()) {
        return m.gains[i];
      }
    }
    return null;
  }

  /** Block results summed in key order into one {@link GridProducts} labelled {@code source}. */
  static GridProducts sum(int source, List<VisKey> keys, List<SelfCalStep.Result> results) {
    Integer[] order = new Integer[keys.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> keys.get(a).compareTo(keys.get(b)));
    GridProducts p = new GridProducts();
    p.source = source;
    p.keys = new VisKey[order.length];
    p.gains = new GainTable[order.length];
    p.solverIterations = new int[order.length];
    for (int j = 0; j < order.length; j++) {
      SelfCalStep.Result r = results.get(order[j]);
      p.keys[j] = keys.get(order[j]);
      p.gains[j] = r.gains();
      p.solverIterations[j] =
          r.diagnostics() == null ? 0 : Arrays.stream(r.diagnostics().iterations()).max().orElse(0);
      p.residual = add(p.residual, r.residual());
      p.psf = add(p.psf, r.psf());
      p.sumWeights += r.sumWeights();
    }
    return p;
  }

  private static double[] add(double[] acc, double[] x) {
    if (x == null) {
      return acc;
    }
    if (acc == null) {
      return x.clone();
    }
    for (int i = 0; i < acc.length; i++) {
      acc[i] += x[i];
    }
    return acc;
  }

  /** Drops the images: what the driver collects for the gains. */
  static GridProducts solutionsOnly(GridProducts p) {
    GridProducts s = new GridProducts();
    s.source = p.source;
    s.keys = p.keys;
    s.gains = p.gains;
    s.solverIterations = p.solverIterations;
    s.sumWeights = p.sumWeights;
    return s;
  }

  /** Gains of the blocks, last writer wins, in key order. */
  static Map<VisKey, GainTable> gainsByBlock(List<GridProducts> collected) {
    Map<VisKey, GainTable> out = new HashMap<>();
    for (GridProducts p : collected) {
      for (int i = 0; i < p.keys.length; i++) {
        if (p.gains[i] != null) {
          out.put(p.keys[i].withMajorLoop(0), p.gains[i]);
        }
      }
    }
    return out;
  }

  static List<VisKey> sortedKeys(Map<VisKey, ?> m) {
    List<VisKey> k = new ArrayList<>(m.keySet());
    k.sort(null);
    return k;
  }
}
