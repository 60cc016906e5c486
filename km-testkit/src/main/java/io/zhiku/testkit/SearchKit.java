package io.zhiku.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.FacetCount;
import io.zhiku.core.search.SearchHit;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.search.Suggestion;
import io.zhiku.core.spi.Popularity;
import io.zhiku.core.spi.Ranking;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Search features, for every engine: only readable items are returned and counted; filters on concepts
 * (with their descendants), kinds, statuses, authors, tags, attributes and update times; facets rolled up
 * the taxonomy, counting an item once per concept; highlights in the author's own text, HTML-escaped;
 * suggestions of titles and concepts, only from readable items; synonyms from the taxonomy's labels; the
 * ranking's verified and freshness factors; cursors that visit every hit once with a stable total; and totals
 * exact up to the request's threshold, "at least" past it, with pages the threshold never changes.
 */
public abstract class SearchKit extends EngineKit {
  @Test
  void search_onlyReadableItems_countedAndReturned() {
    try (KnowledgeBase kb = manual(new TestClock())) {
      kb.putAll(List.of(
          item("pub", "Proposal template", Acl.PUBLIC),
          item("sales", "Proposal pricing", Acl.groups("sales")),
          item("rd", "Proposal architecture", Acl.groups("rd")),
          item("mgr", "Proposal review", Acl.roles("account-manager")),
          item("bob", "Proposal notes", Acl.users("bob")),
          item("none", "Proposal secret", Acl.NOBODY)));
      kb.refresh();
      SearchResult alice = kb.search(SearchRequest.builder(ALICE).text("proposal").build());
      assertEquals(Set.of("pub", "sales", "mgr"), ids(alice));
      assertEquals(3, alice.totalHits());
      assertEquals(Set.of("pub", "rd", "bob"), ids(kb.search(SearchRequest.builder(BOB).text("proposal").build())));
      assertEquals(0, kb.search(SearchRequest.builder(BOB).text("secret").build()).totalHits());
      assertTrue(kb.search(SearchRequest.builder(BOB).text("acl_all:1 acl_group:sales").build()).zeroResult(),
          "field syntax is just text");
    }
  }

  @Test
  void filters_conceptsWithDescendants_kindStatusAuthorTagAttributeUpdated() {
    TestClock clock = new TestClock();
    Taxonomy taxonomy = Taxonomy.builder().scheme(ConceptScheme.of("ind", "en", "Industry"))
        .concept(Concept.builder("public", "ind").build())
        .concept(Concept.builder("education", "ind").broader("public").build())
        .concept(Concept.builder("finance", "ind").build())
        .build();
    try (KnowledgeBase kb = newKnowledgeBase().clock(clock).refreshInterval(Duration.ZERO).taxonomy(taxonomy).build()) {
      kb.put(item("edu", "Campus", Acl.PUBLIC).toBuilder().concepts("education").tags("campus").authors("alice")
          .attribute("industry", "education").build());
      clock.advance(Duration.ofDays(1));
      kb.put(item("fin", "Bank", Acl.PUBLIC).toBuilder().concepts("finance").kind(ItemKind.CASE)
          .status(ItemStatus.DRAFT).authors("bob").build());
      kb.refresh();
      assertEquals(Set.of("edu"), ids(kb.search(SearchRequest.builder(ALICE).concepts("public").build())), "descendants");
      assertEquals(Set.of("fin"), ids(kb.search(SearchRequest.builder(ALICE).kinds(ItemKind.CASE).build())));
      assertEquals(Set.of("fin"), ids(kb.search(SearchRequest.builder(ALICE).statuses(ItemStatus.DRAFT).build())));
      assertEquals(Set.of("edu"), ids(kb.search(SearchRequest.builder(ALICE).authors("alice").build())));
      assertEquals(Set.of("edu"), ids(kb.search(SearchRequest.builder(ALICE).tags("campus").build())));
      assertEquals(Set.of("edu"), ids(kb.search(SearchRequest.builder(ALICE).attribute("industry", "education").build())));
      Instant start = Instant.parse("2026-11-01T00:00:00Z");
      assertEquals(Set.of("edu"), ids(kb.search(SearchRequest.builder(ALICE).updated(start, start.plusSeconds(60)).build())));
      assertEquals(Set.of("fin"), ids(kb.search(SearchRequest.builder(ALICE).updated(start.plusSeconds(60), null).build())));
      assertEquals(Set.of(), ids(kb.search(SearchRequest.builder(ALICE).concepts("public", "finance").build())), "AND across concepts");
      assertEquals(Set.of("edu", "fin"), ids(kb.search(SearchRequest.builder(ALICE).build())), "empty text browses");
    }
  }

