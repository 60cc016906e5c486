package io.zhiku.metrics.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.testkit.Seeded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The one-scan engine against plain per-KPI computations over the event objects, on random months of
 * events and random segments: each KPI is written a second time here, as simply as possible.
 */
@Seeded
class KpiEngineRandomizedTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final KpiPeriod JANUARY = KpiPeriod.of(START, Instant.parse("2026-02-01T00:00:00Z"));
  private static final UsageEventType[] TYPES = {UsageEventType.SEARCH, UsageEventType.CLICK, UsageEventType.VIEW,
      UsageEventType.REUSE, UsageEventType.PUSH_SHOWN, UsageEventType.PUSH_ACCEPTED, UsageEventType.RATE,
      UsageEventType.CONTRIBUTE, Kpis.PROPOSAL, Kpis.CASE_OPENED, Kpis.CASE_CLOSED};

  @RepeatedTest(30)
  void theEngine_agreesWithPlainComputations(Random r) {
    List<UsageEvent> events = new ArrayList<>();
    List<KnowledgeItem> items = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      items.add(KnowledgeItem.builder("i" + i, i % 2 == 0 ? ItemKind.SOLUTION : ItemKind.FAQ, "t").acl(Acl.PUBLIC)
          .authors("u" + i).ownerUnit("g" + i % 2).build());
    }
    boolean history = r.nextBoolean(); // events before the period: cases are then looked up by key
    for (int n = 20 + r.nextInt(400); n > 0; n--) {
      events.add(randomEvent(r, history));
    }
    KpiSegment segment = switch (r.nextInt(4)) {
      case 0 -> KpiSegment.ALL;
      case 1 -> KpiSegment.unit("g" + r.nextInt(2));
      case 2 -> KpiSegment.role("r" + r.nextInt(2));
      default -> KpiSegment.ALL.withAttribute("industry", "ind" + r.nextInt(2));
    };
    Predicate<UsageEvent> in = e -> inSegment(e, segment);
    MetricsSource source = MetricsSource.of(events, items, KpisTest.TAXONOMY);
    KpiReport report = KpiEngine.builder(source).build().report(JANUARY, segment);
    assertSameAsRows(report, source, segment);
    List<UsageEvent> month = events.stream().filter(in).filter(e -> JANUARY.contains(e.time().toEpochMilli())).toList();

    long searches = count(month, UsageEventType.SEARCH);
    assertRate(report, Kpis.ZERO_RESULT_RATE, month.stream().filter(e -> e.type().equals(UsageEventType.SEARCH)
        && e.resultCount() == 0).count(), searches);
    assertRate(report, Kpis.PUSH_ACCEPTANCE_RATE, count(month, UsageEventType.PUSH_ACCEPTED), count(month, UsageEventType.PUSH_SHOWN));
    assertRate(report, Kpis.SEARCH_SUCCESS_RATE, successfulSearches(events.stream().filter(in).toList()), searches);
    assertEquals(count(month, UsageEventType.CONTRIBUTE), report.value(Kpis.CONTRIBUTIONS).value().orElseThrow());
    assertEquals(count(month, Kpis.PROPOSAL), report.value(Kpis.INNOVATION_PROPOSALS).value().orElseThrow());
    assertEquals(month.stream().filter(e -> e.type().equals(UsageEventType.CONTRIBUTE)).map(e -> e.principal().userId())
        .distinct().count(), report.value(Kpis.CONTRIBUTORS).value().orElseThrow());
    assertEquals(month.stream().map(e -> e.principal().userId()).distinct().count(),
        report.value(Kpis.ACTIVE_USERS).value().orElseThrow());
    double[] ratings = month.stream().filter(e -> e.type().equals(UsageEventType.RATE)).mapToDouble(UsageEvent::value).toArray();
    assertEquals(ratings.length, report.value(Kpis.SATISFACTION).trials());
    if (ratings.length > 0) {
      assertEquals(java.util.Arrays.stream(ratings).average().orElseThrow(), report.value(Kpis.SATISFACTION).value().orElseThrow(), 1e-9);
    }
    double saved = month.stream().filter(e -> e.type().equals(UsageEventType.REUSE) && e.value() != null)
        .mapToDouble(UsageEvent::value).sum() / 60;
    assertEquals(saved, report.value(Kpis.TIME_SAVED).value().orElseThrow(), 1e-9);
    Set<String> owned = items.stream().filter(i -> segment.unit() == null || segment.unit().equals(i.ownerUnit()))
        .map(KnowledgeItem::id).collect(Collectors.toSet());
    long reusedByOthers = month.stream().filter(e -> e.type().equals(UsageEventType.REUSE) && owned.contains(e.itemId())
        && !e.principal().userId().equals("u" + e.itemId().substring(1))).map(UsageEvent::itemId).distinct().count();
    assertRate(report, Kpis.REUSE_RATE, reusedByOthers, owned.size());
    assertResolution(report, events.stream().filter(in).toList());
  }

  /**
   * The standard KPIs fed row by row, as when a host KPI wraps one (each standard collector then reads a
   * row as a block of one), give the same figures as the block scan.
   */
  private static void assertSameAsRows(KpiReport report, MetricsSource source, KpiSegment segment) {
    List<Kpi> wrapped = new ArrayList<>();
    for (Kpi k : Kpis.standard()) {
      KpiDefinition d = k.definition();
      KpiDefinition w = new KpiDefinition("w-" + d.id(), d.name(), d.definition(), d.formula(), d.unit(), d.direction(),
          d.events(), d.everyEvent(), d.usesItems(), d.lookahead());
      wrapped.add(new Kpi() {
        @Override
        public KpiDefinition definition() {
          return w;
        }

        @Override
        public Collector collector(KpiScope scope) {
          Collector standard = k.collector(scope);
          return new Collector() {
            @Override
            public void accept(io.zhiku.core.event.EventRow row) {
              standard.accept(row);
            }

            @Override
            public KpiValue finish() {
              return standard.finish();
            }
          };
        }
      });
    }
    KpiReport rows = KpiEngine.builder(source).catalogue(KpiCatalogue.of(wrapped)).build().report(JANUARY, segment);
    for (KpiResult x : report.results()) {
      KpiValue a = x.value();
      KpiValue b = rows.value("w-" + x.kpi().id());
      String id = x.kpi().id();
      assertEquals(a.value().isPresent(), b.value().isPresent(), id);
      if (a.value().isPresent()) {
        assertEquals(a.value().getAsDouble(), b.value().getAsDouble(), 1e-9 * Math.abs(a.value().getAsDouble()), id);
      }
      assertEquals(a.hits() + "/" + a.trials() + " " + a.note(), b.hits() + "/" + b.trials() + " " + b.note(), id);
      assertEquals(java.util.Arrays.toString(a.observations()), java.util.Arrays.toString(b.observations()), id);
    }
  }

  private static UsageEvent randomEvent(Random r, boolean history) {
    UsageEventType type = TYPES[r.nextInt(TYPES.length)];
    Instant t = (history ? START.minus(Duration.ofDays(3)) : START).plusSeconds(r.nextInt(37 * 86_400));
    if (r.nextInt(3) == 0) { // bursts of activity, so that the search window matters
      t = START.plus(Duration.ofDays(r.nextInt(3))).plusSeconds(r.nextInt(7200));
    }
    Principal p = Principal.of("u" + r.nextInt(8), Set.of("g" + r.nextInt(2)), Set.of("r" + r.nextInt(2)));
    WorkContext.Builder c = WorkContext.builder(p, t);
    if (r.nextBoolean()) {
      c.role("r" + r.nextInt(2));
    }
    if (r.nextBoolean()) {
      c.attribute("industry", "ind" + r.nextInt(2));
    }
    if (r.nextInt(3) > 0) {
      c.attribute(Kpis.CASE, "k" + r.nextInt(12));
    }
    String item = type.requiresItem() ? "i" + r.nextInt(6) : null;
    String query = type.requiresQuery() ? "q" : null;
    Integer results = type.equals(UsageEventType.SEARCH) ? r.nextInt(3) : null;
    Double value = type.equals(UsageEventType.RATE) || type.equals(UsageEventType.REUSE) && r.nextBoolean()
        ? (double) r.nextInt(60) : null;
    return new UsageEvent(null, type, t, p, item, c.build(), query, results, value);
  }

  private static boolean inSegment(UsageEvent e, KpiSegment s) {
    if (s.unit() != null && !e.principal().groups().contains(s.unit())) {
      return false;
    }
    if (s.role() != null && !s.role().equals(e.context().role()) && !e.principal().roles().contains(s.role())) {
      return false;
    }
    return s.attributes().entrySet().stream().allMatch(a -> a.getValue().equals(e.context().attribute(a.getKey())));
  }

  private static long count(List<UsageEvent> events, UsageEventType type) {
    return events.stream().filter(e -> e.type().equals(type)).count();
  }

  /** For each January search: an item use by the same person at or after it, within 30 minutes and before their next search. */
  private static long successfulSearches(List<UsageEvent> events) {
    Set<UsageEventType> uses = Set.of(UsageEventType.CLICK, UsageEventType.VIEW, UsageEventType.REUSE);
    long n = 0;
    for (UsageEvent s : events) {
      if (!s.type().equals(UsageEventType.SEARCH) || !JANUARY.contains(s.time().toEpochMilli())) {
        continue;
      }
      String who = s.principal().userId();
      Instant next = events.stream().filter(e -> e.type().equals(UsageEventType.SEARCH) && e.principal().userId().equals(who)
          && e.time().isAfter(s.time())).map(UsageEvent::time).min(Instant::compareTo).orElse(Instant.MAX);
      boolean used = events.stream().anyMatch(e -> uses.contains(e.type()) && e.principal().userId().equals(who)
          && !e.time().isBefore(s.time()) && !e.time().isAfter(s.time().plus(Kpis.SEARCH_SUCCESS_WINDOW))
          && e.time().isBefore(next));
      n += used ? 1 : 0;
    }
    return n;
  }

  /** Cases closed in January (first closing there), opened at their earliest opening before it. */
  private static void assertResolution(KpiReport report, List<UsageEvent> events) {
    List<Double> all = new ArrayList<>();
    List<Double> with = new ArrayList<>();
    List<Double> without = new ArrayList<>();
    Set<String> keys = events.stream().map(e -> e.context().attribute(Kpis.CASE)).filter(k -> k != null).collect(Collectors.toSet());
    for (String k : keys) {
      List<UsageEvent> mine = events.stream().filter(e -> k.equals(e.context().attribute(Kpis.CASE))).toList();
      Instant closed = mine.stream().filter(e -> e.type().equals(Kpis.CASE_CLOSED) && JANUARY.contains(e.time().toEpochMilli()))
          .map(UsageEvent::time).min(Instant::compareTo).orElse(null);
      if (closed == null) {
        continue;
      }
      Instant opened = mine.stream().filter(e -> e.type().equals(Kpis.CASE_OPENED) && e.time().isBefore(JANUARY.end()))
          .map(UsageEvent::time).min(Instant::compareTo).orElse(null);
      if (opened == null || opened.isAfter(closed)) {
        continue;
      }
      double hours = Duration.between(opened, closed).toMillis() / 3_600_000.0;
      all.add(hours);
      boolean used = mine.stream().anyMatch(e -> Set.of(UsageEventType.VIEW, UsageEventType.CLICK, UsageEventType.REUSE,
          UsageEventType.PUSH_ACCEPTED).contains(e.type()) && !e.time().isBefore(opened) && !e.time().isAfter(closed));
      (used ? with : without).add(hours);
    }
    assertMean(report, Kpis.RESOLUTION_TIME, all);
    assertMean(report, Kpis.RESOLUTION_TIME_WITH_KNOWLEDGE, with);
    assertMean(report, Kpis.RESOLUTION_TIME_WITHOUT_KNOWLEDGE, without);
  }

  private static void assertMean(KpiReport report, String id, List<Double> expected) {
    double[] got = report.value(id).observations();
    java.util.Arrays.sort(got);
    assertEquals(expected.stream().sorted().toList(), java.util.Arrays.stream(got).boxed().toList(), id);
  }

  private static void assertRate(KpiReport report, String id, long hits, long trials) {
    KpiValue v = report.value(id);
    assertEquals(trials == 0 ? "0/0" : hits + "/" + trials, v.hits() + "/" + v.trials(), id); // no trials: no value
    assertEquals(trials > 0, v.value().isPresent(), id);
  }
}
