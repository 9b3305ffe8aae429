package org.radiospark.jobs.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.radiospark.jobs.ical.IcalBlocks;
import org.radiospark.jobs.ical.IcalJob;
import org.radiospark.jobs.ical.IcalOptions;
import org.radiospark.jobs.ical.IcalStages;
import org.radiospark.jobs.sql.VisibilityInput;
import org.radiospark.jobs.sql.VisibilitySource;
import org.radiospark.kernels.imaging.ComponentPredictor;
import org.radiospark.kernels.io.UvfitsPlan;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.postimage.ScatterPlot;
import org.radiospark.partitioners.FrequencyPartitioner;
import org.radiospark.partitioners.VisKey;

/**
 * ICAL in a notebook: options with the command line's defaults, the visibilities loaded into the
 * keyed RDD the pipeline runs on ({@code RDD[(VisKey, VisibilityBlock)]} partitioned by a {@link
 * FrequencyPartitioner}, DESIGN.md step 1), and the observed visibilities of a few baselines beside
 * those predicted from a run's sky model and gains.
 */
public final class IcalNotebook {
  private IcalNotebook() {}

  /**
   * Options for {@link IcalJob#run}: the given settings, every other one at the default of {@code
   * radiospark ical} (2x2 facets, 2 frequency partitions, frequency blocks min(channels, max(8,
   * partitions)), 60 s solution intervals, partitioner strategy, gain 0.1, mgain 0.8,
   * auto-threshold 3, no auto-mask, Hogbom, epsilon 1e-5 with w-correction, threads from Spark,
   * reference antenna 0, no sky model, compact model 2.5 pixels) and outputs replaced.
   *
   * @param input UVFITS file or Parquet visibility table
   * @param prefix output prefix ({@code -name})
   * @param sizePx image width and height, pixels
   * @param scaleArcsec pixel size, arcseconds
   * @param nmajor major loops
   * @param nselfcal loops that solve for gains
   * @param calType phase, diagonal or full
   * @param niter CLEAN components over all loops
   */
  public static IcalOptions options(
      String input,
      String prefix,
      int sizePx,
      double scaleArcsec,
      int nmajor,
      int nselfcal,
      String calType,
      long niter) {
    if (sizePx < 8 || scaleArcsec <= 0 || nmajor < 1 || nselfcal < 0 || niter < 0) {
      throw new IllegalArgumentException(
          "size >= 8 pixels, scale > 0, nmajor >= 1, nselfcal >= 0 and niter >= 0 expected");
    }
    return new IcalOptions(
        input,
        prefix,
        sizePx,
        sizePx,
        Math.toRadians(scaleArcsec / 3600),
        nmajor,
        nselfcal,
        2,
        2,
        2,
        0,
        60,
        calType,
        IcalOptions.PARTITIONER,
        niter,
        0.1,
        0.8,
        3,
        0,
        0,
        false,
        1e-5,
        true,
        0,
        0,
        null,
        2.5,
        false,
        true);
  }