  @Test
  void facets_rolledUpOncePerParent_onlyReadableItems() {
    Taxonomy taxonomy = Taxonomy.builder().scheme(ConceptScheme.of("ind", "en", "Industry"))
        .scheme(ConceptScheme.of("stage", "en", "Stage"))
        .concept(Concept.builder("public", "ind").build())
        .concept(Concept.builder("education", "ind").broader("public").build())
        .concept(Concept.builder("health", "ind").broader("public").build())
        .concept(Concept.builder("campus", "ind").broader("education", "health").build())
        .concept(Concept.builder("proposal", "stage").build())
        .build();
    try (KnowledgeBase kb = newKnowledgeBase().refreshInterval(Duration.ZERO).taxonomy(taxonomy).build()) {
      kb.putAll(List.of(
          item("a", "One", Acl.PUBLIC).toBuilder().concepts("campus", "education", "proposal").build(),
          item("b", "Two", Acl.PUBLIC).toBuilder().concepts("health").build(),
          item("c", "Three", Acl.NOBODY).toBuilder().concepts("education").build(),
          item("d", "Four", Acl.PUBLIC).toBuilder().concepts("not-in-taxonomy").build()));
      kb.refresh();
      SearchResult r = kb.search(SearchRequest.builder(ALICE).facets("ind", "stage").build());
      assertEquals(List.of(
          new FacetCount("health", 2),
          new FacetCount("public", 2),
          new FacetCount("campus", 1),
          new FacetCount("education", 1)), r.facets().get("ind"),
          "a counts once at public and at education although two of its concepts lead there; c is unreadable");
      assertEquals(List.of(new FacetCount("proposal", 1)), r.facets().get("stage"));
      assertEquals(List.of(new FacetCount("health", 1), new FacetCount("public", 1)),
          kb.search(SearchRequest.builder(ALICE).text("two").facets("ind").build()).facets().get("ind"), "facets follow the query");
      ValidationException e = assertThrows(ValidationException.class,
          () -> kb.search(SearchRequest.builder(ALICE).facets("nope").build()));
      assertEquals("SearchRequest.facets", e.field());
    }
  }

  @Test
  void highlights_markMatchesInOriginalText_escapeHtml() {
    try (KnowledgeBase kb = manual(new TestClock())) {
      kb.putAll(List.of(
          KnowledgeItem.builder("a", ItemKind.SOLUTION, "统一身份认证方案").body("为高校提供<script>alert(1)</script>身份认证与单点登录 & SSO.")
              .acl(Acl.PUBLIC).build(),
          KnowledgeItem.builder("b", ItemKind.LESSON, "知識管理與組織學習").body("Knowledge sharing across teams.")
              .acl(Acl.PUBLIC).build()));
      kb.refresh();
      SearchHit a = kb.search(SearchRequest.builder(ALICE).text("身份认证").build()).hits().get(0);
      assertEquals("统一<em>身份认证</em>方案", a.title());
      assertTrue(a.snippet().contains("&lt;script&gt;alert(1)&lt;/script&gt;<em>身份认证</em>"), a.snippet());
      assertFalse(a.snippet().contains("<script>"), a.snippet());
      SearchHit b = kb.search(SearchRequest.builder(ALICE).text("知识管理 sharing").build()).hits().get(0);
      assertEquals("<em>知識管理</em>與組織學習", b.title(), "marks the author's traditional characters");
      assertEquals("Knowledge <em>sharing</em> across teams.", b.snippet());
      SearchHit browse = kb.search(SearchRequest.builder(ALICE).concepts().text("").build()).hits().stream()
          .filter(h -> h.item().id().equals("b")).findFirst().orElseThrow();
      assertEquals("知識管理與組織學習", browse.title());
      assertEquals("Knowledge sharing across teams.", browse.snippet(), "no query: the beginning of the body");
    }
  }

