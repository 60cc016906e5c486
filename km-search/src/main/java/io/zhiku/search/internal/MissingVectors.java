package io.zhiku.search.internal;

import static io.zhiku.search.internal.LuceneSchema.EMBEDDER;
import static io.zhiku.search.internal.LuceneSchema.LIVE;
import static io.zhiku.search.internal.LuceneSchema.SEQ;
import static io.zhiku.search.internal.LuceneSchema.YES;

import io.zhiku.core.kb.ItemChange;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * The live items of the item index without a vector of the configured embedder (written without one, or by
 * another): counted when the index opens, read by the background {@link Reembedding}. Each segment's set
 * comes from two postings lists (the live items, the embedder's) and its deletions; its items are read in
 * document order, one decompression per stored block. Thread-safe: each call acquires a searcher of its own
 * for its whole run.
 */
final class MissingVectors {
  private final SearcherManager searchers;
  private final String store;
  private final String embedder;

  /**
   * Reads the index through its searchers.
   *
   * @param searchers the item index's searchers
   * @param store the store's name, for the sequence-number column
   * @param embedder the configured embedder's name
   */
  MissingVectors(SearcherManager searchers, String store, String embedder) {
    this.searchers = searchers;
    this.store = store;
    this.embedder = embedder;
  }

  /** How many live items lack a vector. */
  long count() throws IOException {
    long[] n = {0};
    forEachLeaf(reader -> n[0] += missing(reader).cardinality());
    return n[0];
  }

  /** Hands each live item lacking a vector to the visitor, with the sequence number it was written at. */
  void forEach(Consumer<ItemChange.Put> visitor) throws IOException {
    Columns columns = Columns.oneOff(store);
    forEachLeaf(reader -> {
      Columns.LongColumn seq = columns.longs(reader, SEQ);
      StoredFields stored = LuceneKnowledgeIndex.inDocOrder(reader);
      DocIdSetIterator docs = new BitSetIterator(missing(reader), 0);
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        visitor.accept(new ItemChange.Put(seq.get(doc, 0), LuceneKnowledgeIndex.load(stored, doc)));
      }
    });
  }

  /** A segment of the current searcher. */
  private interface LeafAction {
    void accept(LeafReader reader) throws IOException;
  }

  /**
   * Calls the action with each segment of a searcher acquired for the whole call. What the action throws
   * (the background run's stop among it) reaches the caller as thrown.
   */
  private void forEachLeaf(LeafAction action) throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        action.accept(leaf.reader());
      }
    } finally {
      searchers.release(s);
    }
  }

  /** The live documents of a segment without a vector of the embedder. */
  private FixedBitSet missing(LeafReader reader) throws IOException {
    FixedBitSet missing = new FixedBitSet(reader.maxDoc());
    LuceneKnowledgeIndex.forEachDoc(reader, LIVE, YES, missing::set); // tombstones lack the live term
    LuceneKnowledgeIndex.forEachDoc(reader, EMBEDDER, embedder, missing::clear);
    Bits live = reader.getLiveDocs();
    if (live != null) {
      for (int doc = 0; doc < missing.length(); doc++) {
        if (!live.get(doc)) {
          missing.clear(doc);
        }
      }
    }
    return missing;
  }
}
