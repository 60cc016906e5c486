package io.zhiku.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.push.Candidate;
import io.zhiku.push.ItemNotification;
import io.zhiku.push.PushContext;
import io.zhiku.push.PushRules;
import io.zhiku.push.PushSettings;
import io.zhiku.push.Reason;
import io.zhiku.push.Recommendation;
import io.zhiku.push.Recommender;
import io.zhiku.push.WorkflowEvent;
import io.zhiku.testkit.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push through the knowledge base on the Lucene engine: each recommender, the blend, listeners. */
class PushTest {
  static final Principal ALICE = Principal.of("alice", List.of("sales"), List.of("industry-manager"));
  static final Principal BOB = Principal.of("bob", List.of("sales"), List.of("industry-manager"));
  static final Principal CAROL = Principal.of("carol", List.of("sales"), List.of("product-manager"));
  static final Principal DAVE = Principal.of("dave", List.of("delivery"), List.of("customer-manager"));
  static final Set<String> BUILT_INS = Set.of("rules", "popularity", "freshness", "similar", "co-usage", "feedback");

  static final Taxonomy TAXONOMY = Taxonomy.builder()
      .scheme(ConceptScheme.of("industry", "en", "Industry"))
      .concept(Concept.builder("education", "industry").prefLabel("en", "Education").prefLabel("zh", "教育").build())
      .concept(Concept.builder("k12", "industry").prefLabel("en", "K-12").broader("education").build())
      .concept(Concept.builder("healthcare", "industry").prefLabel("en", "Healthcare").build())
      .scheme(ConceptScheme.of("stage", "en", "Sales stage"))
      .concept(Concept.builder("proposal", "stage").prefLabel("en", "Proposal").build())
      .build();

  static KnowledgeItem item(String id, String title, String body, Acl acl, String... concepts) {
    return KnowledgeItem.builder(id, ItemKind.SOLUTION, title).body(body).acl(acl).concepts(List.of(concepts)).build();
  }

  /** Settings with only the named built-ins, shows not recorded (so that pushes repeat). */
  static PushSettings.Builder only(String... names) {
    PushSettings.Builder b = PushSettings.builder().recordShown(false);
    for (String n : BUILT_INS) {
      if (!List.of(names).contains(n)) {
        b.disable(n);
      }
    }
    return b;
  }

