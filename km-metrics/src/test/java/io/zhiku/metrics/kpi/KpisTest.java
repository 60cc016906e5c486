package io.zhiku.metrics.kpi;

import static io.zhiku.core.event.UsageEventType.ACCEPTED;
import static io.zhiku.core.event.UsageEventType.CLICK;
import static io.zhiku.core.event.UsageEventType.CONTRIBUTE;
import static io.zhiku.core.event.UsageEventType.HELPFUL;
import static io.zhiku.core.event.UsageEventType.PUSH_ACCEPTED;
import static io.zhiku.core.event.UsageEventType.PUSH_SHOWN;
import static io.zhiku.core.event.UsageEventType.QUESTION_ASKED;
import static io.zhiku.core.event.UsageEventType.RATE;
import static io.zhiku.core.event.UsageEventType.REUSE;
import static io.zhiku.core.event.UsageEventType.VIEW;
import static io.zhiku.metrics.kpi.Recorder.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.ItemStatus;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.metrics.compare.Verdict;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every standard KPI on a small month of events, against values computed by hand. */
public class KpisTest {
  public static final Taxonomy TAXONOMY = Taxonomy.builder().scheme(ConceptScheme.of("s", "en", "S"))
      .concept(Concept.builder("c0", "s").build())
      .concept(Concept.builder("c1", "s").broader("c0").build())
      .concept(Concept.builder("c2", "s").broader("c0").build())
      .concept(Concept.builder("c3", "s").broader("c1").build())
      .build();
  static final KpiPeriod JANUARY = KpiPeriod.month(YearMonth.of(2026, 1), ZoneOffset.UTC);

  static KnowledgeItem item(String id, String author, ItemStatus status, String created, String concept) {
    return KnowledgeItem.builder(id, ItemKind.SOLUTION, "title " + id).authors(author).acl(Acl.PUBLIC).status(status)
        .concepts(concept).ownerUnit("u-" + author).stored(at(created), at(created), 1).build();
  }

