package org.radiospark.jobs.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.ical.IcalJob;
import org.radiospark.kernels.io.FitsTableFile;
import org.radiospark.kernels.model.GainTable;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.simulation.TruthFile;
import org.radiospark.kernels.testing.DataSamples;
import org.radiospark.partitioners.FrequencyPartitioner;
import org.radiospark.partitioners.VisKey;

/**
 * The notebooks' Spark conveniences on local Spark: the ICAL sample as the pipeline's keyed RDD,
 * predicted against observed visibilities with the planted sky and gains (the difference is the
 * simulated noise), and a FITS binary table as a DataFrame.
 */
class NotebookApiIT {
  private static SparkSession spark;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSessions.session("notebook-api-it", "local[2]");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static String sample() {
    return DataSamples.path("ska1mid-ical.uvfits").toString();
  }

  /**
   * 8 channels in 8 frequency blocks x 4 one-minute slots, 2 frequency partitions (plus the
   * partitioner's overflow partition).
   */
  @Test
  void theSampleLoadsIntoTheKeyedRddIcalUses() {
    JavaPairRDD<VisKey, VisibilityBlock> vis = IcalNotebook.load(spark, sample(), 2, 60);
    assertEquals(new FrequencyPartitioner(8, 2), vis.rdd().partitioner().get());
    List<VisKey> keys = vis.keys().collect();
    assertEquals(32, keys.size());
    assertEquals(32, new HashSet<>(keys).size(), "keys unique");
    // each key sits in the partition its partitioner names
    List<Integer> misplaced =
        vis.mapPartitionsWithIndex(
                (i, it) -> {
                  FrequencyPartitioner p = new FrequencyPartitioner(8, 2);
                  int bad = 0;
                  while (it.hasNext()) {
                    bad += p.getPartition(it.next()._1()) == i ? 0 : 1;
                  }
                  return List.of(bad).iterator();
                },
                true)
            .collect();
    assertEquals(vis.getNumPartitions(), misplaced.size());
    assertTrue(
        misplaced.stream().allMatch(b -> b == 0), "misplaced keys per partition: " + misplaced);
    vis.unpersist(false);
  }

  /**
   * With the planted components and gains as the "run", observed - predicted is the simulated
   * noise, 0.05 Jy per real and imaginary part; the estimate from n values has a relative standard
   * error 1/sqrt(2n), and 5 of those bound the test. Without the gains the difference is far larger
   * (0.5 rad phase errors on Jy-level visibilities), so the comparison does use the gains.
   */
  @Test
  void predictionsFromThePlantedSkyAndGainsMatchTheDataToTheNoise() throws Exception {
    var truth = TruthFile.read(DataSamples.path("ska1mid-ical.truth.json"));
    Dataset<Row> cmp =
        IcalNotebook.predictedVsObserved(
            spark, sample(), result(truth.components(), truth.gains()), 4);
    assertEquals(4, cmp.select("antenna1", "antenna2").distinct().count());
    long n = cmp.count();
    double rms = rmsDiff(cmp);
    double tolerance = 5 * 0.05 / Math.sqrt(2.0 * n);
    System.out.printf(
        "notebook predicted vs observed: %d samples, rms difference %.4f Jy per part (noise 0.05)%n",
        n, rms);
    assertEquals(0.05, rms, tolerance);
    GainTable g = truth.gains();
    GainTable unity =
        GainTable.identity(
            g.type(), g.nAnt(), g.slotStartMjdSec(), g.slotEndMjdSec(), g.blockFreqHz(), 0);
    double without =
        rmsDiff(
            IcalNotebook.predictedVsObserved(
                spark, sample(), result(truth.components(), unity), 4));
    assertTrue(without > 4 * 0.05, "without the gains: " + without);
    assertTrue(IcalNotebook.amplitudePlot(cmp).startsWith("%html "));
  }

  private static double rmsDiff(Dataset<Row> cmp) {
    return cmp.selectExpr("sqrt(avg(pow(obs_re - pred_re, 2) + pow(obs_im - pred_im, 2)) / 2)")
        .first()
        .getDouble(0);
  }

  private static IcalJob.Result result(
      List<org.radiospark.kernels.model.SkyComponent> components, GainTable gains) {
    return new IcalJob.Result(
        null, null, null, null, null, null, gains, Map.of(), components, List.of(), null);
  }

  /** Integer, double and string columns round-trip exactly; vector columns are left out. */
  @Test
  void aFitsBinaryTableReadsAsADataFrame() throws Exception {
    int[] island = {1, 2, 3};
    double[] flux = {0.125, 2.5, Math.PI};
    String[] name = {"J0001", "J0002", "J0003"};
    double[][] vector = {{1, 2}, {3, 4}, {5, 6}};
    BinaryTableHDU hdu =
        BinaryTable.fromColumnMajor(new Object[] {island, flux, name, vector}).toHDU();
    hdu.setColumnName(0, "island", null);
    hdu.setColumnName(1, "int_flux", null);
    hdu.setColumnName(2, "name", null);
    hdu.setColumnName(3, "shape", null);
    Path file = dir.resolve("table.fits");
    FitsTableFile.write(file, true, hdu, "test table");
    Dataset<Row> df = GleamxNotebook.fitsTable(spark, file);
    assertArrayEquals(new String[] {"island", "int_flux", "name"}, df.columns());
    List<Row> rows = df.collectAsList();
    for (int r = 0; r < 3; r++) {
      assertEquals(island[r], rows.get(r).getInt(0));
      assertEquals(flux[r], rows.get(r).getDouble(1), 0);
      assertEquals(name[r], rows.get(r).getString(2));
    }
  }
}