  /**
   * The visibilities of {@code input} cut into ICAL's blocks (one frequency block by one solution
   * interval, keyed {@code VisKey(0, 0, frequency block, time slot, -1, -1)}), partitioned by
   * frequency and persisted, as {@code ical} loads them before its first loop.
   *
   * @param freqPartitions Spark partitions ({@code --freq-partitions})
   * @param solintSec solution interval, seconds ({@code --solint}; 0 for one slot)
   * @return the RDD; {@code rdd().partitioner()} is the {@link FrequencyPartitioner}
   */
  public static JavaPairRDD<VisKey, VisibilityBlock> load(
      SparkSession spark, String input, int freqPartitions, double solintSec) {
    VisibilitySource source = open(spark, input);
    UvfitsPlan plan = source.plan();
    int blocks = Math.min(plan.nChan(), Math.max(8, freqPartitions));
    if (freqPartitions < 1 || freqPartitions > blocks) {
      throw new IllegalArgumentException(
          "freqPartitions must be in [1, " + blocks + "], not " + freqPartitions);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return IcalStages.partitionByFrequency(
        IcalStages.loadBlocks(jsc, source, IcalBlocks.layout(plan, blocks, solintSec)),
        new FrequencyPartitioner(blocks, freqPartitions),
        IcalStages.VIS_STORAGE);
  }

  /** Schema of {@link #predictedVsObserved}. */
  public static StructType comparisonSchema() {
    return new StructType()
        .add("antenna1", DataTypes.IntegerType, false)
        .add("antenna2", DataTypes.IntegerType, false)
        .add("baseline_m", DataTypes.DoubleType, false)
        .add("time_mjd_sec", DataTypes.DoubleType, false)
        .add("channel", DataTypes.IntegerType, false)
        .add("freq_hz", DataTypes.DoubleType, false)
        .add("pol", DataTypes.StringType, false)
        .add("obs_re", DataTypes.DoubleType, false)
        .add("obs_im", DataTypes.DoubleType, false)
        .add("pred_re", DataTypes.DoubleType, false)
        .add("pred_im", DataTypes.DoubleType, false)
        .add("obs_amp", DataTypes.DoubleType, false)
        .add("pred_amp", DataTypes.DoubleType, false);
  }

  /**
   * The observed visibilities of {@code nBaselines} cross-correlation baselines (spread evenly in
   * length rank from the shortest to the longest) beside the visibilities predicted from the run's
   * final model components and gains, {@code J_p M J_q^H} ({@link ComponentPredictor}, DFT).
   * Unflagged samples only, one row per sample (row, channel, polarisation); Jy. The difference of
   * the two is the calibrated residual plus the thermal noise. Runs on the driver: O(selected rows
   * x channels x components).
   */
  public static Dataset<Row> predictedVsObserved(
      SparkSession spark, String input, IcalJob.Result result, int nBaselines) {
    VisibilityBlock all = read(spark, input);
    Map<Long, Double> lengths = new LinkedHashMap<>();
    for (int r = 0; r < all.nRows(); r++) {
      if (all.antenna1()[r] != all.antenna2()[r]) {
        lengths.putIfAbsent(
            key(all.antenna1()[r], all.antenna2()[r]),
            Math.hypot(all.uMetres()[r], all.vMetres()[r]));
      }
    }
    List<Long> byLength = new ArrayList<>(lengths.keySet());
    byLength.sort(Comparator.comparingDouble(lengths::get));
    int n = Math.min(Math.max(1, nBaselines), byLength.size());
    List<Long> chosen = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      chosen.add(
          byLength.get(n == 1 ? 0 : (int) Math.round(i * (byLength.size() - 1.0) / (n - 1))));
    }
    int[] rows =
        java.util.stream.IntStream.range(0, all.nRows())
            .filter(r -> chosen.contains(key(all.antenna1()[r], all.antenna2()[r])))
            .toArray();
    VisibilityBlock observed = all.selectRows(rows);
    VisibilityBlock predicted = observed.copy();
    new ComponentPredictor(1).predict(predicted, result.components(), result.gains());
    List<Row> out = new ArrayList<>();
    float[] o = observed.vis();
    float[] p = predicted.vis();
    for (int r = 0; r < observed.nRows(); r++) {
      int a1 = observed.antenna1()[r];
      int a2 = observed.antenna2()[r];
      for (int c = 0; c < observed.nChan(); c++) {
        for (int k = 0; k < observed.nPol(); k++) {
          int i = observed.index(r, c, k);
          if (observed.flag()[i] || predicted.flag()[i]) {
            continue;
          }
          out.add(
              RowFactory.create(
                  a1,
                  a2,
                  lengths.get(key(a1, a2)),
                  observed.timeMjdSec()[r],
                  c,
                  observed.freqHz()[c],
                  observed.pols()[k].name(),
                  (double) o[2 * i],
                  (double) o[2 * i + 1],
                  (double) p[2 * i],
                  (double) p[2 * i + 1],
                  Math.hypot(o[2 * i], o[2 * i + 1]),
                  Math.hypot(p[2 * i], p[2 * i + 1])));
        }
      }
    }
    return spark.createDataFrame(out, comparisonSchema());
  }

  /**
   * {@code %html} scatter plot of observed against predicted amplitude (rows of {@link
   * #predictedVsObserved}) with the line of equality: calibrated data scatter about it by the
   * noise.
   */
  public static String amplitudePlot(Dataset<Row> comparison) {
    List<Row> rows = comparison.select("pred_amp", "obs_amp").collectAsList();
    double[] x = new double[rows.size()];
    double[] y = new double[rows.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = rows.get(i).getDouble(0);
      y[i] = rows.get(i).getDouble(1);
    }
    return Html.scatter(
        new ScatterPlot.Spec(
            "Observed vs predicted |V| (" + x.length + " samples)",
            "predicted |V| (Jy)",
            "observed |V| (Jy)",
            x,
            y,
            null,
            v -> v));
  }

  private static long key(int a1, int a2) {
    return ((long) Math.min(a1, a2) << 32) | Math.max(a1, a2);
  }

  private static VisibilitySource open(SparkSession spark, String input) {
    try {
      return VisibilityInput.open(input, UvfitsReadOptions.defaults(), () -> spark);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static VisibilityBlock read(SparkSession spark, String input) {
    return open(spark, input).readAll().block();
  }
}
