package io.zhiku.search.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReaderContext;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * "More like this text": the text's most distinctive terms in one field, as optional term clauses.
 *
 * <p>Terms are chosen as Lucene's {@code MoreLikeThis} chooses them with minimum term and document
 * frequencies of 1 and no boosts: each term of the analysed text scores its frequency in the text times
 * {@code 1 + ln((numDocs + 1) / (docFreq + 1))}; terms in no document or in more than {@code maxDocFreq}
 * are skipped; the best {@code maxTerms} are kept, ties broken by the term's bytes so that the query is
 * the same for the same text and index. Unlike {@code MoreLikeThis}, the term statistics are looked up
 * once per segment with one terms enumeration reused across the terms (sorted, so that seeks share
 * blocks) and handed to the term queries, which would otherwise look every term up again: on a push this
 * halved the garbage of the similarity recommender.
 *
 * <p>Stateless; thread-safe.
 */
final class LikeQuery {
  /** The most tokens of a text that are read, as {@code MoreLikeThis} reads at most 5,000. */
  static final int MAX_TOKENS = 5000;

  private LikeQuery() {}

  /**
   * The query for documents like a text.
   *
   * @param top the searcher's top reader context (the query runs on that searcher only)
   * @param analyzer the field's analyzer
   * @param field the field
   * @param text the text
   * @param maxTerms the most terms kept
   * @param maxDocFreq terms in more documents than this are skipped
   * @return a disjunction of term queries, or a query matching nothing if no term qualifies
   * @throws IOException if the index cannot be read
   */
  static Query build(IndexReaderContext top, Analyzer analyzer, String field, String text, int maxTerms, int maxDocFreq)
      throws IOException {
    Map<BytesRef, int[]> frequencies = frequencies(analyzer, field, text);
    if (frequencies.isEmpty()) {
      return new MatchNoDocsQuery("no terms");
    }
    List<BytesRef> words = new ArrayList<>(frequencies.keySet()); // sorted: TreeMap
    TermStates[] states = new TermStates[words.size()];
    for (int i = 0; i < states.length; i++) {
      states[i] = new TermStates(top);
    }
    for (LeafReaderContext leaf : top.leaves()) {
      Terms terms = leaf.reader().terms(field);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      for (int i = 0; i < states.length; i++) {
        if (te.seekExact(words.get(i))) {
          states[i].register(te.termState(), leaf.ord, te.docFreq(), te.totalTermFreq());
        }
      }
    }
    int numDocs = top.reader().numDocs();
    List<Scored> scored = new ArrayList<>();
    for (int i = 0; i < states.length; i++) {
      int docFreq = states[i].docFreq();
      if (docFreq == 0 || docFreq > maxDocFreq) {
        continue;
      }
      double idf = Math.log((numDocs + 1) / (double) (docFreq + 1)) + 1.0;
      scored.add(new Scored(words.get(i), states[i], frequencies.get(words.get(i))[0] * idf));
    }
    if (scored.isEmpty()) {
      return new MatchNoDocsQuery("no distinctive terms");
    }
    scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::word));
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    for (Scored s : scored.subList(0, Math.min(maxTerms, scored.size()))) {
      q.add(new TermQuery(new Term(field, s.word()), s.states()), Occur.SHOULD);
    }
    return q.build();
  }

  /** Each distinct term of the analysed text, in term order, with its count. */
  private static Map<BytesRef, int[]> frequencies(Analyzer analyzer, String field, String text) throws IOException {
    Map<BytesRef, int[]> out = new TreeMap<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      for (int n = 0; n < MAX_TOKENS && ts.incrementToken(); n++) {
        out.computeIfAbsent(new BytesRef(term), t -> new int[1])[0]++;
      }
      ts.end();
    }
    return out;
  }

  private record Scored(BytesRef word, TermStates states, double score) {}
}
