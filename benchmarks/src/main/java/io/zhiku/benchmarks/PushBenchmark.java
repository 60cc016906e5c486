package io.zhiku.benchmarks;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.push.KnowledgePush;
import io.zhiku.push.PushSettings;
import io.zhiku.push.Recommendation;
import io.zhiku.testkit.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * Push latency with 100k items and 10M usage events, on one thread, sampled (p50/p99 in the output).
 *
 * <ul>
 *   <li>{@code zhiku}: {@link io.zhiku.push.KnowledgePush#push} with the default recommenders (no rules), shows not
 *       recorded so that the state does not drift during the run. Popularity and feedback read the
 *       aggregates kept as events are recorded (rebuilt from the event store when the knowledge base
 *       opens); the person's history is one event query for their events on the candidates, their
 *       anchors for co-usage the items they used last (kept in memory); similarity is MoreLikeThis.
 *   <li>{@code naive-scan}: the baseline that scans every event per request (held in memory as arrays,
 *       which flatters it) to compute decayed popularity in the person's segments and their history,
 *       then returns the ten best readable items.
 * </ul>
 *
 * <p>The corpus (items with Zipf-distributed words from a 20,000-word vocabulary, written over a year;
 * events with
 * Zipf-distributed items, 10,000 users in 5 roles, contexts with 5 stages and 10 industries, a year of
 * time) is built once into {@code ${java.io.tmpdir}/zhiku-push-bench/} and reused by later forks and runs.
 *
 * <p>Measures a host that has been serving pushes for a while: 24 s of warm-up, after which iteration
 * means stop falling.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 3, jvmArgsAppend = {"-Xmx6g"})
// Steady state takes about 20 s: kept column strings, recently pushed items and compiled code fill as
// requests run. With 3 warm-up iterations the measured iterations still fell from 8-10 ms to 5.
@Warmup(iterations = 8, time = 3)
@Measurement(iterations = 5, time = 3)
public class PushBenchmark {
  private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
  private static final String[] TYPES = {"view", "click", "reuse", "push-accepted", "push-dismissed"};
  private static final int[] TYPE_SHARE = {70, 15, 10, 3, 2};
  private static final double HALF_LIFE_MILLIS = Duration.ofDays(30).toMillis();

  /** Corpus size. */
  @Param({"100000"})
  public int items;

  /** Usage events. */
  @Param({"10000000"})
  public int events;

  /** What is measured. */
  @Param({"zhiku", "naive-scan"})
  public String impl;

  private KnowledgeBase kb;
  private KnowledgePush push;
  private final List<WorkContext> contexts = new ArrayList<>();
  private int next;
  // The naive baseline's columns.
  private int[] eventItem;
  private int[] eventUser;
  private byte[] eventType;
  private byte[] eventRole;
  private byte[] eventStage;
  private byte[] eventIndustry;
  private long[] eventTime;
  private Acl[] acls;

