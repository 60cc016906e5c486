package io.zhiku.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.metrics.kpi.KpiEngine;
import io.zhiku.metrics.kpi.KpiPeriod;
import io.zhiku.metrics.kpi.KpiReport;
import io.zhiku.metrics.kpi.KpiResult;
import io.zhiku.metrics.kpi.KpiSegment;
import io.zhiku.metrics.kpi.KpiValue;
import io.zhiku.metrics.kpi.Kpis;
import io.zhiku.metrics.kpi.MetricsSource;
import io.zhiku.metrics.points.IncentivePoints;
import io.zhiku.testkit.Seeded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;

/**
 * KPIs read by columns from the embedded Lucene event store against the same KPIs over the same events
 * held as objects: the columnar path must give exactly the object path's figures, for the host and for a
 * viewer, for any segment.
 */
@Seeded
class MetricsOnLuceneTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final KpiPeriod JANUARY = KpiPeriod.of(START, Instant.parse("2026-02-01T00:00:00Z"));
  private static final UsageEventType[] TYPES = {UsageEventType.SEARCH, UsageEventType.CLICK, UsageEventType.VIEW,
      UsageEventType.REUSE, UsageEventType.PUSH_SHOWN, UsageEventType.PUSH_ACCEPTED, UsageEventType.RATE,
      UsageEventType.HELPFUL, UsageEventType.CONTRIBUTE, UsageEventType.VERIFY, UsageEventType.ACCEPTED,
      UsageEventType.QUESTION_ASKED, Kpis.PROPOSAL, Kpis.CASE_OPENED, Kpis.CASE_CLOSED, Kpis.PROJECT_STARTED,
      Kpis.PROJECT_ENDED};

  @RepeatedTest(6)
  void columnsAndObjects_giveTheSameFigures(Random r) {
    try (KnowledgeBase kb = KnowledgeBase.builder().clock(Clock.fixed(START.minus(Duration.ofDays(10)), ZoneOffset.UTC)).build()) {
      for (int i = 0; i < 30; i++) {
        kb.put(KnowledgeItem.builder("i" + i, i % 3 == 0 ? ItemKind.FAQ : ItemKind.SOLUTION, "item " + i)
            .authors("u" + r.nextInt(10)).ownerUnit("g" + r.nextInt(3)).concepts("c" + r.nextInt(4))
            .acl(r.nextInt(3) == 0 ? Acl.groups("g" + r.nextInt(3)) : Acl.PUBLIC)
            .reviewBy(r.nextBoolean() ? START.plus(Duration.ofDays(r.nextInt(60))) : null).build());
      }
      List<UsageEvent> events = new ArrayList<>();
      boolean history = r.nextBoolean(); // events before the period: cases are then looked up by key
      for (int n = 0; n < 3000; n++) {
        events.add(randomEvent(r, history));
      }
      kb.events().recordAll(events);
      kb.refresh();
      List<KnowledgeItem> items = new ArrayList<>();
      kb.forEachItem(items::add);
      KpiEngine columns = KpiEngine.builder(MetricsSource.of(kb)).build();
      KpiEngine objects = KpiEngine.builder(MetricsSource.of(events, items, kb.taxonomy())).build();
      Principal viewer = Principal.of("v", Set.of("g" + r.nextInt(3)), Set.of());
      for (KpiSegment segment : List.of(KpiSegment.ALL, KpiSegment.unit("g1"), KpiSegment.role("r0"),
          KpiSegment.ALL.withAttribute("industry", "ind1"), KpiSegment.kind(ItemKind.FAQ))) {
        assertSame(objects.report(JANUARY, segment), columns.report(JANUARY, segment));
        assertSame(objects.forViewer(viewer).report(JANUARY, segment), columns.forViewer(viewer).report(JANUARY, segment));
        assertEquals(objects.forViewer(viewer).topItems(JANUARY, segment, 10), columns.forViewer(viewer).topItems(JANUARY, segment, 10));
      }
      IncentivePoints points = IncentivePoints.standard(ZoneOffset.UTC);
      assertEquals(points.ledger(MetricsSource.of(events, items, kb.taxonomy()), JANUARY).totals(),
          points.ledger(MetricsSource.of(kb), JANUARY).totals());
    }
  }

  /** Equal figures. */
  private static void assertSame(KpiReport expected, KpiReport actual) {
    for (KpiResult e : expected.results()) {
      KpiValue a = actual.value(e.kpi().id());
      KpiValue x = e.value();
      String id = e.kpi().id();
      assertEquals(x.value().isPresent(), a.value().isPresent(), id);
      if (x.value().isPresent()) { // sums of values found in another order may differ in the last bits
        assertEquals(x.value().getAsDouble(), a.value().getAsDouble(), 1e-9 * Math.abs(x.value().getAsDouble()), id);
      }
      assertEquals(x.hits() + "/" + x.trials() + " " + x.note(), a.hits() + "/" + a.trials() + " " + a.note(), id);
      double[] xo = x.observations();
      double[] ao = a.observations();
      Arrays.sort(xo);
      Arrays.sort(ao);
      assertEquals(Arrays.toString(xo), Arrays.toString(ao), id);
    }
  }

  private static UsageEvent randomEvent(Random r, boolean history) {
    UsageEventType type = TYPES[r.nextInt(TYPES.length)];
    Instant t = (history ? START.minus(Duration.ofDays(5)) : START).plusSeconds(r.nextInt(40 * 86_400));
    Principal p = Principal.of("u" + r.nextInt(12), Set.of("g" + r.nextInt(3)), Set.of("r" + r.nextInt(2)));
    WorkContext.Builder c = WorkContext.builder(p, t).role(r.nextBoolean() ? "r" + r.nextInt(2) : null);
    if (r.nextBoolean()) {
      c.attribute("industry", "ind" + r.nextInt(2));
    }
    switch (r.nextInt(4)) {
      case 0 -> c.attribute(Kpis.CASE, "k" + r.nextInt(40));
      case 1 -> c.attribute(Kpis.QUESTION, "q" + r.nextInt(40));
      case 2 -> c.attribute(WorkContext.PROJECT, "p" + r.nextInt(20));
      default -> { }
    }
    String item = type.requiresItem() ? "i" + r.nextInt(32) : null; // i30, i31 do not exist
    Double value = null;
    if (type.equals(UsageEventType.RATE) || type.equals(Kpis.PROJECT_ENDED)) {
      value = (double) r.nextInt(2);
    } else if ((type.equals(UsageEventType.REUSE) || type.equals(UsageEventType.HELPFUL)) && r.nextBoolean()) {
      value = (double) r.nextInt(3);
    }
    return new UsageEvent(null, type, t, p, item, c.build(), type.requiresQuery() ? "text" : null,
        type.equals(UsageEventType.SEARCH) ? r.nextInt(3) : null, value);
  }
}
