package org.radiospark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radiospark.jobs.cli.SqlOutputsIT.assertRowsEqual;
import static org.radiospark.jobs.cli.SqlOutputsIT.read;
import static org.radiospark.jobs.cli.SqlOutputsIT.run;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.sql.Tables;
import org.radiospark.kernels.sourcefinding.ComponentCatalogue;
import org.radiospark.kernels.sourcefinding.SourceComponent;

/**
 * Issue 7 part 3: the component catalogues of {@code postimage} and {@code rescale} as Parquet
 * tables read back with Spark into {@link Tables#catalogueSchema()} and hold exactly what the CSV
 * and FITS catalogues hold; the in-memory DataFrame is the same table.
 */
class CatalogueTablesIT {
  private static SparkSession spark;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSessions.session("catalogue-tables-it", "local[1]");
    // the except() comparisons shuffle a few rows: one partition, not the default 200
    spark.conf().set("spark.sql.shuffle.partitions", "1");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void postimageAndRescaleCataloguesEqualTheirCsvAndFits() throws Exception {
    PostimageCommandTest.simulateField(dir);
    String prefix = dir.resolve("out/obs").toString();
    run(
        "postimage",
        dir.resolve("snapshot.fits").toString(),
        "--catalogue",
        dir.resolve("ref.csv").toString(),
        "-name",
        prefix);
    StructType schema = Tables.catalogueSchema();
    List<SourceComponent> raw = ComponentCatalogue.readCsv(Path.of(prefix + "-comp.csv"));
    assertTrue(raw.size() >= 40, "components: " + raw.size());
    List<Row> table = read(spark, Path.of(prefix + "-comp.parquet"), schema);
    assertRowsEqual(Tables.catalogueRows(raw), table);
    assertRowsEqual(
        Tables.catalogueRows(ComponentCatalogue.readFits(Path.of(prefix + "-comp.fits"))), table);
    List<SourceComponent> warped = ComponentCatalogue.readCsv(Path.of(prefix + "-warped-comp.csv"));
    assertRowsEqual(
        Tables.catalogueRows(warped),
        read(spark, Path.of(prefix + "-warped-comp.parquet"), schema));

    // the DataFrame built in memory is the table read back, and SQL sees Aegean's columns
    Dataset<Row> mem = Tables.catalogue(spark, raw);
    Dataset<Row> disk = spark.read().parquet(prefix + "-comp.parquet");
    assertEquals(0, mem.except(disk).count());
    assertEquals(0, disk.except(mem).count());
    disk.createOrReplaceTempView("comp");
    double brightest =
        spark.sql("SELECT max(peak_flux) FROM comp WHERE flags = 0").first().getDouble(0);
    assertEquals(
        raw.stream()
            .filter(c -> c.flags() == 0)
            .mapToDouble(SourceComponent::peakFlux)
            .max()
            .orElseThrow(),
        brightest);

    String rp = dir.resolve("out/obs-r").toString();
    run(
        "rescale",
        prefix + "-warped.fits",
        "--components",
        prefix + "-warped-comp.csv",
        "--catalogue",
        dir.resolve("ref.csv").toString(),
        "-name",
        rp);
    assertRowsEqual(
        Tables.catalogueRows(ComponentCatalogue.readCsv(Path.of(rp + "-rescaled-comp.csv"))),
        read(spark, Path.of(rp + "-rescaled-comp.parquet"), schema));
  }
}
