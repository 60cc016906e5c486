package io.zhiku.search.internal;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LRUQueryCache;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryCachingPolicy;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.UsageTrackingQueryCachingPolicy;

/**
 * Makes the item index's searchers, which share one query cache of their own that keeps the access filter
 * ({@link LuceneSchema#accessFilter}) of each principal who searches again, per segment, as a set of
 * document numbers.
 *
 * <p>Why: the access filter is the one filter on every search, and the costliest: the postings of the
 * principal's user, groups and roles and of the public items, about half of all documents. Lucene's default
 * cache never keeps it beside a selective query (it skips filters costing ten times the query's lead, since
 * caching reads the whole segment once) and Lucene then checks each candidate's ACL. This cache keeps it
 * from the principal's second search among the last 256 filters used: one pass over the segment, after
 * which each search of the principal only tests bits. Other filters are cached as Lucene's default policy
 * decides, but whatever their cost beside the search's words.
 *
 * <p>Cached sets stay correct across writes: an entry belongs to one segment's immutable core (an update
 * deletes the old document, and the search skips deleted documents), and entries of merged-away segments
 * are dropped when Lucene closes them. The cache is bounded: at most {@link #maxRamBytes()} bytes (a dense
 * set costs one bit per document of its segment, 125 KB per principal at a million items) and {@value
 * #MAX_QUERIES} queries, the least recently used evicted first; segments under {@value #MIN_SEGMENT_DOCS}
 * documents or under 3% of the index are never cached (filtering them costs little). With more principals
 * searching at once than the cache holds, a principal's search after eviction pays the pass again.
 *
 * <p>Thread-safe: searchers and the cache may be used from any thread.
 */
public final class ItemSearcherFactory extends SearcherFactory {
  /** Segments with fewer documents than this are never cached. */
  public static final int MIN_SEGMENT_DOCS = 10_000;
  /** The most queries the cache keeps. */
  public static final int MAX_QUERIES = 1_000;

  private final LRUQueryCache cache;
  private final long maxRamBytes;
  private final QueryCachingPolicy policy = new AccessFirstPolicy();

  /**
   * A factory whose cache holds at most {@code maxRamBytes}.
   *
   * @param maxRamBytes the cache's memory bound in bytes, at least 1
   * @throws IllegalArgumentException if {@code maxRamBytes} is under 1
   */
  public ItemSearcherFactory(long maxRamBytes) {
    if (maxRamBytes < 1) {
      throw new IllegalArgumentException("maxRamBytes must be at least 1, got " + maxRamBytes);
    }
    this.maxRamBytes = maxRamBytes;
    // Cache what the policy asks for, whatever it costs beside the search's words: a Float.MAX_VALUE skip factor.
    this.cache = new LRUQueryCache(MAX_QUERIES, maxRamBytes, ItemSearcherFactory::worthCaching, Float.MAX_VALUE);
  }

  /**
   * A factory with Lucene's default memory bound: 32 MB or a twentieth of the maximum heap, whichever is
   * less.
   *
   * @return the factory
   */
  public static ItemSearcherFactory withDefaultBound() {
    return new ItemSearcherFactory(Math.min(32L << 20, Runtime.getRuntime().maxMemory() / 20));
  }

  @Override
  public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
    IndexSearcher s = new IndexSearcher(reader);
    s.setQueryCache(cache);
    s.setQueryCachingPolicy(policy);
    return s;
  }

  /**
   * The memory bound of the cache.
   *
   * @return bytes
   */
  public long maxRamBytes() {
    return maxRamBytes;
  }

  /**
   * How many times a cached set was used so far.
   *
   * @return the count
   */
  public long hits() {
    return cache.getHitCount();
  }

  /**
   * How many sets the cache holds now.
   *
   * @return the count
   */
  public long cachedSets() {
    return cache.getCacheSize();
  }

  /**
   * The memory the cache holds now.
   *
   * @return bytes
   */
  public long ramBytesUsed() {
    return cache.ramBytesUsed();
  }

  private static boolean worthCaching(LeafReaderContext leaf) {
    int docs = leaf.reader().maxDoc();
    return docs >= MIN_SEGMENT_DOCS && docs * 100L >= ReaderUtil.getTopLevelContext(leaf).reader().maxDoc() * 3L;
  }

  /**
   * Caches a principal's access filter at its second use among the last {@value #HISTORY} filters used, and
   * other filters as Lucene's default policy does. Not at the first use: a principal who searches once would
   * pay the pass over the segment for nothing, and more principals in turn than the cache holds would each
   * pay it on every search. Thread-safe (Lucene's policy synchronises).
   */
  private static final class AccessFirstPolicy extends UsageTrackingQueryCachingPolicy {
    private static final int HISTORY = 256;

    AccessFirstPolicy() {
      super(HISTORY);
    }

    @Override
    protected int minFrequencyToCache(Query query) {
      return isAccessFilter(query) ? 2 : super.minFrequencyToCache(query);
    }

    private static boolean isAccessFilter(Query query) {
      return query instanceof IndexOrDocValuesQuery q && q.getIndexQuery() instanceof AccessPostingsQuery;
    }
  }
}
