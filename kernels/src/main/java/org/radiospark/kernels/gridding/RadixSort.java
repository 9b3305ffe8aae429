package org.radiospark.kernels.gridding;

/**
 * Stable LSD radix sort of non-negative int keys, returning the permutation; 11-bit digits, so at
 * most three passes over the data for keys below 2^31. {@code O(n)} time, three int arrays of
 * scratch.
 */
final class RadixSort {
  private static final int BITS = 11;
  private static final int RADIX = 1 << BITS;

  private RadixSort() {}

  /**
   * The permutation {@code perm} with {@code keys[perm[0]] <= keys[perm[1]] <= ...}, stable.
   *
   * @param keys non-negative keys (not modified)
   * @param keyBound an exclusive upper bound of the keys
   */
  static int[] sortedOrder(int[] keys, long keyBound) {
    int n = keys.length;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, keyBound - 1));
    int[] k = keys.clone();
    int[] k2 = new int[n];
    int[] p2 = new int[n];
    int[] count = new int[RADIX + 1];
    for (int shift = 0; shift < bits; shift += BITS) {
      java.util.Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[((k[i] >>> shift) & (RADIX - 1)) + 1]++;
      }
      for (int d = 0; d < RADIX; d++) {
        count[d + 1] += count[d];
      }
      for (int i = 0; i < n; i++) {
        int pos = count[(k[i] >>> shift) & (RADIX - 1)]++;
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
