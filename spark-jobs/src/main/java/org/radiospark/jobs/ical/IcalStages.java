package org.radiospark.jobs.ical;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.radiospark.jobs.sql.VisibilitySource;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.selfcal.FacetDeconvolver;
import org.radiospark.kernels.selfcal.FacetLayout;
import org.radiospark.kernels.selfcal.SelfCalStep;
import org.radiospark.partitioners.FacetPartitioner;
import org.radiospark.partitioners.FrequencyPartitioner;
import org.radiospark.partitioners.VisKey;
import scala.Tuple2;

/**
 * The RDD stages of ICAL (DESIGN.md, "The ICAL data flow"), each a static function from RDDs to an
 * RDD with its partitioning stated. The kernels they map are in {@code kernels.selfcal}.
 */
public final class IcalStages {
  private IcalStages() {}

  /**
   * How the loaded visibilities are kept between loops: serialised, memory then disk. Both this and
   * deserialised {@code MEMORY_AND_DISK} spill, but a serialised partition is one buffer of exactly
   * known size that is dropped to disk as it is, whereas a deserialised partition evicted under
   * memory pressure must first be serialised, a second copy of the blocks on a heap that is already
   * short. The price is one Kryo read of the blocks per loop (primitive arrays: a copy).
   */
  public static final StorageLevel VIS_STORAGE = StorageLevel.MEMORY_AND_DISK_SER();

  /**
   * Step 0: the input's blocks, read on the executors. Each task reads one frequency block of the
   * input ({@link VisibilitySource#channelGroups}) and cuts it into its solution intervals ({@link
   * IcalBlocks#cut}), keyed as {@code layout.keys()}; the driver never holds visibilities. Not
   * persisted: {@link #partitionByFrequency} (or the caller) does that.
   */
  public static JavaPairRDD<VisKey, VisibilityBlock> loadBlocks(
      JavaSparkContext jsc, VisibilitySource source, IcalBlocks.Layout layout) {
    double solint = layout.solintSec();
    return source
        .channelGroups(jsc, layout.freqBlocks())
        .flatMapToPair(t -> IcalBlocks.cut(t._1(), t._2(), solint).iterator());
  }

  /**
   * Step 1: the one shuffle of the visibilities. Blocks are placed by their frequency key and kept
   * at {@code storage} (a level that spills to disk) for every loop.
   */
  public static JavaPairRDD<VisKey, VisibilityBlock> partitionByFrequency(
      JavaPairRDD<VisKey, VisibilityBlock> blocks,
      FrequencyPartitioner partitioner,
      StorageLevel storage) {
    return blocks.partitionBy(partitioner).persist(storage);
  }

  /**
   * Step 3, partitioner strategy: reppre_ifft, degrid, pharotpre_dft_sumvis, solve,
   * correct/subtract and grid inside each frequency partition, narrow ({@code
   * preservesPartitioning}); one {@link GridProducts} per partition, its blocks summed in key
   * order.
   */
  public static JavaRDD<GridProducts> calibrateAndGridInPartitions(
      JavaPairRDD<VisKey, VisibilityBlock> vis,
      Broadcast<LoopModel> model,
      BlockWork.Context context) {
    return vis.mapPartitionsWithIndex(
        (index, it) -> {
          List<VisKey> keys = new ArrayList<>();
          List<SelfCalStep.Result> results = new ArrayList<>();
          LoopModel m = model.value();
          while (it.hasNext()) {
            Tuple2<VisKey, VisibilityBlock> t = it.next();
            VisibilityBlock predicted = BlockWork.predict(t._2(), m, context);
            keys.add(t._1());
            results.add(BlockWork.calibrateAndGrid(t._1(), t._2(), predicted, m, context));
          }
          return keys.isEmpty()
              ? List.<GridProducts>of().iterator()
              : List.of(BlockWork.sum(index, keys, results)).iterator();
        },
        true);
  }

  /**
   * Cogroup strategy, the paper's way: the visibilities are re-keyed to the loop (their keys carry
   * the major loop, so they lose any partitioner), the model visibilities are predicted as an RDD
   * of their own, and the two are joined by key, which shuffles both; then each joined block is
   * calibrated and gridded. One {@link GridProducts} per block.
   */
  public static JavaRDD<GridProducts> calibrateAndGridByCogroup(
      JavaPairRDD<VisKey, VisibilityBlock> vis,
      Broadcast<LoopModel> model,
      BlockWork.Context context,
      int partitions) {
    int loop = context.loop();
    JavaPairRDD<VisKey, VisibilityBlock> keyed =
        vis.mapToPair(t -> new Tuple2<>(t._1().withMajorLoop(loop), t._2()));
    JavaPairRDD<VisKey, VisibilityBlock> predicted =
        keyed.mapValues(b -> BlockWork.predict(b, model.value(), context));
    return keyed
        .cogroup(predicted, new HashPartitioner(partitions))
        .map(
            t -> {
              VisibilityBlock data = single(t._2()._1(), t._1());
              VisibilityBlock pred = single(t._2()._2(), t._1());
              SelfCalStep.Result r =
                  BlockWork.calibrateAndGrid(t._1(), data, pred, model.value(), context);
              return BlockWork.sum(sourceOf(t._1()), List.of(t._1()), List.of(r));
            });
  }