  static KnowledgeBase kb(TestClock clock) {
    return KnowledgeBase.builder().clock(clock).refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual())
        .taxonomy(TAXONOMY).build();
  }

  static KnowledgePush push(KnowledgeBase kb, PushSettings settings) {
    return KnowledgePush.builder(kb).settings(settings).build();
  }

  static WorkContext.Builder ctx(Principal p, TestClock clock) {
    return WorkContext.builder(p, clock.instant());
  }

  static List<String> ids(List<Recommendation> recs) {
    return recs.stream().map(r -> r.item().id()).toList();
  }

  static void use(KnowledgeBase kb, TestClock clock, Principal p, String item, UsageEventType type, WorkContext c) {
    UsageEvent e = UsageEvent.ofItem(type, clock.instant(), p, item);
    kb.record(c == null ? e : e.withContext(c));
  }

  @Test
  void rules_fromJson_pushCuratedItems_whenTheContextMatches() {
    TestClock clock = new TestClock();
    String json = """
        [{"id": "edu-proposal", "description": "the proposal stage in the education industry",
          "when": {"stage": "proposal", "industry": ["education", "k12"]},
          "items": ["campus-template", "secret-plan"], "concepts": ["healthcare"]}]
        """;
    try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, only("rules").rules(PushRules.fromJson(json)).build())) {
      kb.putAll(List.of(
          item("campus-template", "Smart campus proposal template", "template", Acl.PUBLIC, "education"),
          item("secret-plan", "Secret plan", "only the board", Acl.groups("board")),
          item("hospital", "Hospital information system", "his", Acl.PUBLIC, "healthcare"),
          item("other", "Unrelated", "x", Acl.PUBLIC)));
      kb.refresh();
      List<Recommendation> recs = push.push(ctx(ALICE, clock).stage("proposal").attribute("industry", "k12").build(), 5);
      assertEquals(List.of("campus-template", "hospital"), ids(recs), "the hidden item is never pushed");
      assertEquals("recommended for the proposal stage in the education industry", recs.get(0).reasons().get(0).text());
      assertEquals("rules", recs.get(0).reasons().get(0).source());
      assertTrue(recs.get(1).reasons().get(0).text().endsWith("new under Healthcare"), recs.get(1).reasons().toString());
      assertEquals(List.of(), push.push(ctx(ALICE, clock).stage("negotiation").attribute("industry", "k12").build(), 5));
    }
  }

  @Test
  void popularity_favoursTheSegment_andExplainsWho() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, only("popularity").build())) {
      kb.putAll(List.of(item("edu-faq", "Education FAQ", "faq", Acl.PUBLIC), item("general", "General FAQ", "faq", Acl.PUBLIC)));
      WorkContext edu = ctx(BOB, clock).role("industry-manager").attribute("industry", "education").build();
      for (int i = 0; i < 3; i++) {
        use(kb, clock, BOB, "edu-faq", UsageEventType.VIEW, edu);
      }
      for (int i = 0; i < 6; i++) {
        use(kb, clock, DAVE, "general", UsageEventType.VIEW, null);
      }
      kb.refresh();
      List<Recommendation> recs = push.push(ctx(ALICE, clock).role("industry-manager").attribute("industry", "education").build(), 5);
      assertEquals(List.of("edu-faq", "general"), ids(recs), "3 uses in my segments beat 6 uses by everyone (counted a quarter)");
      String why = recs.get(0).reasons().get(0).text();
      assertTrue(why.startsWith("much used lately by people in the role industry-manager") || why.startsWith("much used lately in industry Education"), why);
      assertTrue(why.endsWith("(about 3 recent uses)"), why);
      // Usage fades: a month later (the half-life), half as much.
      clock.advance(Duration.ofDays(30));
      String later = push.push(ctx(ALICE, clock).role("industry-manager").build(), 1).get(0).reasons().get(0).text();
      assertTrue(later.endsWith("(about 2 recent uses)"), later); // 1.5 rounds to 2
    }
  }

  @Test
  void freshness_pushesTheNewestUnderTheContextsConcepts() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, only("freshness").build())) {
      kb.put(item("old-edu", "Old education case", "case", Acl.PUBLIC, "education"));
      clock.advance(Duration.ofDays(60));
      kb.put(item("new-edu", "New K-12 case", "case", Acl.PUBLIC, "k12"));
      kb.put(item("new-health", "New hospital case", "case", Acl.PUBLIC, "healthcare"));
      kb.put(item("draft-edu", "Draft", "case", Acl.PUBLIC, "education").toBuilder().status(ItemStatus.DRAFT).build());
      kb.refresh();
      List<Recommendation> recs = push.push(ctx(ALICE, clock).attribute("industry", "Education").build(), 5);
      assertEquals(List.of("new-edu", "old-edu"), ids(recs), "the attribute names the concept by its label; drafts stay out");
      assertEquals("new under Education: updated today", recs.get(0).reasons().get(0).text());
      assertEquals(0.5 * 0.25, recs.get(1).score(), 1e-9, "two half-lives old: a quarter, times freshness's weight 0.5");
      clock.advance(Duration.ofDays(60)); // old-edu is now 4 half-lives old: still new, just; a day more and it is not
      assertEquals(List.of("new-edu", "old-edu"), ids(push.push(ctx(ALICE, clock).attribute("industry", "Education").build(), 5)));
      clock.advance(Duration.ofDays(1));
      assertEquals(List.of("new-edu"), ids(push.push(ctx(ALICE, clock).attribute("industry", "Education").build(), 5)),
          "older than four half-lives is not new");
    }
  }

  @Test
  void candidates_areCheckedAgainstTheLatestWrites_andTheCommittedItemsAfterReopening(@TempDir Path dir) {
    TestClock clock = new TestClock();
    KnowledgeBaseBuilder builder = KnowledgeBase.builder().directory(dir).clock(clock).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).taxonomy(TAXONOMY);
    try (KnowledgeBase kb = builder.build(); KnowledgePush push = push(kb, only("freshness").build())) {
      kb.putAll(List.of(item("open", "Open case", "case", Acl.PUBLIC, "education"),
          item("sales-only", "Sales case", "case", Acl.groups("sales"), "education"),
          item("to-delete", "Doomed case", "case", Acl.PUBLIC, "education"),
          item("to-hide", "Case hidden later", "case", Acl.PUBLIC, "education")));
      // Not refreshed: push sees writes at once, as get does.
      kb.delete("to-delete");
      kb.put(kb.get("to-hide").orElseThrow().toBuilder().acl(Acl.groups("board")).build());
      WorkContext alice = ctx(ALICE, clock).attribute("industry", "education").build();
      WorkContext dave = ctx(DAVE, clock).attribute("industry", "education").build();
      assertEquals(Set.of("open", "sales-only"), Set.copyOf(ids(push.push(alice, 10))));
      assertEquals(List.of("open"), ids(push.push(dave, 10)));
      kb.commit();
      kb.put(item("uncommitted", "Lost on crash", "case", Acl.PUBLIC, "education"));
    }
    try (KnowledgeBase kb = builder.build(); KnowledgePush push = push(kb, only("freshness").build())) { // close committed the last put too
      WorkContext alice = ctx(ALICE, clock).attribute("industry", "education").build();
      assertEquals(Set.of("open", "sales-only", "uncommitted"), Set.copyOf(ids(push.push(alice, 10))));
      assertEquals(Set.of("open", "uncommitted"), Set.copyOf(ids(push.push(ctx(DAVE, clock).attribute("industry", "education").build(), 10))));
    }
  }

  @Test
  void similarContent_matchesTheTaskText_inChineseAndEnglish() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, only("similar").build())) {
      kb.putAll(List.of(
          item("campus", "智慧校园解决方案", "面向高校的智慧校园建设方案，包括一卡通和校园网", Acl.PUBLIC),
          item("hospital", "智慧医院解决方案", "医院信息系统与远程会诊", Acl.PUBLIC),
          item("crm", "CRM rollout checklist", "customer relationship management rollout for sales teams", Acl.PUBLIC),
          item("secret", "校园网 secret", "校园网 一卡通 智慧校园", Acl.users("nobody"))));
      kb.refresh();
      List<Recommendation> zh = push.push(ctx(ALICE, clock).text("客户想建设智慧校園，需要一卡通").build(), 3);
      assertEquals("campus", zh.get(0).item().id(), "traditional 校園 matches simplified 校园");
      assertFalse(ids(zh).contains("secret"));
      assertEquals("close to the text of the task at hand", zh.get(0).reasons().get(0).text());
      List<Recommendation> en = push.push(ctx(ALICE, clock).text("Rolling out customer relationship management").build(), 3);
      assertEquals("crm", en.get(0).item().id());
      assertEquals(List.of(), push.push(ctx(ALICE, clock).build(), 3), "no text, nothing similar");
    }
  }

  @Test
  void similarTo_findsRelatedReadableItems_andHidesWhetherAHiddenItemExists() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, PushSettings.DEFAULTS)) {
      kb.putAll(List.of(
          item("campus", "智慧校园解决方案", "高校智慧校园建设，一卡通，校园网，统一身份认证", Acl.PUBLIC),
          item("campus-case", "某大学智慧校园案例", "一卡通与校园网改造，统一身份认证上线", Acl.PUBLIC),
          item("campus-secret", "智慧校园报价", "一卡通 校园网 统一身份认证 报价", Acl.groups("board")),
          item("hospital", "医院信息系统", "门诊 住院 电子病历", Acl.PUBLIC)));
      kb.refresh();
      List<KnowledgeItem> related = kb.similarTo(ALICE, "campus", 3).stream().map(io.zhiku.core.search.SimilarItem::item).toList();
      assertEquals("campus-case", related.get(0).id());
      List<io.zhiku.core.search.SimilarItem> scored = kb.similarTo(ALICE, "campus", 3);
      assertTrue(scored.get(0).score() > 0 && scored.get(0).score() >= scored.get(scored.size() - 1).score(), scored.toString());
      assertFalse(related.stream().anyMatch(i -> i.id().equals("campus") || i.id().equals("campus-secret")), related.toString());
      io.zhiku.core.NotFoundException hidden = assertThrows(io.zhiku.core.NotFoundException.class,
          () -> kb.similarTo(ALICE, "campus-secret", 3));
      io.zhiku.core.NotFoundException missing = assertThrows(io.zhiku.core.NotFoundException.class,
          () -> kb.similarTo(ALICE, "no-such-item", 3));
      assertEquals(hidden.getMessage().replace("campus-secret", "X"), missing.getMessage().replace("no-such-item", "X"));
      assertThrows(ValidationException.class, () -> kb.similarTo(ALICE, "campus", 0));
    }
  }

  @Test
  void coUsage_needsTwoOtherPeople_andNamesOnlyReadableAnchors() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, only("co-usage").build())) {
      kb.putAll(List.of(item("a", "Template A", "a", Acl.PUBLIC), item("b", "Checklist B", "b", Acl.PUBLIC),
          item("c", "Case C", "c", Acl.PUBLIC), item("h", "Hidden H", "h", Acl.groups("board"))));
      use(kb, clock, ALICE, "a", UsageEventType.REUSE, null);
      use(kb, clock, BOB, "a", UsageEventType.VIEW, null);
      use(kb, clock, BOB, "b", UsageEventType.VIEW, null);
      use(kb, clock, BOB, "c", UsageEventType.VIEW, null);
      use(kb, clock, CAROL, "a", UsageEventType.VIEW, null);
      use(kb, clock, CAROL, "b", UsageEventType.VIEW, null);
      kb.refresh();
      List<Recommendation> recs = push.push(ctx(ALICE, clock).build(), 5);
      assertEquals(List.of("b"), ids(recs), "c was used with a by one person only: no trend");
      assertEquals("used by 2 people who also used \u201cTemplate A\u201d", recs.get(0).reasons().get(0).text());
      // Dave used the hidden item with c; Alice is anchored on h only if she may read it: she may not.
      use(kb, clock, ALICE, "h", UsageEventType.VIEW, null);
      use(kb, clock, DAVE, "h", UsageEventType.VIEW, null);
      use(kb, clock, DAVE, "c", UsageEventType.VIEW, null);
      use(kb, clock, BOB, "h", UsageEventType.VIEW, null);
      kb.refresh();
      for (Recommendation r : push.push(ctx(ALICE, clock).build(), 5)) {
        r.reasons().forEach(reason -> assertFalse(reason.text().contains("Hidden H"), reason.text()));
      }
    }
  }

  @Test
  void feedback_acceptedItemsRiseForSimilarContexts() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = kb(clock);
        KnowledgePush push = push(kb, only("feedback", "rules").rules(PushRules.fromJson("""
            [{"id": "proposal", "when": {"stage": "proposal"}, "items": ["x", "y"]}]""")).build())) {
      kb.putAll(List.of(item("x", "X", "x", Acl.PUBLIC), item("y", "Y", "y", Acl.PUBLIC)));
      kb.refresh();
      WorkContext mine = ctx(ALICE, clock).stage("proposal").build();
      assertEquals(List.of("x", "y"), ids(push.push(mine, 2)), "equal rule scores: by id");
      WorkContext theirs = ctx(BOB, clock).stage("proposal").build();
      use(kb, clock, BOB, "y", UsageEventType.PUSH_ACCEPTED, theirs);
      use(kb, clock, CAROL, "x", UsageEventType.PUSH_DISMISSED, ctx(CAROL, clock).stage("proposal").build());
      assertEquals(List.of("x", "y"), ids(push.push(mine, 2)), "rankings follow events as of the last refresh");
      kb.refresh();
      List<Recommendation> after = push.push(mine, 2);
      assertEquals(List.of("y", "x"), ids(after), "accepted at the same stage: y rises");
      assertTrue(after.get(0).reasons().stream().anyMatch(r -> r.text().startsWith("accepted when pushed to others")),
          after.get(0).reasons().toString());
    }
  }

  @Test
  void push_dropsWhatThePersonUsedDismissedOrSawTooOften() {
    TestClock clock = new TestClock();
    PushSettings settings = only("rules").recordShown(true).maxShows(2, Duration.ofDays(7)).rules(PushRules.fromJson("""
        [{"id": "all", "when": {"role": "industry-manager"}, "items": ["used", "dismissed", "shown", "fresh"]}]""")).build();
    try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, settings)) {
      kb.putAll(List.of(item("used", "U", "u", Acl.PUBLIC), item("dismissed", "D", "d", Acl.PUBLIC),
          item("shown", "S", "s", Acl.PUBLIC), item("fresh", "F", "f", Acl.PUBLIC)));
      kb.refresh();
      WorkContext c = ctx(ALICE, clock).build();
      use(kb, clock, ALICE, "used", UsageEventType.VIEW, null);
      use(kb, clock, ALICE, "dismissed", UsageEventType.PUSH_DISMISSED, null);
      assertEquals(List.of("fresh", "shown"), ids(push.push(c, 10)), "no refresh needed: recent events count at once");
      assertEquals(List.of("fresh", "shown"), ids(push.push(c, 10)));
      assertEquals(List.of(), ids(push.push(c, 10)), "both were shown twice within the week");
      clock.advance(Duration.ofDays(8));
      kb.refresh();
      assertEquals(List.of("fresh", "shown"), ids(push.push(ctx(ALICE, clock).build(), 10)), "the window moved on");
    }
  }

  /**
   * A long history (2,000 uses: more than push reads whole for a push of 10) is queried for the candidates
   * only: an item used long ago, far past the recent items push keeps in memory, is still never pushed;
   * co-usage is anchored on the most recently used items.
   */
  @Test
  void push_dropsWhatThePersonUsedLongAgo_andAnchorsOnWhatTheyUsedLast() {
    TestClock clock = new TestClock();
    PushSettings settings = only("rules", "co-usage").rules(PushRules.fromJson("""
        [{"id": "all", "when": {"role": "industry-manager"}, "items": ["old", "fresh"]}]""")).build();
    try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, settings)) {
      List<KnowledgeItem> items = new ArrayList<>(List.of(item("old", "O", "o", Acl.PUBLIC), item("fresh", "F", "f", Acl.PUBLIC),
          item("pair", "P", "p", Acl.PUBLIC)));
      for (int i = 0; i < 2000; i++) {
        items.add(item("filler-" + i, "Filler " + i, "filler", Acl.PUBLIC));
      }
      kb.putAll(items);
      use(kb, clock, ALICE, "old", UsageEventType.VIEW, null);
      for (int i = 0; i < 2000; i++) {
        clock.advance(Duration.ofMinutes(1));
        use(kb, clock, ALICE, "filler-" + i, UsageEventType.VIEW, null);
      }
      // Two others used the last filler and "pair": co-usage offers "pair" only if Alice is anchored on it.
      for (Principal other : List.of(BOB, CAROL)) {
        use(kb, clock, other, "filler-1999", UsageEventType.VIEW, null);
        use(kb, clock, other, "pair", UsageEventType.VIEW, null);
      }
      kb.refresh();
      assertEquals(List.of("fresh", "pair"), ids(push.push(ctx(ALICE, clock).build(), 10)));
    }
  }

  @Test
  void variety_spreadsAcrossConcepts() {
    TestClock clock = new TestClock();
    String rules = """
        [{"id": "r1", "when": {"stage": "proposal"}, "items": ["e1", "e2", "e3"], "weight": 1},
         {"id": "r2", "when": {"stage": "proposal"}, "items": ["h1"], "weight": 0.6}]""";
    for (double variety : new double[] {1, 0.5}) {
      try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, only("rules").rules(PushRules.fromJson(rules)).variety(variety).build())) {
        kb.putAll(List.of(item("e1", "E1", "e", Acl.PUBLIC, "education"), item("e2", "E2", "e", Acl.PUBLIC, "education"),
            item("e3", "E3", "e", Acl.PUBLIC, "education"), item("h1", "H1", "h", Acl.PUBLIC, "healthcare")));
        kb.refresh();
        List<String> top = ids(push.push(ctx(ALICE, clock).stage("proposal").build(), 3));
        assertEquals(variety == 1 ? List.of("e1", "e2", "e3") : List.of("e1", "h1", "e2"), top, "variety " + variety);
      }
    }
  }

  @Test
  void variety_leavesTheWorksOwnConceptsAlone_butSpreadsOverTheOthers() {
    TestClock clock = new TestClock();
    String rules = """
        [{"id": "r1", "when": {"stage": "proposal"}, "items": ["e1", "e2", "e3"], "weight": 1},
         {"id": "r2", "when": {"stage": "proposal"}, "items": ["h1"], "weight": 0.6}]""";
    try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, only("rules").rules(PushRules.fromJson(rules)).variety(0.5).build())) {
      kb.putAll(List.of(item("e1", "E1", "e", Acl.PUBLIC, "education"), item("e2", "E2", "e", Acl.PUBLIC, "education"),
          item("e3", "E3", "e", Acl.PUBLIC, "education"), item("h1", "H1", "h", Acl.PUBLIC, "healthcare")));
      kb.refresh();
      // Working on education: three education items are on topic, not repetitive.
      assertEquals(List.of("e1", "e2", "e3"),
          ids(push.push(ctx(ALICE, clock).stage("proposal").concepts("education").build(), 3)));
      // Working on healthcare: education is not the work's concept, so its repetition still costs.
      assertEquals(List.of("e1", "h1", "e2"),
          ids(push.push(ctx(BOB, clock).stage("proposal").concepts("healthcare").build(), 3)));
    }
    try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, only("rules").rules(PushRules.fromJson(rules)).variety(0.5).build())) {
      // On topic, but all also about k-12: the second concept's repetition costs, the work's does not.
      kb.putAll(List.of(item("e1", "E1", "e", Acl.PUBLIC, "education", "k12"), item("e2", "E2", "e", Acl.PUBLIC, "education", "k12"),
          item("e3", "E3", "e", Acl.PUBLIC, "education", "k12"), item("h1", "H1", "h", Acl.PUBLIC, "education")));
      kb.refresh();
      assertEquals(List.of("e1", "h1", "e2"),
          ids(push.push(ctx(ALICE, clock).stage("proposal").concepts("education").build(), 3)));
    }
  }

  @Test
  void blend_isDeterministic_andHostRecommendersPlugIn_failuresAreContained() {
    TestClock clock = new TestClock();
    Recommender host = new Recommender() {
      @Override
      public String name() {
        return "crm-open-deals";
      }

      @Override
      public List<Candidate> recommend(PushContext context, int limit) {
        return context.item("deal-kit").map(i -> List.of(new Candidate(i.id(), 5, new Reason(name(), "open deal in the CRM"))))
            .orElse(List.of());
      }
    };
    Recommender broken = new Recommender() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public List<Candidate> recommend(PushContext context, int limit) {
        throw new IllegalStateException("boom");
      }
    };
    PushSettings settings = only("freshness").recommender(host, 3).recommender(broken, 1).weight("freshness", 0.1).build();
    try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, settings)) {
      kb.putAll(List.of(item("deal-kit", "Deal kit", "d", Acl.PUBLIC), item("news", "News", "n", Acl.PUBLIC)));
      kb.refresh();
      WorkContext c = ctx(ALICE, clock).build();
      List<Recommendation> first = push.push(c, 5);
      assertEquals(List.of("deal-kit", "news"), ids(first));
      assertEquals(List.of("open deal in the CRM", "new: updated today"), first.get(0).reasons().stream().map(Reason::text).toList());
      assertEquals(3.1, first.get(0).score(), 1e-9, "host 5/5 x 3 + freshness 1 x 0.1");
      assertEquals(first, push.push(c, 5), "same inputs, same answer");
    }
    assertThrows(ValidationException.class, () -> PushSettings.builder().disable("nope"));
    assertThrows(ValidationException.class, () -> PushSettings.builder().weight("popularity", 0));
    try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, PushSettings.DEFAULTS)) {
      assertThrows(ValidationException.class, () -> push.push(ctx(ALICE, clock).build(), 0));
      assertThrows(ValidationException.class, () -> push.push(ctx(ALICE, clock).build(), 101));
      assertThrows(ValidationException.class, () -> push.push(null, 5));
    }
  }

  @Test
  void pushShown_isRecorded_withTheContext() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, only("freshness").recordShown(true).build())) {
      kb.put(item("n", "News", "n", Acl.PUBLIC));
      kb.refresh();
      push.push(ctx(ALICE, clock).stage("kickoff").build(), 5);
      kb.refresh();
      List<String> shown = new ArrayList<>();
      kb.events().scan(io.zhiku.core.event.EventQuery.builder().types(UsageEventType.PUSH_SHOWN).build(),
          row -> shown.add(row.userId() + " " + row.itemId() + " " + row.contextStage()));
      assertEquals(List.of("alice n kickoff"), shown);
    }
  }

  @Test
  void publish_deliversPushesOnAnotherThread_slowOrFailingListenersNeverBlockTheHost() throws InterruptedException {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, only("freshness").build())) {
      kb.put(item("n", "News", "n", Acl.PUBLIC));
      kb.refresh();
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch delivered = new CountDownLatch(2);
      List<String> got = new CopyOnWriteArrayList<>();
      push.addPushListener((event, recs) -> {
        throw new IllegalStateException("a failing listener");
      });
      push.addPushListener((event, recs) -> {
        try {
          release.await(); // a slow listener
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        got.add(event.type() + " " + ids(recs) + " " + Thread.currentThread().getName());
        delivered.countDown();
      });
      WorkContext c = ctx(ALICE, clock).stage("kickoff").build(); // not a concept: freshness looks at every item
      push.publish(WorkflowEvent.of(WorkflowEvent.STAGE_ENTERED, c));
      push.publish(WorkflowEvent.of(WorkflowEvent.TICKET_OPENED, c));
      assertEquals(List.of(), got, "publish returned while the listener is still waiting");
      release.countDown();
      assertTrue(delivered.await(10, TimeUnit.SECONDS));
      assertEquals(List.of("stage-entered [n] zhiku-notifier", "ticket-opened [n] zhiku-notifier"), got);
    }
  }

  @Test
  void subscriptions_notifyReadersOfNewAndUpdatedItems_neverOfHiddenOnes() throws InterruptedException {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = kb(clock); KnowledgePush push = push(kb, only("freshness").build())) {
      List<ItemNotification> got = new CopyOnWriteArrayList<>();
      push.addItemListener(got::add);
      push.subscribe(ALICE, "education");
      push.subscribe(DAVE, "education");
      assertEquals(Set.of("education"), push.subscriptions("alice"));
      assertThrows(ValidationException.class, () -> push.subscribe(ALICE, "no-such-concept"));
      kb.put(item("k12-case", "K-12 case", "c", Acl.PUBLIC, "k12"));
      kb.put(item("k12-case", "K-12 case, revised", "c", Acl.PUBLIC, "k12"));
      kb.put(item("sales-only", "Sales only", "c", Acl.groups("sales"), "education"));
      kb.put(KnowledgeItem.builder("mine", ItemKind.SOLUTION, "Mine").acl(Acl.PUBLIC).concepts(List.of("education"))
          .authors("alice").build());
      kb.put(item("health", "Health", "c", Acl.PUBLIC, "healthcare"));
      assertTrue(push.unsubscribe("dave", "education"));
      kb.put(item("after", "After", "c", Acl.PUBLIC, "education"));
      drain(push, clock);
      List<String> seen = got.stream().map(n -> n.subscriber().userId() + " " + n.item().id() + " v" + n.item().version()
          + (n.created() ? " new" : " updated")).toList();
      assertEquals(new java.util.TreeSet<>(List.of("alice k12-case v1 new", "dave k12-case v1 new", "alice k12-case v2 updated",
          "dave k12-case v2 updated", "alice sales-only v1 new", "dave mine v1 new", "alice after v1 new")),
          new java.util.TreeSet<>(seen), "not dave's sales-only (no access), not alice's own item, nothing after dave left");
      assertEquals(7, seen.size(), "each once");
    }
  }

  /** An interrupt would close the knowledge base's files under a listener's (or a renewal's) write. */
  @Test
  void close_waitsForTheDeliveryInProgress_withoutInterruptingIt() throws Exception {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = kb(clock)) {
      KnowledgePush push = push(kb, only("freshness").build());
      CountDownLatch entered = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      List<String> outcome = new CopyOnWriteArrayList<>();
      push.addPushListener((event, recs) -> {
        entered.countDown();
        try {
          release.await();
          kb.record(UsageEvent.ofItem(UsageEventType.VIEW, clock.instant(), ALICE, "written-by-a-listener"));
          outcome.add("written");
        } catch (InterruptedException e) {
          outcome.add("interrupted");
        }
      });
      push.publish(WorkflowEvent.of("step", WorkContext.builder(ALICE, clock.instant()).build()));
      assertTrue(entered.await(10, TimeUnit.SECONDS));
      Thread closer = new Thread(push::close);
      closer.start();
      Thread.sleep(200);
      release.countDown();
      closer.join(10_000);
      assertEquals(List.of("written"), outcome);
      kb.refresh();
      assertEquals(1, kb.events().count(EventQuery.builder().items("written-by-a-listener").build()));
    }
  }

  private static KnowledgeBase kbIn(Path dir, TestClock clock, Duration retention) {
    KnowledgeBaseBuilder b = KnowledgeBase.builder().directory(dir).clock(clock).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).taxonomy(TAXONOMY);
    return retention == null ? b.build() : b.eventRetention(retention).build();
  }

  private static long subscribeEvents(KnowledgeBase kb) {
    kb.refresh();
    return kb.events().count(EventQuery.builder().types(KnowledgePush.SUBSCRIBE).build());
  }

  @Test
  void subscriptions_areKeptAsEvents_andAreThereAgainAfterReopening(@TempDir Path dir) throws InterruptedException {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = kbIn(dir, clock, null); KnowledgePush push = push(kb, only("freshness").build())) {
      push.subscribe(ALICE, "education");
      push.subscribe(ALICE, "healthcare");
      push.subscribe(DAVE, "education");
      assertTrue(push.unsubscribe("alice", "healthcare"));
      assertFalse(push.unsubscribe("alice", "healthcare"), "already ended");
      assertFalse(push.unsubscribe("carol", "education"), "never subscribed");
      // All at one instant of the clock: each action still decides over the ones before it.
      push.subscribe(DAVE, "healthcare");
      assertTrue(push.unsubscribe("dave", "healthcare"));
      push.subscribe(DAVE, "healthcare");
      assertEquals(Set.of("education", "healthcare"), push.subscriptions("dave"));
      kb.commit();
    }
    try (KnowledgeBase kb = kbIn(dir, clock, null); KnowledgePush push = push(kb, only("freshness").build())) {
      assertEquals(Set.of("education"), push.subscriptions("alice"));
      assertEquals(Set.of("education", "healthcare"), push.subscriptions("dave"));
      assertEquals(5, subscribeEvents(kb));
      List<ItemNotification> got = new CopyOnWriteArrayList<>();
      push.addItemListener(got::add);
      kb.put(item("sales-only", "Sales only", "c", Acl.groups("sales"), "education"));
      drain(push, clock);
      assertEquals(List.of("alice sales-only"), got.stream().map(n -> n.subscriber().userId() + " " + n.item().id()).toList(),
          "the subscriber's groups were kept with the subscription: alice (sales) reads it, dave (delivery) does not");
    }
  }

  @Test
  void subscriptions_olderThanHalfTheEventRetention_areRecordedAgain_andOutliveThePurge(@TempDir Path dir)
      throws InterruptedException {
    TestClock clock = new TestClock();
    Duration retention = Duration.ofDays(30);
    try (KnowledgeBase kb = kbIn(dir, clock, retention); KnowledgePush push = push(kb, only("freshness").build())) {
      push.subscribe(ALICE, "education");
      clock.advance(Duration.ofDays(10));
      kb.refresh();
      drain(push, clock);
      assertEquals(1, subscribeEvents(kb), "ten days old: not yet renewed");
      clock.advance(Duration.ofDays(6));
      kb.refresh(); // a refresh checks (at most hourly) whether subscriptions need renewing
      drain(push, clock);
      assertEquals(2, subscribeEvents(kb), "sixteen days old: renewed");
      clock.advance(Duration.ofDays(20));
      kb.commit(); // the first subscribe event, 36 days old, is purged
      assertEquals(1, subscribeEvents(kb));
    }
    try (KnowledgeBase kb = kbIn(dir, clock, retention); KnowledgePush push = push(kb, only("freshness").build())) {
      assertEquals(Set.of("education"), push.subscriptions("alice"));
    }
  }

  /** Waits until the notification thread has delivered everything queued so far. */
  static void drain(KnowledgePush push, TestClock clock) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    PushListener barrier = (e, r) -> done.countDown();
    push.addPushListener(barrier);
    push.publish(WorkflowEvent.of("barrier", WorkContext.builder(ALICE, clock.instant()).build()));
    assertTrue(done.await(10, TimeUnit.SECONDS));
    push.removePushListener(barrier);
  }

  @Test
  void rules_badJson_namesTheRule() {
    ValidationException e = assertThrows(ValidationException.class, () -> PushRules.fromJson("""
        [{"id": "ok", "when": {"stage": "proposal"}, "items": ["a"]},
         {"id": "broken", "when": {"stage": "proposal"}}]"""));
    assertTrue(e.getMessage().contains("rules[1]") && e.getMessage().contains("broken"), e.getMessage());
  }
}
