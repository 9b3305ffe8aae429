package org.radiospark.partitioners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrequencyPartitionerTest {

  @ParameterizedTest
  @CsvSource({"1,1", "11,1", "11,4", "11,11", "8192,7", "100,3"})
  void blocksAreContiguousBalancedAndCoverEveryChannel(int nChannels, int nBlocks) {
    FrequencyPartitioner p = new FrequencyPartitioner(nChannels, nBlocks);
    int[] count = new int[nBlocks];
    int previous = 0;
    for (int c = 0; c < nChannels; c++) {
      int b = p.getPartition(c);
      assertTrue(b == previous || b == previous + 1, "blocks must be contiguous at channel " + c);
      previous = b;
      count[b]++;
      assertEquals(b, FrequencyPartitioner.partitionOf(c, nChannels, nBlocks));
    }
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int b = 0; b < nBlocks; b++) {
      min = Math.min(min, count[b]);
      max = Math.max(max, count[b]);
      int first = FrequencyPartitioner.firstChannel(b, nChannels, nBlocks);
      assertEquals(b, p.getPartition(first), "first channel of block " + b);
      if (first > 0) {
        assertEquals(b - 1, p.getPartition(first - 1), "channel before block " + b);
      }
    }
    assertTrue(max - min <= 1, "block sizes differ by more than one: " + min + ".." + max);
  }

  @Test
  void outOfRangeAndForeignKeysGoToOverflow() {
    FrequencyPartitioner p = new FrequencyPartitioner(10, 3);
    assertEquals(4, p.numPartitions());
    assertEquals(3, p.getPartition(-1));
    assertEquals(3, p.getPartition(10));
    assertEquals(3, p.getPartition("not a channel"));
    assertEquals(1, p.getPartition((FrequencyPartitioner.ChannelKeyed) () -> 5));
  }

  @Test
  void equalityCoversEveryParameter() {
    assertEquals(new FrequencyPartitioner(10, 3), new FrequencyPartitioner(10, 3));
    assertEquals(
        new FrequencyPartitioner(10, 3).hashCode(), new FrequencyPartitioner(10, 3).hashCode());
    assertNotEquals(new FrequencyPartitioner(10, 3), new FrequencyPartitioner(11, 3));
    assertNotEquals(new FrequencyPartitioner(10, 3), new FrequencyPartitioner(10, 2));
  }

  @Test
  void rejectsImpossibleBlocking() {
    assertThrows(IllegalArgumentException.class, () -> new FrequencyPartitioner(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new FrequencyPartitioner(4, 5));
    assertThrows(IllegalArgumentException.class, () -> new FrequencyPartitioner(4, 0));
  }
}
