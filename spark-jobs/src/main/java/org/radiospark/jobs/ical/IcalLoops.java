package org.radiospark.jobs.ical;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.radiospark.jobs.metrics.PipelineMetricsListener;
import org.radiospark.jobs.progress.Progress;
import org.radiospark.jobs.sql.VisibilitySource;
import org.radiospark.kernels.coords.SinProjection;
import org.radiospark.kernels.deconvolution.BeamFitter;
import org.radiospark.kernels.deconvolution.Restorer;
import org.radiospark.kernels.deconvolution.RobustNoise;
import org.radiospark.kernels.model.Beam;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.Image;
import org.radiospark.kernels.model.ImageGeometry;
import org.radiospark.kernels.model.SkyComponent;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.selfcal.FacetLayout;
import org.radiospark.kernels.selfcal.ModelCompaction;
import org.radiospark.partitioners.FacetPartitioner;
import org.radiospark.partitioners.FrequencyPartitioner;
import org.radiospark.partitioners.VisKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The major loops of one {@code ical} run ({@link IcalJob} reads the input and writes the outputs):
 * the driver's state (model image, gains, auto-mask phase, checkpoints) and the strategy's RDDs.
 * Each loop broadcasts the local sky model and gains ({@link LoopModel}), runs the narrow per-block
 * work ({@link IcalStages}), collects the small gain solutions, re-keys the facet windows once,
 * deconvolves per facet and folds the components into the model.
 */
final class IcalLoops {
  private static final Logger LOG = LoggerFactory.getLogger(IcalLoops.class);

  private final IcalOptions opt;
  private final JavaSparkContext jsc;
  private final PipelineMetricsListener metrics;
  private final FacetLayout layout;
  private final FacetPartitioner facetPartitioner;
  private final ImageGeometry geometry;
  private final int nAnt;
  private final int threads;
  private final List<SkyComponent> bright;
  private final int freqBlocks;
  private final VisibilitySource source;
  private final IcalBlocks.Layout split;
  private JavaPairRDD<VisKey, VisibilityBlock> vis;

  IcalLoops(
      IcalOptions opt,
      JavaSparkContext jsc,
      PipelineMetricsListener metrics,
      FacetLayout layout,
      ImageGeometry geometry,
      int nAnt,
      int threads,
      List<SkyComponent> bright,
      VisibilitySource source,
      IcalBlocks.Layout split) {
    this.opt = opt;
    this.jsc = jsc;
    this.metrics = metrics;
    this.layout = layout;
    this.facetPartitioner = new FacetPartitioner(layout.facetsX(), layout.facetsY());
    this.geometry = geometry;
    this.nAnt = nAnt;
    this.threads = threads;
    this.bright = bright;
    this.freqBlocks = split.freqBlocks();
    this.source = source;
    this.split = split;
  }

  private boolean partitioned() {
    return IcalOptions.PARTITIONER.equals(opt.strategy());
  }

  /**
   * Steps 0 and 1: load on the executors ({@link IcalStages#loadBlocks}) and, with the partitioner
   * strategy, partition, once; kept at {@link IcalStages#VIS_STORAGE}.
   */
  private void load() {
    JavaPairRDD<VisKey, VisibilityBlock> raw = IcalStages.loadBlocks(jsc, source, split);
    vis =
        partitioned()
            ? IcalStages.partitionByFrequency(
                raw,
                new FrequencyPartitioner(freqBlocks, opt.freqPartitions()),
                IcalStages.VIS_STORAGE)
            : raw.persist(IcalStages.VIS_STORAGE);
    long n = PipelineMetricsListener.during(jsc.sc(), -1, "load", vis::count);
    LOG.info("ical: {} blocks loaded{}", n, partitioned() ? " and partitioned by frequency" : "");
  }

