package io.zhiku.metrics.kpi;

import io.zhiku.core.internal.RadixSort;
import java.util.Arrays;

/** A growable list of longs (event times), to keep a KPI's working set off the boxed collections. */
final class LongList {
  private long[] values = new long[4];
  private int size;

  void add(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  int size() {
    return size;
  }

  long get(int i) {
    return values[i];
  }

  /** Sorts the values in place. */
  LongList sorted() {
    Arrays.sort(values, 0, size);
    return this;
  }

  /** A sorted copy of non-negative values (durations), by radix sort: a few linear passes. */
  long[] sortedCopy() {
    long[] out = Arrays.copyOf(values, size);
    RadixSort.sort(out, null, size);
    return out;
  }

  /** The index of the first value at least {@code v} in a sorted list, or {@code size()}. */
  int firstAtLeast(long v) {
    int i = Arrays.binarySearch(values, 0, size, v);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && values[i - 1] == v) {
      i--;
    }
    return i;
  }
}
