package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.zhiku.search.internal.LuceneIndexProvider;
import io.zhiku.testkit.Seeded;
import io.zhiku.testkit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The embedded engine skips what cannot reach a page once a search has counted its threshold of matches
 * (block-max WAND under the ranking factor's bound), and the skipping never changes a page. A fixed corpus
 * of 20,000 items large enough for whole blocks to be skipped: word frequencies skewed (so BM25 varies),
 * ages over years, a quarter verified, some items used, a fifth unreadable; seeded two-word queries. The
 * search kit checks the same contract on every engine with a corpus too small to skip.
 */
@Seeded
class TotalHitsTest {
  private static final Principal READER = Principal.of("reader", List.of("g1"), List.of());
  private static final String[] WORDS = ("network campus wireless access point outage router firmware upgrade billing invoice "
      + "contract renewal customer satisfaction survey proposal template education hospital bank insurance retail "
      + "logistics warehouse cloud migration storage backup security audit password policy training onboarding").split(" ");
  private static final TestClock CLOCK = new TestClock();
  private static KnowledgeBase kb;

  @BeforeAll
  static void open() {
    Random r = new Random(20261204L);
    kb = KnowledgeBase.builder().engine(new LuceneIndexProvider()).clock(CLOCK).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).build();
    for (int batch = 0; batch < 20; batch++) {
      List<KnowledgeItem> items = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        StringBuilder body = new StringBuilder();
        for (int k = 5 + r.nextInt(55); k > 0; k--) {
          body.append(skewed(r)).append(' ');
        }
        KnowledgeItem.Builder b = KnowledgeItem.builder("i" + batch + "-" + i, ItemKind.SOLUTION, skewed(r) + " " + skewed(r))
            .body(body.toString().strip()).acl(r.nextInt(5) == 0 ? Acl.NOBODY : Acl.groups("g1"));
        if (r.nextInt(4) == 0) {
          b.verified("reviewer", CLOCK.instant());
        }
        items.add(b.build());
      }
      kb.putAll(items);
      for (int u = 0; u < 100; u++) {
        kb.record(UsageEvent.ofItem(UsageEventType.REUSE, CLOCK.instant(), READER, items.get(r.nextInt(items.size())).id()));
      }
      CLOCK.advance(Duration.ofDays(1 + r.nextInt(60)));
    }
    kb.refresh();
    CLOCK.advance(Duration.ofSeconds(Popularity.REFRESH_SECONDS + 1)); // the first search takes a usage snapshot
  }

  /** A word, the first of the list far more often than the last (about 1/rank). */
  private static String skewed(Random r) {
    return WORDS[(int) Math.floor(Math.pow(WORDS.length + 1, r.nextDouble())) - 1];
  }

  @AfterAll
  static void close() {
    kb.close();
  }

  /**
   * Ten seeded queries: the first three pages at thresholds 10 and the default equal the exact search's,
   * hit for hit and score for score; a total past the threshold is "at least", and for common words smaller
   * than the exact count (matches were skipped, not only counted).
   *
   * @param r the seeded randomness
   */
  @RepeatedTest(3)
  void pagesEqualTheExactSearch_andMatchesAreSkipped(Random r) {
    int skipped = 0;
    for (int q = 0; q < 10; q++) {
      String text = skewed(r) + " " + skewed(r);
      List<SearchResult> exact = pages(SearchRequest.builder(READER).text(text).exactTotal().build());
      long count = exact.get(0).totalHits();
      assertTrue(exact.get(0).totalHitsExact(), text);
      for (int threshold : new int[] {10, SearchRequest.DEFAULT_TOTAL_HITS_THRESHOLD}) {
        List<SearchResult> pruned = pages(SearchRequest.builder(READER).text(text).totalHitsThreshold(threshold).build());
        for (int p = 0; p < exact.size(); p++) {
          assertEquals(scored(exact.get(p)), scored(pruned.get(p)), "page " + p + " of '" + text + "', threshold " + threshold);
          SearchResult page = pruned.get(p);
          if (count <= threshold) {
            assertTrue(page.totalHitsExact(), "within the threshold the count is exact: '" + text + "'");
          }
          if (page.totalHitsExact()) {
            assertEquals(count, page.totalHits(), "'" + text + "'");
          } else {
            assertTrue(page.totalHits() > threshold && page.totalHits() <= count, page.totalHits() + " of " + count);
            if (page.totalHits() < count) {
              skipped++;
            }
          }
        }
      }
    }
    assertTrue(skipped > 0, "some search skipped matches");
  }

  /** The first three pages of ten. */
  private static List<SearchResult> pages(SearchRequest request) {
    List<SearchResult> out = new ArrayList<>();
    SearchResult page = kb.search(request);
    out.add(page);
    while (out.size() < 3 && page.nextCursor() != null) {
      page = kb.search(request.after(page.nextCursor()));
      out.add(page);
    }
    assertFalse(out.get(0).hits().isEmpty(), "every query of the corpus's words matches: " + request.text());
    return out;
  }

  private static List<String> scored(SearchResult page) {
    return page.hits().stream().map(h -> h.item().id() + "@" + h.score()).toList();
  }
}