  /** The loops from the first, or from where {@code resumed} left off; a checkpoint after each. */
  IcalJob.Result run(IcalCheckpoint checkpoint, IcalCheckpoint.State resumed, Progress progress) {
    load();
    int n = geometry.nx() * geometry.ny();
    double[] model = new double[n];
    Map<VisKey, GainTable> gains = new HashMap<>();
    List<IcalJob.LoopStats> stats = new ArrayList<>();
    Image dirty = null;
    Image psf = null;
    Beam beam = null;
    Broadcast<double[]> facetPsf = null;
    double[] residual = null;
    long cleaned = 0;
    double residualRms = Double.POSITIVE_INFINITY;
    PredictModel predicted = null;
    boolean maskPhase = false;
    int first = 0;
    if (resumed != null) {
      first = resumed.nextLoop;
      model = resumed.model;
      gains.putAll(resumed.gainMap());
      stats.addAll(resumed.stats);
      cleaned = resumed.cleaned;
      residualRms = resumed.residualRmsJy;
      maskPhase = resumed.maskPhase;
      psf = new Image(geometry, resumed.psf, null, "JY/BEAM");
      beam = BeamFitter.fit(psf);
      facetPsf = jsc.broadcast(resumed.psf);
      dirty = new Image(geometry, resumed.dirty, beam, "JY/BEAM");
    }
    Progress.Counter loopsDone =
        progress.units("major loops", "major loop", opt.nmajor() + 1 - first);
    for (int loop = first; loop <= opt.nmajor(); loop++) {
      long s0 = System.nanoTime();
      boolean finalPass = loop == opt.nmajor();
      boolean solves = !finalPass && IcalSettings.solves(opt, loop);
      predicted = predictModel(model, residualRms);
      Broadcast<LoopModel> state = jsc.broadcast(loopModel(predicted, gains));
      BlockWork.Context ctx = new BlockWork.Context(opt, loop, solves, nAnt, loop == 0, threads);
      JavaRDD<GridProducts> products =
          (partitioned()
                  ? IcalStages.calibrateAndGridInPartitions(vis, state, ctx)
                  : IcalStages.calibrateAndGridByCogroup(vis, state, ctx, opt.freqPartitions()))
              .persist(StorageLevel.MEMORY_AND_DISK());
      List<GridProducts> solutions =
          PipelineMetricsListener.during(
              jsc.sc(),
              loop,
              "predict_solve_correct_grid",
              () -> products.map(BlockWork::solutionsOnly).collect());
      int maxIter = 0;
      if (solves) {
        gains.putAll(BlockWork.gainsByBlock(solutions));
      }
      for (GridProducts p : solutions) {
        for (int it : p.solverIterations) {
          maxIter = Math.max(maxIter, it);
        }
      }
      if (loop == 0) {
        double sumW = solutions.stream().mapToDouble(p -> p.sumWeights).sum();
        double[] psfPx =
            PipelineMetricsListener.during(
                jsc.sc(), loop, "psf", () -> products.map(p -> p.psf).reduce(IcalLoops::sum));
        for (int i = 0; i < psfPx.length; i++) {
          psfPx[i] /= sumW;
        }
        psf = new Image(geometry, psfPx, null, "JY/BEAM");
        beam = BeamFitter.fit(psf);
        facetPsf = jsc.broadcast(psfPx);
      }
      // Each facet may use an equal share of what is left of -niter.
      long left = finalPass ? 0 : Math.max(0, opt.niter() - cleaned);
      long budget = left == 0 ? 0 : Math.max(1, left / layout.count());
      // WSClean's auto-mask: once every facet is clean to the auto-mask level, clean only where
      // components already are, down to the auto-threshold.
      Broadcast<double[]> mask = maskPhase ? jsc.broadcast(grownMask(model, geometry, beam)) : null;
      JavaRDD<FacetResult> deconvolved =
          IcalStages.deconvolveFacets(
              IcalStages.rekeyToFacets(IcalStages.cutFacets(products, layout), facetPartitioner),
              facetPsf,
              mask,
              layout,
              opt,
              budget);
      int[] lineage = Lineage.count(deconvolved.rdd(), vis.rdd().id());
      List<FacetResult> results =
          PipelineMetricsListener.during(jsc.sc(), loop, "rekey_deconvolve", deconvolved::collect);
      residual = new double[n];
      long iterations = 0;
      for (FacetResult r : results) {
        layout.addInto(residual, r.facet, r.residualBefore);
        layout.addInto(model, r.facet, r.modelIncrement);
        iterations += r.iterations;
      }
      cleaned += iterations;
      // Into the masked phase once every facet is clean to the auto-mask level, but not before
      // the phase-only rounds are over (sources hidden by phase errors must be found first); the
      // amplitude rounds then solve against the finished model.
      if (opt.autoMask() > 0
          && !maskPhase
          && loop + 1 >= IcalSettings.firstAmplitudeLoop(opt)
          && results.stream().allMatch(x -> x.converged)) {
        maskPhase = true;
        LOG.info("ical: auto-mask level reached; cleaning within the mask from now on");
      }
      if (mask != null) {
        mask.destroy();
      }
      if (loop == 0) {
        dirty = new Image(geometry, residual.clone(), beam, "JY/BEAM");
      }
      products.unpersist(false);
      state.destroy();
      IcalJob.LoopStats ls =
          new IcalJob.LoopStats(
              loop,
              solves,
              RobustNoise.madRms(residual),
              peak(residual),
              iterations,
              sum(model),
              maxIter,
              lineage[0],
              lineage[1],
              jsc.sc().getPersistentRDDs().size(),
              (System.nanoTime() - s0) * 1e-9);
      stats.add(ls);
      residualRms = ls.residualRmsJy();
      if (!finalPass) {
        IcalCheckpoint.State st = new IcalCheckpoint.State();
        st.nextLoop = loop + 1;
        st.cleaned = cleaned;
        st.maskPhase = maskPhase;
        st.residualRmsJy = residualRms;
        st.model = model;
        st.psf = psf.pixels();
        st.dirty = dirty.pixels();
        List<VisKey> keys = BlockWork.sortedKeys(gains);
        st.gainKeys = keys.toArray(new VisKey[0]);
        st.gains = keys.stream().map(gains::get).toArray(GainTable[]::new);
        st.stats = stats;
        checkpoint.save(st);
      }
      loopsDone.done(
          finalPass
              ? "final residual pass"
              : "major loop " + (loop + 1) + "/" + opt.nmajor() + (solves ? " (self-cal)" : ""),
          String.format(
              Locale.ROOT,
              "residual rms %s Jy/beam, peak %s, %d components (model %s Jy), %.1f s",
              fmt(ls.residualRmsJy()),
              fmt(ls.residualPeakJy()),
              iterations,
              fmt(ls.modelFluxJy()),
              ls.seconds()));
    }
    if (facetPsf != null) {
      facetPsf.destroy();
    }
    vis.unpersist(false);
    Image modelImage = new Image(geometry, model, null, "JY/PIXEL");
    Image residualImage = new Image(geometry, residual, beam, "JY/BEAM");
    // restored as predicted: the pixels left in the image convolved with the beam, every point
    // (sky model and merged clusters) at its exact position; the residual is what both left
    Image restored =
        withPoints(
            Restorer.restore(
                new Image(geometry, predicted.image(), null, "JY/PIXEL"), residualImage, beam),
            predicted.points(),
            beam);
    List<SkyComponent> components =
        components(new Image(geometry, predicted.image(), null, "JY/PIXEL"));
    components.addAll(predicted.points());
    return new IcalJob.Result(
        dirty,
        psf,
        modelImage,
        residualImage,
        restored,
        beam,
        mergeGains(gains),
        gains,
        components,
        stats,
        metrics);
  }

