package io.zhiku.search.internal;

import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.testkit.BlockAgreement;
import io.zhiku.testkit.Seeded;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Block scans of a store holding segments written before context keys were indexed: those read the
 * attributes of every event whose type asks for a key, the newer ones only of events with the key; both
 * read what rows read.
 */
@Seeded
class LuceneEventBlocksTest {
  private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

  @RepeatedTest(5)
  void segmentsWithoutIndexedKeys_readTheSameAsRows(Random r) throws IOException {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(null))) {
      long sequence = 0;
      for (int segment = 0; segment < 3; segment++) {
        boolean legacy = segment != 1;
        List<UsageEvent> events = BlockAgreement.randomEvents(r, segment == 0 ? 5000 : 300, T0.plusSeconds(10_000L * segment),
            BlockAgreement.TYPES, BlockAgreement.KEYS);
        for (UsageEvent e : events) {
          Document d = LuceneEventStore.document(e, ++sequence);
          if (legacy) {
            d.removeFields(LuceneEventStore.CONTEXT_KEY);
          }
          w.addDocument(d);
        }
        w.commit(); // a segment each
      }
    }
    try (LuceneEventStore store = new LuceneEventStore(dir)) {
      for (int q = 0; q < 6; q++) {
        EventQuery query = EventQuery.builder().window(T0.plusSeconds(r.nextInt(4000)), null).build();
        BlockAgreement.assertBlocksEqualRows(store::scan, store::scanBlocks, query,
            BlockAgreement.randomColumns(r, BlockAgreement.TYPES, BlockAgreement.KEYS));
      }
    }
  }
}
