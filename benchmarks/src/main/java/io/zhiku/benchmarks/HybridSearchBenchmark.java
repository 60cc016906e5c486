package io.zhiku.benchmarks;

import io.zhiku.core.access.Principal;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.search.TextEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * What hybrid retrieval costs a search, apart from the model: {@link KnowledgeBase#search} of two-word
 * queries, top 10, by a principal in 20 of 100 groups, on {@code items} items of about 300 bytes
 * ({@link Corpus}, English), on a knowledge base without an embedder ({@code words}) and with one ({@code
 * hybrid}: semantic ranking, the 10 nearest readable items by Lucene's HNSW search with the access filter
 * inside it, and one extra top-1 word search). The embedder here is a feature-hashing projection to 384
 * dimensions that costs microseconds, so the difference is the engine's; a real model adds its query time
 * ({@link EmbeddingBenchmark}: 1.9 ms for bge-small-zh, 3.4 ms for bge-small-en). The setup prints the
 * item index's size on disk per item after a commit: the two modes' difference is what the vectors and the
 * HNSW graph take.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HybridSearchBenchmark {
  /** Corpus size. */
  @Param({"10000", "100000"})
  public int items;

  /** Without an embedder, or with one. */
  @Param({"words", "hybrid"})
  public String mode;

  private KnowledgeBase kb;
  private Path dir;
  private Principal principal;
  private final List<String> queries = new ArrayList<>();
  private int next;

  /** A deterministic embedding that costs microseconds: each word hashed to a signed unit in 384 dimensions. */
  static final class HashingEmbedder implements TextEmbedder {
    @Override
    public String name() {
      return "hashing-384";
    }

    @Override
    public int dimensions() {
      return 384;
    }

    @Override
    public float[] embed(String text) {
      float[] v = new float[384];
      v[0] = 0.01f;
      for (String w : text.toLowerCase(Locale.ROOT).split("\\W+")) {
        if (!w.isEmpty()) {
          int h = w.hashCode() * 0x9E3779B1;
          v[Math.floorMod(h, 384)] += (h & 0x100) == 0 ? 1 : -1;
        }
      }
      return v;
    }
  }

  /**
   * Builds the knowledge base in a temporary directory and commits it.
   *
   * @throws IOException if the directory cannot be made
   */
  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("zhiku-hybrid-bench");
    KnowledgeBaseBuilder b = KnowledgeBase.builder().directory(dir).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).recordSearches(false);
    kb = (mode.equals("hybrid") ? b.embedder(new HashingEmbedder()) : b).build();
    List<KnowledgeItem> batch = new ArrayList<>(1000);
    Corpus.forEachItem(items, "en", 300, 100, 0, 42, item -> {
      batch.add(item);
      if (batch.size() == 1000) {
        kb.putAll(batch);
        batch.clear();
      }
    });
    kb.putAll(batch);
    kb.commit();
    // Closing waits for the merges the build started (at 100k, HNSW graphs rebuilt for minutes on one of the
    // two cores), so that they neither run during the measurement nor count twice in the index's size.
    kb.close();
    kb = (mode.equals("hybrid") ? b.embedder(new HashingEmbedder()) : b).build();
    Random r = new Random(7);
    List<String> groups = new ArrayList<>();
    for (int g = 0; g < 20; g++) {
      groups.add("g" + r.nextInt(100));
    }
    principal = Principal.of("reader", groups, List.of());
    String[] words = Corpus.vocabulary("en");
    for (int q = 0; q < 1000; q++) {
      queries.add(words[r.nextInt(words.length)] + " " + words[r.nextInt(words.length)]);
    }
    long indexBytes;
    try (Stream<Path> files = Files.walk(dir.resolve("items"))) {
      indexBytes = files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
    System.out.printf(Locale.ROOT, "%n%s, %d items: item index %.0f bytes per item after the build's merges%n", mode, items,
        indexBytes / (double) items);
  }

  /**
   * Closes and deletes the knowledge base.
   *
   * @throws IOException if it cannot be deleted
   */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    kb.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted((a, c) -> c.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * One search of the next query.
   *
   * @return the result
   */
  @Benchmark
  public SearchResult search() {
    String q = queries.get(next);
    next = (next + 1) % queries.size();
    return kb.search(SearchRequest.builder(principal).text(q).pageSize(10).build());
  }
}
