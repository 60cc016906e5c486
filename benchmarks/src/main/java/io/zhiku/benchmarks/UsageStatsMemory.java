package io.zhiku.benchmarks;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.push.internal.UsageStats;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Heap retained by push's usage statistics: 4M events over 400k items from 30k people in 300 roles (one
 * each), half of the events in a work context with one of 8 stages and an industry attribute of 20 values
 * (a tracked segment); views, clicks, reuses, accepted and dismissed pushes. Items are drawn uniformly,
 * the worst case for memory that grows with what was used (most items are used in few segments). Heap in
 * use after full collections, before and after adding the events.
 *
 * <p>Usage: {@code java -Xmx8g -cp benchmarks.jar io.zhiku.benchmarks.UsageStatsMemory [items] [events]
 * [roles]}.
 */
public final class UsageStatsMemory {
  private static final UsageEventType[] TYPES = {UsageEventType.VIEW, UsageEventType.VIEW, UsageEventType.VIEW,
      UsageEventType.CLICK, UsageEventType.REUSE, UsageEventType.PUSH_ACCEPTED, UsageEventType.PUSH_DISMISSED};

  private UsageStatsMemory() {}

  /**
   * Measures and prints.
   *
   * @param args optionally the item, event and role counts
   */
  public static void main(String[] args) {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 4_000_000;
    int roles = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    int people = 30_000;
    PrintStream out = System.out;
    Principal[] principals = new Principal[people];
    for (int p = 0; p < people; p++) {
      principals[p] = Principal.of("u" + p, List.of(), List.of("role-" + (p % roles)));
    }
    String[] itemIds = new String[items];
    for (int i = 0; i < items; i++) {
      itemIds[i] = "item-" + i;
    }
    Random r = new Random(20261203L);
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    long before = Heap.inUse();
    UsageStats stats = new UsageStats(Duration.ofDays(30), Set.of("industry"), id -> id);
    for (int e = 0; e < events; e++) {
      Principal p = principals[r.nextInt(people)];
      Instant t = start.plusSeconds(e * 7L);
      UsageEvent.Builder b = UsageEvent.builder(TYPES[r.nextInt(TYPES.length)], t, p).item(itemIds[r.nextInt(items)]);
      if (r.nextBoolean()) {
        b.context(WorkContext.builder(p, t).stage("stage-" + r.nextInt(8)).attribute("industry", "ind-" + r.nextInt(20))
            .build());
      }
      stats.add(b.build());
    }
    long retained = Heap.inUse() - before;
    out.printf(Locale.ROOT, "usage statistics: %,d items, %,d events, %,d people in %,d roles%n", items, events, people, roles);
    out.printf(Locale.ROOT, "retained: %,d bytes = %.2f GB = %.0f bytes/event = %.0f bytes/item%n", retained, retained / 1e9,
        (double) retained / events, (double) retained / items);
    out.println(stats.top(UsageStats.USE, "everyone=", start.plusSeconds(events * 7L).toEpochMilli(), 1).size()); // keeps stats reachable
  }
}
