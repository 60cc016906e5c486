package io.zhiku.search.internal;

import io.zhiku.core.event.EventBlock;
import io.zhiku.core.event.EventColumns;
import io.zhiku.core.internal.ArrayEventBlock;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;

/**
 * The block scan of the event store: gathers a segment's matching documents a few thousand at a time,
 * then reads their doc values column by column (each column's iterator moves forward through the block
 * in one loop) and only for the types that ask for the column. One collector per scan, used on the
 * scanning thread.
 */
final class LuceneEventBlocks implements Collector {
  /** Documents per block: the block's columns stay in the core's cache. */
  static final int CAPACITY = 4096;

  private final Block block;
  private final Consumer<EventBlock> visitor;

  LuceneEventBlocks(Columns columns, EventColumns wanted, Consumer<EventBlock> visitor) {
    this.block = new Block(columns, wanted);
    this.visitor = visitor;
  }

  @Override
  public LeafCollector getLeafCollector(LeafReaderContext context) {
    block.open(context.reader());
    return new LeafCollector() {
      @Override
      public void setScorer(Scorable scorer) {}

      @Override
      public void collect(int doc) {
        if (block.add(doc)) {
          flush();
        }
      }

      @Override
      public void finish() {
        flush();
      }
    };
  }

  private void flush() {
    if (block.read()) {
      visitor.accept(block);
    }
  }

  @Override
  public ScoreMode scoreMode() {
    return ScoreMode.COMPLETE_NO_SCORES;
  }

  /** One segment's block: the documents, then their columns. */
  private static final class Block extends ArrayEventBlock {
    private final Columns columns;
    private final String[] typeNames;
    private final String[] keys;
    /** By type index plus one: whether the item, the value, the result count, each key is read. */
    private final boolean[] readsItem;
    private final boolean[] readsValue;
    private final boolean[] readsResults;
    private final boolean[][] readsKey;
    private final boolean readsAnyKey;
    /** By type index plus one: whether any key is read. */
    private final boolean[] readsKeyByType;
    private final int[] docs = new int[CAPACITY];
    /** Whether the documents gathered were read and handed to the visitor. */
    private boolean handedOver;
    private final int[] typeOrd = new int[CAPACITY];
    private final int[] userOrd = new int[CAPACITY];
    private final int[] itemOrd = new int[CAPACITY];
    private final long[][] entryOrd;
    private Columns.LongColumn timeColumn;
    private Columns.StringColumn typeColumn;
    private Columns.StringColumn userColumn;
    private Columns.StringColumn itemColumn;
    private Columns.LongColumn valueColumn;
    private Columns.LongColumn resultsColumn;
    private Columns.StringsColumn attributeColumn;
    /** For each key, the segment's events that have it; null for a segment without indexed keys. */
    private PostingsEnum[] keyDocs;
    /** The events of the block that may have a wanted key, ascending; and whether an event is listed. */
    private final int[] candidates = new int[CAPACITY];
    private final boolean[] marked = new boolean[CAPACITY];
    /** The segment's entries, and the same as single-valued doc values if each event has one at most. */
    private SortedSetDocValues entries;
    private SortedDocValues singleEntries;
    /** The segment's type ordinals to type indexes. */
    private int[] typeIndexByOrd;

    Block(Columns columns, EventColumns wanted) {
      super(wanted, CAPACITY);
      this.columns = columns;
      int types = wanted.types().size();
      typeNames = wanted.types().stream().map(t -> t.name()).toArray(String[]::new);
      keys = wanted.attributeKeys().toArray(String[]::new);
      readsItem = reads(EventColumns.Column.ITEM);
      readsValue = reads(EventColumns.Column.VALUE);
      readsResults = reads(EventColumns.Column.RESULT_COUNT);
      readsKey = new boolean[keys.length][types + 1];
      readsKeyByType = new boolean[types + 1];
      for (int k = 0; k < keys.length; k++) {
        for (int t = 0; t < types; t++) {
          readsKey[k][t + 1] = columns().readsAttribute(k, t);
          readsKeyByType[t + 1] |= readsKey[k][t + 1];
        }
      }
      readsAnyKey = readsAny(readsKeyByType);
      entryOrd = new long[keys.length][CAPACITY];
    }

