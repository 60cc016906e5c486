package io.zhiku.metrics.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.metrics.kpi.KpiPeriod;
import io.zhiku.metrics.kpi.MetricsSource;
import io.zhiku.testkit.Seeded;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

@Seeded
class IncentivePointsTest {
  private static final KpiPeriod JANUARY = KpiPeriod.month(YearMonth.of(2026, 1), ZoneOffset.UTC);
  private static final List<KnowledgeItem> ITEMS = List.of(
      KnowledgeItem.builder("i1", ItemKind.SOLUTION, "one").authors("a1").acl(Acl.PUBLIC).build(),
      KnowledgeItem.builder("i2", ItemKind.SOLUTION, "two").authors("a1", "a2").acl(Acl.PUBLIC).build());

  private final List<UsageEvent> events = new ArrayList<>();
  private Instant clock = Instant.parse("2026-01-05T08:00:00Z");

  private void act(UsageEventType type, String user, String item, String... groups) {
    clock = clock.plusSeconds(60);
    events.add(UsageEvent.ofItem(type, clock, Principal.of(user, Set.of(groups), Set.of()), item));
  }

  private PointsLedger ledger() {
    return IncentivePoints.standard(ZoneOffset.UTC).ledger(MetricsSource.of(events, ITEMS, Taxonomy.empty()), JANUARY);
  }

  @Test
  void theStandardRules_awardByHand_withCapsAndNothingForYourOwnItems() {
    for (int i = 0; i < 7; i++) {
      act(UsageEventType.CONTRIBUTE, "a1", "new" + i, "sales"); // 10 each, capped at 50 a day
    }
    act(UsageEventType.CONTRIBUTE, "a1", "new0", "sales"); // the same item again that day: nothing
    act(UsageEventType.REUSE, "u2", "i1", "service"); // 5 to a1
    act(UsageEventType.REUSE, "u2", "i1", "service"); // the same reuse again that day: nothing
    act(UsageEventType.REUSE, "a1", "i1", "sales"); // your own item: nothing
    act(UsageEventType.ACCEPTED, "u3", "i2", "service"); // 20 each to a1 and a2
    act(UsageEventType.ACCEPTED, "a2", "i2", "sales"); // an author accepting their own answer: nothing
    act(UsageEventType.VERIFY, "a2", "i1", "sales"); // 3 to a2
    act(UsageEventType.VERIFY, "a1", "i1", "sales"); // verifying your own item: nothing
    for (int u = 0; u < 12; u++) {
      act(UsageEventType.REUSE, "r" + u, "i2", "service"); // 5 each to a1 and a2, a1 already has 5 of 50 today
    }
    PointsLedger ledger = ledger();

    assertEquals(50 + 5 + 45 + 20, ledger.totals().get("a1"), "contributions 50 (cap), reuse 5 + 45 (cap), accepted 20");
    assertEquals(20 + 3 + 50, ledger.totals().get("a2"), "accepted 20, verification 3, reuse 50 (cap)");
    assertEquals(Map.of("a1", 120L, "a2", 73L), ledger.totals());
    assertEquals(List.of(new Standing(1, "a1", 120), new Standing(2, "a2", 73)), ledger.leaderboard(10));
    assertEquals(List.of(new Standing(1, "a1", 120)), ledger.leaderboard(1));
    assertEquals(Set.of("sales"), ledger.units().get("a1"));
    assertEquals(2, ledger.leaderboard("sales", 10).size());
    assertEquals(List.of(), ledger.leaderboard("service", 10), "the earners are all in sales");
    assertTrue(ledger.entries().stream().filter(e -> !e.ruleId().equals("contribution")).noneMatch(e -> ITEMS.stream()
        .anyMatch(i -> i.id().equals(e.itemId()) && i.authors().contains(e.actor()))), "nobody earns by acting on their own item");
  }

  @Test
  void theCap_isPerDay_inTheConfiguredZone() {
    clock = Instant.parse("2026-01-05T15:54:00Z"); // 23:54 in Shanghai; events from 23:55
    for (int i = 0; i < 10; i++) {
      act(UsageEventType.CONTRIBUTE, "a1", "new" + i);
    }
    // Ten minutes, all on 5 January UTC; in Shanghai the last ones fall on the 6th.
    long utc = IncentivePoints.standard(ZoneOffset.UTC).ledger(MetricsSource.of(events, ITEMS, Taxonomy.empty()), JANUARY)
        .totals().get("a1");
    long shanghai = IncentivePoints.standard(ZoneId.of("Asia/Shanghai"))
        .ledger(MetricsSource.of(events, ITEMS, Taxonomy.empty()), JANUARY).totals().get("a1");
    assertEquals(50, utc);
    assertEquals(100, shanghai, "5 before midnight and 5 after it, each within its day's cap");
  }

  @Test
  void leaderboard_tiesShareARank() {
    act(UsageEventType.CONTRIBUTE, "b", "i1");
    act(UsageEventType.CONTRIBUTE, "a", "i1");
    act(UsageEventType.VERIFY, "c", "i1");
    assertEquals(List.of(new Standing(1, "a", 10), new Standing(1, "b", 10), new Standing(3, "c", 3)), ledger().leaderboard(5));
  }

  @RepeatedTest(10)
  void theLedger_isTheSameWhateverOrderTheEventsAreStoredIn(Random r) {
    UsageEventType[] types = {UsageEventType.CONTRIBUTE, UsageEventType.REUSE, UsageEventType.ACCEPTED, UsageEventType.VERIFY};
    for (int i = 0; i < 300; i++) {
      clock = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofMinutes(i * 7L + r.nextInt(5)));
      events.add(UsageEvent.ofItem(types[r.nextInt(types.length)], clock, Principal.of("u" + r.nextInt(5)), "i" + (1 + r.nextInt(2))));
    }
    PointsLedger ordered = ledger();
    Collections.shuffle(events, r);
    PointsLedger shuffled = ledger();
    assertEquals(ordered.totals(), shuffled.totals());
    assertEquals(strip(ordered.entries()), strip(shuffled.entries()));
  }

  /** Entries without the store's sequence numbers, which depend on the order of recording. */
  private static List<String> strip(List<PointEntry> entries) {
    return entries.stream().map(e -> e.earner() + " " + e.points() + " " + e.ruleId() + " " + e.time() + " " + e.actor()
        + " " + e.itemId()).toList();
  }

  @Test
  void badRules_areRefused() {
    var type = UsageEventType.REUSE;
    assertMessage(() -> new PointRule("r", type, PointRule.Earner.AUTHORS, 0, 10), "PointRule.points");
    assertMessage(() -> new PointRule("r", type, PointRule.Earner.AUTHORS, 10, 5), "PointRule.dailyCap");
    assertMessage(() -> new PointRule("Bad", type, PointRule.Earner.AUTHORS, 1, 5), "PointRule.id");
    assertMessage(() -> IncentivePoints.of(List.of(), ZoneOffset.UTC), "rules");
    assertMessage(() -> IncentivePoints.of(List.of(PointRule.verification(), PointRule.verification()), ZoneOffset.UTC),
        "PointRule.id");
    assertMessage(() -> ledger().leaderboard(0), "limit");
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable call, String field) {
    ValidationException e = assertThrows(ValidationException.class, call);
    assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
  }
}
