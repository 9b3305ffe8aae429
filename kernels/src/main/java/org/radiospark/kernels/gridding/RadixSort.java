package org.radiospark.kernels.gridding;

import java.util.Arrays;

/**
 * Stable LSD radix sort of non-negative int keys, returning the permutation. Keys below 2^20 (the
 * usual tile x plane counts) take a single counting pass; larger ones 11-bit digits, at most three
 * passes. {@code O(n + 2^digit)} time.
 */
final class RadixSort {
  private static final int SINGLE_PASS_BITS = 20;
  private static final int BITS = 11;

  private RadixSort() {}

  /**
   * The permutation {@code perm} with {@code keys[perm[0]] <= keys[perm[1]] <= ...}, stable.
   *
   * @param keys non-negative keys (not modified)
   * @param keyBound an exclusive upper bound of the keys
   */
  static int[] sortedOrder(int[] keys, long keyBound) {
    int n = keys.length;
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, keyBound - 1));
    if (bits <= SINGLE_PASS_BITS) {
      int[] count = new int[(1 << bits) + 1];
      for (int k : keys) {
        count[k + 1]++;
      }
      for (int d = 0; d < (1 << bits); d++) {
        count[d + 1] += count[d];
      }
      int[] perm = new int[n];
      for (int i = 0; i < n; i++) {
        perm[count[keys[i]]++] = i;
      }
      return perm;
    }
    int radix = 1 << BITS;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    int[] k = keys.clone();
    int[] k2 = new int[n];
    int[] p2 = new int[n];
    int[] count = new int[radix + 1];
    for (int shift = 0; shift < bits; shift += BITS) {
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[((k[i] >>> shift) & (radix - 1)) + 1]++;
      }
      for (int d = 0; d < radix; d++) {
        count[d + 1] += count[d];
      }
      for (int i = 0; i < n; i++) {
        int pos = count[(k[i] >>> shift) & (radix - 1)]++;
        k2[pos] = k[i];
        p2[pos] = perm[i];
      }
      int[] t = k;
      k = k2;
      k2 = t;
      t = perm;
      perm = p2;
      p2 = t;
    }
    return perm;
  }
}
