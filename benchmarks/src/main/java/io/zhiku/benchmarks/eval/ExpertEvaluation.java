package io.zhiku.benchmarks.eval;

import io.zhiku.benchmarks.eval.ExpertReplay.Question;
import io.zhiku.benchmarks.eval.StackExchangeDump.Post;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.TextEmbedder;
import io.zhiku.embed.BundledEmbedders;
import io.zhiku.graph.KnowledgeGraph;
import io.zhiku.graph.expert.ExpertFinder;
import io.zhiku.testkit.TestClock;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
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
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Expert finding on real data: each Stack Exchange dev site replayed in time order ({@link ExpertReplay}).
 * For each question in the last 30% of the timeline that has an accepted answer by a known user, before
 * the question is added, each system ranks people using only earlier posts, the asker left out. Scores: the
 * rank of the accepted answer's author (MRR, rank {@value #DEPTH} and beyond counting 0; hit@1; hit@5)
 * and, as a second relevance, the rank of the first person ranked who answered the question at all.
 * How many test questions have an accepted answerer who answered anything before is the reachable ceiling.
 *
 * <p>Systems, in the same run: Zhiku {@link ExpertFinder#forContext} with its defaults (the question's
 * tags and its title and body), on a knowledge base without and with an embedder (km-embed's English
 * model: a second replay); the most active answerer so far; activity in the question's tags (each
 * earlier answer to a question sharing tags counts the share of this question's tags it shares); plain
 * Lucene BM25 ({@code EnglishAnalyzer}) over each earlier answer, a person scoring the sum of their answers'
 * scores (document-centric, Balog et al.'s Model 2); the same over one document per person holding all
 * their answers (candidate-centric, Model 1). Every ranking breaks ties by user id and every index merges
 * serially, so the same run twice gives the same figures.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.zhiku.benchmarks.eval.ExpertEvaluation [data dir]}.
 */
public final class ExpertEvaluation {
  /** Ranks at or beyond this count as not found. */
  static final int DEPTH = 100;
  static final String ZHIKU = "Zhiku ExpertFinder (defaults)";
  static final String ZHIKU_MEANING = "Zhiku ExpertFinder, kb with embedder";
  static final String ACTIVE = "most active answerer so far";
  static final String TAGS = "activity in the question's tags";
  static final String MODEL2 = "BM25 over answers, summed per person";
  static final String MODEL1 = "BM25 over one profile per person";

  private ExpertEvaluation() {}

  /** Rank-based scores of one system. */
  static final class Score {
    int n;
    double reciprocal;
    double reciprocalAny;
    int hitAt1;
    int hitAt5;

    void add(List<String> ranking, Question q) {
      n++;
      int rank = ranking.indexOf(q.target());
      if (rank >= 0 && rank < DEPTH) {
        reciprocal += 1.0 / (rank + 1);
        hitAt1 += rank == 0 ? 1 : 0;
        hitAt5 += rank < 5 ? 1 : 0;
      }
      for (int i = 0; i < Math.min(DEPTH, ranking.size()); i++) {
        if (q.answerers().contains(ranking.get(i))) {
          reciprocalAny += 1.0 / (i + 1);
          break;
        }
      }
    }

    double mrr() {
      return n == 0 ? 0 : reciprocal / n;
    }

    String cells() {
      return String.format(Locale.ROOT, "%6.4f | %6.4f | %6.4f | %6.4f", mrr(), share(hitAt1), share(hitAt5),
          n == 0 ? 0 : reciprocalAny / n);
    }

    private double share(int hits) {
      return n == 0 ? 0 : (double) hits / n;
    }
  }

  /** One site's scores: per system, and how many questions were asked and reachable. */
  record Result(Map<String, Score> scores, int questions, int reachable) {}

  /**
   * Runs the evaluation on each dev site and prints a table per site.
   *
   * @param args optionally the data directory
   * @throws Exception if a file cannot be read or parsed
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    TextEmbedder embedder = BundledEmbedders.english();
    StackExchangeDump.forEachSite(args, "expert evaluation", dump -> {
      String site = dump.site();
      Result r = run(dump, ExpertReplay.TEST_FROM, 1.0);
      out.printf(Locale.ROOT, "%n%s: %d test questions, %d with an accepted answerer who answered before (the ceiling)%n%n",
          site, r.questions(), r.reachable());
      out.println("| system                               |    MRR |  hit@1 |  hit@5 | MRR (anyone who answered) |");
      out.println("|--------------------------------------|--------|--------|--------|---------------------------|");
      r.scores().forEach((system, s) -> out.printf(Locale.ROOT, "| %-36s | %s |%n", system, s.cells()));
      Score meaning = zhikuWithMeaning(dump, ExpertReplay.TEST_FROM, 1.0, embedder);
      out.printf(Locale.ROOT, "| %-36s | %s |%n", ZHIKU_MEANING, meaning.cells());
      String best = r.scores().keySet().stream().filter(s -> !s.equals(ZHIKU))
          .max((a, b) -> Double.compare(r.scores().get(a).mrr(), r.scores().get(b).mrr())).orElseThrow();
      out.printf(Locale.ROOT, "%nZhiku MRR / best baseline (%s): %.2f× (words), %.2f× (with the embedder)%n", best,
          r.scores().get(ZHIKU).mrr() / r.scores().get(best).mrr(), meaning.mrr() / r.scores().get(best).mrr());
    });
  }

  /** Replays a dump and scores every system on the questions of a window. */
  static Result run(StackExchangeDump dump, double from, double to) throws IOException {
    Map<String, Score> scores = new LinkedHashMap<>();
    for (String s : List.of(ZHIKU, ACTIVE, TAGS, MODEL2, MODEL1)) {
      scores.put(s, new Score());
    }
    Map<String, Post> byId = dump.byId();
    int[] reachable = {0};
    try (Baselines baselines = new Baselines(byId)) {
      int asked = ExpertReplay.run(dump, from, to, new ExpertReplay.Visitor() {
        @Override
        public void question(Question q, KnowledgeBase kb, KnowledgeGraph graph, TestClock clock) throws IOException {
          reachable[0] += q.reachable() ? 1 : 0;
          ExpertFinder finder = ExpertFinder.builder(graph).clock(clock).build();
          scores.get(ZHIKU).add(finder.forContext(q.context(), DEPTH).stream().map(ExpertFinder.Expert::userId).toList(), q);
          scores.get(ACTIVE).add(ranking(baselines.answers, q.asker()), q);
          scores.get(TAGS).add(ranking(baselines.tagActivity(q.post()), q.asker()), q);
          scores.get(MODEL2).add(ranking(baselines.model2(q.text()), q.asker()), q);
          scores.get(MODEL1).add(ranking(baselines.model1(q.text()), q.asker()), q);
        }

        @Override
        public void added(Post p) throws IOException {
          baselines.added(p);
        }
      });
      return new Result(scores, asked, reachable[0]);
    }
  }

