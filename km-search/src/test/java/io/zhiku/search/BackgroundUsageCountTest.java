package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.kb.Progress;
import io.zhiku.core.search.SearchHit;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.spi.EventStore;
import io.zhiku.core.spi.IndexSettings;
import io.zhiku.core.spi.KnowledgeIndex;
import io.zhiku.core.spi.KnowledgeIndexProvider;
import io.zhiku.search.internal.LuceneIndexProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage count at open in the background: the knowledge base answers before it has finished (every
 * match, ranked without the popularity boost), events recorded meanwhile are counted once, and when it
 * has finished the boost is what a count on the opening thread gives; closing stops it.
 */
class BackgroundUsageCountTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Principal READER = Principal.of("reader", List.of("staff"), List.of());

  /** The Lucene engine whose event scans wait at a gate, once they have said they are waiting. */
  private record GatedEngine(CountDownLatch waiting, CountDownLatch gate) implements KnowledgeIndexProvider {
    @Override
    public String name() {
      return "gated-lucene";
    }

    @Override
    public KnowledgeIndex open(IndexSettings settings) {
      return new LuceneIndexProvider().open(settings);
    }

    @Override
    public EventStore openEvents(IndexSettings settings) {
      EventStore store = new LuceneIndexProvider().openEvents(settings);
      return (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class},
          (proxy, method, args) -> {
            if (method.getName().startsWith("scan")) {
              waiting.countDown();
              gate.await();
            }
            try {
              return method.invoke(store, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }

  private static KnowledgeBaseBuilder builder(Path dir) {
    return KnowledgeBase.builder().directory(dir).clock(CLOCK).refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual());
  }

  private static void view(KnowledgeBase kb, String item, int times) {
    for (int i = 0; i < times; i++) {
      kb.record(UsageEvent.ofItem(UsageEventType.VIEW, CLOCK.instant().minus(Duration.ofDays(i)), READER, item));
    }
  }

  /** The scores of a search for the shared words, by item id. */
  private static Map<String, Float> scores(KnowledgeBase kb) {
    Map<String, Float> out = new TreeMap<>();
    for (SearchHit h : kb.search(SearchRequest.builder(READER).text("pricing template").build()).hits()) {
      out.put(h.item().id(), h.score());
    }
    return out;
  }

  @Test
  void answersBeforeTheCountHasFinished_countsEventsRecordedMeanwhileOnce_andEndsWithTheFullBoost(@TempDir Path dir)
      throws Exception {
    try (KnowledgeBase kb = builder(dir).build()) {
      for (String id : List.of("a", "b", "c")) {
        kb.put(KnowledgeItem.builder(id, ItemKind.SOLUTION, "Pricing template").acl(Acl.PUBLIC).build());
      }
      view(kb, "b", 5);
      view(kb, "c", 2);
      kb.commit();
    }
    GatedEngine engine = new GatedEngine(new CountDownLatch(1), new CountDownLatch(1));
    CountDownLatch counted = new CountDownLatch(1);
    Map<String, Float> during;
    Map<String, Float> after;
    try (KnowledgeBase kb = builder(dir).engine(engine).countUsageInBackground(true).progressListener(p -> {
      if (p.operation().equals(Progress.OPEN_EVENTS) && p.finished()) {
        counted.countDown();
      }
    }).build()) {
      try {
        assertTrue(engine.waiting().await(10, TimeUnit.SECONDS), "the count started");
        view(kb, "c", 4); // recorded during the count: c passes b once both are counted
        kb.commit();
        kb.refresh(); // the new events are visible to scans: the count must still skip them
        during = scores(kb);
        assertEquals(List.of("a", "b", "c"), List.copyOf(during.keySet()), "every match, before the count has finished");
        assertEquals(1, during.values().stream().distinct().count(), "no popularity boost yet: equal texts score alike " + during);
      } finally {
        engine.gate().countDown(); // else closing would wait for a count held at the gate
      }
      assertTrue(counted.await(10, TimeUnit.SECONDS), "the count finished");
      after = scores(kb);
    }
    Map<String, Float> synchronous;
    try (KnowledgeBase kb = builder(dir).build()) {
      synchronous = scores(kb);
    }
    assertTrue(after.get("c") > after.get("b") && after.get("b") > after.get("a"), "6 views, 5, none: " + after);
    assertEquals(synchronous.keySet(), after.keySet());
    synchronous.forEach((id, score) -> assertEquals(score, after.get(id), score * 1e-5,
        id + ": the background count and the events recorded meanwhile equal a count of everything at open"));
  }

  @Test
  void closingDuringTheCount_stopsIt(@TempDir Path dir) throws Exception {
    try (KnowledgeBase kb = builder(dir).build()) {
      kb.put(KnowledgeItem.builder("a", ItemKind.SOLUTION, "Pricing template").acl(Acl.PUBLIC).build());
      view(kb, "a", 50);
      kb.commit();
    }
    GatedEngine engine = new GatedEngine(new CountDownLatch(1), new CountDownLatch(1));
    KnowledgeBase kb = builder(dir).engine(engine).countUsageInBackground(true).build();
    assertTrue(engine.waiting().await(10, TimeUnit.SECONDS));
    Thread closing = new Thread(kb::close);
    closing.start();
    engine.gate().countDown(); // the scan goes on, and stops at its first event
    closing.join(TimeUnit.SECONDS.toMillis(30));
    assertFalse(closing.isAlive(), "close returned");
    assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("zhiku-usage-count")),
        "the counting thread has ended");
  }
}
