package io.zhiku.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the Solr event store adds to the event-store kit (run in {@code SolrEngineKitsTest}): many stores on
 * one collection number their events uniquely and bring each other's into their scans through polls, each
 * once; and an id another store took between the look-up and the write is left out with the batch's numbers
 * closed up.
 */
class SolrEventStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final Principal ALICE = Principal.of("alice", List.of("sales"), List.of());

  @RegisterExtension
  static final InProcessSolr SOLR = new InProcessSolr(1);

  private static UsageEvent view(String id, String item) {
    return new UsageEvent(id, UsageEventType.VIEW, T0, ALICE, item, null, null, null, null);
  }

  private static SolrEventStore open(String collection) {
    return new SolrEventStore(SOLR.cluster().getSolrClient(), collection, Duration.ofSeconds(2));
  }

  /** Each row's sequence number by item id. */
  private static Map<String, Long> sequences(SolrEventStore store) {
    Map<String, Long> out = new TreeMap<>();
    store.scan(EventQuery.ALL, row -> out.put(row.itemId(), row.sequence()));
    return out;
  }

  /** Polls until the store has brought in this many events of others (at most 30 s: the window is 2 s). */
  private static List<UsageEvent> follow(SolrEventStore store, int expected) throws InterruptedException {
    List<UsageEvent> brought = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (brought.size() < expected && System.nanoTime() < deadline) {
      Thread.sleep(200);
      brought.addAll(store.poll());
    }
    return brought;
  }

  @Test
  void storesOnOneCollection_numberEventsUniquely_andBringInEachOthersOnce() throws InterruptedException {
    String collection = SOLR.collection("events-shared", 2, 1);
    try (SolrEventStore a = open(collection); SolrEventStore b = open(collection)) {
      assertNotEquals(a.writer(), b.writer(), "each store takes its own writer number");
      assertEquals(0, a.lastSequence(), "a store's numbers are its own: none yet");
      a.append(List.of(view(null, "a1"), view(null, "a2")));
      b.append(List.of(view(null, "b1")));
      a.append(List.of(view(null, "a3")));
      a.refresh();
      b.refresh();
      assertEquals(Set.of("b1"), sequences(b).keySet(), "b's own events at once, a's once its feed brings them in");
      List<UsageEvent> brought = follow(b, 3);
      assertEquals(List.of("a1", "a2", "a3"), brought.stream().map(UsageEvent::itemId).sorted().toList(),
          "each of a's events once, none of b's own");
      Thread.sleep(2500);
      assertEquals(List.of(), b.poll(), "nothing twice");
      Map<String, Long> seen = sequences(b);
      assertEquals(Set.of("a1", "a2", "a3", "b1"), seen.keySet(), "b scans what it brought in");
      assertEquals(4, new HashSet<>(seen.values()).size(), "numbers are unique in the collection");
      assertEquals(List.of(seen.get("a1") + 1, seen.get("a1") + 2), List.of(seen.get("a2"), seen.get("a3")),
          "one store's numbers follow each other");
      assertEquals(seen.get("a3"), a.lastSequence());
      assertEquals(seen.get("b1"), b.lastSequence());
      assertTrue(seen.values().stream().allMatch(s -> s > 0));
      assertEquals(3, b.count(EventQuery.builder().users("alice").items("a1", "a2", "a3").build()));
      assertEquals(List.of("b1"), follow(a, 1).stream().map(UsageEvent::itemId).toList());
      assertEquals(seen, sequences(a));
    }
    try (SolrEventStore reopened = open(collection)) {
      assertEquals(0, reopened.lastSequence(), "a reopened store counts its own appends again");
      assertEquals(4, reopened.count(EventQuery.ALL), "a store opens with every event acknowledged before");
      reopened.append(List.of(view(null, "c1")));
      reopened.refresh();
      assertEquals(5, new HashSet<>(sequences(reopened).values()).size(), "under a writer number of its own");
    }
  }

  @Test
  void anIdStoredByAnotherStoreMeanwhile_isLeftOut_andTheBatchNumbersStayConsecutive() {
    String collection = SOLR.collection("events-race", 2, 1);
    try (SolrEventStore a = open(collection); SolrEventStore b = open(collection)) {
      a.append(List.of(view("taken", "first")));
      List<UsageEvent> batch = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        batch.add(view("e" + i, "b" + i));
      }
      batch.add(2, view("taken", "second"));
      // Without the look-up, as if a took the id between b's look-up and b's write.
      List<UsageEvent> stored = b.append(batch, false);
      assertEquals(6, stored.size());
      assertTrue(stored.stream().noneMatch(e -> e.id().equals("taken")));
      a.refresh();
      b.refresh();
      Map<String, Long> seen = sequences(b);
      assertEquals("first", itemOf(a, "taken"), "the first store's event stands");
      long first = b.lastSequence() - 5;
      for (int i = 0; i < 6; i++) {
        assertEquals(first + i, seen.get("b" + i), "b" + i + " numbered as the listeners heard it");
      }
      assertEquals(6, b.count(EventQuery.ALL), "b's own, until its feed brings a's in");
    }
  }

  private static String itemOf(SolrEventStore store, String eventId) {
    List<String> items = new ArrayList<>();
    store.scan(EventQuery.ALL, row -> {
      if (row.toEvent().id() != null && row.toEvent().id().equals(eventId)) {
        items.add(row.itemId());
      }
    });
    return String.join(",", items);
  }
}
