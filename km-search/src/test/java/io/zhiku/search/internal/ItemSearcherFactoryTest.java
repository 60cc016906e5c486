package io.zhiku.search.internal;

import static io.zhiku.search.internal.AclFixtures.acl;
import static io.zhiku.search.internal.AclFixtures.ids;
import static io.zhiku.search.internal.AclFixtures.principal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.testkit.Seeded;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * The item searchers' cache of access filters: a principal's filter is cached from its second search, and
 * answers equal {@link io.zhiku.core.access.Acl#permits} by brute force before and after caching, after ACL
 * changes (grants and revocations), after a merge, and under a memory bound smaller than the principals'
 * filters need (evictions).
 */
@Seeded
class ItemSearcherFactoryTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  /** Enough for one segment to be cached. */
  private static final int ITEMS = 12_000;

  /** What one principal's set of the big segment costs the cache: a dense set, and Lucene's estimate of a query. */
  private static final int PER_PRINCIPAL = ITEMS / 8 + 1024;

  @Test
  void cachedFilters_equalAclPermits_acrossChangesAndMerges(Random r) throws IOException {
    List<Principal> principals = principals(r, 12);
    ItemSearcherFactory factory = new ItemSearcherFactory(4 * principals.size() * PER_PRINCIPAL);
    Map<String, KnowledgeItem> items = new LinkedHashMap<>();
    try (Directory dir = new ByteBuffersDirectory();
        LuceneSchema.Analyzers analyzers = LuceneSchema.Analyzers.create();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzers.perField()));
        SearcherManager searchers = new SearcherManager(w, factory)) {
      long seq = mergedCorpus(w, searchers, items, r);

      long hitsBefore = factory.hits();
      checkAll(searchers, principals, items);
      assertEquals(hitsBefore, factory.hits(), "a principal's first search is not served from the cache");
      assertEquals(0, factory.cachedSets(), "nor cached");
      checkAll(searchers, principals, items);
      assertTrue(factory.cachedSets() > 0, "a principal's second search caches its filter");
      long hitsAfterSecond = factory.hits();
      checkAll(searchers, principals, items);
      assertTrue(factory.hits() > hitsAfterSecond, "a third search reads the cache");

      // Grants and revocations: updates delete the cached segment's documents and add a small segment.
      List<String> ids = new ArrayList<>(items.keySet());
      for (int i = 0; i < 300; i++) {
        put(w, items, item(ids.get(r.nextInt(ids.size())), r), ++seq);
      }
      for (int i = 0; i < 50; i++) {
        String id = ids.get(r.nextInt(ids.size()));
        w.deleteDocuments(new Term(LuceneSchema.ID, id));
        items.remove(id);
      }
      searchers.maybeRefreshBlocking();
      long hitsAfterChanges = factory.hits();
      checkAll(searchers, principals, items);
      checkAll(searchers, principals, items);
      assertTrue(factory.hits() > hitsAfterChanges, "the unchanged segment's sets are reused across a refresh");

      assertEquals(principals.size(), factory.cachedSets(), "a set per principal of the big segment");
      w.forceMerge(1);
      searchers.maybeRefreshBlocking();
      assertEquals(0, factory.cachedSets(), "the merged-away segment's sets are dropped");
      for (int round = 0; round < 3; round++) {
        checkAll(searchers, principals, items);
      }
      assertEquals(principals.size(), factory.cachedSets(), "a set per principal of the merged segment");
    }
  }

  @Test
  void aFirstSearch_isNotCached_whenItsGroupsSumLikeAnothers(Random r) throws IOException {
    // Plain set hashes sum their members': {g5, g1} and {g4, g2} would give these two filters one hash, and
    // Lucene's caching policy counts uses by hash.
    Principal a = Principal.of("u3", List.of("g5", "g1"), List.of());
    Principal b = Principal.of("u3", List.of("g4", "g2"), List.of());
    ItemSearcherFactory factory = new ItemSearcherFactory(4 * PER_PRINCIPAL);
    Map<String, KnowledgeItem> items = new LinkedHashMap<>();
    try (Directory dir = new ByteBuffersDirectory();
        LuceneSchema.Analyzers analyzers = LuceneSchema.Analyzers.create();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzers.perField()));
        SearcherManager searchers = new SearcherManager(w, factory)) {
      mergedCorpus(w, searchers, items, r);
      IndexSearcher s = searchers.acquire();
      try {
        ids(s, common(a));
        ids(s, common(b));
        assertEquals(0, factory.cachedSets(), "b's first search is not a's second");
        ids(s, common(b));
        assertEquals(1, factory.cachedSets(), "b's second search caches its filter");
      } finally {
        searchers.release(s);
      }
    }
  }

  @Test
  void underATightBound_setsAreEvicted_answersStayExact(Random r) throws IOException {
    List<Principal> principals = principals(r, 12);
    ItemSearcherFactory factory = new ItemSearcherFactory(6 * PER_PRINCIPAL); // room for about six of twelve
    Map<String, KnowledgeItem> items = new LinkedHashMap<>();
    try (Directory dir = new ByteBuffersDirectory();
        LuceneSchema.Analyzers analyzers = LuceneSchema.Analyzers.create();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzers.perField()));
        SearcherManager searchers = new SearcherManager(w, factory)) {
      mergedCorpus(w, searchers, items, r);
      for (int round = 0; round < 4; round++) {
        checkAll(searchers, principals, items);
        assertTrue(factory.ramBytesUsed() <= factory.maxRamBytes(), "bounded: " + factory.ramBytesUsed());
      }
      assertTrue(factory.cachedSets() > 0 && factory.cachedSets() < principals.size(), "evicted: " + factory.cachedSets());
    }
  }

  /**
   * {@value #ITEMS} seeded items in one merged segment (big enough to be cached), seen by the searchers.
   *
   * @return the last item's sequence number
   */
  private static long mergedCorpus(IndexWriter w, SearcherManager searchers, Map<String, KnowledgeItem> items, Random r)
      throws IOException {
    for (int i = 0; i < ITEMS; i++) {
      put(w, items, item("i" + i, r), i + 1);
    }
    w.forceMerge(1);
    searchers.maybeRefreshBlocking();
    return ITEMS;
  }

  /** A search of most items (the tag most have) under a principal's filter. */
  private static Query common(Principal p) {
    return new BooleanQuery.Builder().add(new TermQuery(new Term(LuceneSchema.TAG, "common")), Occur.MUST)
        .add(LuceneSchema.accessFilter(p), Occur.FILTER).build();
  }

  private static List<Principal> principals(Random r, int n) {
    Set<Principal> distinct = new LinkedHashSet<>();
    while (distinct.size() < n) {
      distinct.add(principal(r));
    }
    return List.copyOf(distinct);
  }

  /** Each principal's readable ids, led by a rare tag (the filter beside a selective clause) and alone. */
  private static void checkAll(SearcherManager searchers, List<Principal> principals, Map<String, KnowledgeItem> items)
      throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      for (Principal p : principals) {
        Set<String> readable = new TreeSet<>();
        Set<String> readableRare = new TreeSet<>();
        for (KnowledgeItem item : items.values()) {
          if (item.acl().permits(p)) {
            readable.add(item.id());
            if (item.tags().contains("rare")) {
              readableRare.add(item.id());
            }
          }
        }
        Query rare = new BooleanQuery.Builder().add(new TermQuery(new Term(LuceneSchema.TAG, "rare")), Occur.MUST)
            .add(LuceneSchema.accessFilter(p), Occur.FILTER).build();
        assertEquals(readableRare, ids(s, rare), "led by a rare tag, " + p);
        assertEquals(readable, ids(s, LuceneSchema.accessFilter(p)), "the filter alone, " + p);
      }
    } finally {
      searchers.release(s);
    }
  }

  private static KnowledgeItem item(String id, Random r) {
    return KnowledgeItem.builder(id, ItemKind.SOLUTION, "an item").tags(r.nextInt(50) == 0 ? "rare" : "common")
        .acl(acl(r, 0)).build().toBuilder().stored(NOW, NOW, 1).build();
  }

  private static void put(IndexWriter w, Map<String, KnowledgeItem> items, KnowledgeItem item, long seq) throws IOException {
    w.updateDocument(new Term(LuceneSchema.ID, item.id()), LuceneSchema.document(new ItemChange.Put(seq, item)));
    items.put(item.id(), item);
  }
}