  @Test
  void suggest_titlesAndConcepts_onlyWhatThePrincipalMayRead() {
    Taxonomy taxonomy = Taxonomy.builder().scheme(ConceptScheme.of("ind", "en", "Industry"))
        .concept(Concept.builder("education", "ind").prefLabel("zh", "教育").prefLabel("en", "Education").build())
        .concept(Concept.builder("campus", "ind").broader("education").prefLabel("zh", "智慧校园")
            .altLabel("en", "Smart campus").hiddenLabel("zh", "智能校园").build())
        .concept(Concept.builder("defence", "ind").prefLabel("zh", "国防").prefLabel("en", "Defence").build())
        .build();
    try (KnowledgeBase kb = newKnowledgeBase().refreshInterval(Duration.ZERO).taxonomy(taxonomy).build()) {
      kb.putAll(List.of(
          item("a", "统一身份认证方案", Acl.PUBLIC).toBuilder().concepts("campus").build(),
          item("b", "Knowledge sharing in sales teams", Acl.PUBLIC),
          item("c", "身份证件管理规定", Acl.groups("hr")),
          item("d", "Defence procurement rules", Acl.NOBODY).toBuilder().concepts("defence").build()));
      kb.refresh();
      assertEquals(List.of("统一身份认证方案"), texts(kb.suggest(SuggestRequest.of(ALICE, "统一身"))));
      assertEquals(List.of("统一身份认证方案"), texts(kb.suggest(SuggestRequest.of(ALICE, "統一身"))), "traditional typed");
      assertEquals(List.of("统一身份认证方案"), texts(kb.suggest(SuggestRequest.of(ALICE, "身份"))),
          "a word inside the title; the hr-only title is not suggested");
      assertEquals(List.of("统一身份认证方案", "身份证件管理规定"),
          texts(kb.suggest(SuggestRequest.of(Principal.of("hr1", List.of("hr"), List.of()), "身份"))).stream().sorted().toList());
      assertEquals(List.of("Knowledge sharing in sales teams"), texts(kb.suggest(SuggestRequest.of(ALICE, "KNOWLEDGE sh"))));
      assertEquals(List.of("教育"), texts(kb.suggest(SuggestRequest.of(ALICE, "教"))),
          "a concept with a readable item below it");
      assertEquals(List.of("智慧校园"), texts(kb.suggest(SuggestRequest.of(ALICE, "智能"))),
          "a hidden label matches and shows the preferred label");
      assertEquals(List.of("Smart campus"), texts(kb.suggest(SuggestRequest.of(ALICE, "smart"))));
      assertEquals(List.of(), kb.suggest(SuggestRequest.of(ALICE, "def")),
          "neither the unreadable title nor the concept only it is classified under");
      assertThrows(ValidationException.class, () -> SuggestRequest.of(ALICE, " "));
    }
  }

