package io.zhiku.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.item.ItemLimits;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.VersionConflictException;
import io.zhiku.core.search.SearchRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The item store's contract, for every engine: versions and timestamps from the clock, optimistic
 * concurrency (a conflict writes nothing), batches all or nothing with one sequence number per change,
 * deletes, real-time get before any refresh, search visibility after a refresh or within the refresh
 * interval, the commit policy, and a closed knowledge base that refuses further calls clearly.
 */
public abstract class ItemStoreKit extends EngineKit {
  @Test
  void put_assignsVersionsAndTimestampsFromTheClock() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = manual(clock)) {
      KnowledgeItem v1 = kb.put(item("a", "First", Acl.PUBLIC));
      assertEquals(1, v1.version());
      assertEquals(clock.instant(), v1.created());
      clock.advance(Duration.ofMinutes(5));
      KnowledgeItem v2 = kb.put(v1.toBuilder().title("Second").build());
      assertEquals(2, v2.version());
      assertEquals(v1.created(), v2.created(), "created is kept");
      assertEquals(clock.instant(), v2.updated());
      assertEquals(v2, kb.get("a").orElseThrow(), "get is real-time, before any refresh");
      assertEquals(2, kb.lastSequence());
    }
  }

  @Test
  void optimisticConcurrency_conflictWritesNothing() {
    try (KnowledgeBase kb = manual(new TestClock())) {
      kb.put(item("a", "One", Acl.PUBLIC), KnowledgeBase.MUST_NOT_EXIST);
      VersionConflictException e = assertThrows(VersionConflictException.class,
          () -> kb.put(item("a", "Again", Acl.PUBLIC), KnowledgeBase.MUST_NOT_EXIST));
      assertEquals(0, e.expected());
      assertEquals(1, e.actual());
      assertThrows(VersionConflictException.class, () -> kb.put(item("a", "Stale", Acl.PUBLIC), 7));
      assertEquals("One", kb.get("a").orElseThrow().title());
      kb.put(item("a", "Two", Acl.PUBLIC), 1);
      assertThrows(VersionConflictException.class, () -> kb.delete("a", 1));
      assertTrue(kb.delete("a", 2));
      assertFalse(kb.delete("a"));
      assertTrue(kb.get("a").isEmpty());
    }
  }

  @Test
  void putAll_isAllOrNothing() {
    try (KnowledgeBase kb = newKnowledgeBase().refreshInterval(Duration.ZERO)
        .itemLimits(ItemLimits.DEFAULTS.withMaxBodyBytes(100)).build()) {
      KnowledgeItem big = item("big", "Big", Acl.PUBLIC).toBuilder().body("x".repeat(101)).build();
      ValidationException e = assertThrows(ValidationException.class,
          () -> kb.putAll(List.of(item("ok1", "Fine", Acl.PUBLIC), big, item("ok2", "Fine", Acl.PUBLIC))));
      assertEquals("KnowledgeItem.body", e.field());
      assertTrue(kb.get("ok1").isEmpty() && kb.get("ok2").isEmpty(), "nothing of the batch was written");
      assertThrows(ValidationException.class, () -> kb.putAll(List.of(item("d", "1", Acl.PUBLIC), item("d", "2", Acl.PUBLIC))));
      assertThrows(ValidationException.class, () -> kb.putAll(null));
      assertThrows(ValidationException.class, () -> kb.putAll(java.util.Arrays.asList(item("e", "E", Acl.PUBLIC), null)));
      assertThrows(ValidationException.class, () -> kb.put(null));
      assertThrows(ValidationException.class, () -> kb.get("bad id"));
      assertThrows(ValidationException.class, () -> kb.search(null));
      assertEquals(0, kb.lastSequence());
      List<KnowledgeItem> stored = kb.putAll(List.of(item("x", "X", Acl.PUBLIC), item("y", "Y", Acl.PUBLIC)));
      assertEquals(List.of(1L, 1L), stored.stream().map(KnowledgeItem::version).toList());
      assertEquals(2, kb.lastSequence(), "one sequence number per change");
    }
  }

  @Test
  void putAll_ofAThousandItemsWithLongIds_storesEveryOne() {
    try (KnowledgeBase kb = manual(new TestClock())) {
      List<KnowledgeItem> batch = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        batch.add(item("a-rather-long-item-identifier-" + i, "Item " + i, Acl.PUBLIC));
      }
      assertEquals(1000, kb.putAll(batch).size());
      assertEquals(2, kb.putAll(batch).get(999).version(), "the second time, every version is read back and raised");
      kb.refresh();
      assertEquals(1000, kb.search(SearchRequest.builder(ALICE).build()).totalHits());
    }
  }

  @Test
  void search_seesChangesAfterRefresh_andWithinTheRefreshInterval() throws InterruptedException {
    try (KnowledgeBase kb = manual(new TestClock())) {
      kb.put(item("a", "统一身份认证方案", Acl.PUBLIC));
      SearchRequest q = SearchRequest.builder(ALICE).text("身份认证").build();
      assertEquals(0, kb.search(q).totalHits(), "not yet refreshed");
      kb.refresh();
      assertEquals(Set.of("a"), ids(kb.search(q)));
    }
    try (KnowledgeBase kb = newKnowledgeBase().refreshInterval(Duration.ofMillis(50)).build()) {
      kb.put(item("a", "Knowledge map", Acl.PUBLIC));
      SearchRequest q = SearchRequest.builder(ALICE).text("knowledge").build();
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (kb.search(q).totalHits() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(1, kb.search(q).totalHits(), "visible within the refresh interval");
    }
  }

  @Test
  void commitPolicy_afterChanges() {
    try (KnowledgeBase kb = newKnowledgeBase().commitPolicy(CommitPolicy.afterChanges(2)).build()) {
      kb.put(item("a", "A", Acl.PUBLIC));
      assertEquals(0, kb.committedSequence());
      kb.put(item("b", "B", Acl.PUBLIC));
      assertEquals(2, kb.committedSequence());
    }
  }

  @Test
  void close_isIdempotent_andLaterCallsFailClearly() {
    KnowledgeBase kb = newKnowledgeBase().build();
    kb.close();
    kb.close();
    ZhikuException e = assertThrows(ZhikuException.class, () -> kb.get("a"));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(ZhikuException.class, () -> kb.put(item("a", "A", Acl.PUBLIC)));
    assertThrows(ZhikuException.class, () -> kb.search(SearchRequest.builder(ALICE).build()));
  }
}
