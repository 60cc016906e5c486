package io.zhiku.metrics.kpi;

import static io.zhiku.core.event.UsageEventType.CONTRIBUTE;
import static io.zhiku.core.event.UsageEventType.PUSH_ACCEPTED;
import static io.zhiku.core.event.UsageEventType.PUSH_SHOWN;
import static io.zhiku.core.event.UsageEventType.REUSE;
import static io.zhiku.metrics.kpi.KpisTest.JANUARY;
import static io.zhiku.metrics.kpi.KpisTest.TAXONOMY;
import static io.zhiku.metrics.kpi.KpisTest.assertRate;
import static io.zhiku.metrics.kpi.KpisTest.value;
import static io.zhiku.metrics.kpi.Recorder.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.NotFoundException;
import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.Progress;
import io.zhiku.metrics.compare.KpiDirection;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Segments, viewers, trends, host KPIs and bad input. */
class KpiEngineTest {
  private static final Principal SALES_EDU = Principal.of("s1", Set.of("sales"), Set.of("account-manager"));
  private static final Principal SERVICE = Principal.of("v1", Set.of("service"), Set.of("agent"));

  /** Contributions by people of two units and roles, about items of two kinds and concepts, in two industries. */
  private static Recorder segmented() {
    Recorder r = new Recorder();
    r.item(KnowledgeItem.builder("sol", ItemKind.SOLUTION, "a solution").concepts("c3").acl(Acl.PUBLIC).ownerUnit("sales").build());
    r.item(KnowledgeItem.builder("faq", ItemKind.FAQ, "a faq").concepts("c2").acl(Acl.PUBLIC).ownerUnit("service").build());
    add(r, SALES_EDU, "sol", "education", 3);
    add(r, SALES_EDU, "faq", "healthcare", 2);
    add(r, SERVICE, "faq", "education", 5);
    return r;
  }

  private static void add(Recorder r, Principal who, String item, String industry, int n) {
    for (int i = 0; i < n; i++) {
      var t = at("2026-01-10T00:00:00Z").plusSeconds(i);
      r.add(new UsageEvent(null, CONTRIBUTE, t, who, item,
          WorkContext.builder(who, t).attribute(WorkContext.INDUSTRY, industry).build(), null, null, null));
    }
  }

  private static double contributions(Recorder r, KpiSegment segment) {
    return value(KpiEngine.builder(r.source(TAXONOMY)).build().report(JANUARY, segment, List.of(Kpis.CONTRIBUTIONS)),
        Kpis.CONTRIBUTIONS);
  }

  @Test
  void segments_selectEventsByUnitRoleAttributeConceptAndKind() {
    Recorder r = segmented();
    assertEquals(10, contributions(r, KpiSegment.ALL));
    assertEquals(5, contributions(r, KpiSegment.unit("sales")));
    assertEquals(5, contributions(r, KpiSegment.role("agent")));
    assertEquals(8, contributions(r, KpiSegment.ALL.withAttribute(WorkContext.INDUSTRY, "education")));
    assertEquals(3, contributions(r, KpiSegment.unit("sales").withAttribute(WorkContext.INDUSTRY, "education")));
    assertEquals(3, contributions(r, KpiSegment.concept("c1")), "c3 is narrower than c1");
    assertEquals(10, contributions(r, KpiSegment.concept("c0")));
    assertEquals(7, contributions(r, KpiSegment.kind(ItemKind.FAQ)));
    assertEquals(0, contributions(r, KpiSegment.concept("unknown")));
  }

  @Test
  void progress_reportsTheEventsRead_withOneLastReportPerCall() {
    Recorder r = segmented();
    List<Progress> heard = new CopyOnWriteArrayList<>();
    KpiEngine m = KpiEngine.builder(r.source(TAXONOMY)).progressListener(heard::add).build();
    m.report(JANUARY, KpiSegment.ALL);
    assertEquals(List.of(new Progress(Progress.KPI_REPORT, 10, -1, last(heard).elapsed(), true)), heard.stream().filter(Progress::finished).toList());
    heard.clear();
    m.compare(JANUARY, JANUARY, KpiSegment.ALL);
    assertEquals(1, heard.stream().filter(Progress::finished).count(), "one piece of work");
    assertEquals(20, last(heard).done(), "both periods read");
    heard.clear();
    m.forViewer(SALES_EDU).trend(JANUARY, Granularity.MONTH, KpiSegment.ALL, List.of());
    assertTrue(last(heard).finished(), "a viewer's engine reports too");
  }

