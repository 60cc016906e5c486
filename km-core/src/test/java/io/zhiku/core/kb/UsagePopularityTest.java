package io.zhiku.core.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.internal.UseWeights;
import io.zhiku.core.spi.Popularity;
import io.zhiku.testkit.Seeded;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

@Seeded
class UsagePopularityTest {
  private static final List<String> TYPES = List.of("view", "click", "reuse", "push-accepted", "push-dismissed", "helpful",
      "rate", "contribute", "push-shown");

  /** Random events over 200 days with a half-life of days (several rebases) against the naive decayed sum. */
  @RepeatedTest(20)
  void snapshot_equalsTheNaiveDecayedSum(Random r) {
    Duration halfLife = Duration.ofDays(1 + r.nextInt(3));
    UsagePopularity popularity = new UsagePopularity(halfLife, id -> id);
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    List<Instant> times = new java.util.ArrayList<>();
    int n = 1 + r.nextInt(400);
    for (int i = 0; i < n; i++) {
      times.add(start.plus(Duration.ofMinutes(r.nextInt(200 * 24 * 60))));
    }
    times.sort(null); // as recorded: in time order, mostly
    Map<String, Double> naive = new HashMap<>();
    Instant now = start.plus(Duration.ofDays(201));
    for (Instant t : times) {
      String type = TYPES.get(r.nextInt(TYPES.size()));
      String item = "i" + r.nextInt(30);
      Double value = type.equals("rate") ? Double.valueOf(1 + r.nextInt(5)) : type.equals("helpful") ? Double.valueOf(r.nextInt(2)) : null;
      UsageEvent.Builder b = UsageEvent.builder(UsageEventType.of(type), t, Principal.of("u" + r.nextInt(5))).item(item);
      if (value != null) {
        b.value(value);
      }
      popularity.add(b.build());
      double w = UseWeights.use(type, value == null ? Double.NaN : value);
      naive.merge(item, w * Math.pow(2, -(double) Duration.between(t, now).toMillis() / halfLife.toMillis()), Double::sum);
    }
    Popularity p = popularity.at(now.toEpochMilli());
    for (int i = 0; i < 30; i++) {
      double expected = naive.getOrDefault("i" + i, 0.0);
      assertEquals(expected, p.uses("i" + i), Math.max(1e-30, expected * 1e-5), "i" + i);
    }
  }

  @Test
  void aSnapshotIsReusedFor30Seconds_thenTakenAgain() {
    UsagePopularity popularity = new UsagePopularity(Duration.ofDays(30), id -> id);
    assertSame(Popularity.NONE, popularity.at(0), "nothing used yet");
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    popularity.add(UsageEvent.ofItem(UsageEventType.VIEW, t, Principal.of("u"), "a"));
    Popularity first = popularity.at(t.toEpochMilli());
    assertEquals(1.0, first.uses("a"), 1e-6);
    popularity.add(UsageEvent.ofItem(UsageEventType.REUSE, t, Principal.of("u"), "a"));
    assertSame(first, popularity.at(t.plusSeconds(Popularity.REFRESH_SECONDS - 1).toEpochMilli()));
    assertEquals(4.0, popularity.at(t.plusSeconds(Popularity.REFRESH_SECONDS).toEpochMilli()).uses("a"), 1e-4);
    assertEquals(4.0, popularity.at(t.minusSeconds(Popularity.REFRESH_SECONDS).toEpochMilli()).uses("a"), 1e-4,
        "a clock that went back takes a new snapshot too");
  }

  @Test
  void aSnapshotKeepsItsMoment_andTheCountsHoldTheCanonicalIds() {
    String canonical = new String("a");
    List<String> asked = new java.util.ArrayList<>();
    UsagePopularity popularity = new UsagePopularity(Duration.ofDays(30), id -> {
      asked.add(id);
      return id.equals("a") ? canonical : id;
    });
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    popularity.add(UsageEvent.ofItem(UsageEventType.VIEW, t, Principal.of("u"), new String("a")));
    popularity.add(UsageEvent.ofItem(UsageEventType.VIEW, t, Principal.of("u"), new String("a")));
    Popularity first = popularity.at(t.toEpochMilli());
    for (int i = 0; i < 1_000; i++) { // enough new items to grow the numbering's tables under the snapshot
      popularity.add(UsageEvent.ofItem(UsageEventType.REUSE, t, Principal.of("u"), "b" + i));
    }
    assertEquals(2.0, first.uses("a"), 1e-6);
    assertEquals(0.0, first.uses("b7"), "used after the snapshot");
    Popularity second = popularity.at(t.plusSeconds(Popularity.REFRESH_SECONDS).toEpochMilli());
    assertEquals(3.0, second.uses("b7"), 1e-4);
    assertEquals(1, asked.stream().filter("a"::equals).count(), "asked once per new item");
    assertEquals(1_001, asked.size());
  }
}
