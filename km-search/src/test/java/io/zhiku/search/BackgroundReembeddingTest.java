package io.zhiku.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.Progress;
import io.zhiku.core.kb.ProgressListener;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.search.TextEmbedder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-embedding after the embedder changed runs in the background: while it runs (held at its second batch
 * here), every search answers as without an embedder (the same hits in the same order, the same totals,
 * only what the reader may read), writes go on and are kept (an item updated or deleted meanwhile is not put back by the
 * run), progress is reported; once it has finished, meaning ranks the hits, and the vectors are kept by the
 * next commit.
 */
class BackgroundReembeddingTest {
  private static final Principal READER = Principal.of("reader", List.of("staff"), List.of());
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
  private static final int ITEMS = 300;

  /** Embeds by topic (money, travel), counting its calls; on the background thread, waits at a gate after {@code pass} calls. */
  private static final class GatedEmbedder implements TextEmbedder {
    final AtomicInteger calls = new AtomicInteger();
    final CountDownLatch waiting = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);
    private final int pass;

    GatedEmbedder(int pass) {
      this.pass = pass;
    }

    @Override
    public String name() {
      return "topics";
    }

    @Override
    public int dimensions() {
      return 3;
    }

    @Override
    public float[] embed(String text) {
      if (Thread.currentThread().getName().equals("zhiku-reembed") && calls.incrementAndGet() > pass) {
        waiting.countDown();
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      float[] v = {0, 0, 0.1f};
      for (String word : text.split("\\s+")) {
        Integer topic = Map.of("repay", 0, "payback", 0, "trip", 1).get(word);
        if (topic != null) {
          v[topic]++;
        }
      }
      return v;
    }
  }

  private static KnowledgeBase open(Path dir, TextEmbedder embedder, ProgressListener progress) {
    var b = KnowledgeBase.builder().directory(dir).clock(CLOCK).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).progressListener(progress);
    return (embedder == null ? b : b.embedder(embedder)).build();
  }

  private static SearchResult search(KnowledgeBase kb) {
    return kb.search(SearchRequest.builder(READER).text("card payback").pageSize(50).exactTotal().build());
  }

  /** Whether the first 20 hits are all about money. */
  private static boolean allRepay(SearchResult r) {
    return r.hits().stream().limit(20).allMatch(h -> h.item().title().contains("repay"));
  }

  private static List<String> ids(SearchResult r) {
    return r.hits().stream().map(h -> h.item().id()).toList();
  }

  private static List<String> scored(SearchResult r) {
    return r.hits().stream().map(h -> h.item().id() + "@" + h.score()).toList();
  }

  @Test
  void searchesAnswerByWordsWhileItRuns_writesMeanwhileAreKept_thenMeaningRanks(@TempDir Path dir) throws Exception {
    SearchResult lexical;
    try (KnowledgeBase kb = open(dir, null, ProgressListener.NONE)) {
      List<KnowledgeItem> items = new ArrayList<>();
      for (int i = 0; i < ITEMS; i++) {
        String title = String.format("card %s plan %03d", i % 2 == 0 ? "trip" : "repay", i);
        items.add(KnowledgeItem.builder(String.format("c%03d", i), ItemKind.SOLUTION, title)
            .acl(i % 3 == 0 ? Acl.groups("finance") : Acl.PUBLIC).build());
      }
      kb.putAll(items);
      kb.commit();
      kb.refresh();
      lexical = search(kb);
    }
    assertEquals(ITEMS - ITEMS / 3, lexical.totalHits());

    GatedEmbedder embedder = new GatedEmbedder(64);
    List<Progress> reports = new ArrayList<>();
    CountDownLatch finished = new CountDownLatch(1);
    ProgressListener listener = p -> {
      if (p.operation().equals(Progress.REEMBED)) {
        synchronized (reports) {
          reports.add(p);
        }
        if (p.finished()) {
          finished.countDown();
        }
      }
    };
    try (KnowledgeBase kb = open(dir, embedder, listener)) {
      synchronized (reports) {
        assertEquals(new Progress(Progress.REEMBED, 0, ITEMS, reports.get(0).elapsed(), false), reports.get(0),
            "the run's beginning is heard before the builder returns");
      }
      try {
        assertTrue(embedder.waiting.await(30, TimeUnit.SECONDS), "the run reached its second batch");
        kb.refresh(); // the first batch is written: searches must still rank by words alone
        // The order of words alone (the re-written documents change BM25's statistics a little, not the order).
        assertEquals(ids(lexical), ids(search(kb)), "while it runs: the hits and order of words alone");
        assertEquals(lexical.totalHits(), search(kb).totalHits());

        kb.put(KnowledgeItem.builder("c251", ItemKind.SOLUTION, "card repay plan updated").acl(Acl.PUBLIC).build());
        kb.delete("c253");
      } finally {
        embedder.gate.countDown(); // also when an assertion failed: close waits for the run's batch
      }
      assertTrue(finished.await(30, TimeUnit.SECONDS), "the run finished");
      kb.refresh();
      assertEquals("card repay plan updated", kb.get("c251").orElseThrow().title(), "the update made meanwhile is kept");
      assertTrue(kb.get("c253").isEmpty(), "the delete made meanwhile is kept");
      SearchResult semantic = search(kb);
      assertTrue(allRepay(semantic), "meaning ranks now: the money items first, " + scored(semantic));
      assertFalse(allRepay(lexical), "words alone tie: by id, money and travel mixed");
      assertEquals(lexical.totalHits() - 1, semantic.totalHits(), "every item matches the words: its nearest neighbours add none");
      kb.commit();
    }
    synchronized (reports) {
      assertFalse(reports.isEmpty());
      long done = -1;
      for (Progress p : reports) {
        assertEquals(ITEMS, p.total(), "every item lacked a vector");
        assertTrue(p.done() >= done, "done never decreases");
        done = p.done();
      }
      Progress last = reports.get(reports.size() - 1);
      assertTrue(last.finished() && last.done() == ITEMS, "the last report: all done, " + last);
      assertEquals(1, reports.stream().filter(Progress::finished).count());
    }

    GatedEmbedder again = new GatedEmbedder(Integer.MAX_VALUE);
    List<Progress> none = new ArrayList<>();
    List<Progress> opening = new ArrayList<>();
    try (KnowledgeBase kb = open(dir, again, p -> {
      if (p.operation().equals(Progress.REEMBED)) {
        none.add(p);
      } else {
        opening.add(p);
      }
    })) {
      assertTrue(opening.stream().anyMatch(p -> p.operation().equals(Progress.OPEN_ITEMS) && p.finished()
          && p.done() == ITEMS - 1 && p.total() == -1), "the item table's reading reported: " + opening);
      assertTrue(opening.stream().anyMatch(p -> p.operation().equals(Progress.OPEN_EVENTS) && p.finished()), "" + opening);
      assertTrue(allRepay(search(kb)), "meaning ranks at once: the vectors were kept");
      assertEquals(0, again.calls.get(), "nothing left to embed");
      assertTrue(none.isEmpty(), "no run, no report");
    }
  }
}
