package io.zhiku.push.internal;

import java.util.Arrays;

/**
 * A sum per item number for the items that have one: open addressing on {@code int} keys, {@code double}
 * values, no object per entry (24 bytes an item at most half full). Memory grows with the items used in
 * a segment, not with all items. Not thread-safe: {@link UsageStats} guards it.
 */
final class SparseSums {
  private static final int EMPTY = -1;

  private int[] keys = emptyKeys(8);
  private double[] values = new double[8];
  private int size;

  private static int[] emptyKeys(int capacity) {
    int[] k = new int[capacity];
    Arrays.fill(k, EMPTY);
    return k;
  }

  private static int slot(int item, int mask) {
    return (item * 0x9E3779B9) >>> 7 & mask; // Fibonacci hashing spreads consecutive item numbers
  }

  /** Adds to an item's sum. */
  void add(int item, double v) {
    int mask = keys.length - 1;
    int s = slot(item, mask);
    while (keys[s] != EMPTY && keys[s] != item) {
      s = (s + 1) & mask;
    }
    if (keys[s] == EMPTY) {
      if (2 * (size + 1) > keys.length) {
        grow();
        add(item, v);
        return;
      }
      keys[s] = item;
      size++;
    }
    values[s] += v;
  }

  /** An item's sum, 0 if it has none. */
  double get(int item) {
    int mask = keys.length - 1;
    for (int s = slot(item, mask); keys[s] != EMPTY; s = (s + 1) & mask) {
      if (keys[s] == item) {
        return values[s];
      }
    }
    return 0;
  }

  /** Multiplies every sum. */
  void scale(double factor) {
    for (int s = 0; s < values.length; s++) {
      values[s] *= factor;
    }
  }

  /** How many slots {@link #itemAt} and {@link #valueAt} read. */
  int slots() {
    return keys.length;
  }

  /** The item of a slot, or -1 for an empty one. */
  int itemAt(int slot) {
    return keys[slot];
  }

  /** The sum of a slot. */
  double valueAt(int slot) {
    return values[slot];
  }

  /** The sums by slot, for a caller that ranks slots; read only, and only while the table is not written. */
  double[] slotValues() {
    return values;
  }

  /** How many items have a sum. */
  int size() {
    return size;
  }

  private void grow() {
    int[] oldKeys = keys;
    double[] oldValues = values;
    keys = emptyKeys(oldKeys.length * 2);
    values = new double[oldKeys.length * 2];
    size = 0;
    for (int s = 0; s < oldKeys.length; s++) {
      if (oldKeys[s] != EMPTY) {
        add(oldKeys[s], oldValues[s]);
      }
    }
  }
}