  /** The month of January 2026 (and what falls just before and after it), each line with what it is for. */
  public static Recorder january() {
    Recorder r = new Recorder();
    // Items: i1 current and verified (covers c1); i2 overdue for review on Feb 1; i3 never verified;
    // i4 a draft; i5 created after the month.
    r.item(item("i1", "a1", ItemStatus.PUBLISHED, "2025-12-01T00:00:00Z", "c1").toBuilder()
        .verified("v1", at("2025-12-10T00:00:00Z")).reviewBy(at("2026-06-01T00:00:00Z")).build());
    r.item(item("i2", "a2", ItemStatus.PUBLISHED, "2025-12-01T00:00:00Z", "c2").toBuilder()
        .verified("v1", at("2025-12-10T00:00:00Z")).reviewBy(at("2026-01-15T00:00:00Z")).build());
    r.item(item("i3", "a1", ItemStatus.PUBLISHED, "2025-12-01T00:00:00Z", "c1"));
    r.item(item("i4", "a1", ItemStatus.DRAFT, "2025-12-01T00:00:00Z", "c1"));
    r.item(item("i5", "a2", ItemStatus.PUBLISHED, "2026-02-10T00:00:00Z", "c2"));
    // Reuse: u9 reuses i1 (30 min saved) and i2 (no value); the author a1 reuses i3 (60 min): not reuse by others.
    r.valued(REUSE, "u9", "2026-01-05T10:00:00Z", "i1", 30);
    r.event(REUSE, "u9", "2026-01-06T10:00:00Z", "i2");
    r.valued(REUSE, "a1", "2026-01-07T10:00:00Z", "i3", 60);
    // Searches: s1 succeeds (click in 5 min), fails (searches again before using), succeeds (view in 1 min);
    // s2 uses an item only after 60 min: fails; s3 at the month's end succeeds by a click just after it;
    // s4 searches in February: not counted.
    r.search("s1", "2026-01-10T10:00:00Z", 5).event(CLICK, "s1", "2026-01-10T10:05:00Z", "i1");
    r.search("s1", "2026-01-10T11:00:00Z", 0).search("s1", "2026-01-10T11:01:00Z", 3)
        .event(VIEW, "s1", "2026-01-10T11:02:00Z", "i1");
    r.search("s2", "2026-01-11T12:00:00Z", 2).event(VIEW, "s2", "2026-01-11T13:00:00Z", "i3");
    r.search("s3", "2026-01-31T23:50:00Z", 4).event(CLICK, "s3", "2026-02-01T00:10:00Z", "i1");
    r.search("s4", "2026-02-01T00:05:00Z", 0);
    // Push: four shown, one accepted.
    r.event(PUSH_SHOWN, "p1", "2026-01-12T09:00:00Z", "i1").event(PUSH_SHOWN, "p1", "2026-01-12T09:00:00Z", "i2")
        .event(PUSH_SHOWN, "p2", "2026-01-12T09:00:00Z", "i1").event(PUSH_SHOWN, "p2", "2026-01-12T09:00:00Z", "i3")
        .event(PUSH_ACCEPTED, "p1", "2026-01-12T09:01:00Z", "i1");
    // Questions: q1 answered in 4 h; q2 asked in December, answered in 12 h; q3 never answered.
    r.keyed(QUESTION_ASKED, "e1", "2026-01-02T09:00:00Z", null, Kpis.QUESTION, "q1", null)
        .keyed(ACCEPTED, "e1", "2026-01-02T13:00:00Z", "i1", Kpis.QUESTION, "q1", null)
        .keyed(QUESTION_ASKED, "e1", "2025-12-31T20:00:00Z", null, Kpis.QUESTION, "q2", null)
        .keyed(ACCEPTED, "e1", "2026-01-01T08:00:00Z", "i1", Kpis.QUESTION, "q2", null)
        .keyed(QUESTION_ASKED, "e1", "2026-01-20T09:00:00Z", null, Kpis.QUESTION, "q3", null);
    // Cases: k1 10 h with knowledge (a view in its context); k2 24 h without; k3 opened in December with
    // an item reused then, closed after 72 h; k4 closed without an opening; k5 opened, never closed.
    r.keyed(Kpis.CASE_OPENED, "x1", "2026-01-03T08:00:00Z", null, Kpis.CASE, "k1", null)
        .keyed(VIEW, "x1", "2026-01-03T09:00:00Z", "i1", Kpis.CASE, "k1", null)
        .keyed(Kpis.CASE_CLOSED, "x1", "2026-01-03T18:00:00Z", null, Kpis.CASE, "k1", null)
        .keyed(Kpis.CASE_OPENED, "x1", "2026-01-04T08:00:00Z", null, Kpis.CASE, "k2", null)
        .keyed(Kpis.CASE_CLOSED, "x1", "2026-01-05T08:00:00Z", null, Kpis.CASE, "k2", null)
        .keyed(Kpis.CASE_OPENED, "x1", "2025-12-30T08:00:00Z", null, Kpis.CASE, "k3", null)
        .keyed(REUSE, "x1", "2025-12-30T10:00:00Z", "i1", Kpis.CASE, "k3", null)
        .keyed(Kpis.CASE_CLOSED, "x1", "2026-01-02T08:00:00Z", null, Kpis.CASE, "k3", null)
        .keyed(Kpis.CASE_CLOSED, "x1", "2026-01-06T08:00:00Z", null, Kpis.CASE, "k4", null)
        .keyed(Kpis.CASE_OPENED, "x1", "2026-01-07T08:00:00Z", null, Kpis.CASE, "k5", null);
    // Projects: pr1 from 1 June 2025 to 10 January, succeeded (223 days); pr2 20 days, failed.
    r.keyed(Kpis.PROJECT_STARTED, "m1", "2025-06-01T00:00:00Z", null, WorkContext.PROJECT, "pr1", null)
        .keyed(Kpis.PROJECT_ENDED, "m1", "2026-01-10T00:00:00Z", null, WorkContext.PROJECT, "pr1", 1.0)
        .keyed(Kpis.PROJECT_STARTED, "m1", "2026-01-05T00:00:00Z", null, WorkContext.PROJECT, "pr2", null)
        .keyed(Kpis.PROJECT_ENDED, "m1", "2026-01-25T00:00:00Z", null, WorkContext.PROJECT, "pr2", 0.0);
    // Proposals: three in January, one in February.
    r.event(Kpis.PROPOSAL, "r1", "2026-01-08T00:00:00Z", null).event(Kpis.PROPOSAL, "r2", "2026-01-09T00:00:00Z", null)
        .event(Kpis.PROPOSAL, "r1", "2026-01-30T00:00:00Z", null).event(Kpis.PROPOSAL, "r3", "2026-02-02T00:00:00Z", null);
    // Contributions: a1 twice, a2 once.
    r.event(CONTRIBUTE, "a1", "2026-01-04T00:00:00Z", "i1").event(CONTRIBUTE, "a1", "2026-01-05T00:00:00Z", "i3")
        .event(CONTRIBUTE, "a2", "2026-01-06T00:00:00Z", "i2");
    // Ratings 4, 2, 3; helpful votes yes, no, and a bare one.
    r.valued(RATE, "t1", "2026-01-15T00:00:00Z", "i1", 4).valued(RATE, "t2", "2026-01-15T00:00:00Z", "i2", 2)
        .valued(RATE, "t1", "2026-01-16T00:00:00Z", "i1", 3);
    r.valued(HELPFUL, "t1", "2026-01-15T00:00:00Z", "i1", 1).valued(HELPFUL, "t2", "2026-01-15T00:00:00Z", "i1", 0)
        .event(HELPFUL, "t3", "2026-01-15T00:00:00Z", "i2");
    return r;
  }

