package io.zhiku.benchmarks;

import io.zhiku.analysis.query.UserQueryParser;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.ItemChange;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.search.internal.LuceneIndexProvider;
import io.zhiku.search.internal.LuceneSchema;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
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
 * Query latency on a corpus of {@code items} English items (about 300 bytes each; 80% readable by one
 * to three of 100 groups, 20% public), for a principal in 20 groups, two-word queries:
 *
 * <ul>
 *   <li>{@code lucene-no-acl} / {@code lucene-acl}: the engine's own parsed query, sort and exact total
 *       count on the index's searcher, without and with the access filter: the filter's cost;
 *   <li>{@code zhiku} / {@code zhiku-facets}: the full {@link KnowledgeBase#search} (parse, filter, top
 *       10, JSON of the hits, highlighting), without and with facet counts over a 50-concept scheme: the
 *       facet cost, to divide by the average hit count this benchmark logs at setup.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(3)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class QueryBenchmark {
  private static final Sort SORT = new Sort(SortField.FIELD_SCORE, new SortField(LuceneSchema.ID, SortField.Type.STRING));

  /** Corpus size. */
  @Param({"100000"})
  public int items;

  /** What is measured. */
  @Param({"lucene-no-acl", "lucene-acl", "zhiku", "zhiku-facets"})
  public String mode;

  private ByteBuffersDirectory dir;
  private DirectoryReader reader;
  private IndexSearcher searcher;
  private LuceneSchema.Analyzers analyzers;
  private UserQueryParser parser;
  private KnowledgeBase kb;
  private Principal principal;
  private final List<String> queries = new ArrayList<>();
  private int next;

  /** Builds the corpus with the engine's own documents, and opens the searchers. */
  @Setup(Level.Trial)
  public void build() throws IOException {
    Random r = new Random(7);
    List<String> groups = new ArrayList<>();
    for (int g = 0; g < 20; g++) {
      groups.add("g" + r.nextInt(100));
    }
    principal = Principal.of("bench-user", groups, List.of());
    String[] vocabulary = Corpus.vocabulary("en");
    for (int q = 0; q < 64; q++) {
      queries.add(vocabulary[r.nextInt(vocabulary.length)] + " " + vocabulary[r.nextInt(vocabulary.length)]);
    }
    dir = new ByteBuffersDirectory();
    analyzers = LuceneSchema.Analyzers.create();
    Instant now = Instant.parse("2026-11-01T00:00:00Z");
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzers.perField()).setRAMBufferSizeMB(256))) {
      long seq = 0;
      for (KnowledgeItem item : Corpus.items(items, "en", 300, 100, 50, 11)) {
        w.addDocument(LuceneSchema.document(new ItemChange.Put(++seq, item.toBuilder().stored(now, now, 1).build())));
      }
      w.setLiveCommitData(Map.of(LuceneSchema.COMMIT_SEQUENCE, Long.toString(seq)).entrySet());
      w.commit();
    }
    reader = DirectoryReader.open(dir);
    searcher = new IndexSearcher(reader);
    parser = analyzers.parser();
    if (mode.startsWith("zhiku")) {
      Taxonomy.Builder t = Taxonomy.builder().scheme(ConceptScheme.of("s", "en", "Scheme"));
      for (int c = 0; c < 50; c++) {
        Concept.Builder cb = Concept.builder("c" + c, "s");
        if (c >= 5) {
          cb.broader("c" + (c % 5)); // five roots with nine children each
        }
        t.concept(cb.build());
      }
      kb = KnowledgeBase.builder().engine(LuceneIndexProvider.on(dir)).taxonomy(t.build())
          .refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual()).build();
      long total = 0;
      for (String q : queries) {
        total += kb.search(SearchRequest.builder(principal).text(q).build()).totalHits();
      }
      System.out.printf("# average readable hits per query: %d of %d items%n", total / queries.size(), items);
    }
  }

  /** Closes everything. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    reader.close();
    if (kb != null) {
      kb.close(); // closes the directory
    } else {
      dir.close();
    }
    analyzers.close();
  }

  /**
   * One query.
   *
   * @return the total hit count
   * @throws IOException from Lucene
   */
  @Benchmark
  public long query() throws IOException {
    String text = queries.get(next++ & 63);
    switch (mode) {
      case "zhiku":
        return kb.search(SearchRequest.builder(principal).text(text).build()).totalHits();
      case "zhiku-facets":
        return kb.search(SearchRequest.builder(principal).text(text).facets("s").build()).totalHits();
      default:
        Query parsed = parser.parse(text).orElseThrow();
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(parsed, Occur.MUST)
            .add(new TermQuery(new Term(LuceneSchema.LIVE, LuceneSchema.YES)), Occur.FILTER);
        if (mode.equals("lucene-acl")) {
          q.add(LuceneSchema.accessFilter(principal), Occur.FILTER);
        }
        return searcher.search(q.build(), new TopFieldCollectorManager(SORT, 11, null, Integer.MAX_VALUE)).totalHits.value;
    }
  }
}
