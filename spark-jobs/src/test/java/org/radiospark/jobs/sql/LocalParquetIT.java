package org.radiospark.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radiospark.jobs.config.SparkSessions;

/**
 * The session-less Parquet writer: every supported type, nulls, extreme values and an empty table
 * read back with Spark exactly; unsupported types and nulls in non-nullable columns are refused.
 */
class LocalParquetIT {
  private static SparkSession spark;
  @TempDir Path dir;

  private static final StructType SCHEMA =
      new StructType()
          .add("i", DataTypes.IntegerType, false)
          .add("l", DataTypes.LongType, false)
          .add("d", DataTypes.DoubleType, false)
          .add("b", DataTypes.BooleanType, false)
          .add("s", DataTypes.StringType, false)
          .add("ni", DataTypes.IntegerType, true)
          .add("nd", DataTypes.DoubleType, true)
          .add("ns", DataTypes.StringType, true);

  @BeforeAll
  static void start() {
    spark = SparkSessions.session("local-parquet-it", "local[1]");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void everyTypeAndNullReadsBackExactly() throws Exception {
    List<Row> rows =
        List.of(
            RowFactory.create(
                Integer.MIN_VALUE, Long.MAX_VALUE, Math.PI, true, "é, \"x\"", 7, -0.0, "a"),
            RowFactory.create(0, -1L, Double.MIN_VALUE, false, "", null, null, null),
            RowFactory.create(
                Integer.MAX_VALUE, 0L, Double.NaN, true, "z", -3, Double.POSITIVE_INFINITY, "b"));
    Path table = dir.resolve("t.parquet");
    Tables.writeLocal(SCHEMA, rows, table);
    assertTrue(Files.isRegularFile(table.resolve("_SUCCESS")));
    assertTrue(Files.isRegularFile(table.resolve(LocalParquet.PART_FILE)));
    Dataset<Row> df = spark.read().parquet(table.toString());
    // the footer's Spark schema is used: names and types in order
    assertEquals(SCHEMA.fieldNames().length, df.schema().fieldNames().length);
    for (int c = 0; c < SCHEMA.fields().length; c++) {
      assertEquals(SCHEMA.fields()[c].name(), df.schema().fields()[c].name());
      assertEquals(SCHEMA.fields()[c].dataType(), df.schema().fields()[c].dataType());
    }
    List<Row> back = df.collectAsList();
    assertEquals(rows.size(), back.size());
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < SCHEMA.fields().length; c++) {
        assertEquals(rows.get(r).get(c), back.get(r).get(c), "row " + r + " column " + c);
      }
    }
  }

  @Test
  void anEmptyTableKeepsItsSchema() throws Exception {
    Path table = dir.resolve("empty.parquet");
    Tables.writeLocal(Tables.candidatesSchema(), List.of(), table);
    Dataset<Row> df = spark.read().parquet(table.toString());
    assertEquals(0, df.count());
    assertEquals(
        List.of(Tables.candidatesSchema().fieldNames()), List.of(df.schema().fieldNames()));
  }

  @Test
  void unsupportedTypesAndMisplacedNullsAreRefused() {
    StructType arrays =
        new StructType().add("a", DataTypes.createArrayType(DataTypes.DoubleType), false);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Tables.writeLocal(arrays, List.of(), dir.resolve("a.parquet")));
    assertTrue(e.getMessage().contains("column a"), e.getMessage());
    StructType one = new StructType().add("x", DataTypes.DoubleType, false);
    IllegalArgumentException n =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Tables.writeLocal(
                    one, List.of(RowFactory.create((Object) null)), dir.resolve("n.parquet")));
    assertTrue(n.getMessage().contains("non-nullable column x"), n.getMessage());
  }
}
