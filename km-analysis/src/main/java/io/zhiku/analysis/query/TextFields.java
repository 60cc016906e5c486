package io.zhiku.analysis.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.search.BooleanClause.Occur;

/**
 * The text fields every Zhiku engine indexes an item's text in, and the weights a typed word gets in
 * each, so that the embedded and the Solr engine match and rank the same text alike. Stateless.
 */
public final class TextFields {
  /** The title, analysed into words ({@link io.zhiku.analysis.TextAnalyzers#words()}). */
  public static final String TITLE = "title";
  /** The body, analysed into words. */
  public static final String BODY = "body";
  /** Title, body and tags analysed into single characters, for Chinese text without word breaks. */
  public static final String CHARS = "text_chars";
  /** The title, analysed for suggestions word by word. */
  public static final String SUGGEST_WORD = "suggest_word";
  /** The title, analysed for suggestions of the whole title. */
  public static final String SUGGEST_FULL = "suggest_full";
  /*
   * Field weights of typed words. The title counts twice the body. The character field weighs most:
   * measured on the BQ and LCQMC question pairs (benchmarks' FaqMatchingEvaluation), weighting words
   * above characters ranked below plain unigram BM25 (LCQMC MRR@10 0.747 vs 0.751 at title 2, body 1,
   * characters 1), while characters at 3 match it (0.750) and edge past it on BQ (0.076 vs 0.075).
   */
  /** The weight of a typed word in the title. */
  public static final float TITLE_BOOST = 1f;
  /** The weight of a typed word in the body. */
  public static final float BODY_BOOST = 0.5f;
  /** The weight of a typed word in the character field. */
  public static final float CHARACTER_BOOST = 3f;
  /** A synonym's phrase weighs like a typed word in the character field. */
  public static final float SYNONYM_BOOST = CHARACTER_BOOST;
  /** How much more a suggestion prefix matching the start of the whole title weighs than one matching words. */
  public static final float SUGGEST_FULL_BOOST = 3f;

  private TextFields() {}

  /**
   * The parser of typed queries over these fields, with their weights and the default limits.
   *
   * @param words the word-level analyzer
   * @param characters the character-level analyzer
   * @return the parser, thread-safe
   */
  public static UserQueryParser parser(Analyzer words, Analyzer characters) {
    return new UserQueryParser(words, Map.of(TITLE, TITLE_BOOST, BODY, BODY_BOOST), characters, CHARS,
        CHARACTER_BOOST, UserQueryParser.Limits.DEFAULTS);
  }

  /**
   * The query of title suggestions for a typed prefix: the whole folded prefix at the start of a title
   * ({@link #SUGGEST_FULL}, weighted {@link #SUGGEST_FULL_BOOST}), or every typed word at the start of a
   * title's word ({@link #SUGGEST_WORD}).
   *
   * @param <Q> the engine's query type
   * @param suggestQuery the analyzer of typed prefixes ({@link io.zhiku.analysis.TextAnalyzers#suggestQuery()})
   * @param prefix what the person typed
   * @param target builds the engine's queries
   * @return the query
   */
  public static <Q> Q suggestion(Analyzer suggestQuery, String prefix, QueryTarget<Q> target) {
    List<QueryTarget.Clause<Q>> everyWord = new ArrayList<>();
    try (TokenStream ts = suggestQuery.tokenStream(SUGGEST_WORD, prefix)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        everyWord.add(new QueryTarget.Clause<>(Occur.MUST, target.term(SUGGEST_WORD, term.toString())));
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysis of an in-memory string failed", e);
    }
    List<QueryTarget.Clause<Q>> match = new ArrayList<>();
    String whole = suggestQuery.normalize(SUGGEST_FULL, prefix).utf8ToString();
    match.add(new QueryTarget.Clause<>(Occur.SHOULD, target.boost(target.term(SUGGEST_FULL, whole), SUGGEST_FULL_BOOST)));
    if (!everyWord.isEmpty()) {
      match.add(new QueryTarget.Clause<>(Occur.SHOULD, target.bool(everyWord)));
    }
    return target.bool(match);
  }
}
