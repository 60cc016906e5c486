package io.zhiku.analysis.query;

import java.util.List;
import org.apache.lucene.search.BooleanClause.Occur;

/**
 * What {@link UserQueryParser} builds its queries with: an engine's query type and its four kinds of
 * query. The parser decides every term, field, boost and clause; a target only writes them in its
 * engine's form. Implementations are stateless or confined to one parse.
 *
 * @param <Q> the engine's query type
 */
public interface QueryTarget<Q> {
  /**
   * One clause of a boolean query.
   *
   * @param <Q> the engine's query type
   * @param occur how the clause counts: {@code SHOULD}, {@code MUST} or {@code MUST_NOT}
   * @param query the clause's query
   */
  record Clause<Q>(Occur occur, Q query) {}

  /**
   * A query for one exact term.
   *
   * @param field the field
   * @param term the term, already analyzed: the engine must not analyze it again
   * @return the query
   */
  Q term(String field, String term);

  /**
   * A query for an exact sequence of at least two terms.
   *
   * @param field the field
   * @param text the text the terms were analyzed from, with the field's analyzer: an engine that analyzes
   *     with the same chain may send the text instead of the tokens
   * @param tokens the terms and their positions (a stop word leaves a gap)
   * @return the query
   */
  Q phrase(String field, String text, List<UserQueryParser.Token> tokens);

  /**
   * A boolean query. With no {@code MUST} clause, a document matches when any {@code SHOULD} clause does.
   *
   * @param clauses the clauses, at least one
   * @return the query
   */
  Q bool(List<Clause<Q>> clauses);

  /**
   * A query whose scores are multiplied by a factor.
   *
   * @param query the query
   * @param boost the factor, positive
   * @return the query
   */
  Q boost(Q query, float boost);
}