  @Test
  void everyStandardKpi_matchesTheHandComputedValue() {
    Recorder r = january();
    KpiReport report = KpiEngine.builder(r.source(TAXONOMY)).build().report(JANUARY, KpiSegment.ALL);

    assertRate(report, Kpis.REUSE_RATE, 2, 3); // i1, i2 of the published i1, i2, i3
    assertRate(report, Kpis.SEARCH_SUCCESS_RATE, 3, 5);
    assertRate(report, Kpis.ZERO_RESULT_RATE, 1, 5);
    assertRate(report, Kpis.PUSH_ACCEPTANCE_RATE, 1, 4);
    assertMean(report, Kpis.TIME_TO_ANSWER, 8, 2); // (4 + 12) / 2 hours
    assertMean(report, Kpis.RESOLUTION_TIME, (10 + 24 + 72) / 3.0, 3);
    assertTrue(report.value(Kpis.RESOLUTION_TIME).note().contains("closings without an earlier opening left out: 1"));
    assertMean(report, Kpis.RESOLUTION_TIME_WITH_KNOWLEDGE, (10 + 72) / 2.0, 2);
    assertMean(report, Kpis.RESOLUTION_TIME_WITHOUT_KNOWLEDGE, 24, 1);
    assertMean(report, Kpis.PROJECT_CYCLE_TIME, (223 + 20) / 2.0, 2);
    assertRate(report, Kpis.PROJECT_FAILURE_RATE, 1, 2);
    assertEquals(3, value(report, Kpis.INNOVATION_PROPOSALS));
    assertEquals(3, value(report, Kpis.CONTRIBUTIONS));
    assertEquals(2, value(report, Kpis.CONTRIBUTORS));
    Set<String> active = r.events.stream().filter(e -> JANUARY.contains(e.time().toEpochMilli()))
        .map(e -> e.principal().userId()).collect(Collectors.toSet());
    assertEquals(Set.of("u9", "a1", "a2", "s1", "s2", "s3", "p1", "p2", "e1", "x1", "m1", "r1", "r2", "t1", "t2", "t3"), active);
    assertEquals(active.size(), value(report, Kpis.ACTIVE_USERS));
    assertRate(report, Kpis.COVERAGE, 1, 4); // c1 of c0..c3
    assertRate(report, Kpis.OVERDUE_REVIEWS, 1, 3); // i2
    assertMean(report, Kpis.SATISFACTION, 3, 3);
    assertRate(report, Kpis.HELPFUL_SHARE, 2, 3);
    assertEquals(1.5, value(report, Kpis.TIME_SAVED), 1e-12); // (30 + 60) / 60; the reuse without a value adds nothing
    assertTrue(report.value(Kpis.TIME_SAVED).note().contains("events without a value left out: 1"), report.value(Kpis.TIME_SAVED).note());
    assertEquals(Kpis.standard().size(), report.results().size());
  }

