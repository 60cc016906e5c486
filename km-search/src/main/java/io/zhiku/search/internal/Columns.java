package io.zhiku.search.internal;

import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;

/**
 * Reads doc-values columns of segments document by document, turning each ordinal into a Java string
 * once.
 *
 * <p>A store that scans often keeps a {@linkplain #shared shared} instance: each segment's strings by
 * ordinal are then filled as scans read them, kept until the segment closes (merged away), and equal
 * strings of different segments are one object. Looking an ordinal up in the dictionary decompresses a
 * block of it, which costs more than the rest of reading a row; a person's history reads a thousand
 * rows of a thousand different items. A {@linkplain #oneOff one-off} instance keeps nothing.
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
  private final Map<IndexReader.CacheKey, Map<String, String[]>> bySegment = new ConcurrentHashMap<>();
  private final Interner<String> strings = Interners.newWeakInterner();

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

  /** The strings by ordinal of a segment's field: shared by scans if kept; too many to keep, none. */
  private String[] names(LeafReader reader, String field, long valueCount) {
    if (valueCount > MAX_KEPT) {
      return new String[0];
    }
    IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
    if (!keep || helper == null) {
      return new String[(int) valueCount];
    }
    Map<String, String[]> fields = bySegment.computeIfAbsent(helper.getKey(), key -> {
      helper.addClosedListener(bySegment::remove);
      return new ConcurrentHashMap<>();
    });
    return fields.computeIfAbsent(field, f -> new String[(int) valueCount]);
  }

  /**
   * The string of an ordinal, from the array or else the dictionary. Races on the array are benign:
   * strings are immutable, and two threads store equal ones.
   */
  private String name(String[] names, long ord, SortedDocValuesLookup dictionary) throws IOException {
    if (ord >= names.length) {
      return dictionary.lookup(ord);
    }
    String s = names[(int) ord];
    if (s == null) {
      s = strings.intern(dictionary.lookup(ord));
      names[(int) ord] = s;
    }
    return s;
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

    private LongColumn(LeafReader reader, String field) {
      this.reader = reader;
      this.field = field;
    }

    boolean has(int doc) {
      if (doc != at) {
        try {
          if (values == null) {
            values = DocValues.getNumeric(reader, field);
          }
          present = values.advanceExact(doc);
        } catch (IOException e) {
          throw GuardedSearchers.failure(store, "read a column", e);
        }
        at = doc;
      }
      return present;
    }

    long get(int doc, long missing) {
      if (!has(doc)) {
        return missing;
      }
      try {
        return values.longValue();
      } catch (IOException e) {
        throw GuardedSearchers.failure(store, "read a column", e);
      }
    }
  }

  /** A single-valued string column; remembers the last document it was positioned on. */
  final class StringColumn {
    private final LeafReader reader;
    private final String field;
    private final SortedDocValuesLookup dictionary = ord -> this.values.lookupOrd((int) ord).utf8ToString();
    private SortedDocValues values;
    private String[] names;
    private int at = -1;
    private String current;

    private StringColumn(LeafReader reader, String field) {
      this.reader = reader;
      this.field = field;
    }

    String get(int doc) {
      if (doc == at) {
        return current;
      }
      try {
        if (values == null) {
          values = DocValues.getSorted(reader, field);
          names = names(reader, field, values.getValueCount());
        }
        at = doc;
        current = values.advanceExact(doc) ? name(names, values.ordValue(), dictionary) : null;
        return current;
      } catch (IOException e) {
        throw GuardedSearchers.failure(store, "read a column", e);
      }
    }
  }

  /** A multi-valued string column; remembers the last document it was positioned on. */
  final class StringsColumn {
    private final LeafReader reader;
    private final String field;
    private final SortedDocValuesLookup dictionary = ord -> this.values.lookupOrd(ord).utf8ToString();
    private SortedSetDocValues values;
    private String[] names;
    private int at = -1;
    private List<String> current = List.of();

    private StringsColumn(LeafReader reader, String field) {
      this.reader = reader;
      this.field = field;
    }

    List<String> get(int doc) {
      if (doc == at) {
        return current;
      }
      try {
        if (values == null) {
          values = DocValues.getSortedSet(reader, field);
          names = names(reader, field, values.getValueCount());
        }
        at = doc;
        if (!values.advanceExact(doc)) {
          return current = List.of();
        }
        int n = values.docValueCount();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(name(names, values.nextOrd(), dictionary));
        }
        return current = List.copyOf(out);
      } catch (IOException e) {
        throw GuardedSearchers.failure(store, "read a column", e);
      }
    }
  }
}
