package io.zhiku.benchmarks.eval;

import io.zhiku.benchmarks.SharedData;
import io.zhiku.core.access.Acl;
import io.zhiku.core.access.Principal;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseBuilder;
import io.zhiku.core.search.SearchHit;
import io.zhiku.core.search.SearchRequest;
import io.zhiku.core.search.TextEmbedder;
import io.zhiku.embed.BundledEmbedders;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * FAQ matching on the BQ and LCQMC question pairs (../shared/data/README.md): every distinct {@code
 * sentence2} becomes a knowledge item; each {@code sentence1} of a pair labelled 1 is a query; the rank
 * of its paired item gives hit@1, hit@5 and MRR@10. Zhiku (through its public API: a knowledge base on
 * the embedded Lucene engine) is measured next to plain Lucene BM25 with {@code StandardAnalyzer}, in the
 * same run, on the same items and queries.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.zhiku.benchmarks.eval.FaqMatchingEvaluation [data dir]}
 * (default: the shared data directory as {@link SharedData} finds it). A missing file is an error when
 * {@code ZHIKU_REQUIRE_DATA=1}, a notice otherwise.
 */
public final class FaqMatchingEvaluation {
  private FaqMatchingEvaluation() {}

  /**
   * Scores of one system on one data set; MRR@10 also over the odd- and the even-numbered queries (the
   * first is query 0), the halves that settings are chosen on and checked on.
   */
  record Scores(int queries, double hit1, double hit5, double mrr10, double mrr10Odd, double mrr10Even) {
    String row(String data, String system) {
      return String.format(Locale.ROOT, "| %-6s | %-38s | %5d | %.3f | %.3f | %.4f | %.4f | %.4f |", data, system, queries,
          hit1, hit5, mrr10, mrr10Odd, mrr10Even);
    }
  }

  /** The distinct items and the (query, item index) pairs of a data set. */
  record Pairs(List<String> items, List<String> queries, List<Integer> targets) {}