  /** A clock fixed at {@link #NOW}. */
  static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /**
   * Opens the corpus, building it first if this machine has not yet.
   *
   * @throws IOException if the data directory cannot be written
   */
  @Setup(Level.Trial)
  public void open() throws IOException {
    Path dir = corpus(items, events);
    kb = KnowledgeBase.builder().directory(dir).clock(clock()).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).recordSearches(false).build();
    push = KnowledgePush.builder(kb).settings(PushSettings.builder().recordShown(false).build()).build();
    Random r = new Random(3);
    for (int c = 0; c < 1024; c++) {
      int user = r.nextInt(10_000);
      contexts.add(WorkContext.builder(principal(user, true), NOW).role("role" + (user % 5)).stage("stage" + r.nextInt(5))
          .attribute("industry", "industry" + r.nextInt(10)).attribute("project", "p" + r.nextInt(2000))
          .text(words(r, 12)).build());
    }
    if (impl.equals("naive-scan")) {
      loadColumns();
    }
  }

  private static Principal principal(int user, boolean withGroups) {
    List<String> groups = new ArrayList<>();
    if (withGroups) {
      Random r = new Random(user);
      for (int g = 0; g < 20; g++) {
        groups.add("g" + r.nextInt(100));
      }
    }
    return Principal.of("u" + user, groups, List.of("role" + (user % 5)));
  }

  /** Zipf-distributed words from a vocabulary of 20,000. */
  private static String words(Random r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append('w').append(zipf(r, 20_000)).append(' ');
    }
    return sb.toString().strip();
  }

  /** A rank in [0, n) with probability about 1/(rank+1): inverse transform of a continuous power law. */
  private static int zipf(Random r, int n) {
    return (int) Math.min(n - 1, Math.floor(Math.pow(n + 1, r.nextDouble()) - 1));
  }

  /**
   * The corpus's directory, built first if this machine has not yet.
   *
   * @param items how many items
   * @param events how many usage events
   * @return the directory under {@code ${java.io.tmpdir}/zhiku-push-bench/}
   * @throws IOException if the directory cannot be written
   */
  static Path corpus(int items, int events) throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "zhiku-push-bench", items + "-" + events);
    if (!Files.exists(dir.resolve("complete"))) {
      build(dir, items, events);
    }
    return dir;
  }

  private static void build(Path dir, int items, int eventCount) throws IOException {
    Random r = new Random(11);
    // Items written over the year before NOW, ten at a time, so that update times differ as they do in use.
    TestClock ticking = new TestClock(NOW.minus(Duration.ofDays(365)));
    long step = Duration.ofDays(365).toMillis() / (items / 10 + 1);
    try (KnowledgeBase w = KnowledgeBase.builder().directory(dir).clock(ticking).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).build()) {
      List<KnowledgeItem> batch = new ArrayList<>();
      for (int i = 0; i < items; i++) {
        batch.add(KnowledgeItem.builder("i" + i, ItemKind.SOLUTION, words(r, 6)).body(words(r, 50)).acl(acl(r))
            .concepts("c" + r.nextInt(50)).build());
        if (batch.size() == 10) {
          w.putAll(batch);
          batch.clear();
          ticking.set(ticking.instant().plusMillis(step));
        }
      }
      w.putAll(batch);
      w.commit();
      List<UsageEvent> events = new ArrayList<>();
      for (int e = 0; e < eventCount; e++) {
        int user = r.nextInt(10_000);
        Principal p = principal(user, false);
        Instant t = NOW.minusSeconds(r.nextInt(365 * 86_400));
        UsageEvent event = UsageEvent.ofItem(UsageEventType.of(type(r)), t, p, "i" + zipf(r, items));
        if (r.nextBoolean()) {
          event = event.withContext(WorkContext.builder(p, t).role("role" + (user % 5)).stage("stage" + r.nextInt(5))
              .attribute("industry", "industry" + r.nextInt(10)).attribute("project", "p" + r.nextInt(2000)).build());
        }
        events.add(event);
        if (events.size() == 100_000) {
          w.events().recordAll(events);
          events.clear();
        }
      }
      w.events().recordAll(events);
      w.commit();
    }
    Files.writeString(dir.resolve("complete"), "built\n");
  }

  private static Acl acl(Random r) {
    if (r.nextInt(5) == 0) {
      return Acl.PUBLIC;
    }
    List<String> groups = new ArrayList<>();
    for (int g = 1 + r.nextInt(3); g > 0; g--) {
      groups.add("g" + r.nextInt(100));
    }
    return Acl.allow(List.of(), groups, List.of());
  }

  private static String type(Random r) {
    int x = r.nextInt(100);
    for (int i = 0; i < TYPES.length; i++) {
      x -= TYPE_SHARE[i];
      if (x < 0) {
        return TYPES[i];
      }
    }
    return TYPES[0];
  }

  /** Loads the events into arrays for the naive baseline (not timed). */
  private void loadColumns() {
    int n = (int) kb.events().count(EventQuery.ALL);
    eventItem = new int[n];
    eventUser = new int[n];
    eventType = new byte[n];
    eventRole = new byte[n];
    eventStage = new byte[n];
    eventIndustry = new byte[n];
    eventTime = new long[n];
    Map<String, Integer> typeIndex = new HashMap<>();
    for (int t = 0; t < TYPES.length; t++) {
      typeIndex.put(TYPES[t], t);
    }
    int[] at = {0};
    kb.events().scan(EventQuery.ALL, row -> {
      int i = at[0]++;
      eventItem[i] = Integer.parseInt(row.itemId().substring(1));
      eventUser[i] = Integer.parseInt(row.userId().substring(1));
      eventType[i] = typeIndex.getOrDefault(row.type(), 0).byteValue();
      String role = row.contextRole();
      eventRole[i] = (byte) (role == null ? -1 : role.charAt(4) - '0');
      String stage = row.contextStage();
      eventStage[i] = (byte) (stage == null ? -1 : stage.charAt(5) - '0');
      String industry = row.contextAttribute("industry");
      eventIndustry[i] = (byte) (industry == null ? -1 : Integer.parseInt(industry.substring(8)));
      eventTime[i] = row.timeMillis();
    });
    acls = new Acl[items];
    for (int i = 0; i < items; i++) {
      acls[i] = kb.get("i" + i).orElseThrow().acl();
    }
  }

  /** Closes the knowledge base. */
  @TearDown(Level.Trial)
  public void close() {
    push.close();
    kb.close();
  }

  /**
   * One push of ten.
   *
   * @return how many recommendations came back
   */
  @Benchmark
  public int push() {
    WorkContext c = contexts.get(next++ & 1023);
    if (impl.equals("zhiku")) {
      List<Recommendation> recs = push.push(c, 10);
      return recs.size();
    }
    return naive(c).size();
  }

  /** Scans every event: decayed use in the person's segments, minus what they used; ten best readable. */
  private List<Integer> naive(WorkContext c) {
    int me = Integer.parseInt(c.principal().userId().substring(1));
    int role = c.role().charAt(4) - '0';
    int stage = c.stage().charAt(5) - '0';
    int industry = Integer.parseInt(c.attribute("industry").substring(8));
    double[] score = new double[items];
    boolean[] used = new boolean[items];
    long now = NOW.toEpochMilli();
    for (int e = 0; e < eventItem.length; e++) {
      int type = eventType[e];
      if (eventUser[e] == me) {
        used[eventItem[e]] |= type <= 3;
        continue;
      }
      double w = switch (type) {
        case 0, 1 -> 1;
        case 2 -> 3;
        case 3 -> 2;
        default -> 0;
      };
      if (w == 0) {
        continue;
      }
      double segments = 0.25 + (eventRole[e] == role ? 1 : 0) + (eventStage[e] == stage ? 1 : 0)
          + (eventIndustry[e] == industry ? 1 : 0);
      score[eventItem[e]] += w * segments * Math.pow(2, (eventTime[e] - now) / HALF_LIFE_MILLIS);
    }
    List<Integer> out = new ArrayList<>(10);
    boolean[] taken = new boolean[items];
    while (out.size() < 10) {
      int best = -1;
      for (int i = 0; i < items; i++) {
        if (!taken[i] && !used[i] && score[i] > 0 && (best < 0 || score[i] > score[best])) {
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      taken[best] = true;
      if (acls[best].permits(c.principal())) {
        out.add(best);
      }
    }
    return out;
  }
}
