package org.radiospark.jobs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radiospark.jobs.config.SparkSessions;
import scala.Tuple2;

class PipelineMetricsListenerIT {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.session("metrics-it", "local[2]");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void countsTasksAndShuffleBytesPerLabelAndLoop() throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    PipelineMetricsListener metrics = PipelineMetricsListener.register(spark.sparkContext());
    List<Tuple2<Integer, Integer>> data = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      data.add(new Tuple2<>(i % 97, i));
    }
    JavaPairRDD<Integer, Integer> rdd = jsc.parallelizePairs(data, 4);

    long n0 = PipelineMetricsListener.during(spark.sparkContext(), 0, "narrow", () -> rdd.count());
    long n1 =
        PipelineMetricsListener.during(
            spark.sparkContext(), 1, "shuffle", () -> rdd.reduceByKey(Integer::sum, 3).count());
    assertEquals(10_000, n0);
    assertEquals(97, n1);
    spark.sparkContext().listenerBus().waitUntilEmpty();

    StageMetrics narrow = metrics.get(0, "narrow");
    StageMetrics shuffle = metrics.get(1, "shuffle");
    assertNotNull(narrow);
    assertNotNull(shuffle);
    assertEquals(4, narrow.tasks());
    assertEquals(0, narrow.shuffleWriteBytes());
    assertEquals(4 + 3, shuffle.tasks(), "map side 4 tasks, reduce side 3");
    assertEquals(2, shuffle.stages());
    assertTrue(shuffle.shuffleWriteBytes() > 0);
    assertEquals(shuffle.shuffleWriteBytes(), shuffle.shuffleReadBytes());
    assertEquals(4 * 97, shuffle.shuffleWriteRecords(), "map-side combine: one record per key");

    JsonNode json = new ObjectMapper().readTree(metrics.toJson());
    assertEquals(2, json.get("stages").size());
    assertEquals("narrow", json.get("stages").get(0).get("label").asText());
    assertTrue(metrics.summary().contains("shuffle"), metrics.summary());
  }
}