  /**
   * Runs the evaluation and prints a Markdown table.
   *
   * @param args optionally the data directory
   * @throws IOException if a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : SharedData.directory();
    PrintStream out = System.out;
    out.println("| data   | system                                 | n     | hit@1 | hit@5 | MRR@10 | odd    | even   |");
    out.println("|--------|----------------------------------------|-------|-------|-------|--------|--------|--------|");
    boolean missing = false;
    TextEmbedder embedder = BundledEmbedders.chinese();
    for (String name : List.of("bq", "lcqmc")) {
      Path file = dir == null ? null : dir.resolve(name).resolve("dev.csv");
      if (file == null || !Files.isRegularFile(file)) {
        out.println("| " + name + " | (missing: " + file + ") | | | | | | |");
        missing = true;
        continue;
      }
      Pairs pairs = read(file);
      Scores baseline = luceneBaseline(pairs);
      Scores zhiku = zhiku(pairs, null);
      Scores semantic = zhiku(pairs, embedder);
      out.println(baseline.row(name, "plain Lucene BM25, StandardAnalyzer"));
      out.println(zhiku.row(name, "Zhiku KnowledgeBase (embedded Lucene)"));
      out.println(semantic.row(name, "Zhiku + embedder " + embedder.name()));
      out.printf(Locale.ROOT, "| %-6s | %-38s |       |       |       | %+.2f%% |        |        |%n", name, "Zhiku vs baseline, MRR@10",
          100 * (zhiku.mrr10() / baseline.mrr10() - 1));
      out.printf(Locale.ROOT, "| %-6s | %-38s |       |       |       | %+.2f%% |        |        |%n", name, "Zhiku + embedder vs baseline",
          100 * (semantic.mrr10() / baseline.mrr10() - 1));
    }
    if (missing && "1".equals(System.getenv("ZHIKU_REQUIRE_DATA"))) {
      System.err.println("FAQ evaluation: data missing and ZHIKU_REQUIRE_DATA=1");
      System.exit(1);
    }
  }

  /** Reads {@code sentence1,sentence2,label}; sentences contain no ASCII comma (LCQMC's were made full-width). */
  static List<String[]> rows(Path file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      line = line.replace("\uFEFF", "");
      int last = line.lastIndexOf(',');
      int first = line.indexOf(',');
      if (first < 0 || first == last || line.startsWith("sentence1,")) {
        continue;
      }
      rows.add(new String[] {line.substring(0, first), line.substring(first + 1, last), line.substring(last + 1).trim()});
    }
    return rows;
  }

  /** The distinct items and the queries of a data set (see the class comment). */
  static Pairs read(Path file) throws IOException {
    Map<String, Integer> items = new LinkedHashMap<>();
    List<String> queries = new ArrayList<>();
    List<Integer> targets = new ArrayList<>();
    List<String[]> rows = rows(file);
    for (String[] r : rows) {
      items.putIfAbsent(r[1], items.size());
    }
    for (String[] r : rows) {
      if (r[2].equals("1") && !r[0].isBlank()) {
        queries.add(r[0]);
        targets.add(items.get(r[1]));
      }
    }
    return new Pairs(List.copyOf(items.keySet()), queries, targets);
  }

  static Scores score(List<Integer> ranks) {
    int hit1 = 0;
    int hit5 = 0;
    double[] mrr = new double[2]; // by the query's parity
    for (int q = 0; q < ranks.size(); q++) {
      int rank = ranks.get(q);
      if (rank == 1) {
        hit1++;
      }
      if (rank >= 1 && rank <= 5) {
        hit5++;
      }
      if (rank >= 1 && rank <= 10) {
        mrr[q % 2] += 1.0 / rank;
      }
    }
    int n = ranks.size();
    int odd = n / 2;
    return new Scores(n, hit1 / (double) n, hit5 / (double) n, (mrr[0] + mrr[1]) / n, mrr[1] / Math.max(1, odd),
        mrr[0] / Math.max(1, n - odd));
  }

  /**
   * Item ids that sort like the baseline's document order: many short questions tie on score, and both
   * systems must break ties the same way (Zhiku by id, plain Lucene by insertion order) for the
   * comparison to measure analysis and ranking rather than tie order.
   */
  static String id(int index) {
    return String.format(Locale.ROOT, "q%07d", index);
  }

  /** Zhiku through its public API, with an embedder or without ({@code null}); rank 0 means not in the top 10. */
  static Scores zhiku(Pairs pairs, TextEmbedder embedder) {
    Principal reader = Principal.of("evaluator");
    List<Integer> ranks = new ArrayList<>();
    KnowledgeBaseBuilder builder = KnowledgeBase.builder().refreshInterval(Duration.ZERO).commitPolicy(CommitPolicy.manual());
    if (embedder != null) {
      builder.embedder(embedder);
    }
    try (KnowledgeBase kb = builder.build()) {
      List<KnowledgeItem> batch = new ArrayList<>();
      for (int i = 0; i < pairs.items().size(); i++) {
        // Titles are single-line and refuse control characters (BQ has a few, e.g. U+0008); a host cleans
        // them as it captures the text, and so does this evaluation.
        String title = pairs.items().get(i).replaceAll("\\p{Cntrl}", " ");
        batch.add(KnowledgeItem.builder(id(i), ItemKind.FAQ, title).language("zh").acl(Acl.PUBLIC).build());
      }
      kb.putAll(batch);
      kb.refresh();
      for (int q = 0; q < pairs.queries().size(); q++) {
        List<SearchHit> hits = kb.search(SearchRequest.builder(reader).text(pairs.queries().get(q)).pageSize(10).build()).hits();
        String target = id(pairs.targets().get(q));
        int rank = 0;
        for (int k = 0; k < hits.size(); k++) {
          if (hits.get(k).item().id().equals(target)) {
            rank = k + 1;
            break;
          }
        }
        ranks.add(rank);
      }
    }
    return score(ranks);
  }

  /** The baselines' query: the text's terms after analysis, OR'ed. */
  static Query anyTerm(Analyzer analyzer, String field, String text) throws IOException {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        query.add(new TermQuery(new Term(field, term.toString())), BooleanClause.Occur.SHOULD);
      }
      ts.end();
    }
    return query.build();
  }

  /** Plain Lucene: StandardAnalyzer, BM25 defaults, the query's terms OR'ed. */
  static Scores luceneBaseline(Pairs pairs) throws IOException {
    List<Integer> ranks = new ArrayList<>();
    try (Analyzer analyzer = new StandardAnalyzer(); ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
        for (int i = 0; i < pairs.items().size(); i++) {
          Document d = new Document();
          d.add(new StoredField("i", i));
          d.add(new TextField("text", pairs.items().get(i), Field.Store.NO));
          w.addDocument(d);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        for (int q = 0; q < pairs.queries().size(); q++) {
          int rank = 0;
          ScoreDoc[] top = searcher.search(anyTerm(analyzer, "text", pairs.queries().get(q)), 10).scoreDocs;
          for (int k = 0; k < top.length; k++) {
            if (searcher.storedFields().document(top[k].doc).getField("i").numericValue().intValue() == pairs.targets().get(q)) {
              rank = k + 1;
              break;
            }
          }
          ranks.add(rank);
        }
      }
    }
    return score(ranks);
  }
}