  /**
   * Zhiku alone on a replay into a knowledge base with an embedder: its similar items (what the expert
   * finder reads) then include the nearest by meaning.
   */
  static Score zhikuWithMeaning(StackExchangeDump dump, double from, double to, TextEmbedder embedder) throws IOException {
    Score score = new Score();
    ExpertReplay.run(dump, from, to, embedder, (q, kb, graph, clock) ->
        score.add(ExpertFinder.builder(graph).clock(clock).build().forContext(q.context(), DEPTH).stream()
            .map(ExpertFinder.Expert::userId).toList(), q));
    return score;
  }

  /** People by score, best first, ties by user id, the asker left out, at most {@value #DEPTH}. */
  static List<String> ranking(Map<String, ? extends Number> scores, String asker) {
    Map<String, Number> others = new HashMap<>(scores);
    others.remove(asker);
    return EvalRanking.top(others, DEPTH);
  }

  /** What the baselines know of the earlier posts. */
  private static final class Baselines implements AutoCloseable {
    final Map<String, Post> byId;
    final Map<String, Integer> answers = new HashMap<>();
    final List<Post> earlierAnswers = new ArrayList<>();
    final Map<String, StringBuilder> profiles = new HashMap<>();
    final Analyzer analyzer = new EnglishAnalyzer();
    final ByteBuffersDirectory answerDir = new ByteBuffersDirectory();
    final ByteBuffersDirectory profileDir = new ByteBuffersDirectory();
    final IndexWriter answerIndex;
    final IndexWriter profileIndex;

    Baselines(Map<String, Post> byId) throws IOException {
      this.byId = byId;
      answerIndex = new IndexWriter(answerDir, new IndexWriterConfig(analyzer).setMergeScheduler(new SerialMergeScheduler()));
      profileIndex = new IndexWriter(profileDir, new IndexWriterConfig(analyzer).setMergeScheduler(new SerialMergeScheduler()));
    }

    void added(Post p) throws IOException {
      if (p.question() || p.owner() == null) {
        return;
      }
      String user = "user-" + p.owner();
      answers.merge(user, 1, Integer::sum);
      earlierAnswers.add(p);
      Document d = new Document();
      d.add(new StringField("user", user, Field.Store.YES));
      d.add(new TextField("text", p.body(), Field.Store.NO));
      answerIndex.addDocument(d);
      StringBuilder all = profiles.computeIfAbsent(user, u -> new StringBuilder());
      all.append('\n').append(p.body());
      Document profile = new Document();
      profile.add(new StringField("user", user, Field.Store.YES));
      profile.add(new TextField("text", all.toString(), Field.Store.NO));
      profileIndex.updateDocument(new Term("user", user), profile);
    }

    /** Per person: each earlier answer to a question sharing tags counts the share of the tags it shares. */
    Map<String, Double> tagActivity(Post question) {
      Map<String, Double> out = new HashMap<>();
      if (question.tags().isEmpty()) {
        return out;
      }
      for (Post a : earlierAnswers) {
        Post parent = byId.get(a.parentId());
        if (parent != null) {
          long shared = parent.tags().stream().filter(question.tags()::contains).count();
          if (shared > 0) {
            out.merge("user-" + a.owner(), (double) shared / question.tags().size(), Double::sum);
          }
        }
      }
      return out;
    }

    /** Document-centric: the BM25 scores of each person's matching answers, summed. */
    Map<String, Double> model2(String text) throws IOException {
      return perUser(answerIndex, text);
    }

    /** Candidate-centric: BM25 of each person's profile (all their answers as one document). */
    Map<String, Double> model1(String text) throws IOException {
      return perUser(profileIndex, text);
    }

    /** Every matching document's score, summed per user: the order of documents cannot change it. */
    private Map<String, Double> perUser(IndexWriter writer, String text) throws IOException {
      Map<String, Double> out = new HashMap<>();
      try (DirectoryReader reader = DirectoryReader.open(writer)) {
        if (reader.numDocs() == 0) {
          return out;
        }
        IndexSearcher searcher = new IndexSearcher(reader);
        for (ScoreDoc sd : searcher.search(query(text), reader.numDocs()).scoreDocs) {
          out.merge(searcher.storedFields().document(sd.doc).get("user"), (double) sd.score, Double::sum);
        }
      }
      return out;
    }

    private Query query(String text) throws IOException {
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
      return q.build();
    }

    @Override
    public void close() throws IOException {
      try (analyzer; answerDir; profileDir; answerIndex; profileIndex) {
        // closes the writers, then their directories, then the analyzer
      }
    }
  }
}