  private static Progress last(List<Progress> heard) {
    return heard.get(heard.size() - 1);
  }

  @Test
  void segments_selectItemsByOwnerUnitConceptAndKind() {
    Recorder r = segmented();
    KpiEngine m = KpiEngine.builder(r.source(TAXONOMY)).build();
    assertRate(m.report(JANUARY, KpiSegment.ALL, List.of(Kpis.COVERAGE)), Kpis.COVERAGE, 0, 4);
    assertEquals(2, m.report(JANUARY, KpiSegment.ALL, List.of(Kpis.OVERDUE_REVIEWS)).value(Kpis.OVERDUE_REVIEWS).trials());
    assertEquals(1, m.report(JANUARY, KpiSegment.unit("service"), List.of(Kpis.OVERDUE_REVIEWS)).value(Kpis.OVERDUE_REVIEWS).trials());
    assertEquals(2, m.report(JANUARY, KpiSegment.concept("c1"), List.of(Kpis.COVERAGE)).value(Kpis.COVERAGE).trials(),
        "coverage of c1 is over c1 and c3");
  }

  @Test
  void aViewer_neverCountsEventsAboutItemsTheyMayNotRead() {
    Recorder r = new Recorder();
    r.item(KnowledgeItem.builder("open", ItemKind.SOLUTION, "open").acl(Acl.PUBLIC).build());
    r.item(KnowledgeItem.builder("secret", ItemKind.SOLUTION, "secret").acl(Acl.groups("board")).build());
    for (String item : List.of("open", "secret", "secret", "secret")) {
      r.event(PUSH_SHOWN, "u1", "2026-01-05T00:00:00Z", item).event(PUSH_ACCEPTED, "u1", "2026-01-05T00:01:00Z", item);
      r.event(REUSE, "u2", "2026-01-05T00:00:00Z", item);
    }
    r.event(PUSH_SHOWN, "u1", "2026-01-05T00:00:00Z", "deleted");
    KpiEngine host = KpiEngine.builder(r.source(TAXONOMY)).build();
    KpiEngine clerk = host.forViewer(Principal.of("clerk"));
    KpiEngine board = host.forViewer(Principal.of("chair", Set.of("board"), Set.of()));

    assertRate(host.report(JANUARY, KpiSegment.ALL), Kpis.PUSH_ACCEPTANCE_RATE, 4, 5);
    assertRate(clerk.report(JANUARY, KpiSegment.ALL), Kpis.PUSH_ACCEPTANCE_RATE, 1, 1);
    assertRate(board.report(JANUARY, KpiSegment.ALL), Kpis.PUSH_ACCEPTANCE_RATE, 4, 4);
    assertRate(clerk.report(JANUARY, KpiSegment.ALL), Kpis.REUSE_RATE, 1, 1);
    assertRate(host.report(JANUARY, KpiSegment.ALL), Kpis.REUSE_RATE, 2, 2);
    assertEquals(2, value(clerk.report(JANUARY, KpiSegment.ALL), Kpis.ACTIVE_USERS));
    assertEquals(List.of(new ItemUsage("open", "open", 0, 0, 1)), clerk.topItems(JANUARY, KpiSegment.ALL, 10));
    assertEquals(List.of("secret", "open"), host.topItems(JANUARY, KpiSegment.ALL, 10).stream().map(ItemUsage::itemId).toList());
    assertEquals(List.of("secret", "open"), board.topItems(JANUARY, KpiSegment.ALL, 10).stream().map(ItemUsage::itemId).toList());
  }

