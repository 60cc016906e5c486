package io.zhiku.search.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.BytesRef;

/**
 * Reads doc-values columns of segments document by document, turning each ordinal into a Java string
 * once.
 *
 * <p>A store that scans often keeps a {@linkplain #shared shared} instance: each segment's strings by
 * ordinal are then filled as scans read them, kept until the segment closes (merged away), and equal
 * strings of different segments are one object: {@link String#intern()}, the JVM's own weak table of
 * strings, kept outside the heap (a weak interner on the heap cost about 100 bytes per distinct string:
 * 100 MB for the ids of a million items). Looking an ordinal up in the dictionary decompresses a
 * block of it, which costs more than the rest of reading a row; a person's history reads a thousand
 * rows of a thousand different items. A {@linkplain #oneOff one-off} instance keeps nothing.
 *
 * <p>A string column also numbers its values ({@link StringColumn#number}): one number per distinct
 * string of the field for as long as this instance lives, dense from 0 in the order scans first meet
 * them, kept by ordinal next to the strings; a scan can then keep per-person state in arrays. The
 * numbering grows with the field's distinct values (users, items), never with the events.
 *
 * <p>A column opens its doc values on its first read: opening one clones index inputs and costs about as
 * much as reading a few rows, and a scan that reads three columns of a dozen segments should not pay for
 * the other nine.
 *
 * <p>Thread-safe; the columns it creates are not (one per segment and scanning thread).
 */
final class Columns {
  /** The most distinct values of one segment's field whose strings are kept. */
  private static final int MAX_KEPT = 1 << 22;

  private final String store;
  private final boolean keep;
  private final Map<IndexReader.CacheKey, Map<String, Dictionary>> bySegment = new ConcurrentHashMap<>();
  private final Map<String, Numbering> numberings = new ConcurrentHashMap<>();

  private Columns(String store, boolean keep) {
    this.store = store;
    this.keep = keep;
  }

  /**
   * Columns whose strings are kept per segment, for a store that scans often.
   *
   * @param store the store's name, for errors
   * @return the columns
   */
  static Columns shared(String store) {
    return new Columns(store, true);
  }

  /**
   * Columns that keep nothing beyond one scan of a segment.
   *
   * @param store the store's name, for errors
   * @return the columns
   */
  static Columns oneOff(String store) {
    return new Columns(store, false);
  }

  /** A numeric column of a segment, opened on its first read. */
  LongColumn longs(LeafReader reader, String field) {
    return new LongColumn(reader, field);
  }

  /** A single-valued string column of a segment, opened on its first read. */
  StringColumn string(LeafReader reader, String field) {
    return new StringColumn(reader, field);
  }

  /** A multi-valued string column of a segment, opened on its first read. */
  StringsColumn strings(LeafReader reader, String field) {
    return new StringsColumn(reader, field);
  }

  /** A segment's field's strings (and numbers) by ordinal: shared by scans if kept; too many to keep, none. */
  private Dictionary dictionary(LeafReader reader, String field, long valueCount) {
    if (valueCount > MAX_KEPT) {
      return new Dictionary(0);
    }
    IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
    if (!keep || helper == null) {
      return new Dictionary((int) valueCount);
    }
    Map<String, Dictionary> fields = bySegment.computeIfAbsent(helper.getKey(), key -> {
      helper.addClosedListener(bySegment::remove);
      return new ConcurrentHashMap<>();
    });
    return fields.computeIfAbsent(field, f -> new Dictionary((int) valueCount));
  }

  /**
   * The strings and the numbers of one segment's field by ordinal, filled as scans read them. Races on
   * the arrays are benign: strings are immutable and two threads store equal ones; a number comes from
   * the field's {@link Numbering}, which gives one string one number.
   */
  private static final class Dictionary {
    final String[] names;
    private volatile int[] numbers;
    private volatile String[] entryValues;

    Dictionary(int size) {
      this.names = new String[size];
    }

    /** The values of {@code key=value} entries by ordinal, allocated on first use. */
    String[] entryValues() {
      String[] v = entryValues;
      if (v == null) {
        v = new String[names.length];
        entryValues = v;
      }
      return v;
    }

