package io.zhiku.analysis.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.BytesRef;

/**
 * "More like this text": which terms of a text say most about it, chosen as Lucene's {@code MoreLikeThis}
 * chooses them with minimum term and document frequencies of 1 and no boosts: each term of the analysed
 * text scores its frequency in the text times {@code 1 + ln((numDocs + 1) / (docFreq + 1))}; terms in no
 * document or in more than {@code maxDocFreq} are skipped; the best {@code maxTerms} are kept, ties broken
 * by the term's bytes so that the choice is the same for the same text and statistics. Engines supply the
 * statistics (an index's, a cluster's) and build the disjunction of the chosen terms. Stateless.
 */
public final class LikeTerms {
  /** The most tokens of a text that are read, as {@code MoreLikeThis} reads at most 5,000. */
  public static final int MAX_TOKENS = 5000;
  /** The most terms a similarity query keeps: the most distinctive of the text. */
  public static final int SIMILAR_TERMS = 25;
  /** Below twenty times this many documents, no term is too common for a similarity query. */
  private static final long MIN_MAX_DOC_FREQ = 1000;

  private LikeTerms() {}

  /**
   * Each distinct term of the analysed text (its first {@link #MAX_TOKENS} tokens), with its count.
   *
   * @param analyzer the field's analyzer
   * @param field the field
   * @param text the text
   * @return the terms in byte order
   */
  public static SortedMap<BytesRef, Integer> frequencies(Analyzer analyzer, String field, String text) {
    SortedMap<BytesRef, Integer> out = new TreeMap<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      for (int n = 0; n < MAX_TOKENS && ts.incrementToken(); n++) {
        out.merge(new BytesRef(term), 1, Integer::sum);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysis of an in-memory string failed", e);
    }
    return out;
  }

  /**
   * How many documents a term may be in and still be chosen: terms in more than 5% of a large index say
   * little and cost the most to score.
   *
   * @param numDocs how many documents there are
   * @return the most documents a chosen term may be in
   */
  public static long maxDocFreq(long numDocs) {
    return Math.max(MIN_MAX_DOC_FREQ, numDocs / 20);
  }

  /**
   * The most distinctive terms.
   *
   * @param frequencies each term of the text with its count ({@link #frequencies})
   * @param docFreq how many documents hold a term
   * @param numDocs how many documents there are
   * @param maxTerms the most terms kept
   * @param maxDocFreq terms in more documents than this are skipped
   * @return the chosen terms, most distinctive first; empty if none qualifies
   */
  public static List<BytesRef> choose(Map<BytesRef, Integer> frequencies, ToLongFunction<BytesRef> docFreq,
      long numDocs, int maxTerms, long maxDocFreq) {
    record Scored(BytesRef term, double score) {}
    List<Scored> scored = new ArrayList<>();
    frequencies.forEach((term, count) -> {
      long df = docFreq.applyAsLong(term);
      if (df > 0 && df <= maxDocFreq) {
        double idf = Math.log((numDocs + 1) / (double) (df + 1)) + 1.0;
        scored.add(new Scored(term, count * idf));
      }
    });
    scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::term));
    return scored.subList(0, Math.min(maxTerms, scored.size())).stream().map(Scored::term).toList();
  }
}
