package org.radiospark.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.cli.ImageCommand;
import org.radiospark.jobs.config.SparkSessions;
import org.radiospark.jobs.imaging.ImageJob;
import org.radiospark.kernels.io.FitsImageReader;
import org.radiospark.kernels.io.UvfitsData;
import org.radiospark.kernels.io.UvfitsReader;
import org.radiospark.kernels.model.VisibilityBlock;
import org.radiospark.kernels.testing.DataSamples;

/**
 * Issue 7, Spark SQL: UVFITS to a Parquet table partitioned by frequency and back exactly; Spark
 * SQL sees the partitions; {@code image} makes the same image from the table as from the file.
 */
class VisibilityTableIT {
  private static SparkSession spark;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSessions.session("table-it", "local[2]");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void roundTripQueryAndImage() throws Exception {
    Path uvfits = DataSamples.path("ska1mid-ical.uvfits");
    UvfitsData data = UvfitsReader.read(uvfits);
    Path table = dir.resolve("ical.parquet");
    VisibilityTable.write(spark, data, table, 4);

    UvfitsData back = VisibilityTable.read(spark, table);
    VisibilityBlock a = data.block();
    VisibilityBlock b = back.block();
    assertArrayEquals(a.vis(), b.vis());
    assertArrayEquals(a.weight(), b.weight());
    assertArrayEquals(a.flag(), b.flag());
    assertArrayEquals(a.uMetres(), b.uMetres());
    assertArrayEquals(a.vMetres(), b.vMetres());
    assertArrayEquals(a.wMetres(), b.wMetres());
    assertArrayEquals(a.antenna1(), b.antenna1());
    assertArrayEquals(a.integrationSec(), b.integrationSec());
    assertArrayEquals(a.chanWidthHz(), b.chanWidthHz());
    assertArrayEquals(a.timeMjdSec(), b.timeMjdSec());
    assertArrayEquals(a.antenna2(), b.antenna2());
    assertArrayEquals(a.freqHz(), b.freqHz());
    assertArrayEquals(a.pols(), b.pols());
    assertEquals(a.phaseCentre(), b.phaseCentre());
    assertArrayEquals(data.antennas().xMetres(), back.antennas().xMetres());
    assertArrayEquals(data.antennas().names(), back.antennas().names());

    // Spark SQL: partitions by frequency block, 2 of the 8 channels each
    spark.read().parquet(table.toString()).createOrReplaceTempView("vis");
    List<org.apache.spark.sql.Row> perBlock =
        spark
            .sql(
                "SELECT freq_block, count(*), min(channel), max(channel) FROM vis"
                    + " GROUP BY freq_block ORDER BY freq_block")
            .collectAsList();
    assertEquals(4, perBlock.size());
    for (int k = 0; k < 4; k++) {
      assertEquals((long) a.nRows() * 2, perBlock.get(k).getLong(1));
      assertEquals(2 * k, perBlock.get(k).getInt(2));
    }
    assertTrue(Files.isDirectory(table.resolve("freq_block=3")));

    String[] args = {
      "-size", "128", "128", "-scale", "5asec", "-niter", "200", "-weight", "natural"
    };
    ImageJob.run(ImageCommand.parseOptions(with(args, dir.resolve("f"), uvfits)), () -> spark);
    ImageJob.run(ImageCommand.parseOptions(with(args, dir.resolve("t"), table)), () -> spark);
    // the same visibilities: the same image to float rounding (threads sum in any order)
    double[] f = FitsImageReader.readImage(dir.resolve("f-image.fits")).pixels();
    double[] t = FitsImageReader.readImage(dir.resolve("t-image.fits")).pixels();
    double peak = java.util.Arrays.stream(f).map(Math::abs).max().orElseThrow();
    assertArrayEquals(f, t, 1e-5 * peak);
  }

  private static String[] with(String[] args, Path prefix, Path input) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 3);
    out[args.length] = "-name";
    out[args.length + 1] = prefix.toString();
    out[args.length + 2] = input.toString();
    return out;
  }
}
