package io.zhiku.benchmarks.eval;

import io.zhiku.core.access.Principal;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.UsageEventType;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.push.KnowledgePush;
import io.zhiku.testkit.TestClock;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SerialMergeScheduler;
import io.zhiku.benchmarks.eval.StackExchangeDump.Post;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Push on real data: each Stack Exchange dev site's dump ({@link StackExchangeDump#SITES}) replayed in time
 * order through the public API. Questions and
 * answers become items (tags become concepts, owners authors, an answer links to its question and
 * carries its tags); each question's view count becomes view events spread evenly between its creation
 * and the end of the dump (by one anonymous viewer: the dump does not say who viewed); answers become
 * {@code answered} events of their authors.
 *
 * <p>For each question in the last 20% of the timeline, before it is added, its owner is pushed to with
 * its title and tags as the work context (text and concepts), using only what existed before it. Pushed
 * items count as their thread (an answer as its question); the top 10 distinct earlier questions are
 * scored with precision@10 and nDCG@10 against two relevance sets: earlier questions that share a tag,
 * and earlier questions whose accepted answer's author also answered this one. Baselines in the same run
 * and on the same items: plain Lucene MoreLikeThis ({@code StandardAnalyzer}, title and body) with the
 * same text, and the most-viewed questions so far.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.zhiku.benchmarks.eval.PushEvaluation [data dir]}.
 */
public final class PushEvaluation {
  private PushEvaluation() {}

  /** Precision@10 and nDCG@10 summed over queries. */
  static final class Metric {
    int queries;
    double precision;
    double ndcg;

    void add(List<String> ranked, Set<String> relevant) {
      if (relevant.isEmpty()) {
        return;
      }
      queries++;
      double dcg = 0;
      int hits = 0;
      for (int i = 0; i < Math.min(10, ranked.size()); i++) {
        if (relevant.contains(ranked.get(i))) {
          hits++;
          dcg += 1 / log2(i + 2);
        }
      }
      double ideal = 0;
      for (int i = 0; i < Math.min(10, relevant.size()); i++) {
        ideal += 1 / log2(i + 2);
      }
      precision += hits / 10.0;
      ndcg += dcg / ideal;
    }

    private static double log2(double x) {
      return Math.log(x) / Math.log(2);
    }

    String cells() {
      return String.format(Locale.ROOT, "%4d | %.3f | %.3f", queries, precision / queries, ndcg / queries);
    }
  }

