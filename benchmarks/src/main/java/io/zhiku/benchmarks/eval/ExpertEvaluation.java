package io.zhiku.benchmarks.eval;

import io.zhiku.benchmarks.SharedData;
import io.zhiku.benchmarks.eval.PushEvaluation.Post;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.kb.CommitPolicy;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.ConceptScheme;
import io.zhiku.core.taxonomy.Taxonomy;
import io.zhiku.graph.KnowledgeGraph;
import io.zhiku.graph.expert.ExpertFinder;
import io.zhiku.testkit.TestClock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Expert finding on real data: the Mathematics Educators Stack Exchange dump replayed in time order.
 * Questions and answers become items (tags as concepts, owners as authors), answers {@code answered}
 * events of their authors, and each accepted answer an {@code accepted} event by the asker at the
 * answer's time (the dump does not say when it was accepted).
 *
 * <p>For each question in the last 30% of the timeline that has an accepted answer by a known user,
 * before the question is added, each system ranks people using only earlier posts, the asker left out;
 * the answer is the rank of the accepted answer's author: MRR (rank 100 and beyond count 0) and hit@5.
 * Systems, in the same run: Zhiku {@link ExpertFinder#forContext} (the question's tags and its title and
 * body); the most active answerer so far; plain Lucene BM25 ({@code EnglishAnalyzer}) over one document
 * per person holding their earlier answers.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.zhiku.benchmarks.eval.ExpertEvaluation [data dir]}.
 */
public final class ExpertEvaluation {
  private static final int DEPTH = 100;

  private ExpertEvaluation() {}

  /** Rank-based scores of one system. */
  static final class Score {
    int n;
    double reciprocal;
    int hitAt5;

    void add(List<String> ranking, String target) {
      n++;
      int rank = ranking.indexOf(target);
      if (rank >= 0 && rank < DEPTH) {
        reciprocal += 1.0 / (rank + 1);
        if (rank < 5) {
          hitAt5++;
        }
      }
    }

    String cells() {
      return String.format(Locale.ROOT, "%4d | %6.4f | %6.4f", n, n == 0 ? 0 : reciprocal / n, n == 0 ? 0 : (double) hitAt5 / n);
    }
  }

