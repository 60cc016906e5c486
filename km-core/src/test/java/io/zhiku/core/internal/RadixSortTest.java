package io.zhiku.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zhiku.testkit.Seeded;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The radix sort against a stable comparison sort. */
@Seeded
class RadixSortTest {
  /** Keys of random widths (some sharing high digits, some all equal), values carried, equal keys stable. */
  @RepeatedTest(30)
  void sort_ordersKeys_carriesValues_andIsStable(Random r) {
    int n = r.nextInt(3) == 0 ? r.nextInt(3) : 1 + r.nextInt(5000);
    int bits = 1 + r.nextInt(62);
    long base = r.nextBoolean() ? 0 : (r.nextLong() >>> 2) & ~((1L << Math.min(bits, 61)) - 1);
    long[] keys = new long[n];
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = base | (r.nextLong() >>> (64 - bits));
      values[i] = i;
    }
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    long[] original = keys.clone();
    Arrays.sort(order, Comparator.comparingLong((Integer i) -> original[i])); // stable
    RadixSort.sort(keys, values, n);
    assertArrayEquals(Arrays.stream(order).mapToLong(i -> original[i]).toArray(), keys);
    assertArrayEquals(Arrays.stream(order).mapToInt(Integer::intValue).toArray(), values);
    long[] alone = original.clone();
    RadixSort.sort(alone, null, n);
    assertArrayEquals(keys, alone);
  }

  @Test
  void sort_refusesNegativeKeys() {
    assertThrows(IllegalArgumentException.class, () -> RadixSort.sort(new long[] {3, -1}, null, 2));
  }
}
