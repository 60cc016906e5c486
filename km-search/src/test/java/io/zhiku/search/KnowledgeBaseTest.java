package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.spi.Popularity;
import io.zhiku.testkit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KnowledgeBaseTest {
  static final Principal ALICE = Principal.of("alice", List.of("sales"), List.of("account-manager"));
  static final Principal BOB = Principal.of("bob", List.of("rd"), List.of());

  static KnowledgeItem item(String id, String title, Acl acl) {
    return KnowledgeItem.builder(id, ItemKind.SOLUTION, title).body(title + " body").acl(acl).build();
  }

  static KnowledgeBase memory(TestClock clock) {
    return KnowledgeBase.builder().clock(clock).refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).build();
  }

  static Set<String> ids(SearchResult r) {
    Set<String> out = new TreeSet<>();
    r.hits().forEach(h -> out.add(h.item().id()));
    return out;
  }

  @Test
  void engine_discoveredByName_missingEngineNamesTheArtifact() {
    try (KnowledgeBase kb = KnowledgeBase.inMemory()) {
      assertTrue(kb.get("none").isEmpty());
    }
    ZhikuException e = assertThrows(ZhikuException.class, () -> KnowledgeBase.builder().engine("solr").build());
    assertTrue(e.getMessage().contains("\"solr\"") && e.getMessage().contains("found: [lucene]"), e.getMessage());
    ZhikuException lucene = assertThrows(ZhikuException.class,
        () -> KnowledgeBase.builder().engine("lucene").classLoader(new ClassLoader(null) {}).build());
    assertTrue(lucene.getMessage().contains("io.zhiku:km-search"), lucene.getMessage());
  }

  @Test
  void ranking_freshThenVerified_andPagesKeepTheFirstPagesTime() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = memory(clock)) {
      kb.put(item("old", "知识管理方案", Acl.PUBLIC));
      kb.put(item("old-verified", "知识管理方案", Acl.PUBLIC).toBuilder().verified("carol", clock.instant()).build());
      clock.advance(Duration.ofDays(365));
      kb.put(item("new", "知识管理方案", Acl.PUBLIC));
      kb.refresh();
      SearchResult r = kb.search(SearchRequest.builder(ALICE).text("知识管理").build());
      assertEquals(List.of("new", "old-verified", "old"), r.hits().stream().map(h -> h.item().id()).toList(),
          "same text: fresh ×1.2 beats verified ×1.1 on a year-old item, which beats the year-old item");
      assertEquals(List.of("new", "old-verified", "old"),
          kb.search(SearchRequest.builder(ALICE).build()).hits().stream().map(h -> h.item().id()).toList(),
          "browsing lists fresh and verified items first too");
      List<String> paged = new ArrayList<>();
      SearchRequest one = SearchRequest.builder(ALICE).text("知识管理").pageSize(1).build();
      for (SearchResult page = kb.search(one); ; page = kb.search(one.after(page.nextCursor()))) {
        page.hits().forEach(h -> paged.add(h.item().id()));
        clock.advance(Duration.ofDays(200)); // time passes between pages; the order must not change
        if (page.nextCursor() == null) {
          break;
        }
      }
      assertEquals(List.of("new", "old-verified", "old"), paged);
    }
  }

  @Test
  void ranking_recentlyUsedItemsRise_byABoundedFactor() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = memory(clock)) {
      kb.putAll(List.of(item("a", "知识管理方案", Acl.PUBLIC), item("b", "知识管理方案", Acl.PUBLIC),
          item("c", "知识管理方案", Acl.PUBLIC)));
      kb.refresh();
      SearchRequest q = SearchRequest.builder(ALICE).text("知识管理").build();
      assertEquals(List.of("a", "b", "c"), ranked(kb.search(q)), "no usage yet: equal scores, by id");
      for (int i = 0; i < 10; i++) {
        kb.record(UsageEvent.ofItem(UsageEventType.VIEW, clock.instant(), BOB, "c"));
      }
      for (int i = 0; i < 90; i++) {
        kb.record(UsageEvent.ofItem(UsageEventType.VIEW, clock.instant(), BOB, "b"));
      }
      assertEquals(List.of("a", "b", "c"), ranked(kb.search(q)), "searches see a popularity snapshot...");
      clock.advance(Duration.ofSeconds(Popularity.REFRESH_SECONDS));
      SearchResult r = kb.search(q);
      assertEquals(List.of("b", "c", "a"), ranked(r), "...taken again when it is 30 seconds old");
      double plain = r.hits().get(2).score();
      double decay = Math.pow(0.5, Popularity.REFRESH_SECONDS / (30 * 86_400.0)); // 30 s of a 30-day half-life
      assertEquals(1 + 0.3 * 90 * decay / (90 * decay + 10), r.hits().get(0).score() / plain, 1e-4, "90 uses: ×1.27");
      assertEquals(1 + 0.3 * 10 * decay / (10 * decay + 10), r.hits().get(1).score() / plain, 1e-4, "10 uses: ×1.15");
      clock.advance(Duration.ofDays(30)); // one half-life: 45 and 5 uses
      SearchResult later = kb.search(q);
      assertEquals(1 + 0.3 * 5 / 15.0, later.hits().get(1).score() / later.hits().get(2).score(), 1e-4);
    }
  }

  private static List<String> ranked(SearchResult r) {
    return r.hits().stream().map(h -> h.item().id()).toList();
  }

  @Test
  void hostileQuery_validationException() {
    try (KnowledgeBase kb = KnowledgeBase.inMemory()) {
      // The request refuses a text over its length when it is built; one over the engine's term budget searches.
      ValidationException e = assertThrows(ValidationException.class, () -> SearchRequest.builder(ALICE).text("知".repeat(1001)).build());
      assertEquals("SearchRequest.text", e.field());
      assertEquals(0, kb.search(SearchRequest.builder(ALICE).text("知".repeat(600)).build()).totalHits());
      assertNull(kb.search(SearchRequest.builder(ALICE).text("((((").build()).nextCursor());
      // Similar text is bounded like a work context's text, and refused before any analysis.
      e = assertThrows(ValidationException.class, () -> kb.similarToText(ALICE, "知识 ".repeat(1 << 20), 5));
      assertEquals("text", e.field());
      assertTrue(e.getMessage().contains("over the limit of 65536"), e.getMessage());
    }
  }
}
