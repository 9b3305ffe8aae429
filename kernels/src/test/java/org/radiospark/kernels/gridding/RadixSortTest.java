package org.radiospark.kernels.gridding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RadixSortTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 1 << 20, (1 << 20) + 1, Integer.MAX_VALUE})
  void stableSortMatchesLibrarySort(int bound) {
    Random r = new Random(bound);
    int[] keys = new int[5000];
    for (int i = 0; i < keys.length; i++) {
      // Few distinct values so that stability matters.
      keys[i] = (int) ((r.nextInt(40) * (long) bound / 40) % bound);
    }
    int[] perm = RadixSort.sortedOrder(keys, bound);
    Integer[] ref = new Integer[keys.length];
    for (int i = 0; i < ref.length; i++) {
      ref[i] = i;
    }
    // Arrays.sort on objects is stable (merge sort).
    Arrays.sort(ref, Comparator.comparingInt(i -> keys[i]));
    assertArrayEquals(Arrays.stream(ref).mapToInt(Integer::intValue).toArray(), perm);
    for (int i = 1; i < perm.length; i++) {
      assertTrue(keys[perm[i - 1]] <= keys[perm[i]]);
    }
  }
}
