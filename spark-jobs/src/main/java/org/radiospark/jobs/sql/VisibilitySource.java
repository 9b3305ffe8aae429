package org.radiospark.jobs.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsPlan;
import org.radiospark.kernels.io.UvfitsReadOptions;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.model.InvalidInputException;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.partitioners.FrequencyPartitioner;
import scala.Tuple2;

/**
 * A job's visibility input as the driver sees it: the {@link UvfitsPlan} (header, channels,
 * antennas, per-row times; no visibilities) and a way to read contiguous channel groups where they
 * are processed ({@link #channelGroups}). The driver never holds the visibilities: a UVFITS file is
 * read by each executor for its own channels (the file must be at the same path on every executor:
 * a shared filesystem), a Parquet {@link VisibilityTable} by Spark's scan and one shuffle by
 * channel group.
 */
public final class VisibilitySource {
  private final String input;
  private final UvfitsPlan plan;
  private final boolean table;
  private final long fileBytes;

  VisibilitySource(String input, UvfitsPlan plan, boolean table, long fileBytes) {
    this.input = input;
    this.plan = plan;
    this.table = table;
    this.fileBytes = fileBytes;
  }

  /** The input as given on the command line. */
  public String input() {
    return input;
  }

  /** Header, channels, antennas and per-row times of the input. */
  public UvfitsPlan plan() {
    return plan;
  }

  /** True for a Parquet visibility table, false for a UVFITS file. */
  public boolean isTable() {
    return table;
  }

  /**
   * The visibilities cut into {@code k} contiguous channel groups (group {@code g}: channels {@code
   * [FrequencyPartitioner.firstChannel(g, nChan, k), firstChannel(g + 1, nChan, k))}), each read on
   * an executor: one partition per group, key = group. Each block equals the same channels of the
   * whole input read at once ({@code UvfitsPlanTest}, {@code VisibilityTableIT}). Lazy: nothing is
   * read until an action runs; persist the result with a level that can spill.
   *
   * <p>Memory per task: one group's block (plus, for a table, Spark's shuffle buffers, which
   * spill).
   *
   * @throws IllegalArgumentException unless {@code 1 <= k <= nChan}
   */
  public JavaPairRDD<Integer, VisibilityBlock> channelGroups(JavaSparkContext jsc, int k) {
    int nChan = plan.nChan();
    if (k < 1 || k > nChan) {
      throw new IllegalArgumentException(k + " channel groups of " + nChan + " channels");
    }
    int[] edges = new int[k + 1];
    for (int g = 0; g <= k; g++) {
      edges[g] = FrequencyPartitioner.firstChannel(g, nChan, k);
    }
    return channelGroups(jsc, edges);
  }

  /**
   * As {@link #channelGroups(JavaSparkContext, int)} with any contiguous groups: group {@code g}
   * holds channels {@code [edges[g], edges[g + 1])}.
   *
   * @param edges strictly increasing, from 0 to {@code nChan}
   */
  public JavaPairRDD<Integer, VisibilityBlock> channelGroups(JavaSparkContext jsc, int[] edges) {
    int k = edges.length - 1;
    if (k < 1 || edges[0] != 0 || edges[k] != plan.nChan()) {
      throw new IllegalArgumentException("channel group edges must run from 0 to " + plan.nChan());
    }
    for (int g = 0; g < k; g++) {
      if (edges[g + 1] <= edges[g]) {
        throw new IllegalArgumentException("empty channel group " + g);
      }
    }
    return table ? tableGroups(jsc, edges.clone()) : uvfitsGroups(jsc, edges.clone());
  }

  private JavaPairRDD<Integer, VisibilityBlock> uvfitsGroups(JavaSparkContext jsc, int[] edges) {
    int k = edges.length - 1;
    List<Integer> groups = new ArrayList<>();
    for (int g = 0; g < k; g++) {
      groups.add(g);
    }
    // Only strings, numbers and arrays of them go into the closure (it is Java-serialised to the
    // executors). The path is made absolute: an executor's working directory is not the driver's.
    String path = Path.of(plan.file()).toAbsolutePath().toString();
    boolean ignoreFlags = plan.options().ignoreFlags();
    int first = plan.options().firstChannel();
    long bytes = fileBytes;
    return jsc.parallelize(groups, k)
        .mapToPair(
            g ->
                new Tuple2<>(
                    g,
                    readOnExecutor(
                        path, bytes, ignoreFlags, first + edges[g], edges[g + 1] - edges[g])));
  }