  @Test
  void trend_byMonthAndQuarter_cutToThePeriod_andAddsUpForCounts() {
    Recorder r = new Recorder();
    for (int d = 0; d < 200; d++) {
      r.event(CONTRIBUTE, "u" + d % 3, at("2026-01-20T12:00:00Z").plus(Duration.ofDays(d)).toString(), "i1");
    }
    KpiEngine m = KpiEngine.builder(r.source(TAXONOMY)).zone(ZoneId.of("Asia/Shanghai")).build();
    KpiPeriod span = KpiPeriod.of(at("2026-01-15T00:00:00Z"), at("2026-08-10T00:00:00Z"));
    List<KpiReport> months = m.trend(span, Granularity.MONTH, KpiSegment.ALL, List.of(Kpis.CONTRIBUTIONS)).stream()
        .map(TrendPoint::report).toList();
    assertEquals(8, months.size()); // January to August
    assertEquals(span.start(), months.get(0).period().start());
    assertEquals(at("2026-01-31T16:00:00Z"), months.get(0).period().end(), "February begins at midnight in Shanghai");
    assertEquals(span.end(), months.get(7).period().end());
    double total = value(m.report(span, KpiSegment.ALL, List.of(Kpis.CONTRIBUTIONS)), Kpis.CONTRIBUTIONS);
    assertEquals(total, months.stream().mapToDouble(x -> value(x, Kpis.CONTRIBUTIONS)).sum());
    assertEquals(List.of(true, false, false, false, false, false, false, true),
        m.trend(span, Granularity.MONTH, KpiSegment.ALL, List.of(Kpis.CONTRIBUTIONS)).stream().map(TrendPoint::partial).toList(),
        "the span starts and ends inside a month");
    assertTrue(KpiPeriod.of(at("2026-01-31T16:00:00Z"), at("2026-03-31T16:00:00Z")).split(Granularity.MONTH, ZoneId.of("Asia/Shanghai"))
        .stream().noneMatch(KpiPeriod.LabelledPeriod::partial), "whole Shanghai months");
    List<KpiPeriod.LabelledPeriod> quarters = span.split(Granularity.QUARTER, ZoneOffset.UTC);
    assertEquals(List.of("2026-Q1", "2026-Q2", "2026-Q3"), quarters.stream().map(KpiPeriod.LabelledPeriod::label).toList());
    assertEquals(List.of("2026-01", "2026-02"),
        span.split(Granularity.MONTH, ZoneOffset.UTC).stream().limit(2).map(KpiPeriod.LabelledPeriod::label).toList());
  }

  /**
   * Over a period of 40,000 years a person's number no longer fits beside the time in one long: search
   * success then keeps people and times apart, with the same figures as over January.
   */
  @Test
  void searchSuccess_overAVeryLongPeriod_keepsPeopleApart() {
    Recorder r = new Recorder();
    int people = 8300; // more than fit beside the 50 bits of time of the longest period (2^13 = 8,192)
    for (int u = 0; u < people; u++) {
      java.time.Instant t = Recorder.at("2026-01-05T00:00:00Z").plusSeconds(10L * u);
      r.search("u" + u, t.toString(), 3);
      r.event(UsageEventType.CLICK, "u" + u, t.plusSeconds(u % 3 == 0 ? 2400 : 60).toString(), "i1");
    }
    KpiEngine m = KpiEngine.builder(r.source(TAXONOMY)).build();
    KpiPeriod ages = KpiPeriod.of(io.zhiku.core.Instants.EARLIEST, io.zhiku.core.Instants.LATEST);
    long successes = people - (people + 2) / 3; // every third clicked after 40 minutes
    assertRate(m.report(ages, KpiSegment.ALL, List.of(Kpis.SEARCH_SUCCESS_RATE)), Kpis.SEARCH_SUCCESS_RATE, successes, people);
    assertRate(m.report(JANUARY, KpiSegment.ALL, List.of(Kpis.SEARCH_SUCCESS_RATE)), Kpis.SEARCH_SUCCESS_RATE, successes, people);
  }

