package org.radiospark.jobs.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.config.SparkSessions;

/**
 * Spark SQL features a notebook user reaches for, under the production session (Kryo with
 * registration required): each ships a Spark-internal class between driver and tasks that the
 * registrator must list.
 */
class SparkSqlKryoIT {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.session("sql-kryo-it", "local[2]");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void csvSchemaInference(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("comp.csv");
    Files.writeString(csv, "ra,dec,flux,name\n10.5,-20.25,1.5,a\n11.0,-21.0,2,b\n");
    Dataset<Row> df =
        spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString());
    assertEquals(DataTypes.DoubleType, df.schema().apply("ra").dataType());
    assertEquals(DataTypes.StringType, df.schema().apply("name").dataType());
    assertEquals(3.5, df.agg(org.apache.spark.sql.functions.sum("flux")).first().getDouble(0));
  }

  @Test
  void approximateQuantiles() {
    Dataset<Row> df = spark.range(0, 1001).toDF("x");
    double[] q = df.stat().approxQuantile("x", new double[] {0.5}, 0.0);
    assertEquals(500.0, q[0]);
  }
}
