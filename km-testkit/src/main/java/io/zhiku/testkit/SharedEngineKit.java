package io.zhiku.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.event.EventQuery;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemSummary;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.ChangeListener;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.VersionConflictException;
import io.zhiku.core.spi.EngineCapability;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The contract of an engine that many knowledge bases share ({@link EngineCapability#SHARED}), for
 * every such engine: several knowledge bases opened on one {@link EngineKit.Store} (in a real deployment,
 * one per application server) act as one. A write in one is read at once by id in the others, and once
 * the writer has refreshed (or the engine's own visibility lag has passed), the others' next refresh puts
 * it in their item catalogs and tells their change listeners; optimistic versions
 * conflict across instances exactly as within one; a taxonomy set in one is used by the others after their
 * refresh; concurrent writers from several instances and threads lose no update; after a random
 * workload every instance's derived state equals the stored truth; and usage events recorded anywhere reach
 * every instance's counts and listeners once (within the engine's {@linkplain #eventLag() lag}).
 *
 * <p>An engine's test class extends this kit, overrides {@link #newStore()} (fresh shared data per test;
 * each {@link EngineKit.Store#open()} a new instance on it) and {@link #newKnowledgeBase()}.
 */
public abstract class SharedEngineKit extends EngineKit {
  /** A knowledge base on the store that refreshes and commits only when told. */
  private static KnowledgeBase instance(Store store) {
    KnowledgeBase kb = store.open().refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).build();
    assertTrue(kb.engineCapabilities().contains(EngineCapability.SHARED), "the engine under this kit declares SHARED");
    return kb;
  }

  @Test
  void aWriteInOneInstance_isReadAtOnceInAnother_andFollowedOnItsRefresh() {
    Store store = newStore();
    try (KnowledgeBase a = instance(store); KnowledgeBase b = instance(store)) {
      Mirror heardByB = Mirror.attach(b);
      KnowledgeItem stored = a.put(item("x", "Written in A", Acl.PUBLIC));
      assertEquals(Optional.of(stored), b.get("x"), "real-time get in another instance, before any refresh");
      a.refresh(); // the writer's refresh makes its writes visible to every instance's search and feed
      b.refresh();
      assertEquals(Optional.of(ItemSummary.of(stored)), b.catalog().summary("x"), "B's catalog follows A's write");
      assertEquals(Map.of("x", 1L), heardByB.versions(), "B's listeners heard A's write");
      assertTrue(b.delete("x"));
      assertTrue(a.get("x").isEmpty(), "a delete is real-time in the other instance too");
      Mirror heardByA = Mirror.attach(a);
      b.refresh();
      a.refresh();
      assertTrue(a.catalog().summary("x").isEmpty(), "A's catalog follows B's delete");
      assertEquals(Map.of(), heardByA.versions());
      KnowledgeItem again = a.put(item("x", "Created again", Acl.PUBLIC));
      a.refresh();
      b.refresh();
      assertEquals(Map.of("x", again.version()), heardByB.versions(), "a re-created item follows its deletion");
      assertEquals("Created again", b.get("x").orElseThrow().title());
    }
  }

  /**
   * A listener tells its own instance's writes ({@code itemsChanged}) from the ones it follows ({@code
   * itemsFollowed}): what push needs to notify a subscriber once, from the writing instance only. A listener
   * that does not override {@code itemsFollowed} hears both in {@code itemsChanged} (the mirror above).
   */
  @Test
  void ownWritesReachItemsChanged_followedOnesItemsFollowed() {
    Store store = newStore();
    try (KnowledgeBase a = instance(store); KnowledgeBase b = instance(store)) {
      List<String> heard = new CopyOnWriteArrayList<>();
      b.addChangeListener(new ChangeListener() {
        @Override
        public void itemsChanged(List<ItemChange> changes) {
          changes.forEach(c -> heard.add("own " + c.id()));
        }

        @Override
        public void itemsFollowed(List<ItemChange> changes) {
          changes.forEach(c -> heard.add("followed " + c.id()));
        }

        @Override
        public void eventsRecorded(List<UsageEvent> events, long firstSequence) {}
      });
      a.put(item("x", "Written in A", Acl.PUBLIC));
      b.put(item("y", "Written in B", Acl.PUBLIC));
      a.refresh();
      b.refresh();
      assertTrue(a.delete("x"));
      a.refresh();
      b.refresh();
      assertEquals(List.of("own y", "followed x", "followed x"), heard);
    }
  }

  @Test
  void aTaxonomySetInOneInstance_isUsedByTheOthersAfterTheirRefresh() {
    Taxonomy first = Taxonomy.builder().scheme(ConceptScheme.of("ind", "en", "Industry"))
        .concept(Concept.builder("education", "ind").build()).build();
    Taxonomy second = Taxonomy.builder().scheme(ConceptScheme.of("ind", "en", "Industry"))
        .concept(Concept.builder("public", "ind").build())
        .concept(Concept.builder("education", "ind").broader("public").build()).build();
    Store store = newStore();
    try (KnowledgeBase a = store.open().refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).taxonomy(first).build();
        KnowledgeBase b = instance(store)) {
      assertEquals(first, b.taxonomy(), "an instance opened without a taxonomy reads the stored one");
      a.setTaxonomy(second);
      assertEquals(first, b.taxonomy(), "until its refresh, another instance keeps its taxonomy");
      b.refresh();
      assertEquals(second, b.taxonomy(), "after it, the one set elsewhere");
      b.refresh();
      assertEquals(second, b.taxonomy());
      b.setTaxonomy(first);
      a.refresh();
      assertEquals(first, a.taxonomy(), "and back the other way");
    }
  }

  @Test
  void expectedVersions_conflictAcrossInstances_exactlyAsWithinOne() {
    Store store = newStore();
    try (KnowledgeBase a = instance(store); KnowledgeBase b = instance(store)) {
      KnowledgeItem v1 = a.put(item("x", "One", Acl.PUBLIC), KnowledgeBase.MUST_NOT_EXIST);
      VersionConflictException exists = assertThrows(VersionConflictException.class,
          () -> b.put(item("x", "Also one", Acl.PUBLIC), KnowledgeBase.MUST_NOT_EXIST));
      assertEquals(1, exists.actual());
      KnowledgeItem v2 = b.put(v1.toBuilder().title("Two, from B").build(), 1);
      assertEquals(2, v2.version());
      VersionConflictException stale = assertThrows(VersionConflictException.class,
          () -> a.put(v1.toBuilder().title("Two, from A").build(), 1), "A's edit is based on version 1");
      assertEquals(1, stale.expected());
      assertEquals(2, stale.actual());
      assertThrows(VersionConflictException.class, () -> a.delete("x", 1));
      assertEquals("Two, from B", a.get("x").orElseThrow().title(), "the conflicts wrote nothing");
      assertTrue(a.delete("x", 2));
      assertFalse(b.delete("x"), "already deleted by the other instance");
    }
  }

  /**
   * Counters, each an item whose body holds a number, incremented by read-modify-write with the version
   * read, from several instances and threads at once: a lost update would leave a counter short.
   */
  @Test
  void concurrentWritersOfSeveralInstances_loseNoUpdate(Random random) throws Exception {
    Store store = newStore();
    int instances = 3;
    int threadsPerInstance = 2;
    int counters = 4;
    int incrementsPerThread = 25 + random.nextInt(25);
    List<KnowledgeBase> kbs = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(instances * threadsPerInstance);
    try {
      for (int i = 0; i < instances; i++) {
        kbs.add(instance(store));
      }
      for (int c = 0; c < counters; c++) {
        kbs.get(0).put(counter(c, 0));
      }
      long[] seeds = random.longs(instances * threadsPerInstance).toArray();
      AtomicLong conflicts = new AtomicLong();
      List<Future<int[]>> done = new ArrayList<>();
      for (int t = 0; t < instances * threadsPerInstance; t++) {
        KnowledgeBase kb = kbs.get(t % instances);
        Random r = new Random(seeds[t]);
        done.add(pool.submit(() -> {
          int[] mine = new int[counters];
          for (int n = 0; n < incrementsPerThread; n++) {
            int c = r.nextInt(counters);
            if (r.nextInt(4) == 0) {
              kb.put(item("note-" + c, "A note", Acl.PUBLIC)); // any version: never fails, never lost
            }
            while (true) {
              KnowledgeItem current = kb.get(counterId(c)).orElseThrow();
              try {
                kb.put(counter(c, value(current) + 1), current.version());
                mine[c]++;
                break;
              } catch (VersionConflictException e) {
                conflicts.incrementAndGet();
              }
            }
          }
          return mine;
        }));
      }
      int[] expected = new int[counters];
      for (Future<int[]> f : done) {
        int[] mine = f.get(5, TimeUnit.MINUTES);
        for (int c = 0; c < counters; c++) {
          expected[c] += mine[c];
        }
      }
      for (int c = 0; c < counters; c++) {
        for (KnowledgeBase kb : kbs) {
          KnowledgeItem stored = kb.get(counterId(c)).orElseThrow();
          assertEquals(expected[c], value(stored), "counter " + c + " (" + conflicts + " conflicts retried)");
          assertEquals(expected[c] + 1, stored.version(), "one version per increment");
        }
      }
    } finally {
      pool.shutdownNow();
      kbs.forEach(KnowledgeBase::close);
    }
  }

  /**
   * A random workload of puts, batches, edits, deletes and re-creations spread over instances; after
   * every instance refreshes, each one's item catalog and each one's listener hold exactly the stored
   * items, at their stored versions.
   */
  @Test
  void afterARandomWorkload_everyInstanceConvergesOnTheStoredItems(Random random) {
    Store store = newStore();
    List<KnowledgeBase> kbs = new ArrayList<>();
    try {
      List<Mirror> mirrors = mirrored(store, 3, kbs);
      for (int i = 0; i < 300; i++) {
        int step = i;
        KnowledgeBase kb = kbs.get(random.nextInt(kbs.size()));
        String id = "i" + random.nextInt(40);
        switch (random.nextInt(6)) {
          case 0, 1 -> kb.put(item(id, "Step " + step, Acl.PUBLIC));
          case 2 -> {
            List<KnowledgeItem> batch = new ArrayList<>();
            for (int n = random.nextInt(5); n >= 0; n--) {
              String other = "i" + random.nextInt(40);
              if (batch.stream().noneMatch(x -> x.id().equals(other))) {
                batch.add(item(other, "Batch at step " + step, Acl.PUBLIC));
              }
            }
            kb.putAll(batch);
          }
          case 3 -> kb.delete(id);
          case 4 -> kb.get(id).ifPresent(current -> {
            try {
              kb.put(current.toBuilder().title("Edited at step " + step).build(), current.version());
            } catch (VersionConflictException e) {
              // another instance got there first: allowed, and nothing was written
            }
          });
          default -> kbs.get(random.nextInt(kbs.size())).refresh();
        }
      }
      Map<String, Long> truth = new TreeMap<>();
      for (int i = 0; i < 40; i++) {
        kbs.get(0).get("i" + i).ifPresent(item -> truth.put(item.id(), item.version()));
      }
      kbs.forEach(KnowledgeBase::refresh); // each makes its own writes visible to every instance's feed
      for (int i = 0; i < kbs.size(); i++) {
        KnowledgeBase kb = kbs.get(i);
        kb.refresh(); // and follows everyone's
        assertEquals(truth, mirrors.get(i).versions(), "instance " + i + "'s listener");
        assertEquals(truth.size(), kb.catalog().size(), "instance " + i + "'s catalog size");
        for (String id : truth.keySet()) {
          assertEquals(ItemSummary.of(kbs.get(0).get(id).orElseThrow()), kb.catalog().summary(id).orElseThrow(),
              "instance " + i + "'s catalog entry " + id);
        }
      }
    } finally {
      kbs.forEach(KnowledgeBase::close);
    }
  }

  /**
   * How long, at most, usage events recorded in one instance take to reach another's scans, counts and
   * change listeners through its refreshes (an engine that brings others' events in once they are surely
   * visible everywhere declares its window here). The kit refreshes until they have arrived, for at most
   * this long plus 30 s.
   *
   * @return the engine's lag; zero by default
   */
  protected Duration eventLag() {
    return Duration.ZERO;
  }

  /**
   * Events recorded in random batches on random instances (repeated ids among them) reach every instance's
   * counts and listeners exactly once: a listener that hears this instance's events as they are stored and
   * the others' as its refreshes bring them in, and one attached midway (which scans first), both end with
   * each item's true count.
   */
  @Test
  void usageEvents_reachEveryInstanceAndListenerOnce(Random random) throws InterruptedException {
    Store store = newStore();
    List<KnowledgeBase> kbs = new ArrayList<>();
    try {
      List<Mirror> mirrors = mirrored(store, 3, kbs);
      Map<String, Long> truth = new TreeMap<>();
      Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
      for (int step = 0; step < 60; step++) {
        if (step == 30) {
          mirrors.add(Mirror.attach(kbs.get(1))); // scans what instance 1 has, then follows
        }
        KnowledgeBase kb = kbs.get(random.nextInt(kbs.size()));
        List<UsageEvent> batch = new ArrayList<>();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
          String id = random.nextBoolean() ? null : "ev" + random.nextInt(40);
          batch.add(new UsageEvent(id, UsageEventType.VIEW, t0.plusSeconds(step), ALICE, "i" + random.nextInt(8),
              null, null, null, null));
        }
        kb.events().recordAll(batch).forEach(e -> truth.merge(e.itemId(), 1L, Long::sum));
        if (random.nextInt(4) == 0) {
          kbs.get(random.nextInt(kbs.size())).refresh();
        }
      }
      long deadline = System.nanoTime() + eventLag().plusSeconds(30).toNanos();
      while (true) {
        kbs.forEach(KnowledgeBase::refresh);
        boolean arrived = mirrors.stream().allMatch(m -> m.eventsByItem().equals(truth));
        if (arrived || System.nanoTime() > deadline) {
          break;
        }
        Thread.sleep(100);
      }
      for (int m = 0; m < mirrors.size(); m++) {
        assertEquals(truth, mirrors.get(m).eventsByItem(), "listener " + m + "'s count of events by item");
      }
      for (int i = 0; i < kbs.size(); i++) {
        Map<String, Long> counted = new TreeMap<>();
        for (String item : truth.keySet()) {
          counted.put(item, kbs.get(i).events().count(EventQuery.builder().items(item).build()));
        }
        assertEquals(truth, counted, "instance " + i + "'s counts");
      }
    } finally {
      kbs.forEach(KnowledgeBase::close);
    }
  }

  /**
   * Opens instances on a store, each with a mirror attached.
   *
   * @param kbs receives the instances (the caller closes them)
   * @return their mirrors, in the same order
   */
  private static List<Mirror> mirrored(Store store, int n, List<KnowledgeBase> kbs) {
    List<Mirror> mirrors = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      KnowledgeBase kb = instance(store);
      kbs.add(kb);
      mirrors.add(Mirror.attach(kb));
    }
    return mirrors;
  }

  private static String counterId(int c) {
    return "counter-" + c;
  }

  private static KnowledgeItem counter(int c, int value) {
    return item(counterId(c), "Counter " + c, Acl.PUBLIC).toBuilder().body(Integer.toString(value)).build();
  }

  private static int value(KnowledgeItem counter) {
    return Integer.parseInt(counter.body());
  }

  /**
   * A derived store as a host would keep one: each item's version and each item's count of usage events,
   * caught up when attached and kept in step by the changes and events heard. Thread-safe.
   */
  public static final class Mirror implements ChangeListener {
    private final KnowledgeBase kb;
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final Map<String, Long> events = new ConcurrentHashMap<>();

    private Mirror(KnowledgeBase kb) {
      this.kb = kb;
    }

    /**
     * Attaches a new mirror to a knowledge base.
     *
     * @param kb the knowledge base
     * @return the mirror, caught up with the knowledge base
     */
    public static Mirror attach(KnowledgeBase kb) {
      Mirror m = new Mirror(kb);
      kb.addChangeListener(m);
      return m;
    }

    /**
     * What the mirror holds now.
     *
     * @return each live item's version, by id, sorted
     */
    public Map<String, Long> versions() {
      return new TreeMap<>(versions);
    }

    /**
     * The usage events the mirror counted: scanned when attached, then heard.
     *
     * @return how many events concern each item, by item id, sorted
     */
    public Map<String, Long> eventsByItem() {
      return new TreeMap<>(events);
    }

    @Override
    public void attached(long itemSequence, long eventSequence) {
      versions.clear();
      kb.forEachItem(item -> versions.put(item.id(), item.version()));
      events.clear();
      kb.events().scan(EventQuery.ALL, row -> {
        if (row.itemId() != null) {
          events.merge(row.itemId(), 1L, Long::sum);
        }
      });
    }

    @Override
    public void itemsChanged(List<ItemChange> changes) {
      for (ItemChange c : changes) {
        if (c instanceof ItemChange.Put p) {
          versions.put(p.id(), p.item().version());
        } else {
          versions.remove(c.id());
        }
      }
    }

    @Override
    public void eventsRecorded(List<UsageEvent> recorded, long firstSequence) {
      count(recorded);
    }

    @Override
    public void eventsFollowed(List<UsageEvent> followed) {
      count(followed);
    }

    private void count(List<UsageEvent> heard) {
      for (UsageEvent e : heard) {
        if (e.itemId() != null) {
          events.merge(e.itemId(), 1L, Long::sum);
        }
      }
    }
  }
}
