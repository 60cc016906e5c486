package io.zhiku.benchmarks;

import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.search.internal.LuceneIndexProvider;
import io.zhiku.search.internal.LuceneSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.apache.lucene.store.FSDirectory;

/**
 * Heap an open knowledge base keeps for its items, without push: the in-memory item table (id, ACL, concepts,
 * status, update time per item; equal ACLs and concept sets shared) and the Lucene readers' own heap, on
 * {@link QueryBenchmark}'s corpus (ACLs naming one to three of 100 groups, or public; one concept of 50).
 * Heap in use after full collections, before opening a copy of the corpus and after.
 *
 * <p>Usage: {@code java -Xmx4g -cp benchmarks.jar io.zhiku.benchmarks.ItemTableMemory [items] [zipf|uniform]}.
 */
public final class ItemTableMemory {
  private ItemTableMemory() {}

  /**
   * Measures and prints.
   *
   * @param args optionally the item count (1,000,000) and the corpus's text (zipf)
   * @throws IOException if the corpus cannot be built or copied
   */
  public static void main(String[] args) throws IOException {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String text = args.length > 1 ? args[1] : "zipf";
    PrintStream out = System.out;
    Path copy;
    try (LuceneSchema.Analyzers analyzers = LuceneSchema.Analyzers.create()) {
      copy = QueryBenchmark.fsyncedCopy(QueryBenchmark.corpus(text, items, analyzers));
    }
    long before = Heap.inUse();
    long started = System.nanoTime();
    try (KnowledgeBase kb = KnowledgeBase.builder().engine(LuceneIndexProvider.on(FSDirectory.open(copy)))
        .refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).build()) {
      double openSeconds = (System.nanoTime() - started) / 1e9;
      long retained = Heap.inUse() - before;
      out.printf(Locale.ROOT, "%,d items (%s corpus): opened in %.1f s; retained %,d bytes = %.0f MB = %.0f bytes/item%n",
          kb.catalog().size(), text, openSeconds, retained, retained / 1e6, (double) retained / items);
    } finally {
      QueryBenchmark.deleteTree(copy);
    }
  }
}
