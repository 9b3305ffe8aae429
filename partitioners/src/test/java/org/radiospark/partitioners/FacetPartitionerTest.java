package org.radiospark.partitioners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FacetPartitionerTest {
  @Test
  void oneFacetPerPartitionAndAnOverflow() {
    FacetPartitioner p = new FacetPartitioner(3, 2);
    assertEquals(6, p.nFacets());
    assertEquals(7, p.numPartitions());
    for (int f = 0; f < 6; f++) {
      assertEquals(f, p.getPartition(f));
      assertEquals(f, FacetPartitioner.partitionOf(f, 6));
    }
    assertEquals(6, p.getPartition(-1));
    assertEquals(6, p.getPartition(6));
    assertEquals(6, p.getPartition("facet"));
    assertEquals(6, p.getPartition(new VisKey(0, 0, 0, 0, -1, 0)));
  }

  @Test
  void equalityCoversTheGrid() {
    assertEquals(new FacetPartitioner(2, 2), new FacetPartitioner(2, 2));
    assertEquals(new FacetPartitioner(2, 2).hashCode(), new FacetPartitioner(2, 2).hashCode());
    assertNotEquals(new FacetPartitioner(4, 1), new FacetPartitioner(1, 4));
    assertNotEquals(new FacetPartitioner(2, 2), new FrequencyPartitioner(4, 4));
    assertThrows(IllegalArgumentException.class, () -> new FacetPartitioner(0, 2));
  }
}