  /**
   * What a loop predicts from the CLEAN model: the sky model's components, each isolated cluster of
   * CLEAN components brighter than {@link IcalSettings#COMPACT_SEED_SIGMA} x the last residual rms
   * as one point ({@link ModelCompaction}), and the rest of the pixels.
   */
  private PredictModel predictModel(double[] model, double residualRms) {
    List<SkyComponent> points = new ArrayList<>(bright);
    if (opt.compactRadiusPx() == 0 || !Double.isFinite(residualRms) || residualRms <= 0) {
      return new PredictModel(model.clone(), points);
    }
    ModelCompaction.Compacted c =
        ModelCompaction.compact(
            model,
            geometry.nx(),
            geometry.ny(),
            opt.compactRadiusPx(),
            IcalSettings.COMPACT_SEED_SIGMA * residualRms,
            IcalSettings.COMPACT_RING_FRACTION);
    for (int k = 0; k < c.count(); k++) {
      double[] radec = SinProjection.pixelToSky(geometry, c.x()[k], c.y()[k]);
      points.add(SkyComponent.point(radec[0], radec[1], c.fluxJy()[k], geometry.freqHz(), 0));
    }
    return new PredictModel(c.remainder(), points);
  }

  private LoopModel loopModel(PredictModel predicted, Map<VisKey, GainTable> gains) {
    LoopModel m = new LoopModel();
    m.model = new Image(geometry, predicted.image(), null, "JY/PIXEL");
    m.bright = predicted.points().toArray(new SkyComponent[0]);
    List<VisKey> keys = BlockWork.sortedKeys(gains);
    m.gainKeys = keys.toArray(new VisKey[0]);
    m.gains = keys.stream().map(gains::get).toArray(GainTable[]::new);
    return m;
  }

