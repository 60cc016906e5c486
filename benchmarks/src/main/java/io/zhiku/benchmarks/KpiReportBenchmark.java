package io.zhiku.benchmarks;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.metrics.kpi.KpiReport;
import io.zhiku.metrics.kpi.KpiResult;
import io.zhiku.metrics.kpi.KpiSegment;
import io.zhiku.metrics.kpi.KpiEngine;
import io.zhiku.metrics.kpi.MetricsSource;
import io.zhiku.metrics.kpi.KpiPeriod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A KPI report over 10M usage events, on one thread: every standard KPI for a year that holds all the
 * events (reuse, search success and zero results, push acceptance, time to answer, resolution time with
 * and without knowledge, project cycle time and failures, proposals, contributions, active users,
 * coverage, overdue reviews, satisfaction, helpful votes, time saved), with 10,000 items.
 *
 * <ul>
 *   <li>{@code columnar}: {@link KpiEngine#report} over the knowledge base: one block scan of the Lucene
 *       event store, reading doc values 4,096 events at a time, column by column and each column only for
 *       the types that need it; each KPI loops over its types' events in arrays; the items loaded once.
 *   <li>{@code objects}: the naive baseline: the same KPIs over the same events held as one {@link
 *       UsageEvent} object per event in a list (built before the measurement, which flatters it), each
 *       checked against the query object by object.
 * </ul>
 *
 * <p>The trial's setup checks that both give the same figures. The corpus (a year of events: views,
 * clicks, searches, reuses, pushes, ratings, helpful votes, contributions, verifications, questions and
 * their accepted answers, cases with knowledge used in some, projects, proposals; 10,000 users in 20 units
 * and 5 roles) is built once per machine in {@code $TMPDIR/zhiku-kpi-bench} (about 2 minutes).
 *
 * <p>Five warm-up shots: the report runs through a dozen KPIs' loops, and the first shots of a fork
 * still run partly compiled code (about 1.1 s, against about 0.85 s once compiled).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 3, jvmArgsAppend = {"-Xmx10g"})
@Warmup(iterations = 5)
@Measurement(iterations = 5)
public class KpiReportBenchmark {
  static final Instant YEAR_START = Instant.parse("2025-01-01T00:00:00Z");
  static final KpiPeriod YEAR = KpiPeriod.of(YEAR_START, Instant.parse("2026-01-01T00:00:00Z"));
  private static final int USERS = 10_000;
  /** The corpus's layout: v2 indexes context keys, and its items exist from the year's start. */
  private static final String CORPUS_VERSION = "v2";

  /** Usage events. */
  @Param({"10000000"})
  public int events;

  /** Items. */
  @Param({"10000"})
  public int items;

  /** What is measured. */
  @Param({"columnar", "objects"})
  public String impl;

  private KnowledgeBase kb;
  private KpiEngine metrics;

