package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.ZhikuException;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.AttributeValue;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.VersionConflictException;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SuggestRequest;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Several writers and readers at once: optimistic increments lose no update; readers see results or,
 * once the knowledge base is closed, a {@link ZhikuException} — never an engine exception; after
 * {@link KnowledgeBase#close()} no background thread is left.
 */
class ConcurrencyTest {
  private static final int COUNTERS = 5;
  private static final int WRITERS = 4;
  private static final int INCREMENTS = 150;

  @Test
  void writersAndReaders_noLostUpdates_cleanClose() throws InterruptedException {
    Taxonomy taxonomy = Taxonomy.builder().scheme(ConceptScheme.of("s", "en", "S"))
        .concept(Concept.builder("top", "s").prefLabel("en", "Counters").build())
        .concept(Concept.builder("leaf", "s").broader("top").build()).build();
    KnowledgeBase kb = KnowledgeBase.builder().refreshInterval(Duration.ofMillis(5))
        .commitPolicy(new CommitPolicy(40, Duration.ofMillis(20))).taxonomy(taxonomy).build();
    for (int c = 0; c < COUNTERS; c++) {
      kb.put(counter("c" + c, 0));
    }
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean closed = new AtomicBoolean();
    CountDownLatch writersDone = new CountDownLatch(WRITERS);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int seed = w;
      threads.add(new Thread(() -> {
        try {
          for (int i = 0; i < INCREMENTS; i++) {
            String id = "c" + ((i + seed) % COUNTERS);
            while (true) {
              KnowledgeItem current = kb.get(id).orElseThrow();
              long n = ((AttributeValue.LongValue) current.attributes().get("n")).value();
              try {
                kb.put(counter(id, n + 1), current.version());
                break;
              } catch (VersionConflictException retry) {
                // someone else incremented first: read again
              }
            }
          }
        } catch (Throwable t) {
          failures.add(t);
        } finally {
          writersDone.countDown();
        }
      }, "writer-" + w));
    }
    Principal reader = Principal.of("reader");
    for (int r = 0; r < 3; r++) {
      threads.add(new Thread(() -> {
        while (true) {
          try {
            kb.search(SearchRequest.builder(reader).text("counter").facets("s").pageSize(3).build());
            kb.suggest(SuggestRequest.of(reader, "cou"));
            kb.get("c0");
          } catch (ZhikuException e) {
            if (!closed.get()) {
              failures.add(e); // before close, nothing may fail
            }
            return; // after close: the documented outcome
          } catch (Throwable t) {
            failures.add(t); // never an engine exception, before or after close
            return;
          }
        }
      }, "reader-" + r));
    }
    threads.forEach(Thread::start);
    writersDone.await();
    for (int c = 0; c < COUNTERS; c++) {
      long n = ((AttributeValue.LongValue) kb.get("c" + c).orElseThrow().attributes().get("n")).value();
      assertEquals((long) WRITERS * INCREMENTS / COUNTERS, n, "no lost update on c" + c);
    }
    closed.set(true);
    kb.close(); // while readers are still reading
    for (Thread t : threads) {
      t.join(10_000);
      assertTrue(!t.isAlive(), t.getName() + " finished");
    }
    assertEquals(List.of(), List.copyOf(failures));
    boolean backgroundLeft = Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("zhiku-knowledge-base") && t.isAlive());
    assertTrue(!backgroundLeft, "the background thread stopped");
  }

  private static KnowledgeItem counter(String id, long n) {
    return KnowledgeItem.builder(id, ItemKind.DOCUMENT, "counter " + id).concepts("leaf")
        .attribute("n", AttributeValue.of(n)).acl(Acl.PUBLIC).build();
  }
}
