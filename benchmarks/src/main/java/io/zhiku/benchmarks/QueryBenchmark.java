package io.zhiku.benchmarks;

import io.zhiku.analysis.query.UserQueryParser;
import io.zhiku.core.access.Principal;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.SearchResult;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.search.internal.ItemSearcherFactory;
import io.zhiku.search.internal.LuceneIndexProvider;
import io.zhiku.search.internal.LuceneSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
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
 * Query latency (sampled: p50, p99) on a corpus of {@code items} items of about 300 bytes (80% readable by
 * one to three of 100 groups, 20% public; updated over two years, a quarter verified) in one of two kinds of
 * {@link #text}, for {@link #principals} principals in turn, each in 20 groups, two-word queries:
 *
 * <ul>
 *   <li>{@code lucene-no-acl} / {@code lucene}: plain Lucene, the baseline: the engine's parsed query and
 *       live filter, without and with the access filter, BM25 top 10 with Lucene's default total-hits
 *       threshold (1,000) and the 10 hits' stored source read, on a searcher from the engine's {@link
 *       ItemSearcherFactory} (which caches each principal's access filter): the access filter's cost is their
 *       ratio;
 *   <li>{@code zhiku}: the full {@link KnowledgeBase#search} (parse, filters, ranking factor, top 10 with the
 *       default threshold, items read from JSON, highlights, the search event recorded);
 *   <li>{@code zhiku-unrecorded}: the same through {@link KnowledgeBase#searchUnrecorded}: no search event
 *       written, to tell the event's share;
 *   <li>{@code zhiku-exact}: the same with {@link SearchRequest.Builder#exactTotal()}: every match counted;
 *   <li>{@code zhiku-facets}: the same with facet counts over a 50-concept scheme (facets count every match).
 * </ul>
 *
 * <p>The corpus is built once per machine and size in {@code ${java.io.tmpdir}/zhiku-query-bench/} (1M items:
 * about 3 minutes); each trial of a {@code zhiku} mode opens a copy of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(3)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class QueryBenchmark {
  private static final String CORPUS_VERSION = "v2";
  private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

  /** Corpus size. */
  @Param({"10000", "100000", "1000000"})
  public int items;

  /**
   * The corpus's text: {@code zipf}, English-like words by Zipf's law (50,000 of them) and queries of two
   * content words (each drawn by the same law among the words past the 100 most frequent, which in
   * English are the function words); or {@code uniform}, a 90-word vocabulary drawn uniformly, where a
   * two-word query matches about half of all items with nearly equal scores: the worst case for skipping.
   */
  @Param({"zipf", "uniform"})
  public String text;

  /**
   * How many principals take turns, query by query: {@code 1}, one user searching again and again (the
   * access filter comes from the cache after the first search); {@code 1000}, more than the cache holds at a
   * million items, so that most searches build their principal's filter again.
   */
  @Param({"1", "1000"})
  public int principals;

  /** What is measured. */
  @Param({"lucene-no-acl", "lucene", "zhiku", "zhiku-unrecorded", "zhiku-exact", "zhiku-facets"})
  public String mode;

  private DirectoryReader reader;
  private IndexSearcher searcher;
  private LuceneSchema.Analyzers analyzers;
  private UserQueryParser parser;
  private KnowledgeBase kb;
  private Path copy;
  private final List<Principal> principalsInTurn = new ArrayList<>();
  private final List<String> queries = new ArrayList<>();
  private int next;

  /**
   * Opens the corpus (building it first if this machine has not yet) and the searchers.
   *
   * @throws IOException if the corpus cannot be built or copied
   */
  @Setup(Level.Trial)
  public void open() throws IOException {
    Random r = new Random(7);
    for (int p = 0; p < principals; p++) {
      List<String> groups = new ArrayList<>();
      for (int g = 0; g < 20; g++) {
        groups.add("g" + r.nextInt(100));
      }
      principalsInTurn.add(Principal.of("bench-user-" + p, groups, List.of()));
    }
    if (text.equals("zipf")) {
      Corpus.Zipf zipf = new Corpus.Zipf();
      for (int q = 0; q < 64; q++) {
        queries.add(contentWord(zipf, r) + " " + contentWord(zipf, r));
      }
    } else {
      String[] vocabulary = Corpus.vocabulary("en");
      for (int q = 0; q < 64; q++) {
        queries.add(vocabulary[r.nextInt(vocabulary.length)] + " " + vocabulary[r.nextInt(vocabulary.length)]);
      }
    }
    analyzers = LuceneSchema.Analyzers.create();
    Path corpus = corpus(text, items, analyzers);
    parser = analyzers.parser();
    if (!mode.startsWith("zhiku")) {
      reader = DirectoryReader.open(FSDirectory.open(corpus.resolve("index")));
      searcher = ItemSearcherFactory.withDefaultBound().newSearcher(reader, null);
      return;
    }
    copy = fsyncedCopy(corpus);
    kb = KnowledgeBase.builder().engine(LuceneIndexProvider.on(FSDirectory.open(copy))).taxonomy(taxonomy())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).refreshInterval(Duration.ZERO)
        .commitPolicy(CommitPolicy.manual()).build();
    long total = 0;
    int exact = 0;
    for (int q = 0; q < queries.size(); q++) {
      SearchResult result = kb.search(request(queries.get(q), principalsInTurn.get(q % principals)));
      total += result.totalHits();
      exact += result.totalHitsExact() ? 1 : 0;
    }
    System.out.printf("# %s, %s, %d items: average total %d, exact for %d of %d queries%n", mode, text, items, total / queries.size(),
        exact, queries.size());
  }

  /**
   * The corpus of a text kind and size, built first if this machine has not yet.
   *
   * @param text {@code zipf} or {@code uniform}
   * @param items how many items
   * @param analyzers the engine's analyzers
   * @return the corpus's directory (its index in {@code index})
   * @throws IOException if it cannot be built
   */
  static Path corpus(String text, int items, LuceneSchema.Analyzers analyzers) throws IOException {
    Path corpus = Path.of(System.getProperty("java.io.tmpdir"), "zhiku-query-bench", CORPUS_VERSION + "-" + text + "-" + items);
    if (!Files.exists(corpus.resolve("complete"))) {
      build(corpus, analyzers, items, text.equals("zipf") ? "zipf" : "en");
    }
    return corpus;
  }

  /**
   * A copy of a corpus's index in a new temporary directory, on disk (fsynced) before it is used, as a host's
   * index is: else the kernel writes a gigabyte back during the first 20 s of a trial.
   *
   * @param corpus the corpus's directory
   * @return the copy's directory
   * @throws IOException if it cannot be copied
   */
  static Path fsyncedCopy(Path corpus) throws IOException {
    Path copy = Files.createTempDirectory("zhiku-query-bench-");
    try (Stream<Path> files = Files.list(corpus.resolve("index"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = copy.resolve(f.getFileName());
        Files.copy(f, to);
        try (FileChannel c = FileChannel.open(to, StandardOpenOption.WRITE)) {
          c.force(true);
        }
      }
    }
    return copy;
  }

  /**
   * Deletes a directory tree.
   *
   * @param dir the directory
   * @throws IOException if it cannot be listed
   */
  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(QueryBenchmark::delete);
    }
  }

  /** A word past the 100 most frequent, by Zipf's law among those. */
  private static String contentWord(Corpus.Zipf zipf, Random r) {
    int rank;
    do {
      rank = zipf.rank(r);
    } while (rank < 100);
    return zipf.wordAt(rank);
  }

  private SearchRequest request(String query, Principal principal) {
    SearchRequest.Builder b = SearchRequest.builder(principal).text(query);
    return switch (mode) {
      case "zhiku-exact" -> b.exactTotal().build();
      case "zhiku-facets" -> b.facets("s").build();
      default -> b.build();
    };
  }

  /** Closes everything and deletes the copy. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
    if (kb != null) {
      kb.close(); // closes the directory
      deleteTree(copy);
    }
    analyzers.close();
  }

  /**
   * One query.
   *
   * @return the total hit count and the bytes read, so that nothing is optimised away
   * @throws IOException from Lucene
   */
  @Benchmark
  public long query() throws IOException {
    int turn = next++ & Integer.MAX_VALUE;
    String query = queries.get(turn & 63);
    Principal principal = principalsInTurn.get(turn % principals);
    if (kb != null) {
      SearchRequest request = request(query, principal);
      return (mode.equals("zhiku-unrecorded") ? kb.searchUnrecorded(request) : kb.search(request)).totalHits();
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder().add(parser.parse(query).orElseThrow(), Occur.MUST)
        .add(new TermQuery(new Term(LuceneSchema.LIVE, LuceneSchema.YES)), Occur.FILTER);
    if (mode.equals("lucene")) {
      q.add(LuceneSchema.accessFilter(principal), Occur.FILTER);
    }
    TopDocs top = searcher.search(q.build(), 10);
    StoredFields stored = searcher.storedFields();
    long bytes = 0;
    for (ScoreDoc sd : top.scoreDocs) {
      bytes += stored.document(sd.doc, Set.of(LuceneSchema.SOURCE)).getBinaryValue(LuceneSchema.SOURCE).length;
    }
    return top.totalHits.value + bytes;
  }

  static Taxonomy taxonomy() {
    Taxonomy.Builder t = Taxonomy.builder().scheme(ConceptScheme.of("s", "en", "Scheme"));
    for (int c = 0; c < 50; c++) {
      Concept.Builder cb = Concept.builder("c" + c, "s");
      if (c >= 5) {
        cb.broader("c" + (c % 5)); // five roots with nine children each
      }
      t.concept(cb.build());
    }
    return t.build();
  }

  /** Writes the engine's own documents: items updated over the two years before {@link #NOW}, a quarter verified. */
  private static void build(Path corpus, LuceneSchema.Analyzers analyzers, int items, String language) throws IOException {
    long started = System.nanoTime();
    Random times = new Random(13);
    try (IndexWriter w = new IndexWriter(FSDirectory.open(corpus.resolve("index")),
        new IndexWriterConfig(analyzers.perField()).setRAMBufferSizeMB(256))) {
      long[] seq = {0};
      Corpus.forEachItem(items, language, 300, 100, 50, 11, item -> {
        Instant updated = NOW.minus(Duration.ofMinutes(times.nextInt(2 * 365 * 24 * 60)));
        var b = item.toBuilder();
        if (times.nextInt(4) == 0) {
          b.verified("reviewer", updated);
        }
        try {
          w.addDocument(LuceneSchema.document(new ItemChange.Put(++seq[0], b.stored(updated, updated, 1).build())));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      w.setLiveCommitData(Map.of(LuceneSchema.COMMIT_SEQUENCE, Long.toString(seq[0])).entrySet());
      w.commit();
    }
    Files.writeString(corpus.resolve("complete"), "built\n");
    int segments;
    try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(corpus.resolve("index")))) {
      segments = r.leaves().size();
    }
    System.out.printf("# built the %d-item %s corpus in %.0f s: %d segments, as the writer left them%n", items, language,
        (System.nanoTime() - started) / 1e9, segments);
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