  /**
   * Opens the corpus (building it first if this machine has not yet) and checks both paths agree.
   *
   * @throws IOException if the data directory cannot be written
   */
  @Setup(Level.Trial)
  public void open() throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "zhiku-kpi-bench", CORPUS_VERSION + "-" + items + "-" + events);
    if (!Files.exists(dir.resolve("complete"))) {
      build(dir);
    }
    kb = KnowledgeBase.builder().directory(dir).taxonomy(taxonomy()).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).recordSearches(false).build();
    KpiEngine columnar = KpiEngine.builder(MetricsSource.of(kb)).build();
    if (impl.equals("columnar")) {
      metrics = columnar;
      return;
    }
    List<UsageEvent> all = new ArrayList<>(events);
    generate(new Random(17), events, all::add);
    List<KnowledgeItem> stored = new ArrayList<>(items);
    kb.forEachItem(stored::add);
    metrics = KpiEngine.builder(MetricsSource.of(all, stored, kb.taxonomy())).build();
    assertSameFigures(columnar.report(YEAR, KpiSegment.ALL), metrics.report(YEAR, KpiSegment.ALL));
  }

  /** Every KPI of the year. */
  @Benchmark
  public KpiReport report() {
    return metrics.report(YEAR, KpiSegment.ALL);
  }

  /** Closes the knowledge base. */
  @TearDown(Level.Trial)
  public void close() {
    kb.close();
  }

  static void assertSameFigures(KpiReport a, KpiReport b) {
    for (KpiResult r : a.results()) {
      var x = r.value();
      var y = b.value(r.kpi().id());
      double[] xo = x.observations();
      double[] yo = y.observations();
      Arrays.sort(xo);
      Arrays.sort(yo);
      boolean sameValue = x.value().isPresent() == y.value().isPresent() && (x.value().isEmpty()
          || Math.abs(x.value().getAsDouble() - y.value().getAsDouble()) <= 1e-9 * Math.abs(x.value().getAsDouble()));
      if (!sameValue || x.hits() != y.hits() || x.trials() != y.trials() || !Arrays.equals(xo, yo)) {
        throw new IllegalStateException("the two paths disagree on " + r.kpi().id() + ": " + x + " vs " + y);
      }
    }
  }

  /** The context at another time (the next event of the same case). */
  private static WorkContext at(WorkContext c, Instant t) {
    return new WorkContext(c.principal(), c.role(), c.process(), c.stage(), c.concepts(), c.attributes(), c.text(), t);
  }

  static Taxonomy taxonomy() {
    Taxonomy.Builder t = Taxonomy.builder().scheme(ConceptScheme.of("s", "en", "Solutions"));
    for (int c = 0; c < 50; c++) {
      t.concept(Concept.builder("c" + c, "s").build());
    }
    return t.build();
  }

  private void build(Path dir) throws IOException {
    try (KnowledgeBase w = writer(KnowledgeBase.builder().directory(dir)).build()) {
      fill(w);
    }
    Files.writeString(dir.resolve("complete"), "built\n");
  }

  /**
   * A builder as the corpus is written with: the taxonomy, and a clock fixed at the year's start (items saved
   * then exist at its end: reuse rate and freshness have values).
   */
  static KnowledgeBaseBuilder writer(KnowledgeBaseBuilder b) {
    return b.taxonomy(taxonomy()).refreshInterval(Duration.ZERO).clock(Clock.fixed(YEAR_START, ZoneOffset.UTC))
        .commitPolicy(CommitPolicy.manual());
  }

  /**
   * Writes the corpus (the items, then the events) into a knowledge base opened with {@link #writer}.
   *
   * @param w the knowledge base
   */
  void fill(KnowledgeBase w) {
    Random r = new Random(5);
    List<KnowledgeItem> batch = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      KnowledgeItem.Builder b = KnowledgeItem.builder("i" + i, ItemKind.SOLUTION, "item " + i).body("text " + i)
          .authors("u" + r.nextInt(USERS)).ownerUnit("unit" + r.nextInt(20)).concepts("c" + r.nextInt(50))
          .acl(r.nextInt(4) == 0 ? Acl.groups("unit" + r.nextInt(20)) : Acl.PUBLIC)
          .reviewBy(YEAR_START.plus(Duration.ofDays(r.nextInt(500))));
      if (r.nextBoolean()) {
        b.verified("u" + r.nextInt(USERS), YEAR_START.minus(Duration.ofDays(r.nextInt(100))));
      }
      batch.add(b.build());
      if (batch.size() == 1000) {
        w.putAll(batch);
        batch.clear();
      }
    }
    w.putAll(batch);
    w.commit();
    List<UsageEvent> pending = new ArrayList<>();
    generate(new Random(17), events, e -> {
      pending.add(e);
      if (pending.size() == 100_000) {
        w.events().recordAll(pending);
        pending.clear();
      }
    });
    w.events().recordAll(pending);
    w.commit();
  }

  /**
   * Exactly {@code n} events of a year, deterministic for a seed: the same events for the store and for
   * the baseline's list. Cases, questions and projects come as their opening, perhaps knowledge used, and
   * closing.
   */
  void generate(Random r, int n, Consumer<UsageEvent> out) {
    Principal[] people = new Principal[USERS];
    for (int u = 0; u < USERS; u++) {
      people[u] = Principal.of("u" + u, List.of("unit" + u % 20), List.of("role" + u % 5));
    }
    long yearMillis = Duration.ofDays(365).toMillis() - Duration.ofDays(4).toMillis();
    int emitted = 0;
    int key = 0;
    while (emitted < n) {
      Principal p = people[r.nextInt(USERS)];
      Instant t = YEAR_START.plusMillis((long) (r.nextDouble() * yearMillis));
      String item = "i" + (int) Math.min(items - 1, Math.floor(Math.pow(items + 1, r.nextDouble()) - 1));
      WorkContext context = r.nextBoolean() ? WorkContext.builder(p, t).role("role" + r.nextInt(5))
          .attribute(WorkContext.INDUSTRY, "industry" + r.nextInt(10)).build() : null;
      int x = r.nextInt(1000);
      List<UsageEvent> group = new ArrayList<>(3);
      if (x < 400) {
        group.add(new UsageEvent(null, UsageEventType.VIEW, t, p, item, context, null, null, null));
      } else if (x < 500) {
        group.add(new UsageEvent(null, UsageEventType.CLICK, t, p, item, context, null, null, null));
      } else if (x < 650) {
        group.add(UsageEvent.ofSearch(t, p, "query", r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(50), context));
      } else if (x < 730) {
        Double minutes = r.nextBoolean() ? (double) (5 + r.nextInt(120)) : null;
        group.add(new UsageEvent(null, UsageEventType.REUSE, t, p, item, context, null, null, minutes));
      } else if (x < 850) {
        group.add(new UsageEvent(null, UsageEventType.PUSH_SHOWN, t, p, item, context, null, null, null));
      } else if (x < 870) {
        group.add(new UsageEvent(null, UsageEventType.PUSH_ACCEPTED, t, p, item, context, null, null, null));
      } else if (x < 890) {
        group.add(UsageEvent.ofRating(t, p, item, 1 + r.nextInt(5)));
      } else if (x < 900) {
        group.add(new UsageEvent(null, UsageEventType.HELPFUL, t, p, item, null, null, null, (double) r.nextInt(2)));
      } else if (x < 910) {
        group.add(UsageEvent.ofItem(UsageEventType.CONTRIBUTE, t, p, item));
      } else if (x < 915) {
        group.add(UsageEvent.ofItem(UsageEventType.VERIFY, t, p, item));
      } else if (x < 935) { // a question, accepted within two days
        String q = "q" + key++;
        WorkContext c = WorkContext.builder(p, t).attribute("question", q).build();
        group.add(new UsageEvent(null, UsageEventType.QUESTION_ASKED, t, p, null, c, "a question", null, null));
        Instant a = t.plusSeconds(60 + r.nextInt(2 * 86_400));
        group.add(new UsageEvent(null, UsageEventType.ACCEPTED, a, p, item, at(c, a), null, null, null));
      } else if (x < 990) { // a case, with knowledge used in some, closed within three days
        String k = "k" + key++;
        WorkContext c = WorkContext.builder(p, t).attribute("case", k).build();
        group.add(new UsageEvent(null, UsageEventType.of("case-opened"), t, p, null, c, null, null, null));
        if (r.nextBoolean()) {
          Instant v = t.plusSeconds(60 + r.nextInt(3600));
          group.add(new UsageEvent(null, UsageEventType.VIEW, v, p, item, at(c, v), null, null, null));
        }
        Instant closed = t.plusSeconds(3600 + r.nextInt(3 * 86_400));
        group.add(new UsageEvent(null, UsageEventType.of("case-closed"), closed, p, null, at(c, closed), null, null, null));
      } else if (x < 995) { // a project
        String k = "p" + key++;
        WorkContext c = WorkContext.builder(p, t).attribute(WorkContext.PROJECT, k).build();
        group.add(new UsageEvent(null, UsageEventType.of("project-started"), t, p, null, c, null, null, null));
        Instant end = t.plusSeconds(86_400L * (10 + r.nextInt(200)));
        group.add(new UsageEvent(null, UsageEventType.of("project-ended"), end, p, null, at(c, end), null, null,
            r.nextInt(5) == 0 ? 0.0 : 1.0));
      } else {
        group.add(UsageEvent.ofItem(UsageEventType.of("proposal"), t, p, null));
      }
      for (UsageEvent e : group) {
        if (emitted < n) {
          out.accept(e);
          emitted++;
        }
      }
    }
  }
}