  private static int sourceOf(VisKey k) {
    return (k.frequency() << 16) | k.time();
  }

  private static <T> T single(Iterable<T> values, VisKey key) {
    Iterator<T> it = values.iterator();
    if (!it.hasNext()) {
      throw new IllegalStateException("no value for " + key + " after the cogroup");
    }
    T v = it.next();
    if (it.hasNext()) {
      throw new IllegalStateException("two values for " + key + " after the cogroup");
    }
    return v;
  }

  /**
   * Cuts each source's residual into facet windows (facet plus guard band, {@link
   * FacetLayout#cutWindow}) keyed by facet (narrow).
   */
  public static JavaPairRDD<Integer, FacetPartial> cutFacets(
      JavaRDD<GridProducts> products, FacetLayout layout) {
    return products.flatMapToPair(
        p -> {
          List<Tuple2<Integer, FacetPartial>> out = new ArrayList<>(layout.count());
          for (int f = 0; f < layout.count(); f++) {
            out.add(
                new Tuple2<>(
                    f,
                    new FacetPartial(
                        f, p.source, toFloat(layout.cutWindow(p.residual, f)), p.sumWeights)));
          }
          return out.iterator();
        });
  }

  /**
   * Step 4, the one shuffle of a loop: facet windows re-keyed to the {@link FacetPartitioner} (one
   * partition per facet), grouped.
   */
  public static JavaPairRDD<Integer, Iterable<FacetPartial>> rekeyToFacets(
      JavaPairRDD<Integer, FacetPartial> windows, FacetPartitioner partitioner) {
    return windows.groupByKey(partitioner);
  }

  /**
   * Step 5: per facet (narrow on facet partitions), the partial windows summed in source order and
   * normalised by their summed weights, then one minor cycle ({@link FacetDeconvolver}) over the
   * window with at most {@code budget} components, of which those on the facet's own pixels are
   * kept; {@code budget = 0} only normalises (the final residual).
   *
   * @param psf the full-size PSF (peak 1 at the centre), cropped here to each window
   * @param mask full-size auto-mask (non-zero where components may go), or null for none
   */
  public static JavaRDD<FacetResult> deconvolveFacets(
      JavaPairRDD<Integer, Iterable<FacetPartial>> facets,
      Broadcast<double[]> psf,
      Broadcast<double[]> mask,
      FacetLayout layout,
      IcalOptions options,
      long budget) {
    return facets.map(
        t -> {
          int f = t._1();
          int[] w = layout.window(f);
          List<FacetPartial> parts = new ArrayList<>();
          t._2().forEach(parts::add);
          parts.sort((a, b) -> Integer.compare(a.source, b.source));
          double[] sum = new double[w[2] * w[3]];
          double weight = 0;
          for (FacetPartial p : parts) {
            for (int i = 0; i < sum.length; i++) {
              sum[i] += p.residual[i];
            }
            weight += p.sumWeights;
          }
          for (int i = 0; i < sum.length; i++) {
            sum[i] /= weight;
          }
          FacetResult r = new FacetResult();
          r.facet = f;
          r.residualBefore = layout.ownPixels(sum, f);
          if (budget <= 0) {
            r.residualAfter = r.residualBefore;
            r.modelIncrement = new double[r.residualBefore.length];
            r.converged = true;
            return r;
          }
          FacetDeconvolver.Outcome o =
              FacetDeconvolver.minorCycle(
                  sum,
                  layout.centralPsf(psf.value(), w[2], w[3]),
                  w[2],
                  w[3],
                  IcalSettings.clean(options),
                  budget,
                  mask == null ? null : nonZero(layout.cutWindow(mask.value(), f)));
          r.modelIncrement = layout.ownPixels(o.modelIncrement(), f);
          r.residualAfter = layout.ownPixels(o.residual(), f);
          r.iterations = o.outcome().iterations();
          r.rmsJy = o.rmsJy();
          r.thresholdJy = o.thresholdJy();
          r.startPeakJy = o.outcome().startPeakJy();
          r.finalPeakJy = o.outcome().finalPeakJy();
          r.converged = o.converged();
          return r;
        });
  }

  private static boolean[] nonZero(double[] a) {
    boolean[] b = new boolean[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i] != 0;
    }
    return b;
  }

  private static float[] toFloat(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }
}
