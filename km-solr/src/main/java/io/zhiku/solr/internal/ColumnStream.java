package io.zhiku.solr.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the stream of km-solr-node's {@code ColumnsHandler} (see its javadoc for the format, version 1): one
 * row at a time into the current values of its fields, with each segment's strings kept by ordinal so that a
 * string and whatever a caller derives from it ({@link #ordinal}) are made once per segment. Not thread-safe;
 * one per shard read.
 */
final class ColumnStream {
  static final int FORMAT = 1;
  private static final int SEGMENT = 1;
  private static final int ROW = 2;
  private static final int END = 3;

  /** How a field is read: the caller says, from the schema it knows. */
  enum Kind { NUMBER, STRING, STRINGS }

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private final Kind[] kinds;
  /** The current row: a number's bits (and whether it has one), a string's ordinal (-1 for none), several strings' ordinals. */
  private final long[] numbers;
  private final boolean[] present;
  private final int[] ordinals;
  private final int[][] ordinalSets;
  private final int[] setSizes;
  /** Per field, the current segment's strings by ordinal. */
  private final String[][] strings;
  /** Counts the segments: a caller's caches keyed by ordinal are valid while it does not change. */
  private int segment;
  private long rows;

  ColumnStream(InputStream in, Kind[] kinds) {
    this.in = in;
    this.kinds = kinds.clone();
    int n = kinds.length;
    numbers = new long[n];
    present = new boolean[n];
    ordinals = new int[n];
    ordinalSets = new int[n][4];
    setSizes = new int[n];
    strings = new String[n][];
    for (int i = 0; i < n; i++) {
      strings[i] = new String[64];
    }
  }

  /**
   * Reads the header.
   *
   * @throws IOException if the stream is not of format {@value #FORMAT} with these fields
   */
  void open() throws IOException {
    long format = varLong();
    long fields = varLong();
    if (format != FORMAT || fields != kinds.length) {
      throw new IOException("unexpected columns stream: format " + format + " with " + fields + " fields, expected format "
          + FORMAT + " with " + kinds.length);
    }
  }

  /**
   * Moves to the next row.
   *
   * @return {@code false} at the end of the stream
   * @throws IOException if the stream is cut or malformed
   */
  boolean next() throws IOException {
    while (true) {
      int marker = read();
      if (marker == ROW) {
        readRow();
        rows++;
        return true;
      } else if (marker == SEGMENT) {
        segment++;
        for (String[] s : strings) {
          Arrays.fill(s, null);
        }
      } else if (marker == END) {
        long sent = varLong();
        if (sent != rows) {
          throw new IOException("the columns stream carried " + rows + " rows but says " + sent);
        }
        return false;
      } else {
        throw marker < 0 ? new EOFException("the columns stream ended early, after " + rows + " rows")
            : new IOException("unexpected marker " + marker + " in the columns stream after " + rows + " rows");
      }
    }
  }

  private void readRow() throws IOException {
    for (int i = 0; i < kinds.length; i++) {
      switch (kinds[i]) {
        case NUMBER -> {
          present[i] = read() == 1;
          if (present[i]) {
            long z = varLong();
            numbers[i] = (z >>> 1) ^ -(z & 1);
          }
        }
        case STRING -> {
          long code = varLong();
          ordinals[i] = code == 0 ? -1 : term(i, (int) ((code >>> 1) - 1), (code & 1) == 1);
        }
        case STRINGS -> {
          int count = (int) varLong();
          if (ordinalSets[i].length < count) {
            ordinalSets[i] = new int[Math.max(count, ordinalSets[i].length * 2)];
          }
          for (int k = 0; k < count; k++) {
            long code = varLong();
            ordinalSets[i][k] = term(i, (int) (code >>> 1), (code & 1) == 1);
          }
          setSizes[i] = count;
        }
      }
    }
  }

  /** Reads a new string's bytes if it comes, keeps it by ordinal, and returns the ordinal. */
  private int term(int field, int ord, boolean fresh) throws IOException {
    if (fresh) {
      int length = (int) varLong();
      byte[] bytes = new byte[length];
      for (int done = 0; done < length; ) {
        if (position == limit && !fill()) {
          throw new EOFException("the columns stream ended inside a string");
        }
        int n = Math.min(length - done, limit - position);
        System.arraycopy(buffer, position, bytes, done, n);
        position += n;
        done += n;
      }
      String[] s = strings[field];
      if (ord >= s.length) {
        strings[field] = s = Arrays.copyOf(s, Math.max(ord + 1, s.length * 2));
      }
      s[ord] = new String(bytes, StandardCharsets.UTF_8);
    }
    return ord;
  }

  /** The next byte, or -1 at the end of the stream. */
  private int read() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position++] & 0xFF;
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    position = 0;
    limit = Math.max(n, 0);
    return n > 0;
  }

  private long varLong() throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = read();
      if (b < 0) {
        throw new EOFException("the columns stream ended inside a number");
      }
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("malformed number in the columns stream");
  }

  /** @return how many segments have begun: ordinals are valid while this does not change */
  int segment() {
    return segment;
  }

  /** @return whether the current row has a value of a number field */
  boolean has(int field) {
    return present[field];
  }

  /** @return the current row's docValues bits of a number field (a double's through {@link Double#longBitsToDouble}) */
  long number(int field) {
    return numbers[field];
  }

  /** @return the current segment's ordinal of a single string field's value, -1 if it has none */
  int ordinal(int field) {
    return ordinals[field];
  }

  /** @return the string of a field's ordinal in the current segment */
  String string(int field, int ordinal) {
    return strings[field][ordinal];
  }

  /** @return how many values a several-strings field has in the current row */
  int count(int field) {
    return setSizes[field];
  }

  /** @return the ordinal of a several-strings field's k-th value in the current row */
  int ordinal(int field, int k) {
    return ordinalSets[field][k];
  }
}