    private boolean[] reads(EventColumns.Column column) {
      boolean[] out = new boolean[typeNames.length + 1];
      for (int t = 0; t < typeNames.length; t++) {
        out[t + 1] = columns().reads(column, t);
      }
      return out;
    }

    /** Starts a segment: its columns open on their first read. */
    void open(LeafReader reader) {
      timeColumn = columns.longs(reader, LuceneEventStore.TIME);
      typeColumn = columns.string(reader, LuceneEventStore.TYPE);
      userColumn = columns.string(reader, LuceneEventStore.USER);
      itemColumn = columns.string(reader, LuceneEventStore.ITEM);
      valueColumn = columns.longs(reader, LuceneEventStore.VALUE);
      resultsColumn = columns.longs(reader, LuceneEventStore.RESULTS);
      attributeColumn = columns.strings(reader, LuceneEventStore.CONTEXT_ATTRIBUTE);
      try {
        keyDocs = keyPostings(reader);
      } catch (IOException e) {
        throw LuceneStore.failure("event store", "read a segment's attribute keys", e);
      }
      typeIndexByOrd = null;
      entries = null;
      singleEntries = null;
      size = 0;
      handedOver = false;
    }

    /** Gathers a matching document; true when the block is full. */
    boolean add(int doc) {
      if (handedOver) { // the visitor is done with the last block
        size = 0;
        handedOver = false;
      }
      docs[size++] = doc;
      return size == CAPACITY;
    }

    /**
     * Reads the columns of the documents gathered since the last read.
     *
     * @return whether there were any (the block then holds them until the next {@link #add})
     */
    boolean read() {
      if (handedOver || size == 0) {
        return false;
      }
      handedOver = true;
      int n = size;
      try {
        readTimes(timeColumn.forBlocks(), docs, n, time);
        readTypes(typeColumn.forBlocks(), docs, n, typeOrd);
        if (typeIndexByOrd == null) {
          typeIndexByOrd = typeIndexes();
        }
        for (int i = 0; i < n; i++) {
          type[i] = typeOrd[i] < 0 ? -1 : typeIndexByOrd[typeOrd[i]];
        }
        readUsers(userColumn.forBlocks(), docs, n, userOrd);
        userColumn.numbers(userOrd, n, user);
        if (readsAny(readsItem)) {
          readItems(itemColumn.forBlocks(), docs, n, type, readsItem, itemOrd);
          itemColumn.numbers(itemOrd, n, item);
        } else {
          java.util.Arrays.fill(item, 0, n, -1);
          java.util.Arrays.fill(itemOrd, 0, n, -1);
        }
        if (readsAny(readsValue)) {
          readValues(valueColumn.forBlocks(), docs, n, type, readsValue, value);
        } else {
          java.util.Arrays.fill(value, 0, n, Double.NaN);
        }
        if (readsAny(readsResults)) {
          readResults(resultsColumn.forBlocks(), docs, n, type, readsResults, results);
        } else {
          java.util.Arrays.fill(results, 0, n, -1);
        }
        if (readsAnyKey) {
          readEntries(n);
        } else {
          for (int k = 0; k < keys.length; k++) { // keys asked for no type
            java.util.Arrays.fill(entryOrd[k], 0, n, -1);
            java.util.Arrays.fill(attributeNumber[k], 0, n, -1);
          }
        }
        return true;
      } catch (IOException e) {
        throw LuceneStore.failure("event store", "read a block of events", e);
      }
    }

    private static boolean readsAny(boolean[] byType) {
      for (boolean b : byType) {
        if (b) {
          return true;
        }
      }
      return false;
    }

    // One loop per column, each in a method of its own. A loop shared by several columns meets several
    // doc-values classes at its calls, which the JIT then neither inlines nor unrolls: reading time, type
    // and user for 10M events took five times as long that way (measured).