    /** Numbers plus one by ordinal (0: not yet looked up), allocated on first use. */
    int[] numbers() {
      int[] n = numbers;
      if (n == null) {
        n = new int[names.length];
        numbers = n;
      }
      return n;
    }
  }

  /** Dense numbers for a field's distinct strings, in the order scans first meet them; thread-safe. */
  private static final class Numbering {
    private final Map<String, Integer> numbers = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    int of(String s) {
      return numbers.computeIfAbsent(s, x -> next.getAndIncrement());
    }
  }

  /**
   * The string of an ordinal, from the array or else the dictionary. Races on the array are benign:
   * strings are immutable, and two threads store equal ones.
   */
  private String name(Dictionary kept, long ord, SortedDocValuesLookup dictionary) throws IOException {
    String[] names = kept.names;
    if (ord >= names.length) {
      return dictionary.lookup(ord);
    }
    String s = names[(int) ord];
    if (s == null) {
      s = dictionary.lookup(ord).intern();
      names[(int) ord] = s;
    }
    return s;
  }

  /**
   * The number of an ordinal's value within a field's {@link Numbering}, kept by ordinal: the value is
   * looked up only the first time.
   */
  private int number(Dictionary kept, long ord, String field, SortedDocValuesLookup value) {
    int[] numbers = kept.numbers();
    if (ord < numbers.length && numbers[(int) ord] > 0) {
      return numbers[(int) ord] - 1;
    }
    int n;
    try {
      n = numberings.computeIfAbsent(field, f -> new Numbering()).of(value.lookup(ord));
    } catch (IOException e) {
      throw LuceneStore.failure(store, "read a column", e);
    }
    if (ord < numbers.length) {
      numbers[(int) ord] = n + 1;
    }
    return n;
  }

  /** A dictionary lookup by ordinal. */
  private interface SortedDocValuesLookup {
    String lookup(long ord) throws IOException;
  }

  /** A numeric column; remembers the last document it was positioned on. */
  final class LongColumn {
    private final LeafReader reader;
    private final String field;
    private NumericDocValues values;
    private int at = -1;
    private boolean present;
    private long value;

    private LongColumn(LeafReader reader, String field) {
      this.reader = reader;
      this.field = field;
    }

    boolean has(int doc) {
      if (doc != at) {
        backwards(doc, at);
        try {
          if (values == null) {
            values = DocValues.getNumeric(reader, field);
          }
          present = values.advanceExact(doc);
          if (present) {
            value = values.longValue();
          }
        } catch (IOException e) {
          throw LuceneStore.failure(store, "read a column", e);
        }
        at = doc;
      }
      return present;
    }

    long get(int doc, long missing) {
      return has(doc) ? value : missing;
    }

    /**
     * The column's doc values, for a block reader that moves them forward itself: the column is then no
     * longer read by documents.
     */
    NumericDocValues forBlocks() {
      try {
        if (values == null) {
          values = DocValues.getNumeric(reader, field);
        }
        at = Integer.MAX_VALUE; // a read by document now fails: it would move the iterator backwards
        return values;
      } catch (IOException e) {
        throw LuceneStore.failure(store, "read a column", e);
      }
    }
  }

  /** A single-valued string column; remembers the last document it was positioned on. */
  final class StringColumn {
    private final LeafReader reader;
    private final String field;
    private final SortedDocValuesLookup lookup = ord -> this.values.lookupOrd((int) ord).utf8ToString();
    private final SortedDocValuesLookup names = ord -> nameOf((int) ord);
    private SortedDocValues values;
    private Dictionary kept;
    private int at = -1;
    private int ord = -1;
    private String current;

    private StringColumn(LeafReader reader, String field) {
      this.reader = reader;
      this.field = field;
    }

    /** The document's value, or {@code null}. */
    String get(int doc) {
      position(doc);
      if (current == null && ord >= 0) {
        try {
          current = name(kept, ord, lookup);
        } catch (IOException e) {
          throw LuceneStore.failure(store, "read a column", e);
        }
      }
      return current;
    }

