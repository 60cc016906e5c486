package io.zhiku.search.internal;

import io.zhiku.analysis.query.LikeTerms;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.lucene.analysis.Analyzer;
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
 * "More like this text": the text's most distinctive terms in one field ({@link LikeTerms}, against this
 * index's statistics), as optional term clauses.
 *
 * <p>Unlike {@code MoreLikeThis}, the term statistics are looked up once per segment with one terms
 * enumeration reused across the terms (sorted, so that seeks share blocks) and handed to the term queries,
 * which would otherwise look every term up again: on a push this halved the garbage of the similarity
 * recommender.
 *
 * <p>Stateless; thread-safe.
 */
final class LikeQuery {
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
  static Query build(IndexReaderContext top, Analyzer analyzer, String field, String text, int maxTerms, long maxDocFreq)
      throws IOException {
    SortedMap<BytesRef, Integer> frequencies = LikeTerms.frequencies(analyzer, field, text);
    if (frequencies.isEmpty()) {
      return new MatchNoDocsQuery("no terms");
    }
    Map<BytesRef, TermStates> states = new HashMap<>();
    for (BytesRef word : frequencies.keySet()) {
      states.put(word, new TermStates(top));
    }
    for (LeafReaderContext leaf : top.leaves()) {
      Terms terms = leaf.reader().terms(field);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      for (BytesRef word : frequencies.keySet()) { // sorted: seeks share blocks
        if (te.seekExact(word)) {
          states.get(word).register(te.termState(), leaf.ord, te.docFreq(), te.totalTermFreq());
        }
      }
    }
    List<BytesRef> chosen = LikeTerms.choose(frequencies, word -> states.get(word).docFreq(), top.reader().numDocs(),
        maxTerms, maxDocFreq);
    if (chosen.isEmpty()) {
      return new MatchNoDocsQuery("no distinctive terms");
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    for (BytesRef word : chosen) {
      q.add(new TermQuery(new Term(field, word), states.get(word)), Occur.SHOULD);
    }
    return q.build();
  }
}