  /**
   * One table of every block's gains: slots are the time slots, channel blocks the frequency
   * blocks; identity where nothing was solved.
   */
  private GainTable mergeGains(Map<VisKey, GainTable> gains) {
    int slots = split.timeSlots();
    double[] start = new double[slots];
    double[] end = new double[slots];
    double[] freq = new double[freqBlocks];
    java.util.Arrays.fill(start, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(end, Double.NEGATIVE_INFINITY);
    for (int s = 0; s < slots; s++) {
      start[s] = split.slotStartMjdSec()[s];
      end[s] = split.slotEndMjdSec()[s];
    }
    System.arraycopy(split.blockFreqHz(), 0, freq, 0, freqBlocks);
    GainTable.JonesType type =
        switch (opt.calType().toLowerCase(Locale.ROOT)) {
          case "phase" -> GainTable.JonesType.PHASE;
          case "full" -> GainTable.JonesType.FULL;
          default -> GainTable.JonesType.DIAGONAL;
        };
    GainTable out = GainTable.identity(type, nAnt, start, end, freq, opt.refAnt());
    for (Map.Entry<VisKey, GainTable> e : gains.entrySet()) {
      GainTable g = e.getValue();
      int s = e.getKey().time();
      int f = e.getKey().frequency();
      for (int a = 0; a < nAnt; a++) {
        int from = g.cell(0, 0, a);
        int to = out.cell(s, f, a);
        System.arraycopy(g.jones(), 8 * from, out.jones(), 8 * to, 8);
        out.flagged()[to] = g.flagged()[from];
      }
    }
    return out;
  }

  /**
   * A loop's local sky model: CLEAN model pixels degridded, points predicted by DFT.
   *
   * @param image Jy/pixel
   * @param points sky model components and merged clusters
   */
  private record PredictModel(double[] image, List<SkyComponent> points) {}

  /**
   * The restored image plus DFT components at their exact positions, Stokes I at the image
   * frequency, each as the restoring beam (the residual has them subtracted).
   */
  private static Image withPoints(Image restored, List<SkyComponent> bright, Beam beam) {
    ImageGeometry g = restored.geometry();
    double[] x = new double[bright.size()];
    double[] y = new double[bright.size()];
    double[] flux = new double[bright.size()];
    for (int i = 0; i < x.length; i++) {
      SkyComponent c = bright.get(i);
      double[] xy = SinProjection.skyToPixel(g, c.raRad(), c.decRad());
      x[i] = xy[0];
      y[i] = xy[1];
      flux[i] = c.fluxAt(0, g.freqHz());
    }
    return Restorer.addPoints(restored, x, y, flux, beam);
  }

  /**
   * The auto-mask: every pixel within half the restoring beam's major FWHM of a component (1 where
   * components may go). Grown by half a beam because the first phase stops at a level set by a
   * sidelobe-inflated rms and leaves few components per source; the mask must cover the source's
   * main lobe for the second phase to finish it.
   */
  static double[] grownMask(double[] model, ImageGeometry g, Beam beam) {
    int nx = g.nx();
    int ny = g.ny();
    int r = (int) Math.ceil(0.5 * beam.majorRad() / g.cellRad());
    double[] mask = new double[model.length];
    for (int i = 0; i < model.length; i++) {
      if (model[i] == 0) {
        continue;
      }
      int cx = i % nx;
      int cy = i / nx;
      for (int y = Math.max(0, cy - r); y <= Math.min(ny - 1, cy + r); y++) {
        for (int x = Math.max(0, cx - r); x <= Math.min(nx - 1, cx + r); x++) {
          if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
            mask[y * nx + x] = 1;
          }
        }
      }
    }
    return mask;
  }

  /** Point components of the non-zero model pixels, with their sky positions. */
  static List<SkyComponent> components(Image model) {
    List<SkyComponent> out = new ArrayList<>();
    double[] px = model.pixels();
    int nx = model.nx();
    for (int i = 0; i < px.length; i++) {
      if (px[i] != 0) {
        double[] radec = SinProjection.pixelToSky(model.geometry(), i % nx, i / nx);
        out.add(SkyComponent.point(radec[0], radec[1], px[i], model.geometry().freqHz(), 0));
      }
    }
    return out;
  }

  static double[] sum(double[] a, double[] b) {
    double[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += b[i];
    }
    return out;
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x;
    }
    return s;
  }

  private static double peak(double[] a) {
    double p = 0;
    for (double x : a) {
      p = Math.max(p, Math.abs(x));
    }
    return p;
  }

  private static String fmt(double x) {
    return String.format(Locale.ROOT, "%.4g", x);
  }
}