  /**
   * Reads channels {@code [first, first + count)} of a UVFITS file in a task, after checking that
   * this machine sees the file the driver planned (same path, same size).
   *
   * @throws IllegalStateException naming the host and the file when it is missing or different
   *     here: on a cluster the input must be on a filesystem every executor mounts at the same path
   */
  static VisibilityBlock readOnExecutor(
      String path, long expectedBytes, boolean ignoreFlags, int first, int count)
      throws IOException {
    Path p = Path.of(path);
    long size = Files.isRegularFile(p) && Files.isReadable(p) ? Files.size(p) : -1;
    if (size != expectedBytes) {
      throw new IllegalStateException(
          "executor on "
              + InetAddress.getLocalHost().getHostName()
              + " cannot read the input "
              + path
              + (size < 0
                  ? " (no such readable file)"
                  : " (" + size + " bytes, the driver saw " + expectedBytes + ")")
              + ": on a cluster the input must be on a filesystem that every executor mounts at"
              + " the same path as the driver (README, Running on a cluster)");
    }
    return UvfitsReader.read(p, new UvfitsReadOptions(ignoreFlags, first, count)).block();
  }

  /**
   * A table's rows, one per visibility row and channel, each packed on the executor that scans it
   * as a {@code double[]} ({@code row, channel, time, integration, antenna1, antenna2, u, v, w} and
   * {@code re, im, weight, flag} per correlation: every value exact in a double), shuffled to the
   * partition of its channel group, and filled into the group's block there.
   */
  private JavaPairRDD<Integer, VisibilityBlock> tableGroups(JavaSparkContext jsc, int[] edges) {
    int k = edges.length - 1;
    SparkSession spark = SparkSession.builder().sparkContext(jsc.sc()).getOrCreate();
    int nChan = plan.nChan();
    int nRows = plan.nRows();
    int nPol = plan.nPol();
    boolean ignoreFlags = plan.options().ignoreFlags();
    String dir = input;
    UvfitsPlan meta = plan;
    JavaPairRDD<Integer, double[]> packed =
        spark
            .read()
            .parquet(dir)
            .select(
                "row",
                "channel",
                "time_mjd_sec",
                "integration_sec",
                "antenna1",
                "antenna2",
                "u_m",
                "v_m",
                "w_m",
                "vis_re",
                "vis_im",
                "weight",
                "flag")
            .javaRDD()
            .mapToPair(
                row -> {
                  double[] v = pack(row, nPol, nRows, nChan, dir);
                  return new Tuple2<>(groupOf((int) v[1], edges), v);
                });
    double[] freq = meta.freqHz();
    double[] width = meta.chanWidthHz();
    org.radiospark.kernels.model.Stokes[] pols = meta.pols();
    double ra = meta.phaseCentre().raRad();
    double dec = meta.phaseCentre().decRad();
    return packed
        .partitionBy(new HashPartitioner(k))
        .mapPartitionsWithIndex(
            (g, it) -> {
              int c0 = edges[g];
              int c1 = edges[g + 1];
              VisibilityBlock b =
                  fill(it, nRows, c0, c1, nPol, ignoreFlags, dir, freq, width, pols, ra, dec);
              return List.of(new Tuple2<>(g, b)).iterator();
            },
            true)
        .mapToPair(t -> t);
  }

  /** The group of channel {@code c}: the last {@code g} with {@code edges[g] <= c}. */
  static int groupOf(int c, int[] edges) {
    int i = java.util.Arrays.binarySearch(edges, c);
    return i >= 0 ? i : -i - 2;
  }

  private static double[] pack(Row row, int nPol, int nRows, int nChan, String dir) {
    int r = row.getInt(0);
    int c = row.getInt(1);
    if (r < 0 || r >= nRows || c < 0 || c >= nChan) {
      throw new InvalidInputException(
          dir, "row/channel", r + "/" + c + " outside " + nRows + " x " + nChan);
    }
    double[] v = new double[9 + 4 * nPol];
    v[0] = r;
    v[1] = c;
    v[2] = row.getDouble(2);
    v[3] = row.getDouble(3);
    v[4] = row.getInt(4);
    v[5] = row.getInt(5);
    v[6] = row.getDouble(6);
    v[7] = row.getDouble(7);
    v[8] = row.getDouble(8);
    List<Float> re = row.getList(9);
    List<Float> im = row.getList(10);
    List<Float> ws = row.getList(11);
    List<Boolean> fs = row.getList(12);
    for (int p = 0; p < nPol; p++) {
      v[9 + 4 * p] = re.get(p);
      v[10 + 4 * p] = im.get(p);
      v[11 + 4 * p] = ws.get(p);
      v[12 + 4 * p] = fs.get(p) ? 1 : 0;
    }
    return v;
  }

