package io.zhiku.push.internal;

import java.util.Arrays;

/**
 * A sum per item number for the items that have one: open addressing on {@code int} keys, {@code double}
 * values, no object per entry (12 bytes a slot, at most three quarters of the slots used: 16-32 bytes an
 * item). Memory grows with the items used in a segment, not with all items, and {@link #prune} bounds it:
 * it keeps only the largest sums. Not thread-safe: {@link UsageStats} guards it.
 */
final class SparseSums {
  private static final int EMPTY = -1;
  private static final int MIN_SLOTS = 8;

  private int[] keys = emptyKeys(MIN_SLOTS);
  private double[] values = new double[MIN_SLOTS];
  private int size;
  /**
   * The absolute values added, pruned or not, decayed like the sums: the table's recent traffic, from
   * which its share of the budget follows.
   */
  private double traffic;

  private static int[] emptyKeys(int capacity) {
    int[] k = new int[capacity];
    Arrays.fill(k, EMPTY);
    return k;
  }

  private static int slot(int item, int mask) {
    return (item * 0x9E3779B9) >>> 7 & mask; // Fibonacci hashing spreads consecutive item numbers
  }

  /** The number of slots that holds {@code entries} at most three quarters full. */
  private static int slotsFor(int entries) {
    return Math.max(MIN_SLOTS, Integer.highestOneBit(Math.max(1, entries + entries / 3)) << 1);
  }

  /**
   * Adds to an item's sum.
   *
   * @return whether the item had no sum before
   */
  boolean add(int item, double v) {
    traffic += Math.abs(v);
    int s = probe(item);
    if (keys[s] == EMPTY) {
      if (4 * (size + 1) > 3 * keys.length) {
        rebuild(keys.length * 2, Double.NEGATIVE_INFINITY, 0);
        s = probe(item);
      }
      keys[s] = item;
      values[s] = v;
      size++;
      return true;
    }
    values[s] += v;
    return false;
  }

  /** The slot that holds an item, or the empty slot where it would go. */
  private int probe(int item) {
    int mask = keys.length - 1;
    int s = slot(item, mask);
    while (keys[s] != EMPTY && keys[s] != item) {
      s = (s + 1) & mask;
    }
    return s;
  }

  /** Whether an item has a sum. */
  boolean contains(int item) {
    return keys[probe(item)] == item;
  }

  /** An item's sum, 0 if it has none. */
  double get(int item) {
    int s = probe(item);
    return keys[s] == item ? values[s] : 0;
  }

  /** Multiplies every sum. */
  void scale(double factor) {
    traffic *= factor;
    for (int s = 0; s < values.length; s++) {
      values[s] *= factor;
    }
  }

  /**
   * Keeps the {@code keep} largest sums and forgets the others, in arrays sized for what is kept. Among
   * equal sums at the cut, those in earlier slots stay (the order is fixed by the items, so the same
   * additions always keep the same items).
   *
   * @param keep how many sums to keep, at least 0
   * @return how many sums were forgotten
   */
  int prune(int keep) {
    if (size <= keep) {
      return 0;
    }
    double[] present = new double[size];
    int n = 0;
    for (int s = 0; s < keys.length; s++) {
      if (keys[s] != EMPTY) {
        present[n++] = values[s];
      }
    }
    Arrays.sort(present);
    double cut = keep == 0 ? Double.POSITIVE_INFINITY : present[size - keep];
    int equalKept = 0; // the kept sums equal to the cut: the others kept are above it
    for (int k = size - keep; k < size && present[k] == cut; k++) {
      equalKept++;
    }
    int before = size;
    rebuild(slotsFor(keep), cut, equalKept);
    return before - size;
  }

  /**
   * Moves the sums into new arrays: those above {@code cut}, and the first {@code equalKept} equal to it
   * (none can equal negative infinity: growing keeps them all).
   */
  private void rebuild(int slots, double cut, int equalKept) {
    int[] oldKeys = keys;
    double[] oldValues = values;
    keys = emptyKeys(slots);
    values = new double[slots];
    size = 0;
    int mask = slots - 1;
    for (int s = 0; s < oldKeys.length; s++) {
      int item = oldKeys[s];
      if (item == EMPTY) {
        continue;
      }
      double v = oldValues[s];
      if (v < cut || v == cut && equalKept-- <= 0) {
        continue;
      }
      int t = slot(item, mask);
      while (keys[t] != EMPTY) {
        t = (t + 1) & mask;
      }
      keys[t] = item;
      values[t] = v;
      size++;
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

  /** The absolute values added since the table was made, scaled as the sums are. */
  double traffic() {
    return traffic;
  }
}
