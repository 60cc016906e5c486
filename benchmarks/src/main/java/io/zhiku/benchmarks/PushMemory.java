package io.zhiku.benchmarks;

import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.push.KnowledgePush;
import io.zhiku.push.PushSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Heap an open knowledge base keeps per item with push attached, on {@link PushBenchmark}'s corpus (1M
 * items and 50M usage events by default): after opening (item table, popularity counts, Lucene's readers,
 * the event store's own state), then after attaching push (its usage statistics and subscriptions). Heap
 * in use after full collections; open and attach times as measured.
 *
 * <p>Usage: {@code java -Xmx12g -cp benchmarks.jar io.zhiku.benchmarks.PushMemory [items] [events]}; builds
 * the corpus first if this machine has not (about 25 minutes at the default size).
 */
public final class PushMemory {
  private PushMemory() {}

  /**
   * Measures and prints.
   *
   * @param args optionally the item and event counts
   * @throws IOException if the corpus cannot be built
   */
  public static void main(String[] args) throws IOException {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 50_000_000;
    PrintStream out = System.out;
    Path dir = PushBenchmark.corpus(items, events);
    long before = Heap.inUse();
    long started = System.nanoTime();
    try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).clock(PushBenchmark.clock())
        .refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).recordSearches(false).build()) {
      double openSeconds = (System.nanoTime() - started) / 1e9;
      long opened = Heap.inUse() - before;
      out.printf(Locale.ROOT, "%,d items, %,d events: opened in %.1f s; retained %,d bytes = %.0f bytes/item%n",
          kb.catalog().size(), events, openSeconds, opened, (double) opened / items);
      started = System.nanoTime();
      try (KnowledgePush push = KnowledgePush.builder(kb).settings(PushSettings.builder().recordShown(false).build()).build()) {
        double attachSeconds = (System.nanoTime() - started) / 1e9;
        long withPush = Heap.inUse() - before;
        out.printf(Locale.ROOT, "push attached in %.1f s; retained %,d bytes = %.0f bytes/item (push: %.0f bytes/item)%n",
            attachSeconds, withPush, (double) withPush / items, (double) (withPush - opened) / items);
      }
    }
  }
}