  /**
   * Runs the evaluation and prints a Markdown table.
   *
   * @param args optionally the data directory
   * @throws Exception if the file cannot be read or parsed
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    StackExchangeDump.forEachSite(args, "push evaluation", dump -> {
      String site = dump.site();
      Map<String, Metric[]> results = run(dump);
      out.printf(Locale.ROOT, "%n%s%n%n", site);
      out.println("| system                                   | n (tag) | P@10 tag | nDCG@10 tag | n (expert) | P@10 expert | nDCG@10 expert |");
      out.println("|------------------------------------------|---------|----------|-------------|------------|-------------|----------------|");
      results.forEach((system, m) -> {
        String[] a = m[0].cells().split(" \\| ");
        String[] b = m[1].cells().split(" \\| ");
        out.printf(Locale.ROOT, "| %-40s | %7s | %8s | %11s | %10s | %11s | %14s |%n", system, a[0].strip(), a[1], a[2],
            b[0].strip(), b[1], b[2]);
      });
    });
  }

  /** Replays a dump; returns, per system, the tag metric and the expert metric. */
  static Map<String, Metric[]> run(StackExchangeDump dump) throws IOException {
    List<Post> posts = dump.posts();
    Map<String, Post> byId = dump.byId();
    Instant end = posts.get(posts.size() - 1).created();
    Instant cutoff = posts.get((int) (posts.size() * 0.8)).created();
    // Ground truth: who answered each question; who wrote each question's accepted answer.
    Map<String, Set<String>> answerers = new HashMap<>();
    for (Post p : posts) {
      if (!p.question() && p.parentId() != null && p.owner() != null) {
        answerers.computeIfAbsent(p.parentId(), k -> new HashSet<>()).add(p.owner());
      }
    }
    // View events: each question's views spread evenly (seeded) between its creation and the end.
    Random random = new Random(42);
    List<Object[]> views = new ArrayList<>(); // {Instant, questionId}
    for (Post p : posts) {
      if (p.question()) {
        long span = Math.max(1, end.toEpochMilli() - p.created().toEpochMilli());
        for (int v = 0; v < p.views(); v++) {
          views.add(new Object[] {p.created().plusMillis((long) (random.nextDouble() * span)), p.id()});
        }
      }
    }
    views.sort(Comparator.comparing(v -> (Instant) v[0]));

    TestClock clock = new TestClock(Instant.EPOCH);
    Principal viewer = Principal.of("anonymous-viewer");
    Map<String, Metric[]> results = new java.util.LinkedHashMap<>();
    for (String s : List.of("Zhiku push (default blend)", "plain Lucene MoreLikeThis", "most viewed so far")) {
      results.put(s, new Metric[] {new Metric(), new Metric()});
    }
    Map<String, Integer> viewed = new HashMap<>();
    try (KnowledgeBase kb = dump.knowledgeBase(clock);
        KnowledgePush push = KnowledgePush.builder(kb).build();
        Analyzer analyzer = new StandardAnalyzer();
        ByteBuffersDirectory mltDir = new ByteBuffersDirectory();
        IndexWriter mltWriter = new IndexWriter(mltDir, new IndexWriterConfig(analyzer).setMergeScheduler(new SerialMergeScheduler()))) {
      int nextView = 0;
      List<String> earlierQuestions = new ArrayList<>();
      for (Post p : posts) {
        clock.set(p.created());
        List<UsageEvent> batch = new ArrayList<>();
        while (nextView < views.size() && !((Instant) views.get(nextView)[0]).isAfter(p.created())) {
          Object[] v = views.get(nextView++);
          batch.add(UsageEvent.ofItem(UsageEventType.VIEW, (Instant) v[0], viewer, (String) v[1]));
          viewed.merge((String) v[1], 1, Integer::sum);
        }
        kb.events().recordAll(batch);
        if (p.question() && !p.created().isBefore(cutoff) && !earlierQuestions.isEmpty()) {
          kb.refresh();
          Set<String> sharesTag = new TreeSet<>();
          Set<String> sameExpert = new TreeSet<>();
          Set<String> mine = answerers.getOrDefault(p.id(), Set.of());
          for (String q : earlierQuestions) {
            Post earlier = byId.get(q);
            if (earlier.tags().stream().anyMatch(p.tags()::contains)) {
              sharesTag.add(q);
            }
            Post accepted = earlier.acceptedAnswerId() == null ? null : byId.get(earlier.acceptedAnswerId());
            if (accepted != null && accepted.owner() != null && !accepted.created().isAfter(p.created())
                && mine.contains(accepted.owner())) {
              sameExpert.add(q);
            }
          }
          String text = p.title() + " " + String.join(" ", p.tags());
          WorkContext ctx = WorkContext.builder(StackExchangeDump.person(p), p.created()).text(text)
              .concepts(p.tags().stream().map(StackExchangeDump::tagId).toArray(String[]::new)).build();
          List<String> pushed = threads(push.push(ctx, 40).stream().map(r -> r.item().id()).toList(), byId);
          List<String> mlt = threads(moreLikeThis(mltWriter, analyzer, text), byId);
          List<String> popular = earlierQuestions.stream()
              .sorted(Comparator.<String>comparingInt(q -> viewed.getOrDefault(q, 0)).reversed().thenComparing(Function.identity()))
              .limit(10).toList();
          for (Map.Entry<String, List<String>> e : Map.of("Zhiku push (default blend)", pushed, "plain Lucene MoreLikeThis", mlt,
              "most viewed so far", popular).entrySet()) {
            results.get(e.getKey())[0].add(e.getValue(), sharesTag);
            results.get(e.getKey())[1].add(e.getValue(), sameExpert);
          }
        }
        StackExchangeDump.add(kb, p, byId);
        Document d = new Document();
        d.add(new StoredField("id", p.id()));
        d.add(new TextField("text", p.title() + "\n" + p.body(), Field.Store.NO));
        mltWriter.addDocument(d);
        if (p.question()) {
          earlierQuestions.add(p.id());
        }
      }
    }
    return results;
  }

  /** Pushed or found items as their threads (an answer as its question), distinct, at most 10. */
  private static List<String> threads(List<String> ids, Map<String, Post> byId) {
    Set<String> out = new LinkedHashSet<>();
    for (String id : ids) {
      Post p = byId.get(id);
      String thread = p == null ? null : p.question() ? p.id() : p.parentId();
      if (thread != null && byId.containsKey(thread) && byId.get(thread).question()) {
        out.add(thread);
      }
      if (out.size() == 10) {
        break;
      }
    }
    return List.copyOf(out);
  }

  private static List<String> moreLikeThis(IndexWriter writer, Analyzer analyzer, String text) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      MoreLikeThis mlt = new MoreLikeThis(reader);
      mlt.setAnalyzer(analyzer);
      mlt.setFieldNames(new String[] {"text"});
      mlt.setMinTermFreq(1);
      mlt.setMinDocFreq(1);
      IndexSearcher searcher = new IndexSearcher(reader);
      List<String> out = new ArrayList<>();
      for (ScoreDoc sd : searcher.search(mlt.like("text", new java.io.StringReader(text)), 40).scoreDocs) {
        out.add(searcher.storedFields().document(sd.doc).get("id"));
      }
      return out;
    }
  }
}
