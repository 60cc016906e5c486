package io.zhiku.push.internal;

import java.util.Arrays;

/**
 * For each row (an item or a person), its most recent distinct values in a ring of fixed length, all
 * rows in one flat {@code int} array: {@code 4 * length + 1} bytes a row, no object per row. Not
 * thread-safe: {@link UsageStats} guards it.
 */
final class Rings {
  private final int length;
  private int[] values = new int[0];
  /**
   * Per row, below {@code length}: how many values it holds, the next written at that index; from
   * {@code length} on: full, the next (oldest) at {@code state - length}.
   */
  private byte[] state = new byte[0];
  private int rows;

  /** @param length the values a row keeps, 1 to 64 (the state of a row fits a byte) */
  Rings(int length) {
    if (length < 1 || length > 64) {
      throw new IllegalArgumentException("length " + length + " is not between 1 and 64");
    }
    this.length = length;
  }

  /** @return the values a row keeps */
  int length() {
    return length;
  }

  /**
   * Adds an empty row, numbered after the last one.
   *
   * @throws IllegalStateException if the rows' values would not fit one array
   */
  void addRow() {
    if (rows == state.length) {
      long capacity = Math.max(16, rows + (rows >> 1));
      if (capacity * length > Integer.MAX_VALUE - 8) {
        capacity = (Integer.MAX_VALUE - 8) / length;
        if (capacity <= rows) {
          throw new IllegalStateException("rings: " + rows + " rows of " + length + " values is the most one array holds");
        }
      }
      state = Arrays.copyOf(state, (int) capacity);
      values = Arrays.copyOf(values, (int) capacity * length);
    }
    rows++;
  }

  /** Adds a value to a row unless the row holds it, replacing the row's oldest value when full. */
  void remember(int row, int value) {
    int base = row * length;
    int held = size(row);
    for (int k = 0; k < held; k++) {
      if (values[base + k] == value) {
        return;
      }
    }
    int s = state[row];
    int next = s < length ? s : s - length;
    values[base + next] = value;
    state[row] = (byte) (s < length - 1 ? s + 1 : s == length - 1 ? length : length + (next + 1) % length);
  }

  /** How many values a row holds. */
  int size(int row) {
    return Math.min(state[row], length);
  }

  /** A row's {@code k}-th value, in no particular order. */
  int get(int row, int k) {
    return values[row * length + k];
  }
}