  /**
   * Runs the evaluation and prints the table.
   *
   * @param args optionally the data directory
   * @throws Exception if the file cannot be read or parsed
   */
  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : SharedData.directory();
    Path file = dir == null ? null : dir.resolve("stackexchange").resolve("matheducators-Posts.xml");
    PrintStream out = System.out;
    if (file == null || !Files.isRegularFile(file)) {
      out.println("expert evaluation: missing " + file);
      if ("1".equals(System.getenv("ZHIKU_REQUIRE_DATA"))) {
        System.exit(1);
      }
      return;
    }
    Map<String, Score> results = run(PushEvaluation.read(file));
    out.println("| system                                        |    n |    MRR |  hit@5 |");
    out.println("|-----------------------------------------------|------|--------|--------|");
    results.forEach((system, s) -> out.printf(Locale.ROOT, "| %-45s | %s |%n", system, s.cells()));
  }

  static Map<String, Score> run(List<Post> posts) throws IOException {
    posts = new ArrayList<>(posts);
    posts.sort(Comparator.comparing(Post::created).thenComparing(p -> Long.parseLong(p.id())));
    Map<String, Post> byId = new HashMap<>();
    posts.forEach(p -> byId.put(p.id(), p));
    List<Post> questions = posts.stream().filter(Post::question).toList();
    Instant cutoff = questions.get((int) (questions.size() * 0.7)).created();

    Taxonomy.Builder tb = Taxonomy.builder().scheme(ConceptScheme.of("tags", "en", "Tags"));
    posts.stream().flatMap(p -> p.tags().stream()).distinct().sorted()
        .forEach(t -> tb.concept(Concept.builder(PushEvaluation.tagId(t), "tags").prefLabel("en", t).build()));
    Map<String, Score> results = new LinkedHashMap<>();
    String zhiku = "Zhiku ExpertFinder (tags + text, evidence)";
    String active = "most active answerer so far";
    String bm25 = "plain Lucene BM25 over each person's answers";
    for (String s : List.of(zhiku, active, bm25)) {
      results.put(s, new Score());
    }
    TestClock clock = new TestClock(Instant.EPOCH);
    Map<String, Integer> answers = new HashMap<>(); // user → earlier answers
    Map<String, StringBuilder> answerText = new HashMap<>();
    try (KnowledgeBase kb = KnowledgeBase.builder().clock(clock).refreshInterval(Duration.ZERO)
            .commitPolicy(CommitPolicy.manual()).recordSearches(false).taxonomy(tb.build()).build();
        KnowledgeGraph graph = KnowledgeGraph.builder(kb).build();
        Analyzer analyzer = new EnglishAnalyzer();
        ByteBuffersDirectory people = new ByteBuffersDirectory();
        IndexWriter writer = new IndexWriter(people, new IndexWriterConfig(analyzer))) {
      ExpertFinder finder = ExpertFinder.builder(graph).clock(clock).build();
      for (Post p : posts) {
        clock.set(p.created());
        Post accepted = p.question() && p.acceptedAnswerId() != null ? byId.get(p.acceptedAnswerId()) : null;
        if (accepted != null && accepted.owner() != null && !p.created().isBefore(cutoff)) {
          kb.refresh();
          String target = "user-" + accepted.owner();
          String asker = PushEvaluation.person(p).userId();
          String text = p.title() + "\n" + (p.body().length() > 2000 ? p.body().substring(0, 2000) : p.body());
          WorkContext ctx = WorkContext.builder(PushEvaluation.person(p), p.created()).text(text)
              .concepts(p.tags().stream().map(PushEvaluation::tagId).toArray(String[]::new)).build();
          results.get(zhiku).add(finder.forContext(ctx, DEPTH).stream().map(ExpertFinder.Expert::userId).toList(), target);
          results.get(active).add(answers.entrySet().stream().filter(e -> !e.getKey().equals(asker))
              .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
              .limit(DEPTH).map(Map.Entry::getKey).toList(), target);
          results.get(bm25).add(bm25(writer, analyzer, text, asker), target);
        }
        PushEvaluation.add(kb, p, byId);
        if (!p.question() && p.owner() != null) {
          String user = "user-" + p.owner();
          answers.merge(user, 1, Integer::sum);
          StringBuilder all = answerText.computeIfAbsent(user, u -> new StringBuilder());
          all.append('\n').append(p.body());
          Document d = new Document();
          d.add(new StringField("user", user, Field.Store.YES));
          d.add(new TextField("text", all.toString(), Field.Store.NO));
          writer.updateDocument(new Term("user", user), d);
          Post question = byId.get(p.parentId());
          if (question != null && p.id().equals(question.acceptedAnswerId())) {
            kb.record(UsageEvent.ofItem(UsageEventType.ACCEPTED, p.created(), PushEvaluation.person(question), p.id()));
          }
        }
      }
    }
    return results;
  }

  /** People ranked by BM25 of their answers against the question, the asker left out. */
  private static List<String> bm25(IndexWriter writer, Analyzer analyzer, String text, String asker) throws IOException {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && terms.size() < IndexSearcher.getMaxClauseCount()) {
        terms.add(term.toString());
      }
      ts.end();
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    terms.forEach(t -> q.add(new TermQuery(new Term("text", t)), BooleanClause.Occur.SHOULD));
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      List<String> out = new ArrayList<>();
      for (ScoreDoc sd : searcher.search(q.build(), DEPTH + 1).scoreDocs) {
        String user = searcher.storedFields().document(sd.doc).get("user");
        if (!user.equals(asker) && out.size() < DEPTH) {
          out.add(user);
        }
      }
      return out;
    }
  }
}
