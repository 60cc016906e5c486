package io.zhiku.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.search.SearchHit;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.spi.Popularity;
import io.zhiku.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Popularity re-ranks on Solr exactly as on the embedded engine: 250 items (most of them with the same
 * text, so that popularity decides their order), usage on a random tenth, and every page of a walk in
 * popularity order equal, id for id, to the embedded engine's; a page reads Solr's hits over several
 * requests when the scores are too close to stop early.
 */
class SolrPopularityTest {
  private static final Principal READER = Principal.of("reader", List.of(), List.of());

  @RegisterExtension
  static final InProcessSolr SOLR = new InProcessSolr(1);

  private static List<String> walk(KnowledgeBase kb, String text, int pageSize) {
    List<String> out = new ArrayList<>();
    SearchRequest request = SearchRequest.builder(READER).text(text).pageSize(pageSize).build();
    float last = Float.MAX_VALUE;
    for (SearchResult page = kb.search(request); ; page = kb.search(request.after(page.nextCursor()))) {
      for (SearchHit h : page.hits()) {
        assertTrue(h.score() <= last, "scores never increase");
        last = h.score();
        out.add(h.item().id());
      }
      if (page.nextCursor() == null) {
        return out;
      }
    }
  }

  private static void fill(KnowledgeBase kb, TestClock clock) {
    Random random = new Random(20261204);
    List<KnowledgeItem> items = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      String title = i < 200 ? "Proposal template" : "Proposal template with notes " + "proposal ".repeat(i % 3);
      items.add(KnowledgeItem.builder(String.format("i%03d", i), ItemKind.TEMPLATE, title).acl(Acl.PUBLIC).build());
    }
    kb.putAll(items);
    for (int i = 0; i < 25; i++) {
      String used = String.format("i%03d", random.nextInt(250));
      for (int u = 1 + random.nextInt(30); u > 0; u--) {
        kb.record(UsageEvent.ofItem(UsageEventType.REUSE, clock.instant(), Principal.of("u" + u, List.of(), List.of()), used));
      }
    }
    kb.refresh();
  }

  @Test
  void everyPageInPopularityOrder_equalsTheEmbeddedEngines() {
    String items = SOLR.collection("popular-items", 2, 1);
    String events = SOLR.collection("popular-events", 2, 1);
    TestClock clock = new TestClock(Instant.parse("2026-12-01T00:00:00Z"));
    try (KnowledgeBase onSolr = settings(KnowledgeBase.builder()
            .engine(new ItemsOnSolr(SOLR.cluster().getSolrClient(), items, events)), clock).build();
        KnowledgeBase embedded = settings(KnowledgeBase.builder(), clock).build()) {
      fill(onSolr, clock);
      fill(embedded, clock);
      clock.advance(Duration.ofSeconds(Popularity.REFRESH_SECONDS + 1)); // both take a snapshot of the uses
      for (int pageSize : new int[] {7, 50}) {
        List<String> want = walk(embedded, "proposal template", pageSize);
        assertEquals(250, want.size());
        assertEquals(want, walk(onSolr, "proposal template", pageSize), "pages of " + pageSize);
      }
    }
  }

  private static KnowledgeBaseBuilder settings(KnowledgeBaseBuilder b, TestClock clock) {
    return b.clock(clock).refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).recordSearches(false);
  }
}
