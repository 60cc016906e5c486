package io.zhiku.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.ItemChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The change feed's reconciliation: a change that became searchable only after the feed's window had
 * moved past it (simulated by moving the follower's high-water mark) is found by the next reconciliation,
 * handed on once, puts and deletes alike, never an instance's own write; polls start a cycle every {@value
 * SolrKnowledgeIndex#RECONCILE_EVERY_POLLS} polls and read one page of ids per poll.
 */
class SolrChangeFeedTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @RegisterExtension
  static final InProcessSolr SOLR = new InProcessSolr(1);

  @Test
  void aChangeLaterThanTheWindow_isHandedOnOnceByReconciliation_notAnOwnWrite() {
    String collection = SOLR.collection("feed-once", 2, 1);
    try (SolrKnowledgeIndex writer = open(collection); SolrKnowledgeIndex follower = open(collection)) {
      follower.forEachSummary(s -> {}); // opened on an empty collection
      writer.apply(List.of(new ItemChange.Put(1, item("a", 1))));
      writer.refresh();
      follower.skipFeedTo(Long.MAX_VALUE / 2); // as if "a" became searchable after the window moved past it
      assertEquals(List.of(), follower.poll(), "the window is past it");
      List<ItemChange> missed = follower.reconcile();
      assertEquals(1, missed.size());
      assertEquals(item("a", 1), assertInstanceOf(ItemChange.Put.class, missed.get(0)).item());
      assertEquals(List.of(), follower.reconcile(), "handed on once");
      writer.apply(List.of(new ItemChange.Delete(2, "a", 1)));
      writer.refresh();
      assertEquals(List.of(), follower.poll());
      ItemChange.Delete delete = assertInstanceOf(ItemChange.Delete.class, follower.reconcile().get(0));
      assertEquals("a", delete.id());
      follower.apply(List.of(new ItemChange.Put(3, item("b", 1))));
      follower.refresh();
      assertEquals(List.of(), follower.reconcile(), "an instance's own write is never handed back to it");
      assertEquals(List.of(), writer.reconcile().stream().filter(c -> c.id().equals("a")).toList(),
          "nor its own delete; the writer does hear b");
    }
  }

  @Test
  void pollsStartACycleEveryNthPoll_andReadOnePageOfIdsPerPoll() {
    String collection = SOLR.collection("feed-paged", 2, 1);
    int n = SolrKnowledgeIndex.RECONCILE_PAGE * 2 + 500;
    try (SolrKnowledgeIndex writer = open(collection); SolrKnowledgeIndex follower = open(collection)) {
      follower.forEachSummary(s -> {});
      for (int from = 0; from < n; from += 500) {
        List<ItemChange> batch = new ArrayList<>();
        for (int i = from; i < from + 500; i++) {
          batch.add(new ItemChange.Put(i + 1, item("k" + i, 1)));
        }
        writer.apply(batch);
      }
      writer.refresh();
      follower.skipFeedTo(Long.MAX_VALUE / 2);
      Set<String> heard = new HashSet<>();
      List<Integer> perPoll = new ArrayList<>();
      for (int poll = 1; poll <= SolrKnowledgeIndex.RECONCILE_EVERY_POLLS + 3; poll++) {
        List<ItemChange> changes = follower.poll();
        changes.forEach(c -> assertTrue(heard.add(c.id()), "handed on twice: " + c.id()));
        if (!changes.isEmpty()) {
          perPoll.add(changes.size());
          assertTrue(poll >= SolrKnowledgeIndex.RECONCILE_EVERY_POLLS, "no cycle before the " + SolrKnowledgeIndex.RECONCILE_EVERY_POLLS + "th poll");
        }
      }
      assertEquals(n, heard.size(), "every missed change, once");
      assertEquals(List.of(SolrKnowledgeIndex.RECONCILE_PAGE, SolrKnowledgeIndex.RECONCILE_PAGE, 500), perPoll, "a page per poll");
    }
  }

  private static SolrKnowledgeIndex open(String collection) {
    return new SolrKnowledgeIndex(SOLR.cluster().getSolrClient(), collection, Duration.ofSeconds(10));
  }

  private static KnowledgeItem item(String id, long version) {
    return KnowledgeItem.builder(id, ItemKind.FAQ, "Item " + id).acl(Acl.PUBLIC).build().toBuilder()
        .stored(T0, T0, version).build();
  }
}
