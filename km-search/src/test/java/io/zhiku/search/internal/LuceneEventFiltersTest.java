package io.zhiku.search.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.testkit.Seeded;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The event store's filters against a naive filter of the same events. The store is shaped so that both
 * ways of each filter run: one item holds half the events and one type most of them (their doc values are
 * checked on the documents of a rare user), while rare items, users and short windows lead with postings.
 */
@Seeded
class LuceneEventFiltersTest {
  private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
  private static final UsageEventType[] TYPES = {UsageEventType.VIEW, UsageEventType.CLICK, UsageEventType.REUSE,
      UsageEventType.PUSH_SHOWN};

  @RepeatedTest(5)
  void filtersOnTypeUserItemAndTime_matchWhatANaiveFilterKeeps(Random r) throws IOException {
    List<UsageEvent> events = new ArrayList<>();
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(null))) {
      for (int segment = 0; segment < 3; segment++) {
        for (int i = 0; i < 4000; i++) {
          UsageEventType type = r.nextInt(10) < 7 ? TYPES[0] : TYPES[1 + r.nextInt(TYPES.length - 1)];
          String user = "u" + (r.nextInt(20) == 0 ? r.nextInt(3) : 3 + r.nextInt(40)); // u0-u2 are rare
          String item = r.nextBoolean() ? "popular" : "i" + r.nextInt(2000);
          UsageEvent e = UsageEvent.ofItem(type, T0.plusSeconds(r.nextInt(1_000_000)), Principal.of(user), item);
          events.add(e);
          w.addDocument(LuceneEventStore.document(e, events.size()));
        }
        w.commit(); // a segment each
      }
    }
    try (LuceneEventStore store = new LuceneEventStore(dir)) {
      for (int q = 0; q < 40; q++) {
        EventQuery.Builder b = EventQuery.builder();
        Set<String> users = new HashSet<>();
        if (r.nextInt(4) != 0) {
          users.add("u" + r.nextInt(r.nextBoolean() ? 3 : 43));
          b.users(users.toArray(String[]::new));
        }
        Set<String> items = new HashSet<>();
        if (r.nextInt(4) != 0) {
          if (r.nextBoolean()) {
            items.add("popular");
          }
          for (int k = r.nextInt(40); k > 0; k--) {
            items.add("i" + r.nextInt(2000));
          }
          if (!items.isEmpty()) {
            b.items(items);
          }
        }
        Set<String> types = new HashSet<>();
        if (r.nextBoolean()) {
          for (int k = 1 + r.nextInt(TYPES.length); k > 0; k--) {
            UsageEventType t = TYPES[r.nextInt(TYPES.length)];
            types.add(t.name());
            b.types(t);
          }
        }
        Instant from = null;
        Instant before = null;
        if (r.nextBoolean()) {
          int start = r.nextInt(1_000_000);
          from = r.nextBoolean() ? T0.plusSeconds(start) : null;
          before = r.nextBoolean() ? T0.plusSeconds(start + 1 + r.nextInt(1_000_000 - start)) : null;
          b.window(from, before);
        }
        TreeSet<Long> expected = new TreeSet<>();
        for (int i = 0; i < events.size(); i++) {
          UsageEvent e = events.get(i);
          if ((users.isEmpty() || users.contains(e.principal().userId())) && (items.isEmpty() || items.contains(e.itemId()))
              && (types.isEmpty() || types.contains(e.type().name())) && (from == null || !e.time().isBefore(from))
              && (before == null || e.time().isBefore(before))) {
            expected.add(i + 1L);
          }
        }
        TreeSet<Long> actual = new TreeSet<>();
        EventQuery query = b.build();
        store.scan(query, row -> actual.add(row.sequence()));
        assertEquals(expected, actual, query.toString());
      }
    }
  }
}
