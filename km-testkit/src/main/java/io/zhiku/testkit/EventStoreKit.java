package io.zhiku.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ValidationException;
import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.spi.EngineCapability;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The event store's contract, for every engine: events recorded and counted and scanned by every filter,
 * event ids that make recording idempotent, events that outlive their item, retention, searches recorded
 * with their query and context, bad input refused with nothing stored, scans and counts equal to a brute
 * force over what was recorded, and block scans equal to row scans. Committed events survive a reopen
 * where the engine keeps data ({@link Capability#REOPEN}).
 */
public abstract class EventStoreKit extends EngineKit {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  private static UsageEvent view(String id, Instant t, String item) {
    return new UsageEvent(id, UsageEventType.VIEW, t, ALICE, item, null, null, null, null);
  }

  private static KnowledgeBase open(Store store, TestClock clock) {
    return store.open().clock(clock).refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).build();
  }

  @Test
  void record_thenRefresh_countAndScanByEveryFilter() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = manual(clock)) {
      WorkContext edu = WorkContext.builder(ALICE, T0).role("industry-manager").stage("proposal")
          .attribute(WorkContext.INDUSTRY, "education").build();
      kb.record(view(null, T0, "a").withContext(edu));
      kb.record(UsageEvent.ofItem(UsageEventType.REUSE, T0.plusSeconds(60), ALICE, "a"));
      kb.record(UsageEvent.ofRating(T0.plusSeconds(120), BOB, "b", 4.5));
      if (!kb.engineCapabilities().contains(EngineCapability.SHARED)) { // a shared engine shows them on its own schedule
        assertEquals(0, kb.events().count(EventQuery.ALL), "not visible before a refresh");
      }
      kb.refresh();
      assertEquals(3, kb.events().count(EventQuery.ALL));
      assertEquals(2, kb.events().count(EventQuery.builder().items("a").build()));
      assertEquals(1, kb.events().count(EventQuery.builder().types(UsageEventType.RATE).build()));
      assertEquals(2, kb.events().count(EventQuery.builder().users("alice").build()));
      assertEquals(1, kb.events().count(EventQuery.builder().contextAttribute("industry", "education").build()));
      assertEquals(1, kb.events().count(EventQuery.builder().roles("industry-manager").build()), "the context's role");
      assertEquals(2, kb.events().count(EventQuery.builder().roles("account-manager").build()), "the principal's role");
      assertEquals(2, kb.events().count(EventQuery.builder().window(T0, T0.plusSeconds(120)).build()), "before is exclusive");

      List<String> seen = new ArrayList<>();
      kb.events().scan(EventQuery.builder().items("a", "b").build(), (EventRow row) -> seen.add(row.type() + " " + row.userId()
          + " " + row.itemId() + " " + row.contextRole() + " " + row.contextStage() + " " + row.contextAttribute("industry")
          + " " + (Double.isNaN(row.value()) ? "-" : row.value()) + " " + row.principalRoles() + " " + row.principalGroups()));
      seen.sort(null);
      assertEquals(List.of(
          "rate bob b null null null 4.5 [] [rd]",
          "reuse alice a null null null - [account-manager] [sales]",
          "view alice a industry-manager proposal education - [account-manager] [sales]"), seen);
      List<UsageEvent> full = new ArrayList<>();
      kb.events().scan(EventQuery.builder().types(UsageEventType.VIEW).build(), row -> full.add(row.toEvent()));
      assertEquals(List.of(view(null, T0, "a").withContext(edu)), full);
    }
  }

  @Test
  void eventIds_makeRecordingIdempotent_acrossRefreshesAndInOneBatch() {
    try (KnowledgeBase kb = manual(new TestClock())) {
      assertTrue(kb.record(view("e1", T0, "a")));
      assertFalse(kb.record(view("e1", T0, "a")), "same id before a refresh");
      kb.refresh();
      assertFalse(kb.record(view("e1", T0, "a")), "same id after a refresh");
      assertEquals(1, kb.events().recordAll(List.of(view("e2", T0, "a"), view("e2", T0, "a"), view("e1", T0, "a"))).size());
      assertEquals(2, kb.events().recordAll(List.of(view(null, T0, "a"), view(null, T0, "a"))).size(), "events without an id always count");
      kb.refresh();
      assertEquals(4, kb.events().count(EventQuery.ALL));
    }
  }

  @Test
  void committedEvents_surviveReopen_idsAreRemembered() {
    requires(Capability.REOPEN);
    Store store = newStore();
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = open(store, clock)) {
      kb.record(view("e1", T0, "a"));
      kb.commit();
    }
    try (KnowledgeBase kb = open(store, clock)) {
      assertEquals(1, kb.events().count(EventQuery.ALL), "close commits, reopen reads the commit");
      assertFalse(kb.record(view("e1", T0, "a")), "ids are remembered across restarts");
      kb.record(view("e2", T0, "a"));
    } // close commits e2
    try (KnowledgeBase kb = open(store, clock)) {
      assertEquals(2, kb.events().count(EventQuery.ALL));
    }
  }

  @Test
  void deletingAnItem_leavesItsEventsCountable() {
    try (KnowledgeBase kb = manual(new TestClock())) {
      kb.put(item("a", "solution a", Acl.PUBLIC));
      kb.record(view(null, T0, "a"));
      assertTrue(kb.delete("a"));
      kb.refresh();
      assertEquals(1, kb.events().count(EventQuery.builder().items("a").build()));
    }
  }

  @Test
  void retention_deletesOldEventsAtCommit() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = newKnowledgeBase().clock(clock).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).eventRetention(Duration.ofDays(30)).build()) {
      kb.record(view(null, clock.instant().minus(Duration.ofDays(31)), "old"));
      kb.record(view(null, clock.instant().minus(Duration.ofDays(29)), "recent"));
      kb.commit();
      kb.refresh();
      assertEquals(List.of("recent"), itemsOf(kb, EventQuery.ALL));
    }
    assertThrows(ValidationException.class, () -> newKnowledgeBase().eventRetention(Duration.ofHours(1)));
  }

  private static List<String> itemsOf(KnowledgeBase kb, EventQuery q) {
    List<String> out = new ArrayList<>();
    kb.events().scan(q, row -> out.add(row.itemId()));
    out.sort(null);
    return out;
  }

  @Test
  void searches_areRecordedWithQueryCountAndContext_unlessTurnedOff() {
    TestClock clock = new TestClock();
    try (KnowledgeBase kb = manual(clock)) {
      kb.put(item("a", "smart campus", Acl.PUBLIC));
      kb.refresh();
      WorkContext ctx = WorkContext.builder(ALICE, T0).stage("proposal").build();
      kb.search(SearchRequest.builder(ALICE).text("campus\nsmart").context(ctx).build());
      kb.search(SearchRequest.builder(ALICE).text("nothing-here").build());
      kb.search(SearchRequest.builder(ALICE).build()); // browsing records nothing
      kb.refresh();
      Map<String, Long> counts = new TreeMap<>();
      List<String> stages = new ArrayList<>();
      kb.events().scan(EventQuery.builder().types(UsageEventType.SEARCH).build(), row -> {
        UsageEvent e = row.toEvent();
        counts.put(e.query(), row.resultCount());
        stages.add(String.valueOf(row.contextStage()));
      });
      assertEquals(Map.of("campus smart", 1L, "nothing-here", 0L), counts);
      stages.sort(null);
      assertEquals(List.of("null", "proposal"), stages);
    }
    try (KnowledgeBase kb = newKnowledgeBase().refreshInterval(Duration.ZERO).recordSearches(false).build()) {
      kb.search(SearchRequest.builder(ALICE).text("anything").build());
      kb.refresh();
      assertEquals(0, kb.events().count(EventQuery.ALL));
    }
  }

  @Test
  void badInput_isRefusedWithTheFieldNamed_andNothingIsStored() {
    try (KnowledgeBase kb = manual(new TestClock())) {
      List<UsageEvent> withNull = new ArrayList<>(List.of(view(null, T0, "a")));
      withNull.add(null);
      ValidationException e = assertThrows(ValidationException.class, () -> kb.events().recordAll(withNull));
      assertTrue(e.getMessage().contains("event"), e.getMessage());
      assertThrows(ValidationException.class, () -> kb.record(null));
      assertThrows(ValidationException.class, () -> EventQuery.builder().window(T0, T0.minusSeconds(1)).build());
      assertThrows(ValidationException.class, () -> EventQuery.builder().users("no spaces").build());
      kb.refresh();
      assertEquals(0, kb.events().count(EventQuery.ALL));
    }
    KnowledgeBase closed = manual(new TestClock());
    closed.close();
    assertThrows(ZhikuException.class, () -> closed.record(view(null, T0, "a")));
    assertThrows(ZhikuException.class, () -> closed.events().count(EventQuery.ALL));
  }

  /** Scans agree with a brute-force filter over the recorded events, for random events and queries. */
  @RepeatedTest(10)
  void scanAndCount_equalBruteForce(Random r) {
    String[] users = {"u0", "u1", "u2"};
    String[] types = {"view", "click", "reuse", "push-shown"};
    String[] industries = {"education", "health"};
    try (KnowledgeBase kb = manual(new TestClock())) {
      List<UsageEvent> all = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        io.zhiku.core.access.Principal p = io.zhiku.core.access.Principal.of(users[r.nextInt(3)]);
        Instant t = T0.plusSeconds(r.nextInt(10_000));
        UsageEvent e = new UsageEvent(null, UsageEventType.of(types[r.nextInt(4)]), t, p, "i" + r.nextInt(20), null, null, null, null);
        if (r.nextBoolean()) {
          e = e.withContext(WorkContext.builder(p, t).attribute("industry", industries[r.nextInt(2)]).build());
        }
        all.add(e);
      }
      for (int from = 0; from < all.size(); from += 37) {
        kb.events().recordAll(all.subList(from, Math.min(all.size(), from + 37)));
        if (r.nextBoolean()) {
          kb.refresh();
        }
      }
      kb.refresh();
      for (int q = 0; q < 20; q++) {
        EventQuery.Builder b = EventQuery.builder();
        Instant from = r.nextBoolean() ? T0.plusSeconds(r.nextInt(5000)) : null;
        Instant before = r.nextBoolean() ? T0.plusSeconds(5000 + r.nextInt(5000)) : null;
        b.window(from, before);
        String user = r.nextBoolean() ? users[r.nextInt(3)] : null;
        String type = r.nextBoolean() ? types[r.nextInt(4)] : null;
        String industry = r.nextBoolean() ? industries[r.nextInt(2)] : null;
        if (user != null) {
          b.users(user);
        }
        if (type != null) {
          b.types(UsageEventType.of(type));
        }
        if (industry != null) {
          b.contextAttribute("industry", industry);
        }
        Map<String, Integer> expected = new HashMap<>();
        for (UsageEvent e : all) {
          if ((from == null || !e.time().isBefore(from)) && (before == null || e.time().isBefore(before))
              && (user == null || e.principal().userId().equals(user)) && (type == null || e.type().name().equals(type))
              && (industry == null || (e.context() != null && industry.equals(e.context().attribute("industry"))))) {
            expected.merge(e.itemId(), 1, Integer::sum);
          }
        }
        Map<String, Integer> actual = new HashMap<>();
        EventQuery query = b.build();
        kb.events().scan(query, row -> actual.merge(row.itemId(), 1, Integer::sum));
        assertEquals(expected, actual, query.toString());
        assertEquals(expected.values().stream().mapToInt(Integer::intValue).sum(), kb.events().count(query));
      }
    }
  }

  /**
   * Every column a row reads equals the recorded event, over several segments: attributes whose keys are
   * prefixes of one another and values holding '=', and user and item numbers that are one number per id,
   * dense, and the same in the next scan.
   */
  @RepeatedTest(5)
  void rowColumns_equalTheRecordedEvents_andNumbersAreOnePerId(Random r) {
    String[] keys = {"case", "cases", "case-id", "ca", "industry"};
    try (KnowledgeBase kb = manual(new TestClock())) {
      List<UsageEvent> all = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        io.zhiku.core.access.Principal p = io.zhiku.core.access.Principal.of("u" + r.nextInt(12));
        Instant t = T0.plusSeconds(i);
        String item = r.nextInt(5) == 0 ? null : "i" + r.nextInt(30);
        WorkContext.Builder c = WorkContext.builder(p, t);
        for (String k : keys) {
          if (r.nextInt(3) == 0) {
            c.attribute(k, r.nextBoolean() ? "v" + r.nextInt(4) : "x=" + r.nextInt(4));
          }
        }
        UsageEventType type = item == null ? UsageEventType.of("proposal") : UsageEventType.VIEW;
        all.add(new UsageEvent(null, type, t, p, item, r.nextBoolean() ? c.build() : null, null, null, null));
      }
      for (int from = 0; from < all.size(); from += 50) {
        kb.events().recordAll(all.subList(from, from + 50));
        kb.refresh(); // one segment per batch
      }
      Map<String, Integer> users = new HashMap<>();
      Map<String, Integer> items = new HashMap<>();
      for (int scan = 0; scan < 2; scan++) {
        int[] rows = {0};
        kb.events().scan(EventQuery.ALL, row -> {
          rows[0]++;
          UsageEvent e = row.toEvent();
          for (String k : keys) {
            String expected = e.context() == null ? null : e.context().attribute(k);
            assertEquals(expected, row.contextAttribute(k), k + " of " + e);
          }
          assertEquals(e.context() == null ? 0 : e.context().attributes().size(), attributeCount(row, keys));
          assertEquals(users.computeIfAbsent(row.userId(), u -> row.userNumber()), row.userNumber(), row.userId());
          if (row.itemId() == null) {
            assertEquals(-1, row.itemNumber());
          } else {
            assertEquals(items.computeIfAbsent(row.itemId(), u -> row.itemNumber()), row.itemNumber(), row.itemId());
          }
        });
        assertEquals(all.size(), rows[0]);
      }
      assertEquals(users.size(), new java.util.HashSet<>(users.values()).size(), "different ids, different numbers");
      assertEquals(items.size(), new java.util.HashSet<>(items.values()).size(), "different ids, different numbers");
      assertTrue(users.values().stream().allMatch(n -> n >= 0 && n < users.size()), "dense: " + users);
      assertTrue(items.values().stream().allMatch(n -> n >= 0 && n < items.size()), "dense: " + items);
    }
  }

  /**
   * A block scan reads what a row scan reads, for random columns, types and queries over several
   * segments (some holding one attribute per event, some several, one with more events than a block):
   * each column only for the types that ask for it, user and item numbers as in rows, and attribute
   * numbers that are one number per value of a key.
   */
  @RepeatedTest(5)
  void blockColumns_equalTheRows(Random r) {
    String[] keys = BlockAgreement.KEYS;
    UsageEventType[] types = BlockAgreement.TYPES;
    try (KnowledgeBase kb = manual(new TestClock())) {
      Instant t = T0;
      for (int batch : List.of(5000, 40, 300, 1, 700)) {
        kb.events().recordAll(BlockAgreement.randomEvents(r, batch, t, types, keys));
        kb.refresh(); // a segment per batch
        t = t.plusSeconds(batch);
      }
      for (int q = 0; q < 8; q++) {
        EventQuery.Builder qb = EventQuery.builder()
            .window(T0.plusSeconds(r.nextInt(3000)), r.nextBoolean() ? null : T0.plusSeconds(4000 + r.nextInt(3000)));
        if (r.nextBoolean()) {
          qb.types(BlockAgreement.some(r, types));
        }
        BlockAgreement.assertBlocksEqualRows(kb.events()::scan, kb.events()::scanBlocks, qb.build(),
            BlockAgreement.randomColumns(r, types, keys));
      }
    }
  }

  private static int attributeCount(EventRow row, String[] keys) {
    int n = 0;
    for (String k : keys) {
      n += row.contextAttribute(k) == null ? 0 : 1;
    }
    return n;
  }
}
