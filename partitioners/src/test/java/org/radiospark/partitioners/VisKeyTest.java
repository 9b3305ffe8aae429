package org.radiospark.partitioners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisKeyTest {
  @Test
  void valueEqualityOverEveryField() {
    VisKey k = new VisKey(1, 2, 3, 4, 5, 6);
    assertEquals(k, new VisKey(1, 2, 3, 4, 5, 6));
    assertEquals(k.hashCode(), new VisKey(1, 2, 3, 4, 5, 6).hashCode());
    assertNotEquals(k, new VisKey(0, 2, 3, 4, 5, 6));
    assertNotEquals(k, new VisKey(1, 0, 3, 4, 5, 6));
    assertNotEquals(k, new VisKey(1, 2, 0, 4, 5, 6));
    assertNotEquals(k, new VisKey(1, 2, 3, 0, 5, 6));
    assertNotEquals(k, new VisKey(1, 2, 3, 4, 0, 6));
    assertNotEquals(k, new VisKey(1, 2, 3, 4, 5, 0));
    assertEquals(new VisKey(1, 7, 3, 4, 5, 6), k.withMajorLoop(7));
    assertEquals(new VisKey(1, 2, 3, 4, -1, 6), k.withFacet(-1));
  }

  @Test
  void orderIsLexicographicInFieldOrder() {
    List<VisKey> keys = new ArrayList<>();
    for (int f = 2; f >= 0; f--) {
      for (int t = 1; t >= 0; t--) {
        keys.add(new VisKey(0, 0, f, t, -1, -1));
      }
    }
    Collections.sort(keys);
    for (int i = 1; i < keys.size(); i++) {
      VisKey a = keys.get(i - 1);
      VisKey b = keys.get(i);
      assertTrue(
          a.frequency() < b.frequency() || (a.frequency() == b.frequency() && a.time() < b.time()));
    }
  }

  @Test
  void rejectsNegativeIndices() {
    assertThrows(IllegalArgumentException.class, () -> new VisKey(-1, 0, 0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new VisKey(0, 0, 0, 0, -2, 0));
  }

  @Test
  void kryoRoundTripIsCompact() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.register(VisKey.class, new VisKeySerializer());
    VisKey k = new VisKey(0, 19, 8191, 35, -1, 3);
    Output out = new Output(64);
    kryo.writeObject(out, k);
    assertTrue(out.position() <= 9, "bytes: " + out.position());
    VisKey back = kryo.readObject(new Input(out.toBytes()), VisKey.class);
    assertEquals(k, back);
  }

  @Test
  void partitionersProjectOnTheirField() {
    VisKey k = new VisKey(0, 3, 7, 2, 1, 0);
    assertEquals(
        FrequencyPartitioner.partitionOf(7, 16, 4),
        new FrequencyPartitioner(16, 4).getPartition(k));
    assertEquals(1, new FacetPartitioner(2, 2).getPartition(k));
    assertEquals(
        new FrequencyPartitioner(16, 4).getPartition(k),
        new FrequencyPartitioner(16, 4).getPartition(k.withMajorLoop(9).withFacet(3)));
  }
}
