package io.zhiku.push.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.testkit.Seeded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;

/** {@link UsageStats} against a naive model that recomputes everything from the list of events. */
@Seeded
class UsageStatsRandomizedTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String[] TYPES = {"view", "click", "reuse", "rate", "helpful", "push-accepted", "push-dismissed",
      "push-shown", "search", "contribute"};

  /** The documented weights, written out again. */
  private static double use(UsageEvent e) {
    double v = e.value() == null ? Double.NaN : e.value();
    return switch (e.type().name()) {
      case "view", "click" -> 1;
      case "reuse" -> 3;
      case "push-accepted" -> 2;
      case "helpful" -> v == 0 ? 0 : 2;
      case "rate" -> v >= 4 ? 1 : 0;
      default -> 0;
    };
  }

  private static double feedback(UsageEvent e) {
    return switch (e.type().name()) {
      case "push-accepted" -> 1;
      case "push-dismissed" -> -1;
      default -> 0;
    };
  }

  private static List<String> segments(UsageEvent e) {
    List<String> out = new ArrayList<>(List.of("everyone="));
    WorkContext c = e.context();
    if (c != null && c.role() != null) {
      out.add("role=" + c.role());
    } else {
      e.principal().roles().forEach(r -> out.add("role=" + r));
    }
    if (c != null && c.stage() != null) {
      out.add("stage=" + c.stage());
    }
    if (c != null && c.attribute("industry") != null) {
      out.add("industry=" + c.attribute("industry"));
    }
    return out;
  }

  @RepeatedTest(20)
  void topUsedTogetherAndRecentItems_equalTheNaiveModel(Random r) {
    Duration halfLife = Duration.ofDays(1 + r.nextInt(3)); // events span 200 days: several rebases
    UsageStats stats = new UsageStats(halfLife, Set.of("industry"), id -> id);
    List<UsageEvent> events = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < 400; i++) {
      t += r.nextInt(200 * 86_400 / 400 * 2); // roughly increasing, seconds
      Instant time = T0.plusSeconds(r.nextInt(10) == 0 ? Math.max(0, t - 86_400 * 5) : t); // some out of order
      Principal p = Principal.of("u" + r.nextInt(8), List.of(), r.nextBoolean() ? List.of("r" + r.nextInt(2)) : List.of());
      String type = TYPES[r.nextInt(TYPES.length)];
      UsageEventType et = UsageEventType.of(type);
      String item = "i" + r.nextInt(15);
      Double value = et.requiresValue() || type.equals("helpful") ? (double) r.nextInt(6) : null;
      UsageEvent e = new UsageEvent(null, et, time, p, et.requiresQuery() ? null : item, null,
          et.requiresQuery() ? "q" : null, type.equals("search") ? 3 : null, value);
      if (r.nextBoolean()) {
        WorkContext.Builder c = WorkContext.builder(p, time);
        if (r.nextBoolean()) {
          c.role("r" + r.nextInt(3));
        }
        if (r.nextBoolean()) {
          c.stage("s" + r.nextInt(2));
        }
        if (r.nextBoolean()) {
          c.attribute("industry", "ind" + r.nextInt(2));
        }
        e = e.withContext(c.build());
      }
      events.add(e);
      stats.add(e);
    }
    Instant now = T0.plusSeconds(t + r.nextInt(86_400 * 10));
    double h = halfLife.toMillis();
    Map<String, Map<String, Double>> useSums = new HashMap<>();
    Map<String, Map<String, Double>> feedbackSums = new HashMap<>();
    for (UsageEvent e : events) {
      double decay = Math.pow(2, (e.time().toEpochMilli() - now.toEpochMilli()) / h);
      for (String s : segments(e)) {
        if (e.itemId() != null && use(e) != 0) {
          useSums.computeIfAbsent(s, k -> new HashMap<>()).merge(e.itemId(), use(e) * decay, Double::sum);
        }
        if (e.itemId() != null && feedback(e) != 0) {
          feedbackSums.computeIfAbsent(s, k -> new HashMap<>()).merge(e.itemId(), feedback(e) * decay, Double::sum);
        }
      }
    }
    for (String s : List.of("everyone=", "role=r0", "role=r1", "role=r2", "stage=s0", "stage=s1", "industry=ind0", "industry=ind1")) {
      check(useSums.getOrDefault(s, Map.of()), stats.top(UsageStats.USE, s, now.toEpochMilli(), 100), s);
      check(feedbackSums.getOrDefault(s, Map.of()), stats.top(UsageStats.FEEDBACK, s, now.toEpochMilli(), 100), "feedback " + s);
    }
    // Co-usage: few users and items, so the rings never overflow and the model is exact.
    for (int anchor = 0; anchor < 15; anchor++) {
      String a = "i" + anchor;
      String me = "u" + r.nextInt(8);
      int minSupport = 1 + r.nextInt(3);
      Map<String, Set<String>> itemsByUser = new HashMap<>();
      for (UsageEvent e : events) {
        if (e.itemId() != null && use(e) > 0) {
          itemsByUser.computeIfAbsent(e.principal().userId(), k -> new HashSet<>()).add(e.itemId());
        }
      }
      Map<String, Double> expected = new TreeMap<>();
      itemsByUser.forEach((user, used) -> {
        if (!user.equals(me) && used.contains(a)) {
          used.stream().filter(b -> !b.equals(a)).forEach(b -> expected.merge(b, 1.0, Double::sum));
        }
      });
      expected.values().removeIf(v -> v < minSupport);
      Map<String, Double> actual = new TreeMap<>();
      stats.usedTogether(a, me, minSupport, 1000).forEach(s -> actual.put(s.itemId(), s.score()));
      assertEquals(expected, actual, "used together with " + a + " excluding " + me + " support " + minSupport);
      List<UsageStats.Scored> firstTwo = stats.usedTogether(a, me, minSupport, 2);
      List<Map.Entry<String, Double>> best = expected.entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey())).limit(2).toList();
      assertEquals(best.stream().map(Map.Entry::getKey).toList(), firstTwo.stream().map(UsageStats.Scored::itemId).toList(),
          "the best two, ties by id");
    }
    // Each person's most recently used items (out-of-order times included), ties by id.
    for (int u = 0; u < 8; u++) {
      String user = "u" + u;
      Map<String, Long> last = new HashMap<>();
      for (UsageEvent e : events) {
        if (e.principal().userId().equals(user) && e.itemId() != null && use(e) > 0) {
          last.merge(e.itemId(), e.time().toEpochMilli(), Math::max);
        }
      }
      int limit = 1 + r.nextInt(12);
      List<String> expected = last.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(limit).map(Map.Entry::getKey).toList();
      assertEquals(expected, stats.recentItems(user, limit), "the " + limit + " items " + user + " used last");
    }
    assertEquals(List.of(), stats.recentItems("nobody", 5));
  }

  /**
   * Many more (segment, item) pairs than the budget, and the traffic moves to a new set of roles three
   * times: the tables together stay within the budget, however many roles there are, those of roles
   * no longer used shrink, and the top of each busy segment is still about the true top: a sum may miss
   * the uses an item had when its table forgot it (early on, when the table's share is small), so it is
   * never above the truth; in 300 runs the worst listed sum was 5% below it, and the ten listed items
   * always truly had more than 99.8% of what the true ten had.
   */
  @RepeatedTest(10)
  void boundedStatistics_holdTheBudget_andTheTopOfBusySegmentsStaysExact(Random r) {
    int roles = r.nextBoolean() ? 5 : 200;
    UsageStats stats = new UsageStats(Duration.ofDays(30), Set.of(), id -> id, 2_000);
    Map<String, Map<String, Double>> model = new HashMap<>();
    Set<String> used = new HashSet<>();
    Instant now = T0.plus(Duration.ofDays(200));
    double h = Duration.ofDays(30).toMillis();
    int events = 60_000;
    long maxEntries = 0;
    int firstRoleAtItsBusiest = 0;
    for (int e = 0; e < events; e++) {
      Instant t = T0.plusSeconds(200L * 86_400 * e / events);
      String role = "r" + (e * 4 / events * roles + r.nextInt(roles));
      String item = "i" + (int) Math.floor(Math.pow(50_001, r.nextDouble()) - 1); // Zipf over 50,000 items
      stats.add(UsageEvent.ofItem(UsageEventType.VIEW, t, Principal.of("u" + r.nextInt(1_000), List.of(), List.of(role)), item));
      used.add(item);
      double decayed = Math.pow(2, (t.toEpochMilli() - now.toEpochMilli()) / h);
      for (String segment : List.of("everyone=", "role=" + role)) {
        model.computeIfAbsent(segment, k -> new HashMap<>()).merge(item, decayed, Double::sum);
      }
      if (e % 100 == 0) {
        maxEntries = Math.max(maxEntries, stats.entries());
      }
      if (e == events / 4 - 1) {
        firstRoleAtItsBusiest = stats.size(UsageStats.USE, "role=r0");
      }
    }
    long budget = stats.budget();
    assertEquals(Math.max(2_000, used.size()), budget, "one sum per item used");
    long pairs = model.values().stream().mapToLong(Map::size).sum();
    assertEquals(true, pairs > 2 * budget, pairs + " pairs: the test must make the tables prune");
    long bound = budget + budget / 2 + 1;
    maxEntries = Math.max(maxEntries, stats.entries());
    assertEquals(true, maxEntries <= bound, maxEntries + " sums held, bound " + bound + " with " + roles + " roles");
    if (roles == 5) { // with 200 roles, each table is small from the start
      assertEquals(true, stats.size(UsageStats.USE, "role=r0") < firstRoleAtItsBusiest / 2,
          "a table whose traffic stopped gives up its share: " + stats.size(UsageStats.USE, "role=r0") + " sums, "
              + firstRoleAtItsBusiest + " when its role was busy");
    }
    List<String> busy = roles == 5 ? List.of("everyone=", "role=r15", "role=r19") : List.of("everyone=");
    for (String segment : busy) {
      Map<String, Double> truth = model.get(segment);
      List<Double> best = truth.values().stream().sorted(java.util.Comparator.reverseOrder()).limit(10).toList();
      List<UsageStats.Scored> top = stats.top(UsageStats.USE, segment, now.toEpochMilli(), 10);
      assertEquals(10, top.size(), segment);
      double listedTruth = 0;
      for (UsageStats.Scored listed : top) {
        double itsTruth = truth.get(listed.itemId());
        assertEquals(true, listed.score() <= itsTruth * (1 + 1e-9) && listed.score() >= itsTruth * 0.9,
            segment + " " + listed + ": its true sum is " + itsTruth);
        listedTruth += itsTruth;
      }
      double bestTruth = best.stream().mapToDouble(Double::doubleValue).sum();
      assertEquals(true, listedTruth >= 0.99 * bestTruth, segment + ": the listed ten truly have " + listedTruth + ", the true ten " + bestTruth);
    }
  }

  private static void check(Map<String, Double> model, List<UsageStats.Scored> top, String what) {
    Map<String, Double> expected = new TreeMap<>();
    model.forEach((k, v) -> {
      if (v > 0) {
        expected.put(k, v);
      }
    });
    Map<String, Double> actual = new TreeMap<>();
    top.forEach(s -> actual.put(s.itemId(), s.score()));
    assertEquals(expected.keySet(), actual.keySet(), what);
    expected.forEach((k, v) -> assertEquals(v, actual.get(k), Math.abs(v) * 1e-9, what + " " + k));
    for (int i = 1; i < top.size(); i++) {
      assertEquals(true, top.get(i - 1).score() >= top.get(i).score(), "best first: " + what);
    }
  }
}
