package io.zhiku.benchmarks;

import io.zhiku.core.access.Principal;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.Progress;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Time from opening a knowledge base to its first answered search, on {@link PushBenchmark}'s corpus (1M
 * items and 50M usage events by default): with the usage count on the opening thread (the default), then
 * in the background ({@code KnowledgeBaseBuilder.countUsageInBackground(true)}), and for the latter when
 * the count finished. Wall-clock times of one open each, in this order (the second finds the files in
 * the page cache the first filled).
 *
 * <p>Usage: {@code java -Xmx10g -cp benchmarks.jar io.zhiku.benchmarks.OpenTime [items] [events]}; builds
 * the corpus first if this machine has not (about 25 minutes at the default size).
 */
public final class OpenTime {
  private OpenTime() {}

  /**
   * Measures and prints.
   *
   * @param args optionally the item and event counts
   * @throws IOException if the corpus cannot be built
   * @throws InterruptedException if interrupted while waiting for the count
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 50_000_000;
    PrintStream out = System.out;
    Path dir = PushBenchmark.corpus(items, events);
    for (boolean background : new boolean[] {false, true}) {
      CountDownLatch counted = new CountDownLatch(1);
      long started = System.nanoTime();
      try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).clock(PushBenchmark.clock())
          .refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).recordSearches(false)
          .countUsageInBackground(background).progressListener(p -> {
            if (p.operation().equals(Progress.OPEN_EVENTS) && p.finished()) {
              counted.countDown();
            }
          }).build()) {
        SearchResult first = kb.search(SearchRequest.builder(Principal.of("u1", List.of("g1"), List.of("role1")))
            .text("w100 w200").build());
        double answered = (System.nanoTime() - started) / 1e9;
        counted.await(10, TimeUnit.MINUTES);
        double countDone = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "%,d items, %,d events, usage counted %s: first search answered (%s%,d hits) %.1f s after"
            + " opening began; usage count finished at %.1f s%n", items, events, background ? "in the background" : "at open",
            first.totalHitsExact() ? "" : "at least ", first.totalHits(), answered, countDone);
      }
    }
  }
}
