package io.zhiku.core.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * Dense numbers for strings: the first string added gets 0, the next 1, and so on; strings are never
 * removed. Open addressing on the numbers, probed with the strings' own (cached) hash codes and matched
 * by reference first (interned strings then match without reading the candidate): about 14-22 bytes per
 * string besides the string itself, against about 60 for a {@code HashMap<String, Integer>}
 * and a list. For per-item statistics over a million items, where the map's overhead would outweigh the
 * statistics.
 *
 * <p>Not thread-safe: the owner guards writes and live reads; {@link #frozen()} gives a view that any
 * thread may read while the owner goes on adding.
 */
public final class StringIds {
  private static final int EMPTY = 0; // slots hold number + 1
  /** At most this share of the slots is used before the slots double. */
  private static final double MAX_LOAD = 0.5;

  private int[] slots = new int[16];
  private String[] strings = new String[16];
  private int size;

  /** Creates an empty numbering. */
  public StringIds() {}

  /** @return how many strings have a number */
  public int size() {
    return size;
  }

  /**
   * A string's number.
   *
   * @param s the string
   * @return its number, or -1 if it has none
   */
  public int find(String s) {
    return find(slots, strings, s);
  }

  private static int find(int[] slots, String[] strings, String s) {
    int h = s.hashCode();
    int mask = slots.length - 1;
    for (int at = spread(h) & mask; slots[at] != EMPTY; at = (at + 1) & mask) {
      String candidate = strings[slots[at] - 1];
      if (candidate == s || candidate.hashCode() == h && candidate.equals(s)) { // interned strings: no read
        return slots[at] - 1;
      }
    }
    return -1;
  }

  /**
   * A string's number, given one if it has none.
   *
   * @param s the string (not null)
   * @return its number
   */
  public int add(String s) {
    Objects.requireNonNull(s, "s");
    int found = find(s);
    if (found >= 0) {
      return found;
    }
    if (size + 1 > slots.length * MAX_LOAD) {
      rehash(slots.length * 2);
    }
    if (size == strings.length) {
      strings = Arrays.copyOf(strings, size + (size >> 1));
    }
    strings[size] = s;
    insert(slots, spread(s.hashCode()), size + 1);
    return size++;
  }

  /**
   * The string of a number.
   *
   * @param id a number below {@link #size()}
   * @return its string
   * @throws IndexOutOfBoundsException if there is no such number
   */
  public String get(int id) {
    Objects.checkIndex(id, size);
    return strings[id];
  }

  /**
   * A read-only view of the numbers given so far, unaffected by later additions: a copy of the slots
   * (about 8-16 bytes per string) sharing the strings.
   *
   * @return the view, safe to read from any thread once safely published
   */
  public Frozen frozen() {
    return new Frozen(slots.clone(), strings);
  }

  /** The numbers given up to one moment. Immutable; thread-safe once safely published. */
  public static final class Frozen {
    private final int[] slots;
    private final String[] strings; // entries from size on may be written later and are never read

    private Frozen(int[] slots, String[] strings) {
      this.slots = slots;
      this.strings = strings;
    }

    /**
     * A string's number.
     *
     * @param s the string
     * @return its number, or -1 if it had none at that moment
     */
    public int find(String s) {
      return StringIds.find(slots, strings, s);
    }
  }

  private void rehash(int capacity) {
    int[] next = new int[capacity];
    for (int id = 0; id < size; id++) {
      insert(next, spread(strings[id].hashCode()), id + 1);
    }
    slots = next;
  }

  private static void insert(int[] slots, int hash, int value) {
    int mask = slots.length - 1;
    int at = hash & mask;
    while (slots[at] != EMPTY) {
      at = (at + 1) & mask;
    }
    slots[at] = value;
  }

  /** String hashes of similar ids differ in their low bits only slightly: mix them before masking. */
  private static int spread(int h) {
    return Hashes.mix(h);
  }
}
