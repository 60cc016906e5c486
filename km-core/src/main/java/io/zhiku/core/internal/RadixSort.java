package io.zhiku.core.internal;

/**
 * A stable least-significant-digit radix sort of non-negative long keys, optionally carrying an int along
 * with each key: a few linear passes (one per 10 bits of the largest key, skipping digits all keys share)
 * instead of a comparison sort, for the millions of event times a KPI sorts or edges a graph snapshot
 * orders. Not thread-safe on shared arrays; the class itself holds no state.
 */
public final class RadixSort {
  private static final int BITS = 10;
  private static final int BUCKETS = 1 << BITS;

  private RadixSort() {}

  /**
   * Sorts the first {@code n} keys ascending, moving each key's value with it; equal keys keep their
   * order. Works in the arrays given, with one scratch copy of each.
   *
   * @param keys non-negative keys
   * @param values the values, in step with the keys, or {@code null} for keys alone
   * @param n how many
   * @throws IllegalArgumentException if a key is negative
   */
  public static void sort(long[] keys, int[] values, int n) {
    if (n < 2) {
      return;
    }
    long max = 0;
    for (int i = 0; i < n; i++) {
      if (keys[i] < 0) {
        throw new IllegalArgumentException("keys[" + i + "] = " + keys[i] + " is negative");
      }
      max = Math.max(max, keys[i]);
    }
    long[] k = keys;
    int[] v = values;
    long[] k2 = null;
    int[] v2 = null;
    int[] count = new int[BUCKETS + 1];
    for (int shift = 0; shift < 64 && (max >>> shift) != 0; shift += BITS) {
      java.util.Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[(int) (k[i] >>> shift) & (BUCKETS - 1)]++;
      }
      if (count[(int) (k[0] >>> shift) & (BUCKETS - 1)] == n) {
        continue; // every key has this digit
      }
      int sum = 0;
      for (int b = 0; b < BUCKETS; b++) {
        int c = count[b];
        count[b] = sum;
        sum += c;
      }
      if (k2 == null) {
        k2 = new long[n];
        v2 = v == null ? null : new int[n];
      }
      if (v == null) {
        for (int i = 0; i < n; i++) {
          k2[count[(int) (k[i] >>> shift) & (BUCKETS - 1)]++] = k[i];
        }
      } else {
        for (int i = 0; i < n; i++) {
          int at = count[(int) (k[i] >>> shift) & (BUCKETS - 1)]++;
          k2[at] = k[i];
          v2[at] = v[i];
        }
      }
      long[] tk = k;
      k = k2;
      k2 = tk;
      int[] tv = v;
      v = v2;
      v2 = tv;
    }
    if (k != keys) {
      System.arraycopy(k, 0, keys, 0, n);
      if (v != null) {
        System.arraycopy(v, 0, values, 0, n);
      }
    }
  }
}
