package io.zhiku.benchmarks;

import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.search.internal.LuceneSchema;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Indexing one new ~1 KB item: Zhiku's put path (validation, version lookup, bookkeeping, sequence
 * number, live map, Lucene document with JSON source) against raw Lucene writing the very same document
 * (LuceneSchema) with the same analyzers. Both in memory, no commits; time per item. Safe to run from
 * several threads ({@code -t 2}): what concurrent puts reach against one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(3)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IndexingBenchmark {
  /** Text language of the items. */
  @Param({"en", "zh"})
  public String language;

  /** Zhiku's put path, or raw Lucene. */
  @Param({"zhiku", "raw"})
  public String impl;

  private List<KnowledgeItem> items;
  private KnowledgeBase kb;
  private LuceneSchema.Analyzers analyzers;
  private IndexWriter writer;
  private final AtomicLong next = new AtomicLong();

  /** Generates the items once. */
  @Setup(Level.Trial)
  public void items() {
    items = Corpus.items(2000, language, 1024, 100, 50, 42);
  }

  /** A fresh, empty store per iteration. */
  @Setup(Level.Iteration)
  public void open() throws IOException {
    if (impl.equals("zhiku")) {
      kb = KnowledgeBase.builder().refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).build();
    } else {
      analyzers = LuceneSchema.Analyzers.create();
      writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzers.perField()).setCommitOnClose(false));
    }
  }

  /** Closes the store. */
  @TearDown(Level.Iteration)
  public void close() throws IOException {
    if (kb != null) {
      kb.close();
      kb = null;
    }
    if (writer != null) {
      writer.close();
      writer.getDirectory().close();
      analyzers.close();
      writer = null;
    }
  }

  /**
   * Indexes one new item.
   *
   * @return the item's version (Zhiku) or Lucene's sequence number (raw)
   * @throws IOException from raw Lucene
   */
  @Benchmark
  public long indexOne() throws IOException {
    long n = next.getAndIncrement();
    KnowledgeItem item = items.get((int) (n % items.size())).toBuilder().id("n" + n).build();
    if (kb != null) {
      return kb.put(item).version();
    }
    Instant now = Instant.now();
    KnowledgeItem stored = item.toBuilder().stored(now, now, 1).build();
    return writer.updateDocument(new Term(LuceneSchema.ID, stored.id()), LuceneSchema.document(new ItemChange.Put(n + 1, stored)));
  }
}