  /** A KPI the host defines: proposals that were won, from a host event type. */
  @Test
  void aHostKpi_registersThroughTheSameInterface() {
    UsageEventType won = UsageEventType.of("proposal-won");
    Kpi wins = new Kpi() {
      private final KpiDefinition definition = KpiDefinition.builder("proposals-won", "Proposals won", KpiUnit.COUNT,
          KpiDirection.HIGHER_IS_BETTER).describe("Sales proposals won in the period.", "count of proposal-won events")
          .events(won).build();

      @Override
      public KpiDefinition definition() {
        return definition;
      }

      @Override
      public Collector collector(KpiScope scope) {
        return new Collector() {
          private long n;

          @Override
          public void accept(EventRow row) {
            n++;
          }

          @Override
          public KpiValue finish() {
            return scope.count(n);
          }
        };
      }
    };
    Recorder r = new Recorder().event(won, "u1", "2026-01-03T00:00:00Z", null).event(won, "u2", "2026-01-04T00:00:00Z", null)
        .event(won, "u2", "2026-02-04T00:00:00Z", null);
    KpiCatalogue catalogue = KpiCatalogue.standard().with(wins);
    KpiReport report = KpiEngine.builder(r.source(TAXONOMY)).catalogue(catalogue).build().report(JANUARY, KpiSegment.ALL);
    assertEquals(2, value(report, "proposals-won"));
    assertEquals("proposals-won", report.results().get(report.results().size() - 1).kpi().id());
    ValidationException twice = assertThrows(ValidationException.class, () -> catalogue.with(wins));
    assertTrue(twice.getMessage().contains("proposals-won"), twice.getMessage());
  }

  @Test
  void badInput_isRefusedWithTheFieldAndTheLimit() {
    var start = at("2026-01-10T00:00:00Z");
    assertMessage(() -> KpiPeriod.of(start, start.minusSeconds(1)), "KpiPeriod.end", "must not be before KpiPeriod.start");
    assertMessage(() -> KpiPeriod.of(start, start), "KpiPeriod.end", "the period is empty");
    assertMessage(() -> KpiPeriod.of(null, start), "KpiPeriod.start", "required");
    assertMessage(() -> KpiPeriod.of(java.time.Instant.MIN, start), "KpiPeriod.start", "must lie from 0000-01-01T00:00:00Z");
    assertMessage(() -> KpiPeriod.of(start, java.time.Instant.MAX), "KpiPeriod.end", "must lie from 0000-01-01T00:00:00Z");
    assertMessage(() -> KpiPeriod.quarter(2026, 5, ZoneOffset.UTC), "quarter", "1 to 4");
    assertMessage(() -> Kpis.adoptionRate(0), "headcount", "at least 1");
    assertMessage(() -> KpiSegment.unit("bad unit"), "KpiSegment.unit", "");
    assertMessage(() -> KpiDefinition.builder("Bad Id", "x", KpiUnit.COUNT, KpiDirection.HIGHER_IS_BETTER).describe("d", "f").build(),
        "KpiDefinition.id", "");
    assertMessage(() -> KpiDefinition.builder("x", "x", KpiUnit.COUNT, KpiDirection.HIGHER_IS_BETTER).describe("d", "f")
        .lookahead(Duration.ofDays(40)).build(), "KpiDefinition.lookahead", "from 0 to");
    KpiEngine m = KpiEngine.builder(new Recorder().source(TAXONOMY)).build();
    assertThrows(NotFoundException.class, () -> m.report(JANUARY, KpiSegment.ALL, List.of("no-such-kpi")));
    assertMessage(() -> m.report(null, KpiSegment.ALL), "period", "");
    assertMessage(() -> KpiPeriod.of(at("1900-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z")).split(Granularity.MONTH, ZoneOffset.UTC),
        "KpiPeriod", "at most 1200 months");
  }

  @Test
  void anEmptySource_givesNoValuesWithReasons_notZeros() {
    KpiReport report = KpiEngine.builder(new Recorder().source(TAXONOMY)).build().report(JANUARY, KpiSegment.ALL);
    assertTrue(report.value(Kpis.SEARCH_SUCCESS_RATE).value().isEmpty());
    assertTrue(report.value(Kpis.RESOLUTION_TIME).value().isEmpty());
    assertEquals("nothing observed in the period", report.value(Kpis.RESOLUTION_TIME).note());
    assertEquals(0, value(report, Kpis.CONTRIBUTIONS), "a count of nothing is zero");
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable call, String field, String limit) {
    ValidationException e = assertThrows(ValidationException.class, call);
    assertTrue(e.getMessage().startsWith(field + ":") && e.getMessage().contains(limit), e.getMessage());
  }
}
