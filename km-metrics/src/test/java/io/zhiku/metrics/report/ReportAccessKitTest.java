package io.zhiku.metrics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.metrics.kpi.Granularity;
import io.zhiku.metrics.kpi.KpiEngine;
import io.zhiku.metrics.kpi.KpiPeriod;
import io.zhiku.metrics.kpi.KpiSegment;
import io.zhiku.metrics.kpi.Kpis;
import io.zhiku.metrics.kpi.MetricsSource;
import io.zhiku.metrics.points.IncentivePoints;
import io.zhiku.metrics.points.Standing;
import io.zhiku.metrics.roi.Benefit;
import io.zhiku.metrics.roi.Cost;
import io.zhiku.metrics.roi.RoiModel;
import io.zhiku.testkit.Seeded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The access-control kit for reports: a report computed for a viewer over everything must equal, part for
 * part (KPIs of both periods and their comparisons, trends, the most used items, the leaderboard, the
 * ROI), the same report computed over a source holding only what the viewer may read: the items whose ACL
 * permits the viewer, and the events without an item or about those items. Seeded random items (public,
 * group-only, nobody), people who write hidden items and earn points from them, and events of every type
 * the standard KPIs and points read.
 */
@Seeded
class ReportAccessKitTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final KpiPeriod BEFORE = KpiPeriod.of(START, START.plus(Duration.ofDays(30)));
  private static final KpiPeriod AFTER = KpiPeriod.of(START.plus(Duration.ofDays(30)), START.plus(Duration.ofDays(60)));
  private static final Clock CLOCK = Clock.fixed(START.plus(Duration.ofDays(61)), ZoneOffset.UTC);
  private static final String[] GROUPS = {"g0", "g1", "g2"};
  private static final Taxonomy TAXONOMY = Taxonomy.builder().scheme(ConceptScheme.of("s", "en", "S"))
      .concept(Concept.builder("c0", "s").build())
      .concept(Concept.builder("c1", "s").broader("c0").build())
      .concept(Concept.builder("c2", "s").build())
      .build();
  private static final UsageEventType[] TYPES = {UsageEventType.SEARCH, UsageEventType.CLICK, UsageEventType.VIEW,
      UsageEventType.REUSE, UsageEventType.PUSH_SHOWN, UsageEventType.PUSH_ACCEPTED, UsageEventType.RATE,
      UsageEventType.HELPFUL, UsageEventType.CONTRIBUTE, UsageEventType.VERIFY, UsageEventType.ACCEPTED,
      UsageEventType.ANSWERED, UsageEventType.QUESTION_ASKED, Kpis.PROPOSAL, Kpis.CASE_OPENED, Kpis.CASE_CLOSED,
      Kpis.PROJECT_STARTED, Kpis.PROJECT_ENDED};

  @RepeatedTest(40)
  void aReportForAViewer_equalsTheReportOverWhatTheViewerMayRead(Random r) {
    List<KnowledgeItem> items = new ArrayList<>();
    int itemCount = 4 + r.nextInt(12);
    for (int i = 0; i < itemCount; i++) {
      Acl acl = switch (r.nextInt(4)) {
        case 0 -> Acl.PUBLIC;
        case 1 -> Acl.NOBODY;
        default -> Acl.groups(GROUPS[r.nextInt(GROUPS.length)]);
      };
      items.add(KnowledgeItem.builder("i" + i, r.nextBoolean() ? ItemKind.SOLUTION : ItemKind.FAQ, "title " + i)
          .authors("u" + r.nextInt(6)).concepts("c" + r.nextInt(3)).ownerUnit(GROUPS[r.nextInt(GROUPS.length)])
          .acl(acl).build());
    }
    List<UsageEvent> events = new ArrayList<>();
    for (int n = 50 + r.nextInt(400); n > 0; n--) {
      events.add(randomEvent(r, itemCount));
    }
    Principal viewer = Principal.of("u" + r.nextInt(8), Set.of(GROUPS[r.nextInt(GROUPS.length)]), Set.of());
    KpiSegment segment = switch (r.nextInt(4)) {
      case 0 -> KpiSegment.ALL;
      case 1 -> KpiSegment.unit(GROUPS[r.nextInt(GROUPS.length)]);
      case 2 -> KpiSegment.concept("c0");
      default -> KpiSegment.ALL.withAttribute("industry", "ind" + r.nextInt(2));
    };
    String unit = r.nextBoolean() ? null : GROUPS[r.nextInt(GROUPS.length)];

    MetricsReport full = report(MetricsSource.of(events, items, TAXONOMY), viewer, segment, unit);
    Set<String> readable = new HashSet<>();
    items.stream().filter(i -> i.acl().permits(viewer)).forEach(i -> readable.add(i.id()));
    List<UsageEvent> visibleEvents = events.stream().filter(e -> e.itemId() == null || readable.contains(e.itemId())).toList();
    List<KnowledgeItem> visibleItems = items.stream().filter(i -> readable.contains(i.id())).toList();
    MetricsReport brute = report(MetricsSource.of(visibleEvents, visibleItems, TAXONOMY), viewer, segment, unit);

    String what = viewer + " " + segment + " unit=" + unit;
    assertEquals(brute.comparisons(), full.comparisons(), "KPIs and comparisons for " + what);
    assertEquals(brute.trend(), full.trend(), "trend for " + what);
    assertEquals(brute.topItems(), full.topItems(), "top items for " + what);
    assertEquals(brute.leaderboard(), full.leaderboard(), "leaderboard for " + what);
    assertEquals(brute.roi(), full.roi(), "ROI for " + what);
    assertEquals(ReportWriter.json(brute), ReportWriter.json(full), "the whole report for " + what);
    assertEquals(ReportWriter.html(brute), ReportWriter.html(full), "the HTML page for " + what);
    // Nobody earns points for what the viewer may not read: an earner is someone who acted on, or wrote,
    // a readable item (or contributed without one).
    Set<String> entitled = new HashSet<>();
    visibleEvents.forEach(e -> entitled.add(e.principal().userId()));
    visibleItems.forEach(i -> entitled.addAll(i.authors()));
    for (Standing s : full.leaderboard()) {
      assertEquals(true, entitled.contains(s.userId()), s + " earned from hidden items, shown to " + what);
    }
    for (KnowledgeItem hidden : items) {
      if (!readable.contains(hidden.id())) {
        assertFalse(ReportWriter.json(full).contains("\"" + hidden.id() + "\""), hidden.id() + " named to " + what);
      }
    }
  }

  private static MetricsReport report(MetricsSource source, Principal viewer, KpiSegment segment, String unit) {
    KpiEngine metrics = KpiEngine.builder(source).build();
    RoiModel roi = RoiModel.builder().cost(Cost.oneOff("set-up", 10_000)).benefit(Benefit.timeSaved("search", 100, 50)).build();
    return MetricsReport.builder(metrics, viewer, CLOCK).compare(BEFORE, AFTER).segment(segment)
        .trend(KpiPeriod.of(START, AFTER.end()), Granularity.MONTH).roi(roi)
        .leaderboard(IncentivePoints.standard(ZoneOffset.UTC), unit, 10).topItems(5).build();
  }

  private static UsageEvent randomEvent(Random r, int itemCount) {
    UsageEventType type = TYPES[r.nextInt(TYPES.length)];
    Instant t = START.plusSeconds(r.nextInt(60 * 86_400));
    Principal p = Principal.of("u" + r.nextInt(8), Set.of(GROUPS[r.nextInt(GROUPS.length)]), Set.of("r" + r.nextInt(2)));
    WorkContext.Builder c = WorkContext.builder(p, t);
    if (r.nextBoolean()) {
      c.attribute("industry", "ind" + r.nextInt(2));
    }
    switch (r.nextInt(4)) {
      case 0 -> c.attribute(Kpis.CASE, "k" + r.nextInt(8));
      case 1 -> c.attribute(io.zhiku.core.event.WorkContext.PROJECT, "p" + r.nextInt(4));
      case 2 -> c.attribute(Kpis.QUESTION, "q" + r.nextInt(6));
      default -> { }
    }
    // Items beyond the corpus stand for deleted ones: a viewer never counts them.
    String item = type.requiresItem() || r.nextInt(3) > 0 ? "i" + r.nextInt(itemCount + 2) : null;
    String query = type.requiresQuery() ? "q" : null;
    Integer results = type.equals(UsageEventType.SEARCH) ? r.nextInt(3) : null;
    Double value = switch (type.name()) {
      case "rate" -> (double) (1 + r.nextInt(5));
      case "reuse" -> r.nextBoolean() ? (double) r.nextInt(60) : null;
      case "project-ended", "helpful" -> (double) r.nextInt(2);
      default -> null;
    };
    return new UsageEvent(null, type, t, p, item, c.build(), query, results, value);
  }
}
