package io.zhiku.search.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Counts facet keys over the documents a query matches: each document adds 1 to every key that any of
 * its concepts rolls up to, once per document however many of its concepts reach the key. The
 * roll-up map (concept id → keys) comes from the knowledge base, so this class knows nothing of the
 * taxonomy. Concept ids are read from sorted-set doc values; per segment each ordinal is resolved once.
 */
final class FacetCollectorManager implements CollectorManager<FacetCollectorManager.Counter, Map<String, Long>> {
  private final String field;
  private final List<String> keys;
  private final Map<String, int[]> rollup; // concept id -> key indexes

  FacetCollectorManager(String field, Map<String, Set<String>> conceptToKeys) {
    this.field = field;
    Map<String, Integer> index = new HashMap<>();
    this.rollup = new HashMap<>();
    conceptToKeys.forEach((concept, targets) -> rollup.put(concept,
        targets.stream().mapToInt(k -> index.computeIfAbsent(k, x -> index.size())).toArray()));
    String[] byIndex = new String[index.size()];
    index.forEach((k, i) -> byIndex[i] = k);
    this.keys = List.of(byIndex);
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  @Override
  public Counter newCollector() {
    return new Counter();
  }

  @Override
  public Map<String, Long> reduce(Collection<Counter> collectors) {
    long[] total = new long[keys.size()];
    for (Counter c : collectors) {
      for (int i = 0; i < total.length; i++) {
        total[i] += c.counts[i];
      }
    }
    Map<String, Long> out = new HashMap<>();
    for (int i = 0; i < total.length; i++) {
      if (total[i] > 0) {
        out.put(keys.get(i), total[i]);
      }
    }
    return out;
  }

  /** Counts within one search thread. */
  final class Counter extends SimpleCollector {
    final long[] counts = new long[keys.size()];
    /** For each key, the last (segment base + doc) that counted it: dedupes within a document. */
    private final int[] lastDoc = new int[keys.size()];
    private SortedSetDocValues values;
    private int[][] ordinalKeys;
    private int base;

    Counter() {
      java.util.Arrays.fill(lastDoc, -1);
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      values = DocValues.getSortedSet(context.reader(), field);
      base = context.docBase;
      long n = values.getValueCount();
      ordinalKeys = new int[(int) n][];
      for (int ord = 0; ord < n; ord++) {
        ordinalKeys[ord] = rollup.get(values.lookupOrd(ord).utf8ToString());
      }
    }

    @Override
    public void collect(int doc) throws IOException {
      if (!values.advanceExact(doc)) {
        return;
      }
      int global = base + doc;
      for (int i = 0; i < values.docValueCount(); i++) {
        int[] targets = ordinalKeys[(int) values.nextOrd()];
        if (targets != null) {
          for (int k : targets) {
            if (lastDoc[k] != global) {
              lastDoc[k] = global;
              counts[k]++;
            }
          }
        }
      }
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