    private static void readTimes(NumericDocValues v, int[] docs, int n, long[] out) throws IOException {
      for (int i = 0; i < n; i++) {
        out[i] = v.advanceExact(docs[i]) ? v.longValue() : 0;
      }
    }

    private static void readTypes(SortedDocValues v, int[] docs, int n, int[] out) throws IOException {
      for (int i = 0; i < n; i++) {
        out[i] = v.advanceExact(docs[i]) ? v.ordValue() : -1;
      }
    }

    private static void readUsers(SortedDocValues v, int[] docs, int n, int[] out) throws IOException {
      for (int i = 0; i < n; i++) {
        out[i] = v.advanceExact(docs[i]) ? v.ordValue() : -1;
      }
    }

    /** Item ordinals of the events whose type reads the item, else -1. */
    private static void readItems(SortedDocValues v, int[] docs, int n, int[] type, boolean[] wanted, int[] out)
        throws IOException {
      for (int i = 0; i < n; i++) {
        out[i] = wanted[type[i] + 1] && v.advanceExact(docs[i]) ? v.ordValue() : -1;
      }
    }

    /** Values of the events whose type reads the value (stored as double bits), else NaN. */
    private static void readValues(NumericDocValues v, int[] docs, int n, int[] type, boolean[] wanted, double[] out)
        throws IOException {
      for (int i = 0; i < n; i++) {
        out[i] = wanted[type[i] + 1] && v.advanceExact(docs[i]) ? Double.longBitsToDouble(v.longValue()) : Double.NaN;
      }
    }

    /** Result counts of the events whose type reads them, else -1. */
    private static void readResults(NumericDocValues v, int[] docs, int n, int[] type, boolean[] wanted, long[] out)
        throws IOException {
      for (int i = 0; i < n; i++) {
        out[i] = wanted[type[i] + 1] && v.advanceExact(docs[i]) ? v.longValue() : -1;
      }
    }

    /**
     * For each key, the ordinal of each event's entry with the key (keys' entries are ranges of ordinals,
     * "key=" up to "key>"), and its number. Most segments hold one entry per event at most: Lucene then
     * stores the column as single-valued, which reads faster.
     */
    private void readEntries(int n) throws IOException {
      if (entries == null) { // unwrapped before the first read: a used iterator cannot be
        entries = attributeColumn.forBlocks();
        singleEntries = DocValues.unwrapSingleton(entries);
      }
      SortedSetDocValues all = entries;
      SortedDocValues single = singleEntries;
      long[][] ranges = new long[keys.length][];
      for (int k = 0; k < keys.length; k++) {
        ranges[k] = attributeColumn.keyRange(keys[k]);
        java.util.Arrays.fill(entryOrd[k], 0, n, -1);
        java.util.Arrays.fill(attributeNumber[k], 0, n, -1);
      }
      int m = keyDocs != null ? candidatesWithKeys(n) : candidatesWithEntries(n);
      for (int c = 0; c < m; c++) { // ascending: the doc values move forward
        int i = candidates[c];
        int t = type[i] + 1;
        if (single != null) {
          if (single.advanceExact(docs[i])) {
            file(i, t, single.ordValue(), ranges);
          }
        } else if (all.advanceExact(docs[i])) {
          for (int v = all.docValueCount(); v > 0; v--) {
            file(i, t, all.nextOrd(), ranges);
          }
        }
        for (int k = 0; k < keys.length; k++) {
          if (entryOrd[k][i] >= 0) {
            attributeNumber[k][i] = attributeColumn.entryNumber(entryOrd[k][i]);
          }
        }
      }
    }