  @Test
  void synonyms_fromAlternativeLabels_followTheTaxonomy() {
    Taxonomy withAbbreviation = Taxonomy.builder().scheme(ConceptScheme.of("prod", "en", "Product"))
        .concept(Concept.builder("crm", "prod").prefLabel("zh", "客户关系管理").altLabel("en", "CRM").build())
        .build();
    try (KnowledgeBase kb = newKnowledgeBase().refreshInterval(Duration.ZERO).taxonomy(withAbbreviation).build()) {
      kb.putAll(List.of(item("full", "客户关系管理系统实施方案", Acl.PUBLIC), item("abbr", "CRM 报表模板", Acl.PUBLIC),
          item("other", "财务报表", Acl.PUBLIC)));
      kb.refresh();
      assertEquals(Set.of("full", "abbr"), ids(kb.search(SearchRequest.builder(ALICE).text("crm").build())),
          "the abbreviation finds the item that uses the full term");
      assertEquals(Set.of("full", "abbr"), ids(kb.search(SearchRequest.builder(ALICE).text("ＣＲＭ").build())), "full-width");
      assertEquals(Set.of("full", "abbr"), ids(kb.search(SearchRequest.builder(ALICE).text("客户关系管理").build())),
          "and the full term finds the abbreviation");
      assertEquals(Set.of("abbr"), ids(kb.search(SearchRequest.builder(ALICE).text("+crm").build())), "+ means as typed");
      assertEquals(Set.of("full"), ids(kb.search(SearchRequest.builder(ALICE).text("crm -报表").build())), "- still excludes");
      kb.setTaxonomy(Taxonomy.builder().scheme(ConceptScheme.of("prod", "en", "Product"))
          .concept(Concept.builder("crm", "prod").prefLabel("zh", "客户关系管理").build()).build());
      assertEquals(Set.of("abbr"), ids(kb.search(SearchRequest.builder(ALICE).text("crm").build())),
          "a new taxonomy takes effect at once");
    }
  }

