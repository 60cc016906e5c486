package io.zhiku.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.VersionConflictException;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.testkit.TestClock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KnowledgeBaseMetricsTest {
  private static final Principal ALICE = Principal.of("alice");

  private static KnowledgeItem item(String id) {
    return KnowledgeItem.builder(id, ItemKind.FAQ, "VPN renewal " + id).acl(Acl.PUBLIC).build();
  }

  /** Lets the meters' snapshot of the stats expire, so that the next read sees the latest counters. */
  private static void nextScrape() throws InterruptedException {
    Thread.sleep(KnowledgeBaseMetrics.MAX_AGE_MILLIS + 20);
  }

  @Test
  void metersMove_withTheKnowledgeBase_andKeepTheirValuesAfterClose() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TestClock clock = new TestClock();
    KnowledgeBase kb = KnowledgeBase.builder().clock(clock).refreshInterval(java.time.Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).build();
    new KnowledgeBaseMetrics(kb, Tags.of("kb", "sales")).bindTo(registry);
    FunctionTimer searches = registry.get("zhiku.operations").tags("kb", "sales", "operation", "search").functionTimer();
    assertEquals(0, searches.count());

    kb.putAll(List.of(item("a"), item("b")));
    KnowledgeItem c = kb.put(item("c"));
    assertThrows(VersionConflictException.class, () -> kb.put(item("c"), c.version() + 1));
    kb.refresh();
    kb.search(SearchRequest.builder(ALICE).text("vpn").build());
    kb.searchUnrecorded(SearchRequest.builder(ALICE).text("renewal").build());
    kb.record(UsageEvent.ofItem(UsageEventType.VIEW, clock.instant(), ALICE, "a"));
    nextScrape();

    assertEquals(2, searches.count());
    assertTrue(searches.totalTime(TimeUnit.NANOSECONDS) > 0);
    FunctionTimer puts = registry.get("zhiku.operations").tag("operation", "put").functionTimer();
    assertEquals(3, puts.count(), "a batch is one call");
    assertEquals(1, registry.get("zhiku.operations.failures").tag("operation", "put").functionCounter().count());
    assertEquals(0, registry.get("zhiku.operations.failures").tag("operation", "search").functionCounter().count());
    assertTrue(registry.get("zhiku.operations.max").tag("operation", "search").timeGauge().value(TimeUnit.NANOSECONDS) > 0);
    assertEquals(3, registry.get("zhiku.items").gauge().value());
    assertEquals(3, registry.get("zhiku.items.written").functionCounter().count());
    assertEquals(1, registry.get("zhiku.version.conflicts").functionCounter().count());
    assertEquals(2, registry.get("zhiku.events.recorded").functionCounter().count(), "the recorded search and the view");
    assertTrue(registry.get("zhiku.uncommitted").gauge().value() > 0, "nothing committed yet");

    kb.commit();
    nextScrape();
    assertEquals(0, registry.get("zhiku.uncommitted").gauge().value());
    assertEquals(1, registry.get("zhiku.operations").tag("operation", "commit").functionTimer().count());

    kb.close();
    nextScrape();
    assertEquals(2, searches.count(), "a closed knowledge base's counters keep their last values");
    assertEquals(3, registry.get("zhiku.items").gauge().value());
    assertEquals(6 * 3 + 5, registry.getMeters().size(), "six operations with three meters each, five more");
  }

  @Test
  void missingParts_areNamed() {
    assertTrue(assertThrows(ValidationException.class, () -> new KnowledgeBaseMetrics(null, Tags.empty())).getMessage().contains("kb"));
    try (KnowledgeBase kb = KnowledgeBase.inMemory()) {
      assertTrue(assertThrows(ValidationException.class, () -> new KnowledgeBaseMetrics(kb, null)).getMessage().contains("tags"));
    }
  }
}
