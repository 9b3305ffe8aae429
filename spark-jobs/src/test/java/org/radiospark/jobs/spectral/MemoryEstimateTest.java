package org.radiospark.jobs.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.radiospark.jobs.cli.RadioSparkCli.BadOptionException;

class MemoryEstimateTest {
  private static SparkConf cluster(String memory, int cores) {
    return new SparkConf(false)
        .set("spark.master", "yarn")
        .set("spark.executor.memory", memory)
        .set("spark.executor.cores", Integer.toString(cores));
  }

  @Test
  void formulaCountsVisibilitiesAndImagesPerChannel() {
    long rows = 1_000_000;
    int n = 4096;
    long p = (long) n * n;
    assertEquals(
        3 * (52 * rows + 16 * p) + 168 * rows + 264 * p,
        MemoryEstimate.estimateBytes(rows, n, n, 3));
    MemoryEstimate m = MemoryEstimate.of(cluster("8g", 2), 0, rows, n, n, 3);
    assertEquals(MemoryEstimate.estimateBytes(rows, n, n, 3), m.taskBytes());
    assertEquals(((8L << 30) - MemoryEstimate.RESERVED_BYTES) / 2, m.perTaskBytes());
  }

  @Test
  void tooManyChannelsPerTaskNamesTheLargestThatFits() {
    long rows = 1_000_000; // 52 MB of visibilities per channel
    MemoryEstimate m = MemoryEstimate.of(cluster("2g", 1), 0, rows, 2048, 2048, 64);
    BadOptionException e = assertThrows(BadOptionException.class, m::check);
    long k = (m.perTaskBytes() - m.fixedBytes()) / m.perChannelBytes();
    assertTrue(k >= 1 && k < 64, "largest K " + k);
    assertTrue(e.getMessage().contains("--channels-per-task to " + k), e.getMessage());
    assertTrue(e.getMessage().contains("spark.executor.memory"), e.getMessage());
    MemoryEstimate.of(cluster("2g", 1), 0, rows, 2048, 2048, (int) k).check();
  }

  @Test
  void hintReplacesTheConfigurationAndParsesSparkSizes() {
    assertEquals(512L << 20, MemoryEstimate.parseBytes("512m"));
    assertEquals(4L << 30, MemoryEstimate.parseBytes("4g"));
    assertEquals(300L << 20, MemoryEstimate.parseBytes("300"));
    assertThrows(BadOptionException.class, () -> MemoryEstimate.parseBytes("lots"));
    MemoryEstimate m = MemoryEstimate.of(cluster("64g", 1), 200L << 20, 1000, 64, 64, 1);
    assertEquals(0, m.perTaskBytes());
    BadOptionException e = assertThrows(BadOptionException.class, m::check);
    assertTrue(e.getMessage().contains("--executor-memory-hint"), e.getMessage());
  }
}