    /**
     * The number of the document's value: the same for equal values in every segment of this store, dense
     * from 0 (see {@link io.zhiku.core.event.EventRow#userNumber()}); -1 if the document has none.
     */
    int number(int doc) {
      position(doc);
      return ord < 0 ? -1 : numberOf(ord);
    }

    /** The number of an ordinal's value (see {@link #number}); the column must have been read. */
    int numberOf(int ordinal) {
      return Columns.this.number(kept, ordinal, field, names);
    }

    /** The value of an ordinal; the column must have been read. */
    String nameOf(int ordinal) {
      try {
        return name(kept, ordinal, lookup);
      } catch (IOException e) {
        throw LuceneStore.failure(store, "read a column", e);
      }
    }

    /** How many distinct values the segment's column holds, opening it if needed. */
    int valueCount() {
      try {
        open();
        return values.getValueCount();
      } catch (IOException e) {
        throw LuceneStore.failure(store, "read a column", e);
      }
    }

    /**
     * The ordinal of a value in this segment, opening the column if needed.
     *
     * @return the ordinal, or -1 if no document of the segment has the value
     */
    int ordinalOf(String value) {
      try {
        open();
        int o = values.lookupTerm(new BytesRef(value));
        return o < 0 ? -1 : o;
      } catch (IOException e) {
        throw LuceneStore.failure(store, "read a column", e);
      }
    }

    /**
     * The column's doc values, for a block reader that moves them forward itself: the column is then no
     * longer read by documents, only by ordinals ({@link #nameOf}, {@link #numberOf}, {@link #numbers}).
     */
    SortedDocValues forBlocks() {
      try {
        open();
        at = Integer.MAX_VALUE; // a read by document now fails: it would move the iterator backwards
        return values;
      } catch (IOException e) {
        throw LuceneStore.failure(store, "read a column", e);
      }
    }

    /**
     * The numbers of ordinals read from {@link #forBlocks} (see {@link #number}).
     *
     * @param out receives each ordinal's number, or -1 for ordinal -1
     */
    void numbers(int[] ordinals, int n, int[] out) {
      int[] kept = this.kept.numbers();
      for (int i = 0; i < n; i++) {
        int o = ordinals[i];
        int number = o < 0 ? 0 : o < kept.length ? kept[o] : 0; // the number plus one; 0 if not yet known
        out[i] = number > 0 ? number - 1 : o < 0 ? -1 : numberOf(o);
      }
    }

    private void open() throws IOException {
      if (values == null) {
        values = DocValues.getSorted(reader, field);
        kept = dictionary(reader, field, values.getValueCount());
      }
    }

    private void position(int doc) {
      if (doc == at) {
        return;
      }
      backwards(doc, at);
      try {
        open();
        at = doc;
        current = null;
        ord = values.advanceExact(doc) ? values.ordValue() : -1;
      } catch (IOException e) {
        throw LuceneStore.failure(store, "read a column", e);
      }
    }
  }

  /** A multi-valued string column; remembers the last document it was positioned on. */
  final class StringsColumn {
    private final LeafReader reader;
    private final String field;
    private final SortedDocValuesLookup lookup = ord -> this.values.lookupOrd(ord).utf8ToString();
    private SortedSetDocValues values;
    private Dictionary kept;
    private int at = -1;
    private long[] ords = new long[4];
    private int count;
    private List<String> current;
    private final Map<String, long[]> keyRanges = new HashMap<>();
    private String lastKey;
    private long[] lastRange;

    private StringsColumn(LeafReader reader, String field) {
      this.reader = reader;
      this.field = field;
    }

    /** The document's values, in order. */
    List<String> get(int doc) {
      try {
        position(doc);
        if (current == null) {
          String[] out = new String[count];
          for (int i = 0; i < count; i++) {
            out[i] = name(kept, ords[i], lookup);
          }
          current = List.of(out);
        }
        return current;
      } catch (IOException e) {
        throw LuceneStore.failure(store, "read a column", e);
      }
    }

