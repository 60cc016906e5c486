package io.zhiku.search.internal;

import static io.zhiku.search.internal.AclFixtures.acl;
import static io.zhiku.search.internal.AclFixtures.ids;
import static io.zhiku.search.internal.AclFixtures.principal;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.testkit.Seeded;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The access filter equals {@link Acl#permits} by brute force, in both of its forms: the document-by-document
 * check alone ({@link AccessCheckQuery}), and {@link LuceneSchema#accessFilter} led by a rare term (so that
 * Lucene picks the check) and alone (so that it reads postings). Seeded ACLs over several segments, with
 * deletions and segments where the principal's values are absent.
 */
@Seeded
class AccessCheckQueryTest {
  @RepeatedTest(10)
  void everyForm_equalsAclPermits(Random r) throws IOException {
    List<KnowledgeItem> items = new ArrayList<>();
    Set<String> deleted = new TreeSet<>();
    try (Directory dir = new ByteBuffersDirectory();
        LuceneSchema.Analyzers analyzers = LuceneSchema.Analyzers.create()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzers.perField()).setMergePolicy(NoMergePolicy.INSTANCE))) {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        for (int segment = 0; segment < 4; segment++) {
          for (int i = 0; i < 100 + r.nextInt(400); i++) {
            KnowledgeItem item = KnowledgeItem.builder("s" + segment + "-" + i, ItemKind.SOLUTION, "an item")
                .tags(r.nextInt(20) == 0 ? "rare" : "common").acl(acl(r, segment)).build().toBuilder().stored(now, now, 1).build();
            items.add(item);
            w.addDocument(LuceneSchema.document(new ItemChange.Put(items.size(), item)));
          }
          w.commit(); // a segment each
        }
        for (int i = 0; i < 30; i++) {
          String id = items.get(r.nextInt(items.size())).id();
          deleted.add(id);
          w.deleteDocuments(new Term(LuceneSchema.ID, id));
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher s = new IndexSearcher(reader);
        s.setQueryCache(null);
        for (int p = 0; p < 20; p++) {
          Principal principal = principal(r);
          Set<String> readable = new TreeSet<>();
          Set<String> readableRare = new TreeSet<>();
          for (KnowledgeItem item : items) {
            if (item.acl().permits(principal) && !deleted.contains(item.id())) {
              readable.add(item.id());
              if (item.tags().contains("rare")) {
                readableRare.add(item.id());
              }
            }
          }
          assertEquals(readable, ids(s, new AccessCheckQuery(principal)), "the check alone, " + principal);
          assertEquals(readable, ids(s, LuceneSchema.accessFilter(principal)), "the filter alone, " + principal);
          Query rare = new BooleanQuery.Builder().add(new TermQuery(new Term(LuceneSchema.TAG, "rare")), Occur.MUST)
              .add(LuceneSchema.accessFilter(principal), Occur.FILTER).build();
          assertEquals(readableRare, ids(s, rare), "led by a rare word, " + principal);
        }
      }
    }
  }
}