    /**
     * Lists, ascending, the events of the block that have a wanted key, by walking each key's postings
     * through the block's documents: the few events with a case are found without reading the
     * attributes of the many without.
     *
     * @return how many {@link #candidates}
     */
    private int candidatesWithKeys(int n) throws IOException {
      int m = 0;
      int keysFound = 0;
      boolean contiguous = docs[n - 1] - docs[0] == n - 1; // every document of a range: a document's index is known
      int last = docs[n - 1];
      for (int k = 0; k < keys.length; k++) {
        PostingsEnum p = keyDocs[k];
        if (p == null) {
          continue;
        }
        int before = m;
        int doc = p.docID() < docs[0] ? p.advance(docs[0]) : p.docID();
        for (int i = 0; doc <= last; doc = p.nextDoc()) {
          if (contiguous) {
            i = doc - docs[0];
          } else {
            while (docs[i] < doc) {
              i++;
            }
            if (docs[i] != doc) {
              continue;
            }
          }
          if (readsKey[k][type[i] + 1] && !marked[i]) {
            marked[i] = true;
            candidates[m++] = i;
          }
        }
        keysFound += m > before ? 1 : 0;
      }
      if (keysFound > 1) { // listed key by key: list again in the block's order (a scan of flags beats a sort)
        m = 0;
        for (int i = 0; i < n; i++) {
          if (marked[i]) {
            marked[i] = false;
            candidates[m++] = i;
          }
        }
      } else {
        for (int c = 0; c < m; c++) {
          marked[candidates[c]] = false;
        }
      }
      return m;
    }

    /**
     * Lists the events of the block whose type reads a key: a segment written before keys were indexed.
     *
     * @return how many {@link #candidates}
     */
    private int candidatesWithEntries(int n) {
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (readsKeyByType[type[i] + 1]) {
          candidates[m++] = i;
        }
      }
      return m;
    }

    /** Files an entry of event i under the key whose range holds it, if the event's type reads that key. */
    private void file(int i, int typePlusOne, long ord, long[][] ranges) {
      for (int k = 0; k < ranges.length; k++) {
        if (ord >= ranges[k][0] && ord < ranges[k][1]) {
          if (readsKey[k][typePlusOne] && entryOrd[k][i] < 0) {
            entryOrd[k][i] = ord;
          }
          return;
        }
      }
    }

    /**
     * For each key, the segment's events that have it (null: none), from the indexed keys; or null if the
     * segment was written before keys were indexed (it has attributes but no keys).
     */
    private PostingsEnum[] keyPostings(LeafReader reader) throws IOException {
      FieldInfos fields = reader.getFieldInfos();
      if (fields.fieldInfo(LuceneEventStore.CONTEXT_KEY) == null
          && fields.fieldInfo(LuceneEventStore.CONTEXT_ATTRIBUTE) != null) {
        return null;
      }
      PostingsEnum[] out = new PostingsEnum[keys.length];
      Terms terms = reader.terms(LuceneEventStore.CONTEXT_KEY);
      if (terms == null) {
        return out;
      }
      TermsEnum te = terms.iterator();
      for (int k = 0; k < keys.length; k++) {
        if (readsAny(readsKey[k]) && te.seekExact(new BytesRef(keys[k]))) {
          out[k] = te.postings(null, PostingsEnum.NONE);
        }
      }
      return out;
    }

    /** By the segment's type ordinal, the type's index in the wanted types, or -1. */
    private int[] typeIndexes() {
      int[] out = new int[Math.max(0, typeColumn.valueCount())];
      java.util.Arrays.fill(out, -1);
      for (int t = 0; t < typeNames.length; t++) {
        int ord = typeColumn.ordinalOf(typeNames[t]);
        if (ord >= 0) {
          out[ord] = t;
        }
      }
      return out;
    }

    @Override
    public String userId(int i) {
      return userColumn.nameOf(userOrd[check(i)]);
    }

    @Override
    public String itemId(int i) {
      int ord = itemOrd[check(i)];
      return ord < 0 ? null : itemColumn.nameOf(ord);
    }

    @Override
    public String attribute(int key, int i) {
      long ord = entryOrd[key][check(i)];
      return ord < 0 ? null : attributeColumn.entryValueOf(ord, keys[key]);
    }

  }

}