  @Test
  void eachKpiAlone_givesWhatItGaveInTheFullReport() {
    KpiEngine metrics = KpiEngine.builder(january().source(TAXONOMY)).build();
    KpiReport all = metrics.report(JANUARY, KpiSegment.ALL);
    for (KpiResult r : all.results()) {
      assertEquals(r.value(), metrics.report(JANUARY, KpiSegment.ALL, List.of(r.kpi().id())).value(r.kpi().id()), r.kpi().id());
    }
  }

  @Test
  void adoptionRate_isActivePeopleOverTheHeadcount() {
    KpiEngine metrics = KpiEngine.builder(january().source(TAXONOMY))
        .catalogue(KpiCatalogue.standard().with(Kpis.adoptionRate(32))).build();
    assertRate(metrics.report(JANUARY, KpiSegment.ALL), Kpis.ADOPTION_RATE, 16, 32);
  }

  /**
   * Every standard KPI reads in English and in Chinese: the same id, unit, direction and events, its own
   * words, every argument filled in (the adoption rate's headcount, the search window, the context
   * attribute); a report in Chinese carries the Chinese definitions and notes beside the same figures.
   */
  @Test
  void everyStandardKpi_isDefinedInEnglishAndChinese() {
    List<Kpi> kpis = new java.util.ArrayList<>(Kpis.standard());
    kpis.add(Kpis.adoptionRate(32));
    for (Kpi k : kpis) {
      KpiDefinition en = k.definition();
      assertEquals(en, k.definition(java.util.Locale.ENGLISH), en.id());
      assertEquals(en, k.definition(java.util.Locale.FRENCH), "other languages read English: " + en.id());
      KpiDefinition zh = k.definition(java.util.Locale.SIMPLIFIED_CHINESE);
      assertEquals(List.of(en.id(), en.unit(), en.direction(), en.events(), en.lookahead()),
          List.of(zh.id(), zh.unit(), zh.direction(), zh.events(), zh.lookahead()), en.id());
      for (String text : List.of(en.name(), en.definition(), en.formula(), zh.name(), zh.definition(), zh.formula())) {
        assertFalse(text.matches(".*\\{\\d}.*"), "an argument left unfilled in " + en.id() + ": " + text);
      }
      assertNotEquals(en.name(), zh.name(), en.id());
      assertNotEquals(en.definition(), zh.definition(), en.id());
    }
    assertTrue(Kpis.adoptionRate(32).definition(java.util.Locale.CHINA).definition().contains("32 人"));
    assertTrue(Kpis.standard().get(1).definition(java.util.Locale.CHINA).definition().contains("30 分钟"));
    KpiEngine zh = KpiEngine.builder(january().source(TAXONOMY)).build().inLocale(java.util.Locale.CHINA);
    assertEquals(java.util.Locale.SIMPLIFIED_CHINESE, zh.locale());
    KpiReport report = zh.report(JANUARY, KpiSegment.ALL);
    assertEquals("知识复用率", report.results().get(0).kpi().name());
    assertEquals(KpiEngine.builder(january().source(TAXONOMY)).build().report(JANUARY, KpiSegment.ALL).results().stream()
        .map(r -> r.value().value()).toList(), report.results().stream().map(r -> r.value().value()).toList());
    List<String> notes = report.results().stream().map(r -> r.value().note()).filter(n -> !n.isEmpty()).toList();
    assertFalse(notes.isEmpty());
    assertTrue(notes.stream().allMatch(n -> n.matches(".*[\\u4e00-\\u9fff].*")), "notes in Chinese: " + notes);
  }

