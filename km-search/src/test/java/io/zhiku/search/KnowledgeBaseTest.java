package io.zhiku.search;

import io.zhiku.core.testing.TestClock;
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
import io.zhiku.core.item.ItemLimits;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.VersionConflictException;
import io.zhiku.core.search.SearchHit;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.spi.Popularity;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void put_assignsVersionsAndTimestampsFromTheClock() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = memory(clock)) {
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
    try (KnowledgeBase kb = memory(new TestClock())) {
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
    try (KnowledgeBase kb = KnowledgeBase.builder().refreshInterval(Duration.ZERO)
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
  void search_seesChangesAfterRefresh_andWithinTheRefreshInterval() throws InterruptedException {
    try (KnowledgeBase kb = memory(new TestClock())) {
      kb.put(item("a", "统一身份认证方案", Acl.PUBLIC));
      SearchRequest q = SearchRequest.builder(ALICE).text("身份认证").build();
      assertEquals(0, kb.search(q).totalHits(), "not yet refreshed");
      kb.refresh();
      assertEquals(Set.of("a"), ids(kb.search(q)));
    }
    try (KnowledgeBase kb = KnowledgeBase.builder().refreshInterval(Duration.ofMillis(50)).build()) {
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
  void search_onlyReadableItems_countedAndReturned() {
    try (KnowledgeBase kb = memory(new TestClock())) {
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
    try (KnowledgeBase kb = KnowledgeBase.builder().clock(clock).refreshInterval(Duration.ZERO).taxonomy(taxonomy).build()) {
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
    try (KnowledgeBase kb = KnowledgeBase.builder().refreshInterval(Duration.ZERO).taxonomy(taxonomy).build()) {
      kb.putAll(List.of(
          item("a", "One", Acl.PUBLIC).toBuilder().concepts("campus", "education", "proposal").build(),
          item("b", "Two", Acl.PUBLIC).toBuilder().concepts("health").build(),
          item("c", "Three", Acl.NOBODY).toBuilder().concepts("education").build(),
          item("d", "Four", Acl.PUBLIC).toBuilder().concepts("not-in-taxonomy").build()));
      kb.refresh();
      SearchResult r = kb.search(SearchRequest.builder(ALICE).facets("ind", "stage").build());
      assertEquals(List.of(
          new io.zhiku.core.search.FacetCount("health", 2),
          new io.zhiku.core.search.FacetCount("public", 2),
          new io.zhiku.core.search.FacetCount("campus", 1),
          new io.zhiku.core.search.FacetCount("education", 1)), r.facets().get("ind"),
          "a counts once at public and at education although two of its concepts lead there; c is unreadable");
      assertEquals(List.of(new io.zhiku.core.search.FacetCount("proposal", 1)), r.facets().get("stage"));
      assertEquals(List.of(new io.zhiku.core.search.FacetCount("health", 1), new io.zhiku.core.search.FacetCount("public", 1)),
          kb.search(SearchRequest.builder(ALICE).text("two").facets("ind").build()).facets().get("ind"), "facets follow the query");
      ValidationException e = assertThrows(ValidationException.class,
          () -> kb.search(SearchRequest.builder(ALICE).facets("nope").build()));
      assertEquals("SearchRequest.facets", e.field());
    }
  }

  @Test
  void highlights_markMatchesInOriginalText_escapeHtml() {
    try (KnowledgeBase kb = memory(new TestClock())) {
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
    try (KnowledgeBase kb = KnowledgeBase.builder().refreshInterval(Duration.ZERO).taxonomy(taxonomy).build()) {
      kb.putAll(List.of(
          item("a", "统一身份认证方案", Acl.PUBLIC).toBuilder().concepts("campus").build(),
          item("b", "Knowledge sharing in sales teams", Acl.PUBLIC),
          item("c", "身份证件管理规定", Acl.groups("hr")),
          item("d", "Defence procurement rules", Acl.NOBODY).toBuilder().concepts("defence").build()));
      kb.refresh();
      assertEquals(List.of("统一身份认证方案"), texts(kb.suggest(io.zhiku.core.search.SuggestRequest.of(ALICE, "统一身"))));
      assertEquals(List.of("统一身份认证方案"), texts(kb.suggest(io.zhiku.core.search.SuggestRequest.of(ALICE, "統一身"))), "traditional typed");
      assertEquals(List.of("统一身份认证方案"), texts(kb.suggest(io.zhiku.core.search.SuggestRequest.of(ALICE, "身份"))),
          "a word inside the title; the hr-only title is not suggested");
      assertEquals(List.of("统一身份认证方案", "身份证件管理规定"),
          texts(kb.suggest(io.zhiku.core.search.SuggestRequest.of(Principal.of("hr1", List.of("hr"), List.of()), "身份"))).stream().sorted().toList());
      assertEquals(List.of("Knowledge sharing in sales teams"), texts(kb.suggest(io.zhiku.core.search.SuggestRequest.of(ALICE, "KNOWLEDGE sh"))));
      assertEquals(List.of("教育"), texts(kb.suggest(io.zhiku.core.search.SuggestRequest.of(ALICE, "教"))),
          "a concept with a readable item below it");
      assertEquals(List.of("智慧校园"), texts(kb.suggest(io.zhiku.core.search.SuggestRequest.of(ALICE, "智能"))),
          "a hidden label matches and shows the preferred label");
      assertEquals(List.of("Smart campus"), texts(kb.suggest(io.zhiku.core.search.SuggestRequest.of(ALICE, "smart"))));
      assertEquals(List.of(), kb.suggest(io.zhiku.core.search.SuggestRequest.of(ALICE, "def")),
          "neither the unreadable title nor the concept only it is classified under");
      assertThrows(ValidationException.class, () -> io.zhiku.core.search.SuggestRequest.of(ALICE, " "));
    }
  }

  static List<String> texts(List<io.zhiku.core.search.Suggestion> suggestions) {
    return suggestions.stream().map(io.zhiku.core.search.Suggestion::text).toList();
  }

  @Test
  void synonyms_fromAlternativeLabels_followTheTaxonomy() {
    Taxonomy withAbbreviation = Taxonomy.builder().scheme(ConceptScheme.of("prod", "en", "Product"))
        .concept(Concept.builder("crm", "prod").prefLabel("zh", "客户关系管理").altLabel("en", "CRM").build())
        .build();
    try (KnowledgeBase kb = KnowledgeBase.builder().refreshInterval(Duration.ZERO).taxonomy(withAbbreviation).build()) {
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
  void pagination_searchAfter_visitsEveryHitOnce() {
    try (KnowledgeBase kb = memory(new TestClock())) {
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

  @Test
  void durability_committedItemsAndSequenceSurviveReopen(@TempDir Path dir) {
    try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).commitPolicy(CommitPolicy.manual()).build()) {
      kb.putAll(List.of(item("a", "A", Acl.PUBLIC), item("b", "B", Acl.PUBLIC)));
      assertEquals(2, kb.commit());
      kb.delete("b");
    } // close commits the delete
    try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
      assertEquals(3, kb.committedSequence());
      assertEquals(3, kb.lastSequence());
      assertEquals("A", kb.get("a").orElseThrow().title());
      assertTrue(kb.get("b").isEmpty());
      assertEquals(2, kb.put(kb.get("a").orElseThrow()).version());
      assertEquals(4, kb.lastSequence(), "sequence numbers continue across restarts");
      kb.refresh();
      assertEquals(Set.of("a"), ids(kb.search(SearchRequest.builder(ALICE).build())));
    }
  }

  @Test
  void commitPolicy_afterChanges() {
    try (KnowledgeBase kb = KnowledgeBase.builder().commitPolicy(CommitPolicy.afterChanges(2)).build()) {
      kb.put(item("a", "A", Acl.PUBLIC));
      assertEquals(0, kb.committedSequence());
      kb.put(item("b", "B", Acl.PUBLIC));
      assertEquals(2, kb.committedSequence());
    }
  }

  @Test
  void close_isIdempotent_andLaterCallsFailClearly() {
    KnowledgeBase kb = KnowledgeBase.inMemory();
    kb.close();
    kb.close();
    ZhikuException e = assertThrows(ZhikuException.class, () -> kb.get("a"));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(ZhikuException.class, () -> kb.put(item("a", "A", Acl.PUBLIC)));
    assertThrows(ZhikuException.class, () -> kb.search(SearchRequest.builder(ALICE).build()));
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
