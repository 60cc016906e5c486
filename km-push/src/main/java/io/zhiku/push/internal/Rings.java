package io.zhiku.push.internal;

import java.util.Arrays;

/**
 * For each row (an item or a person), a few recent distinct values, all rows in one flat {@code int}
 * array, no object per row. Two kinds:
 *
 * <ul>
 *   <li>untimed ({@link #Rings(int)}): the {@code length} most recently added distinct values, in a ring
 *       ({@code 4 * length + 1} bytes a row); a value already held stays where it is;
 *   <li>timed ({@link #timed(int)}): the {@code length} distinct values with the latest times, each with
 *       the latest time it was added with, whatever the order they come in ({@code 8 * length + 1} bytes
 *       a row). Times are whole seconds since 1970 (unsigned: to 2106); earlier ones count as 1970.
 * </ul>
 *
 * <p>Not thread-safe: {@link UsageStats} guards it.
 */
final class Rings {
  private final int length;
  private int[] values = new int[0];
  /** For timed rings, per value: its time in unsigned seconds; {@code null} for untimed ones. */
  private int[] times;
  /**
   * Per row, below {@code length}: how many values it holds, the next written at that index; from
   * {@code length} on (untimed rings only): full, the next (oldest) at {@code state - length}.
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

  /**
   * Rings that keep the values with the latest times.
   *
   * @param length the values a row keeps, 1 to 64
   * @return empty rings
   */
  static Rings timed(int length) {
    Rings r = new Rings(length);
    r.times = new int[0];
    return r;
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
      if (times != null) {
        times = Arrays.copyOf(times, (int) capacity * length);
      }
    }
    rows++;
  }

  /**
   * Adds a value to an untimed row unless the row holds it, replacing the row's oldest value when full.
   *
   * @throws IllegalStateException if the rings are timed
   */
  void remember(int row, int value) {
    if (times != null) {
      throw new IllegalStateException("timed rings: remember a value with its time");
    }
    int base = row * length;
    if (indexOf(base, size(row), value) >= 0) {
      return;
    }
    int s = state[row];
    int next = s < length ? s : s - length;
    values[base + next] = value;
    state[row] = (byte) (s < length - 1 ? s + 1 : s == length - 1 ? length : length + (next + 1) % length);
  }

  /**
   * Adds a value with its time to a timed row: a value held keeps the later of its two times; a new one
   * replaces, when the row is full, the value with the earliest time if its own is later (else it is not
   * kept: it is not among the latest).
   *
   * @param row the row
   * @param value the value
   * @param epochMillis the time, in milliseconds since 1970
   * @throws IllegalStateException if the rings are untimed
   */
  void remember(int row, int value, long epochMillis) {
    if (times == null) {
      throw new IllegalStateException("untimed rings: remember a value without a time");
    }
    int time = seconds(epochMillis);
    int base = row * length;
    int held = state[row];
    int k = indexOf(base, held, value);
    if (k >= 0) {
      if (Integer.compareUnsigned(time, times[base + k]) > 0) {
        times[base + k] = time;
      }
      return;
    }
    if (held < length) {
      values[base + held] = value;
      times[base + held] = time;
      state[row] = (byte) (held + 1);
      return;
    }
    int earliest = 0;
    for (int j = 1; j < length; j++) {
      if (Integer.compareUnsigned(times[base + j], times[base + earliest]) < 0) {
        earliest = j;
      }
    }
    if (Integer.compareUnsigned(time, times[base + earliest]) > 0) {
      values[base + earliest] = value;
      times[base + earliest] = time;
    }
  }

  /** A time as unsigned whole seconds since 1970, clamped to what 32 bits hold. */
  private static int seconds(long epochMillis) {
    return (int) Math.max(0, Math.min(0xFFFF_FFFFL, Math.floorDiv(epochMillis, 1000)));
  }

  private int indexOf(int base, int held, int value) {
    for (int k = 0; k < held; k++) {
      if (values[base + k] == value) {
        return k;
      }
    }
    return -1;
  }

  /** How many values a row holds. */
  int size(int row) {
    return Math.min(state[row], length);
  }

  /** A row's {@code k}-th value, in no particular order. */
  int get(int row, int k) {
    return values[row * length + k];
  }

  /**
   * The time a timed row's {@code k}-th value was last added with.
   *
   * @return unsigned whole seconds since 1970, as a {@code long}
   * @throws IllegalStateException if the rings are untimed
   */
  long seconds(int row, int k) {
    if (times == null) {
      throw new IllegalStateException("untimed rings have no times");
    }
    return Integer.toUnsignedLong(times[row * length + k]);
  }
}