  /**
   * The before/after table of the product's source article, produced from events: project cycle 180 →
   * 120 days (−33%), proposals 50 → 80 (+60%), reuse 20% → 50% (+150%), failure rate 25% → 15% (−40%),
   * satisfaction 70 → 85 (+21%).
   */
  @Test
  void theSourceArticlesTable_fromEvents() {
    Recorder r = new Recorder();
    for (int i = 0; i < 10; i++) {
      r.item(item("i" + i, "author", ItemStatus.PUBLISHED, "2023-01-01T00:00:00Z", "c1"));
    }
    year(r, 2024, 180, 5, 50, 2, 60, 80);
    year(r, 2025, 120, 3, 80, 5, 75, 95);
    KpiPeriod y2024 = KpiPeriod.of(at("2024-01-01T00:00:00Z"), at("2025-01-01T00:00:00Z"));
    KpiPeriod y2025 = KpiPeriod.of(at("2025-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"));
    List<KpiComparison> table = KpiEngine.builder(r.source(TAXONOMY)).build().compare(y2024, y2025, KpiSegment.ALL);

    assertChange(table, Kpis.PROJECT_CYCLE_TIME, 180, 120, -1.0 / 3, Verdict.IMPROVED);
    assertChange(table, Kpis.INNOVATION_PROPOSALS, 50, 80, 0.60, Verdict.IMPROVED);
    assertChange(table, Kpis.REUSE_RATE, 0.20, 0.50, 1.50, Verdict.NO_CLEAR_CHANGE); // 2 of 10 vs 5 of 10 items
    assertChange(table, Kpis.PROJECT_FAILURE_RATE, 0.25, 0.15, -0.40, Verdict.NO_CLEAR_CHANGE); // 5 of 20 vs 3 of 20
    assertChange(table, Kpis.SATISFACTION, 70, 85, 15.0 / 70, Verdict.IMPROVED);
    KpiComparison zero = find(table, Kpis.ZERO_RESULT_RATE);
    assertTrue(zero.comparison().isEmpty(), "no searches in either year: nothing to compare");
    assertEquals("nothing to count in the period", zero.current().note());
  }

  /** 20 projects of {@code days} with {@code failed} failures, proposals, reuse of {@code reused} items, ratings low/high. */
  private static void year(Recorder r, int year, int days, int failed, int proposals, int reused, double low, double high) {
    for (int p = 0; p < 20; p++) {
      String key = year + "-p" + p;
      java.time.Instant end = at(year + "-07-01T00:00:00Z").plus(java.time.Duration.ofHours(p));
      r.keyed(Kpis.PROJECT_STARTED, "m", end.minus(java.time.Duration.ofDays(days)).toString(), null, WorkContext.PROJECT, key, null);
      r.keyed(Kpis.PROJECT_ENDED, "m", end.toString(), null, WorkContext.PROJECT, key, p < failed ? 0.0 : 1.0);
    }
    for (int i = 0; i < proposals; i++) {
      r.event(Kpis.PROPOSAL, "r" + i % 7, year + "-03-01T00:00:00Z", null);
    }
    for (int i = 0; i < reused; i++) {
      r.event(REUSE, "user", year + "-04-01T00:00:00Z", "i" + i);
    }
    for (int i = 0; i < 20; i++) {
      r.valued(RATE, "t" + i, year + "-05-01T00:00:00Z", "i0", i % 2 == 0 ? low : high);
    }
  }

  private static KpiComparison find(List<KpiComparison> table, String id) {
    return table.stream().filter(c -> c.kpi().id().equals(id)).findFirst().orElseThrow();
  }

  private static void assertChange(List<KpiComparison> table, String id, double before, double after, double relative, Verdict verdict) {
    KpiComparison c = find(table, id);
    assertEquals(before, c.baseline().value().orElseThrow(), 1e-9, id);
    assertEquals(after, c.current().value().orElseThrow(), 1e-9, id);
    assertEquals(relative, c.comparison().orElseThrow().relativeChange().orElseThrow(), 1e-9, id);
    assertEquals(verdict, c.comparison().orElseThrow().verdict(), id + ": " + c.comparison().orElseThrow().note());
  }

  static double value(KpiReport report, String id) {
    return report.value(id).value().orElseThrow();
  }

  static void assertRate(KpiReport report, String id, long hits, long trials) {
    KpiValue v = report.value(id);
    assertEquals(KpiValue.Shape.RATE, v.shape(), id);
    assertEquals(hits + "/" + trials, v.hits() + "/" + v.trials(), id);
    assertEquals((double) hits / trials, v.value().orElseThrow(), 1e-12, id);
  }

  static void assertMean(KpiReport report, String id, double mean, int n) {
    KpiValue v = report.value(id);
    assertEquals(KpiValue.Shape.MEAN, v.shape(), id);
    assertEquals(n, v.observations().length, id + ": " + v);
    assertEquals(mean, v.value().orElseThrow(), 1e-9, id);
  }
}