    /**
     * For a column of {@code key=value} entries, the value of the document's first entry with the key, or
     * {@code null}. The entries of a key are a range of ordinals, found once per segment and key; a row is
     * then a few integer comparisons, with no list built.
     */
    String entryValue(int doc, String key) {
      try {
        position(doc);
        if (count == 0) {
          return null;
        }
        long ord = first(range(key));
        return ord < 0 ? null : entryValue(ord, key.length() + 1);
      } catch (IOException e) {
        throw LuceneStore.failure(store, "read a column", e);
      }
    }

    /**
     * The column's doc values, for a block reader that moves them forward itself: the column is then no
     * longer read by documents, only by ordinals ({@link #keyRange}, {@link #entryNumber}, {@link
     * #entryValueOf}).
     */
    SortedSetDocValues forBlocks() {
      try {
        if (values == null) {
          values = DocValues.getSortedSet(reader, field);
          kept = dictionary(reader, field, values.getValueCount());
        }
        at = Integer.MAX_VALUE; // a read by document now fails: it would move the iterator backwards
        return values;
      } catch (IOException e) {
        throw LuceneStore.failure(store, "read a column", e);
      }
    }

    /** For a column of {@code key=value} entries read by blocks, [first, end) ordinals of a key's entries. */
    long[] keyRange(String key) {
      try {
        return range(key);
      } catch (IOException e) {
        throw LuceneStore.failure(store, "read a column", e);
      }
    }

    /** The first of the current document's ordinals in [range[0], range[1]), or -1. */
    private long first(long[] range) {
      for (int i = 0; i < count; i++) {
        if (ords[i] >= range[0]) {
          return ords[i] < range[1] ? ords[i] : -1;
        }
      }
      return -1;
    }

    /**
     * The number of an entry's ordinal (read from {@link #forBlocks}): one number per distinct entry string
     * of the field, like {@link StringColumn#numberOf}. The entry's string is looked up once, not kept.
     */
    int entryNumber(long ord) {
      return number(kept, ord, field, lookup);
    }

    /** The value of an entry's ordinal read from {@link #forBlocks}, for a key. */
    String entryValueOf(long ord, String key) {
      try {
        return entryValue(ord, key.length() + 1);
      } catch (IOException e) {
        throw LuceneStore.failure(store, "read a column", e);
      }
    }

    /** The value part of an entry, kept by ordinal like the names, so a row costs no new string. */
    private String entryValue(long ord, int from) throws IOException {
      String[] kept = this.kept.entryValues();
      if (ord >= kept.length) {
        return lookup.lookup(ord).substring(from);
      }
      String v = kept[(int) ord];
      if (v == null) {
        v = lookup.lookup(ord).substring(from);
        kept[(int) ord] = v;
      }
      return v;
    }

    /** [first, end) ordinals of a key's entries: from "key=" up to "key>" ('>' follows '=') in byte order. */
    private long[] range(String key) throws IOException {
      if (key == lastKey) { // callers pass constants: identity is the common case
        return lastRange;
      }
      long[] r = keyRanges.get(key);
      if (r == null) {
        r = new long[] {insertionPoint(values.lookupTerm(new BytesRef(key + "="))),
            insertionPoint(values.lookupTerm(new BytesRef(key + ">")))};
        keyRanges.put(key, r);
      }
      lastKey = key;
      lastRange = r;
      return r;
    }

    private void position(int doc) throws IOException {
      if (doc == at) {
        return;
      }
      backwards(doc, at);
      if (values == null) {
        values = DocValues.getSortedSet(reader, field);
        kept = dictionary(reader, field, values.getValueCount());
      }
      at = doc;
      current = null;
      count = 0;
      if (values.advanceExact(doc)) {
        count = values.docValueCount();
        if (count > ords.length) {
          ords = new long[Math.max(count, 2 * ords.length)];
        }
        for (int i = 0; i < count; i++) {
          ords[i] = values.nextOrd(); // ascending, so values come in byte order
        }
      }
    }
  }

  /** Doc values move forward only: a read of an earlier document (or after a block read) is a bug. */
  private static void backwards(int doc, int at) {
    if (doc < at) {
      throw new IllegalStateException("a column is read forward only: document " + doc + " after " + at);
    }
  }

  private static long insertionPoint(long lookup) {
    return lookup >= 0 ? lookup : -lookup - 1;
  }
}
