package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseStats;
import io.zhiku.core.kb.OperationStats;
import io.zhiku.core.kb.VersionConflictException;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.testkit.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseStatsTest {
  private static final Principal ALICE = Principal.of("alice");

  private static KnowledgeItem item(String id) {
    return KnowledgeItem.builder(id, ItemKind.FAQ, "VPN certificate renewal " + id).acl(Acl.PUBLIC).build();
  }

  private static void assertCalls(OperationStats s, long count, long failures, String what) {
    assertEquals(count, s.count(), what + " calls");
    assertEquals(failures, s.failures(), what + " failures");
    assertTrue(s.total().compareTo(s.max()) >= 0 && s.max().compareTo(s.mean()) >= 0 && !s.mean().isNegative(), what + ": " + s);
    assertTrue(count == 0 ? s.total().isZero() : s.total().toNanos() > 0, what + ": " + s);
  }

  @Test
  void everyOperation_isCounted_withFailuresAndDurations(@TempDir Path dir) {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).clock(clock).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).build()) {
      KnowledgeBaseStats fresh = kb.stats();
      assertEquals(0, fresh.items());
      for (OperationStats s : List.of(fresh.puts(), fresh.deletes(), fresh.searches(), fresh.similar(), fresh.refreshes(), fresh.commits())) {
        assertEquals(OperationStats.NONE, s);
      }
      kb.putAll(List.of(item("a"), item("b")));
      KnowledgeItem c = kb.put(item("c"));
      assertThrows(VersionConflictException.class, () -> kb.put(item("c"), c.version() + 7));
      assertTrue(kb.delete("a"));
      kb.refresh();
      kb.search(SearchRequest.builder(ALICE).text("vpn").build());
      kb.searchUnrecorded(SearchRequest.builder(ALICE).text("certificate").build());
      kb.similarToText(ALICE, "renewal of the vpn certificate", 5);
      UsageEvent once = UsageEvent.builder(UsageEventType.VIEW, clock.instant(), ALICE).id("e1").item("b").build();
      kb.record(once);
      kb.record(once); // a retry: stored once
      kb.events().recordAll(List.of(UsageEvent.ofItem(UsageEventType.REUSE, clock.instant(), ALICE, "c"),
          UsageEvent.ofItem(UsageEventType.CLICK, clock.instant(), ALICE, "b")));
      long committed = kb.commit();

      KnowledgeBaseStats s = kb.stats();
      assertEquals(2, s.items());
      assertCalls(s.puts(), 3, 1, "puts");
      assertEquals(3, s.itemsWritten(), "a batch of two and one item; the refused put wrote nothing");
      assertEquals(1, s.versionConflicts());
      assertCalls(s.deletes(), 1, 0, "deletes");
      assertCalls(s.searches(), 2, 0, "searches, recorded or not");
      assertCalls(s.similar(), 1, 0, "similar");
      assertEquals(4, s.eventsRecorded(), "the recorded search, the view once, the batch of two");
      assertCalls(s.refreshes(), 1, 0, "refreshes");
      assertCalls(s.commits(), 1, 0, "commits");
      assertEquals(committed, s.committedSequence());
      assertEquals(kb.lastSequence(), s.lastSequence());
    }
  }

  @Test
  void aClosedKnowledgeBase_hasNoStats() {
    KnowledgeBase kb = KnowledgeBase.inMemory();
    kb.close();
    assertThrows(ZhikuException.class, kb::stats);
  }
}