  private static VisibilityBlock fill(
      Iterator<Tuple2<Integer, double[]>> it,
      int nRows,
      int c0,
      int c1,
      int nPol,
      boolean ignoreFlags,
      String dir,
      double[] allFreq,
      double[] allWidth,
      org.radiospark.kernels.model.Stokes[] pols,
      double ra,
      double dec) {
    int nChan = c1 - c0;
    double[] u = new double[nRows];
    double[] v = new double[nRows];
    double[] w = new double[nRows];
    int[] a1 = new int[nRows];
    int[] a2 = new int[nRows];
    double[] t = new double[nRows];
    double[] dt = new double[nRows];
    float[] vis = new float[2 * nRows * nChan * nPol];
    float[] wt = new float[nRows * nChan * nPol];
    boolean[] fl = new boolean[nRows * nChan * nPol];
    long seen = 0;
    while (it.hasNext()) {
      double[] x = it.next()._2();
      int r = (int) x[0];
      int c = (int) x[1] - c0;
      t[r] = x[2];
      dt[r] = x[3];
      a1[r] = (int) x[4];
      a2[r] = (int) x[5];
      u[r] = x[6];
      v[r] = x[7];
      w[r] = x[8];
      for (int p = 0; p < nPol; p++) {
        int i = (r * nChan + c) * nPol + p;
        vis[2 * i] = (float) x[9 + 4 * p];
        vis[2 * i + 1] = (float) x[10 + 4 * p];
        float weight = (float) x[11 + 4 * p];
        boolean flag = x[12 + 4 * p] != 0;
        // -ignore-flags as VisibilityInput.read applies it to a table: unflagged, |weight|.
        wt[i] = ignoreFlags ? Math.abs(weight) : weight;
        fl[i] = !ignoreFlags && flag;
      }
      seen++;
    }
    if (seen != (long) nRows * nChan) {
      throw new InvalidInputException(
          dir,
          "rows",
          seen + " rows in channels [" + c0 + ", " + c1 + "), expected " + nRows + " x " + nChan);
    }
    return new VisibilityBlock(
        u,
        v,
        w,
        a1,
        a2,
        t,
        dt,
        java.util.Arrays.copyOfRange(allFreq, c0, c1),
        java.util.Arrays.copyOfRange(allWidth, c0, c1),
        pols.clone(),
        vis,
        wt,
        fl,
        new org.radiospark.kernels.model.PhaseCentre(ra, dec));
  }

  /**
   * True when some cross-correlation sample is unflagged with a positive weight (under the flag
   * policy of the plan): for a UVFITS file a scan on this JVM that stops at the first such sample
   * ({@link UvfitsReader#anyUnflaggedCrossCorrelation}), for a table a Spark SQL query that stops
   * at the first matching row.
   */
  public boolean hasUnflaggedCrossCorrelation(Supplier<SparkSession> spark) throws IOException {
    if (!table) {
      return UvfitsReader.anyUnflaggedCrossCorrelation(Path.of(plan.file()), plan.options());
    }
    String usable =
        plan.options().ignoreFlags()
            ? "exists(weight, w -> abs(w) > 0)"
            : "exists(arrays_zip(weight, flag), x -> x.weight > 0 AND NOT x.flag)";
    return !spark
        .get()
        .read()
        .parquet(input)
        .where("antenna1 != antenna2")
        .where(usable)
        .limit(1)
        .isEmpty();
  }

  /**
   * The whole input in this JVM, for a caller that owns it in one task (the in-process path of
   * {@code image}, as {@code gleamx} runs it): the UVFITS file read at once.
   *
   * @throws IllegalStateException for a table, which only Spark reads
   */
  public UvfitsData readAll() {
    if (table) {
      throw new IllegalStateException("a visibility table is read through Spark");
    }
    try {
      return plan.withBlock(plan.readChannels(0, plan.nChan()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
