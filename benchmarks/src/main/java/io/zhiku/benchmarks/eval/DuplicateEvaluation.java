package io.zhiku.benchmarks.eval;

import io.zhiku.benchmarks.SharedData;
import io.zhiku.core.classify.DuplicateFinder;
import io.zhiku.core.classify.DuplicateFinder.Example;
import io.zhiku.core.classify.DuplicateFinder.Weights;
import io.zhiku.core.classify.DuplicateScore;
import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.search.TextEmbedder;
import io.zhiku.embed.BundledEmbedders;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The duplicate warning as pair classification on BQ and LCQMC dev (../shared/data/README.md): each row
 * {@code sentence1,sentence2,label} is a pair, label 1 a duplicate. Zhiku's {@link DuplicateFinder#compare}
 * gives a probability, warned on from {@link DuplicateFinder#LIKELY}; the baseline is plain Lucene BM25
 * (StandardAnalyzer): the score of {@code sentence2} for {@code sentence1} as a query over the set's
 * distinct {@code sentence2}s, a duplicate above a threshold.
 *
 * <p>The procedure: the pairs of each set are split by parity (the first is pair 0, even). Zhiku's
 * weights are fitted ({@link Weights#fit}) on the odd-numbered pairs of both sets together and shipped
 * as the defaults; this run fits them again and prints both, so a drift shows. The baseline's threshold is
 * chosen per set on its odd-numbered pairs (the best accuracy), which favours the baseline. Accuracy and
 * average precision are reported on the even-numbered pairs (held out) and on all.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.zhiku.benchmarks.eval.DuplicateEvaluation [data dir]}. A
 * missing file is an error when {@code ZHIKU_REQUIRE_DATA=1}, a notice otherwise.
 */
public final class DuplicateEvaluation {
  private DuplicateEvaluation() {}

  /** One pair of a data set. */
  record Pair(String a, String b, boolean duplicate) {}

  /**
   * Runs the evaluation and prints Markdown tables.
   *
   * @param args optionally the data directory
   * @throws IOException if a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : SharedData.directory();
    PrintStream out = System.out;
    Map<String, List<Pair>> sets = new LinkedHashMap<>();
    boolean missing = false;
    for (String name : List.of("bq", "lcqmc")) {
      Path file = dir == null ? null : dir.resolve(name).resolve("dev.csv");
      if (file == null || !Files.isRegularFile(file)) {
        out.println("(missing: " + file + ")");
        missing = true;
        continue;
      }
      List<Pair> pairs = new ArrayList<>();
      for (String[] r : FaqMatchingEvaluation.rows(file)) {
        if (!r[0].isBlank() && !r[1].isBlank() && (r[2].equals("0") || r[2].equals("1"))) {
          pairs.add(new Pair(r[0], r[1], r[2].equals("1")));
        }
      }
      sets.put(name, pairs);
    }
    if (missing && "1".equals(System.getenv("ZHIKU_REQUIRE_DATA"))) {
      System.err.println("duplicate evaluation: data missing and ZHIKU_REQUIRE_DATA=1");
      System.exit(1);
    }
    if (sets.isEmpty()) {
      return;
    }
    TextEmbedder embedder = BundledEmbedders.chinese();
    try (KnowledgeBase kb = KnowledgeBase.inMemory()) {
      DuplicateFinder words = DuplicateFinder.builder(kb).build();
      DuplicateFinder meaning = DuplicateFinder.builder(kb).embedder(embedder).build();
      Map<String, List<DuplicateScore>> wordScores = new LinkedHashMap<>();
      Map<String, List<DuplicateScore>> meaningScores = new LinkedHashMap<>();
      sets.forEach((name, pairs) -> {
        wordScores.put(name, pairs.stream().map(p -> words.compare(clean(p.a()), clean(p.b()))).toList());
        meaningScores.put(name, pairs.stream().map(p -> meaning.compare(clean(p.a()), clean(p.b()))).toList());
      });
      out.println("Weights fitted on the odd-numbered pairs of both sets now, beside the shipped defaults:");
      out.println();
      out.println("| model | fitted now (intercept, words, meaning) | shipped default |");
      out.println("|---|---|---|");
      out.println("| words | " + weights(fit(sets, wordScores)) + " | " + weights(Weights.WORDS) + " |");
      out.println("| words and meaning | " + weights(fit(sets, meaningScores)) + " | "
          + weights(Weights.WORDS_AND_MEANING) + " |");
      out.println();
      out.println("| data | system | pairs (even) | accuracy (even) | AP (even) | pairs (all) | accuracy (all) | AP (all) |");
      out.println("|---|---|---|---|---|---|---|---|");
      for (Map.Entry<String, List<Pair>> e : sets.entrySet()) {
        List<Pair> pairs = e.getValue();
        double[] bm25 = bm25(pairs);
        double threshold = bestThreshold(pairs, bm25);
        String baseline = String.format(Locale.ROOT, "plain Lucene BM25 > %.3f (best on odd)", threshold);
        out.println(row(e.getKey(), baseline, pairs, bm25, threshold, false));
        out.println(row(e.getKey(), "Zhiku, words (p >= " + DuplicateFinder.LIKELY + ")", pairs,
            probabilities(wordScores.get(e.getKey())), DuplicateFinder.LIKELY, true));
        out.println(row(e.getKey(), "Zhiku, words + " + embedder.name(), pairs,
            probabilities(meaningScores.get(e.getKey())), DuplicateFinder.LIKELY, true));
      }
    }
  }

  /** Titles refuse control characters; BQ has a few (e.g. U+0008), which a host cleans as it captures text. */
  private static String clean(String s) {
    return s.replaceAll("\\p{Cntrl}", " ");
  }

  private static Weights fit(Map<String, List<Pair>> sets, Map<String, List<DuplicateScore>> scores) {
    List<Example> odd = new ArrayList<>();
    sets.forEach((name, pairs) -> {
      for (int i = 1; i < pairs.size(); i += 2) {
        odd.add(new Example(scores.get(name).get(i), pairs.get(i).duplicate()));
      }
    });
    return Weights.fit(odd);
  }

  private static String weights(Weights w) {
    return String.format(Locale.ROOT, "%.3f, %.3f, %.3f", w.intercept(), w.words(), w.meaning());
  }

  private static double[] probabilities(List<DuplicateScore> scores) {
    return scores.stream().mapToDouble(DuplicateScore::probability).toArray();
  }

  /** The even-numbered and all pairs' accuracy at the threshold, and their average precision. */
  private static String row(String data, String system, List<Pair> pairs, double[] score, double threshold,
      boolean inclusive) {
    int[] n = new int[2];
    int[] right = new int[2];
    List<Integer> even = new ArrayList<>();
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      boolean warned = inclusive ? score[i] >= threshold : score[i] > threshold;
      boolean correct = warned == pairs.get(i).duplicate();
      all.add(i);
      n[1]++;
      right[1] += correct ? 1 : 0;
      if (i % 2 == 0) {
        even.add(i);
        n[0]++;
        right[0] += correct ? 1 : 0;
      }
    }
    return String.format(Locale.ROOT, "| %s | %s | %d | %.4f | %.4f | %d | %.4f | %.4f |", data, system, n[0],
        right[0] / (double) n[0], averagePrecision(pairs, score, even), n[1], right[1] / (double) n[1],
        averagePrecision(pairs, score, all));
  }

  /** Average precision of the pairs ranked by score (ties by index): the mean precision at each duplicate. */
  static double averagePrecision(List<Pair> pairs, double[] score, List<Integer> which) {
    List<Integer> ranked = new ArrayList<>(which);
    ranked.sort(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparingInt(i -> i));
    int seen = 0;
    int found = 0;
    double sum = 0;
    for (int i : ranked) {
      seen++;
      if (pairs.get(i).duplicate()) {
        found++;
        sum += found / (double) seen;
      }
    }
    return found == 0 ? 0 : sum / found;
  }

  /** The threshold with the best accuracy on the odd-numbered pairs: a duplicate when the score is above it. */
  static double bestThreshold(List<Pair> pairs, double[] score) {
    List<Integer> odd = new ArrayList<>();
    for (int i = 1; i < pairs.size(); i += 2) {
      odd.add(i);
    }
    odd.sort(Comparator.comparingDouble((Integer i) -> score[i]).thenComparingInt(i -> i));
    int positives = (int) odd.stream().filter(i -> pairs.get(i).duplicate()).count();
    // Threshold below everything: all warned, right on the positives.
    int right = positives;
    int best = right;
    double threshold = odd.isEmpty() ? 0 : score[odd.get(0)] - 1;
    for (int k = 0; k < odd.size(); k++) {
      int i = odd.get(k);
      right += pairs.get(i).duplicate() ? -1 : 1; // now at or below the threshold: not warned
      boolean boundary = k + 1 == odd.size() || score[odd.get(k + 1)] > score[i];
      if (boundary && right > best) {
        best = right;
        threshold = score[i];
      }
    }
    return threshold;
  }

  /** Each pair's BM25 score: {@code b} as a document among the set's distinct second sentences, {@code a} the query. */
  static double[] bm25(List<Pair> pairs) throws IOException {
    double[] out = new double[pairs.size()];
    Map<String, Integer> docs = new HashMap<>();
    try (Analyzer analyzer = new StandardAnalyzer(); ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
        for (Pair p : pairs) {
          if (docs.putIfAbsent(p.b(), docs.size()) == null) {
            Document d = new Document();
            d.add(new TextField("text", p.b(), Field.Store.NO));
            w.addDocument(d);
          }
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        if (reader.leaves().size() != 1) {
          throw new IllegalStateException("expected one segment, whose doc ids are the insertion order: " + reader.leaves());
        }
        IndexSearcher searcher = new IndexSearcher(reader);
        for (int i = 0; i < pairs.size(); i++) {
          Query query = FaqMatchingEvaluation.anyTerm(analyzer, "text", pairs.get(i).a());
          out[i] = searcher.explain(query, docs.get(pairs.get(i).b())).getValue().doubleValue();
        }
      }
    }
    return out;
  }
}