  @Test
  void ranking_sameText_verifiedThenFresherFirst() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = manual(clock)) {
      kb.put(item("old", "Proposal template", Acl.PUBLIC));
      clock.advance(Duration.ofDays(365));
      kb.put(item("new", "Proposal template", Acl.PUBLIC));
      kb.put(item("verified", "Proposal template", Acl.PUBLIC).toBuilder().verified("alice", clock.instant()).build());
      kb.refresh();
      List<SearchHit> hits = kb.search(SearchRequest.builder(ALICE).text("proposal template").build()).hits();
      assertEquals(List.of("verified", "new", "old"), hits.stream().map(h -> h.item().id()).toList(),
          "the same text: a verified item (x1.1) first, then the fresher (x1.2 against x1.05 a year later)");
      assertEquals(1.1, hits.get(0).score() / hits.get(1).score(), 0.001, "verified is worth x1.1");
    }
  }

  /**
   * Recent use lifts an item above others of the same text (by {@link Ranking#popularity} of its decayed
   * uses, at most ×1.3), and pages in that order still visit every hit once, scores never increasing.
   */
  @Test
  void ranking_recentUseLiftsAnItem_andPagesInThatOrderStayWhole() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = manual(clock)) {
      List<KnowledgeItem> items = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        items.add(item(String.format("same%02d", i), "Proposal template", Acl.PUBLIC));
      }
      for (int i = 0; i < 10; i++) {
        items.add(item("more" + i, "Proposal template " + "proposal ".repeat(1 + i % 3) + "and notes " + i, Acl.PUBLIC));
      }
      kb.putAll(items);
      kb.refresh();
      SearchRequest request = SearchRequest.builder(ALICE).text("proposal template").pageSize(5).build();
      Map<String, Float> before = new HashMap<>();
      List<String> order = new ArrayList<>();
      for (SearchResult page = kb.search(request); ; page = kb.search(request.after(page.nextCursor()))) {
        page.hits().forEach(h -> {
          before.put(h.item().id(), h.score());
          order.add(h.item().id());
        });
        if (page.nextCursor() == null) {
          break;
        }
      }
      assertTrue(order.indexOf("same11") > order.indexOf("same00"), "equal scores: by id, before any use " + order);
      for (int u = 0; u < 40; u++) {
        kb.record(UsageEvent.ofItem(UsageEventType.REUSE, clock.instant(), Principal.of("user" + u, List.of(), List.of()),
            "same11"));
      }
      kb.refresh();
      clock.advance(Duration.ofSeconds(Popularity.REFRESH_SECONDS + 1)); // the next search takes a new snapshot
      Set<String> seen = new HashSet<>();
      List<String> after = new ArrayList<>();
      Map<String, Float> lifted = new HashMap<>();
      float lastScore = Float.MAX_VALUE;
      for (SearchResult page = kb.search(request); ; page = kb.search(request.after(page.nextCursor()))) {
        for (SearchHit h : page.hits()) {
          assertTrue(seen.add(h.item().id()), "no duplicates: " + h.item().id());
          assertTrue(h.score() <= lastScore, "scores never increase");
          lastScore = h.score();
          after.add(h.item().id());
          lifted.put(h.item().id(), h.score());
        }
        if (page.nextCursor() == null) {
          break;
        }
      }
      assertEquals(new HashSet<>(order), seen, "every hit once");
      assertTrue(after.indexOf("same11") < after.indexOf("same00"), "the used item before its equals " + after);
      double lift = lifted.get("same11") / before.get("same11");
      assertTrue(lift > 1.1 && lift <= 1 + Ranking.POPULARITY_BONUS + 1e-4, "lifted by its uses: x" + lift);
    }
  }

  /**
   * Totals are exact up to the request's threshold and "at least" past it, and the threshold never changes
   * what a page holds: on a seeded corpus of varied texts, ages, verified flags, uses and ACLs, every page
   * with a threshold of 1 or 40 (all pages of a walk) has the hits, scores and order of the exact search; a
   * total marked exact equals the exact count, one marked "at least" lies between the threshold and it; with
   * facets the total is exact; nothing matching gives an exact 0.
   *
   * @param r the seeded randomness
   */
  @Test
  void totals_exactUpToThreshold_thenAtLeast_pagesUnchanged(Random r) {
    String[] words = {"proposal", "pricing", "network", "billing", "router", "contract", "fiber", "tender",
        "quota", "cloud", "server", "camera", "budget", "client", "vendor", "audit"};
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = manual(clock)) {
      kb.setTaxonomy(Taxonomy.builder().scheme(ConceptScheme.of("s", "en", "S")).concept(Concept.builder("c", "s").build()).build());
      for (int batch = 0; batch < 6; batch++) {
        List<KnowledgeItem> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          StringBuilder body = new StringBuilder();
          for (int k = 1 + r.nextInt(12); k > 0; k--) {
            body.append(words[r.nextInt(words.length)]).append(' ');
          }
          Acl acl = switch (r.nextInt(4)) {
            case 0 -> Acl.NOBODY;
            case 1 -> Acl.groups("rd");
            default -> Acl.PUBLIC;
          };
          KnowledgeItem.Builder b = KnowledgeItem.builder("t" + batch + "-" + i, ItemKind.SOLUTION,
              words[r.nextInt(words.length)] + " " + words[r.nextInt(words.length)]).body(body.toString().strip()).acl(acl)
              .concepts(Set.of("c"));
          if (r.nextInt(4) == 0) {
            b.verified("alice", clock.instant());
          }
          items.add(b.build());
        }
        kb.putAll(items);
        for (int u = r.nextInt(20); u > 0; u--) {
          kb.record(UsageEvent.ofItem(UsageEventType.REUSE, clock.instant(), ALICE, items.get(r.nextInt(items.size())).id()));
        }
        clock.advance(Duration.ofDays(30 + r.nextInt(200)));
      }
      kb.refresh();
      clock.advance(Duration.ofSeconds(Popularity.REFRESH_SECONDS + 1)); // the next search takes a new usage snapshot
      for (int q = 0; q < 8; q++) {
        String text = words[r.nextInt(words.length)] + " " + words[r.nextInt(words.length)];
        SearchRequest exact = SearchRequest.builder(ALICE).text(text).pageSize(7).exactTotal().build();
        List<SearchResult> truth = walk(kb, exact);
        long count = truth.stream().mapToLong(p -> p.hits().size()).sum();
        for (SearchResult page : truth) {
          assertTrue(page.totalHitsExact(), "an exact count is asked for: " + text);
          assertEquals(count, page.totalHits(), "the exact total is the hits a walk visits: " + text);
        }
        for (int threshold : new int[] {1, 40}) {
          List<SearchResult> pages = walk(kb, SearchRequest.builder(ALICE).text(text).pageSize(7).totalHitsThreshold(threshold).build());
          assertEquals(truth.size(), pages.size(), "as many pages: " + text + ", threshold " + threshold);
          for (int i = 0; i < pages.size(); i++) {
            SearchResult page = pages.get(i);
            assertEquals(scored(truth.get(i)), scored(page), "page " + i + " of " + text + ", threshold " + threshold);
            if (page.totalHitsExact()) {
              assertEquals(count, page.totalHits(), "marked exact: " + text + ", threshold " + threshold);
            } else {
              assertTrue(page.totalHits() >= threshold && page.totalHits() <= count && threshold < count,
                  "at least the threshold, at most the matches: " + page.totalHits() + " of " + count + ", threshold " + threshold);
            }
          }
        }
        SearchResult faceted = kb.search(SearchRequest.builder(ALICE).text(text).totalHitsThreshold(1).facets("s").build());
        assertTrue(faceted.totalHitsExact(), "facets count every match");
        assertEquals(count, faceted.totalHits(), "with facets: " + text);
        assertEquals(count, faceted.facets().get("s").get(0).count(), "every match is under c: " + text);
      }
      SearchResult none = kb.search(SearchRequest.builder(ALICE).text("nowhere").totalHitsThreshold(1).build());
      assertTrue(none.zeroResult() && none.totalHitsExact(), "nothing matched: an exact 0");
      assertThrows(ValidationException.class, () -> SearchRequest.builder(ALICE).totalHitsThreshold(0).build());
    }
  }

  private static List<SearchResult> walk(KnowledgeBase kb, SearchRequest request) {
    List<SearchResult> pages = new ArrayList<>();
    for (SearchResult page = kb.search(request); ; page = kb.search(request.after(page.nextCursor()))) {
      pages.add(page);
      if (page.nextCursor() == null) {
        return pages;
      }
    }
  }

  private static List<String> scored(SearchResult page) {
    return page.hits().stream().map(h -> h.item().id() + "@" + h.score()).toList();
  }

  @Test
  void pagination_searchAfter_visitsEveryHitOnce() {
    try (KnowledgeBase kb = manual(new TestClock())) {
      List<KnowledgeItem> items = new ArrayList<>();
      for (int i = 0; i < 23; i++) {
        items.add(item("k" + i, "知识 " + "管理 ".repeat(i % 4), i % 5 == 0 ? Acl.NOBODY : Acl.PUBLIC));
      }
      kb.putAll(items);
      kb.refresh();
      SearchRequest request = SearchRequest.builder(ALICE).text("知识管理").pageSize(4).build();
      Set<String> seen = new HashSet<>();
      long total = -1;
      float lastScore = Float.MAX_VALUE;
      for (SearchResult page = kb.search(request); ; page = kb.search(request.after(page.nextCursor()))) {
        total = page.totalHits();
        for (SearchHit h : page.hits()) {
          assertTrue(seen.add(h.item().id()), "no duplicates");
          assertTrue(h.score() <= lastScore, "scores never increase");
          lastScore = h.score();
        }
        if (page.nextCursor() == null) {
          break;
        }
      }
      assertEquals(18, total);
      assertEquals(18, seen.size());
      ValidationException e = assertThrows(ValidationException.class, () -> kb.search(request.after("garbage!!")));
      assertEquals("SearchRequest.after", e.field());
    }
  }

  private static List<String> texts(List<Suggestion> suggestions) {
    return suggestions.stream().map(Suggestion::text).toList();
  }
}
