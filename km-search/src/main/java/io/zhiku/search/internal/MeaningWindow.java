package io.zhiku.search.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;

/**
 * Semantic ranking over a window: a search with an embedder first ranks its matches by words and the
 * ranking factor alone, which block-max WAND can skip through, then multiplies the best {@value #SIZE}
 * scores by the meaning factor {@code exp(SEMANTIC_WEIGHT × cos)} and re-sorts them (score, then id, as
 * every relevance order). Within the window the scores are those a search that multiplied every match by
 * meaning would give; past it, hits go on in the words' order, their scores times {@link #PAST}, below
 * any score meaning gives, so that a page's scores never rise. Before, every match's vector was compared
 * with the query's, and the factor's bound ({@code exp(8)}) let nothing be skipped (benchmarks/README.md:
 * {@code HybridSearchBenchmark}). Stateless and thread-safe.
 */
final class MeaningWindow {
  /**
   * How many of the best matches by words meaning re-ranks: twenty pages of ten. FAQ matching's MRR@10
   * is the same with 200 as with 1,000 (BQ 0.0942 and 0.0941, LCQMC 0.7649 both) and the window costs
   * less the smaller it is (the first pass keeps the whole window by words, each hit's vector is read).
   */
  static final int SIZE = 200;

  /**
   * How much meaning weighs against words. Chosen on LCQMC's question pairs (MRR@10 at 4, 8, 16: 0.7638,
   * 0.7651, 0.7644; the benchmarks' FAQ evaluation) and then run, unchanged, on BQ. Between two hits whose
   * cosines differ by 0.1, ×{@code exp(SEMANTIC_WEIGHT / 10)}; multiplying keeps it independent of how
   * large a query's BM25 scores happen to be.
   */
  static final double SEMANTIC_WEIGHT = 8;

  /** The factor past the window: that of a cosine of −1, the least meaning gives. */
  static final double PAST = Math.exp(-SEMANTIC_WEIGHT);

  private static final Comparator<Ranked> ORDER = Comparator.comparingDouble((Ranked r) -> r.score()).reversed()
      .thenComparing(r -> (BytesRef) r.words().fields[1]);

  private MeaningWindow() {}

  /**
   * A hit of the ranked list.
   *
   * @param words the first pass's hit, whose sort values (score by words, id) a cursor past the window holds
   * @param score the score shown and sorted by
   * @param past whether it lies past the window
   */
  record Ranked(FieldDoc words, float score, boolean past) {
    /**
     * What a cursor after this hit holds: within a window, the score shown and the id; past it, or in the
     * newest order, the first pass's sort values.
     */
    FieldDoc cursor() {
      return past || !(words.fields[0] instanceof Float) ? words
          : new FieldDoc(words.doc, score, new Object[] {score, words.fields[1]});
    }
  }

  /**
   * The ranked list of a first pass: its best {@value #SIZE} hits re-ranked by meaning, then the rest.
   *
   * @param s the searcher the first pass ran on
   * @param firstPass its hits in relevance order ({@link FieldDoc}s with the score and the id)
   * @param meaning the query's embedding
   * @return the hits, in the order the pages show them
   * @throws IOException if the index cannot be read
   */
  static List<Ranked> rank(IndexSearcher s, ScoreDoc[] firstPass, float[] meaning) throws IOException {
    int n = Math.min(SIZE, firstPass.length);
    double[] factors = factors(s, Arrays.copyOf(firstPass, n), meaning);
    List<Ranked> out = new ArrayList<>(firstPass.length);
    for (int i = 0; i < n; i++) {
      FieldDoc hit = (FieldDoc) firstPass[i];
      out.add(new Ranked(hit, (float) ((Float) hit.fields[0] * factors[i]), false));
    }
    out.sort(ORDER);
    for (int i = n; i < firstPass.length; i++) {
      FieldDoc hit = (FieldDoc) firstPass[i];
      out.add(new Ranked(hit, (float) ((Float) hit.fields[0] * PAST), true));
    }
    return out;
  }

  /**
   * Where the page after a cursor of the window starts.
   *
   * @param ranked the ranked list
   * @param cursor the last hit shown, a hit of the window (score as shown, id)
   * @return the index of the first hit after it
   */
  static int after(List<Ranked> ranked, FieldDoc cursor) {
    float score = (Float) cursor.fields[0];
    BytesRef id = (BytesRef) cursor.fields[1];
    int i = 0;
    while (i < ranked.size() && !ranked.get(i).past()
        && (ranked.get(i).score() > score
            || ranked.get(i).score() == score && ((BytesRef) ranked.get(i).words().fields[1]).compareTo(id) <= 0)) {
      i++;
    }
    return i;
  }

  /** Each hit's meaning factor ({@code exp(SEMANTIC_WEIGHT × cos)}; ×1 for an item without a vector). */
  private static double[] factors(IndexSearcher s, ScoreDoc[] hits, float[] meaning) throws IOException {
    int[] docs = new int[hits.length];
    for (int i = 0; i < hits.length; i++) {
      docs[i] = hits[i].doc;
    }
    double[] out = LuceneSchema.similarities(s, docs, meaning);
    for (int i = 0; i < out.length; i++) {
      // Lucene's cosine score is (1 + cos) / 2.
      out[i] = Double.isNaN(out[i]) ? 1 : Math.exp(SEMANTIC_WEIGHT * (2 * out[i] - 1));
    }
    return out;
  }

  /**
   * A page's hits and the one after it, from the collected hits: within the meaning window, re-ranked by
   * it and from the cursor on; otherwise as collected (the score is the first sort value; past the window,
   * times {@link #PAST}).
   *
   * @param s the searcher the hits were collected on
   * @param collected the collected hits, in the search's order
   * @param meaning the query's embedding, or {@code null} without meaning
   * @param window whether the hits are the whole window by words (a page within the window)
   * @param after the cursor within the window, if any
   * @return the hits from the page's first on
   * @throws IOException if the index cannot be read
   */
  static List<Ranked> page(IndexSearcher s, ScoreDoc[] collected, float[] meaning, boolean window, FieldDoc after)
      throws IOException {
    if (window) {
      List<Ranked> all = rank(s, collected, meaning);
      return all.subList(after == null ? 0 : after(all, after), all.size());
    }
    List<Ranked> out = new ArrayList<>(collected.length);
    for (ScoreDoc sd : collected) {
      FieldDoc fd = (FieldDoc) sd;
      float score = fd.fields[0] instanceof Float f ? f : 0;
      out.add(new Ranked(fd, meaning == null ? score : (float) (score * PAST), meaning != null));
    }
    return out;
  }
}
