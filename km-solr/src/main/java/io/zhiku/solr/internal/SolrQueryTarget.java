package io.zhiku.solr.internal;

import io.zhiku.analysis.query.QueryTarget;
import io.zhiku.analysis.query.UserQueryParser;
import java.util.List;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * Writes {@link UserQueryParser}'s queries as Solr local-parameter queries: a term is {@code {!term}} (the
 * term as analysed, not analysed again), a phrase is {@code {!field}} over the text the parser analysed
 * (the field analyses with the same chain, as {@code SolrAnalysisTest} proves, so stop-word gaps are kept),
 * a boolean query is {@code {!bool}} and a boost is {@code {!boost}} (the score times a constant, as
 * Lucene's {@code BoostQuery}). Every value, user text included, travels in a parameter of its own and is
 * referenced as {@code $name}: no user text is ever parsed as query syntax. Confined to one request.
 */
final class SolrQueryTarget implements QueryTarget<String> {
  private final ModifiableSolrParams params;
  private final String prefix;
  private int next;

  /**
   * Creates a target that adds its parameters to a request.
   *
   * @param params the request's parameters
   * @param prefix the names' prefix, distinct from every other parameter of the request
   */
  SolrQueryTarget(ModifiableSolrParams params, String prefix) {
    this.params = params;
    this.prefix = prefix;
  }

  /** Stores a value in a new parameter and returns the reference to it. */
  String param(String value) {
    String name = prefix + next++;
    params.set(name, value);
    return "$" + name;
  }

  @Override
  public String term(String field, String term) {
    return "{!term f=" + field + " v=" + param(term) + "}";
  }

  @Override
  public String phrase(String field, String text, List<UserQueryParser.Token> tokens) {
    return "{!field f=" + field + " v=" + param(text) + "}";
  }

  @Override
  public String bool(List<Clause<String>> clauses) {
    StringBuilder b = new StringBuilder("{!bool");
    for (Clause<String> c : clauses) {
      String key = switch (c.occur()) {
        case MUST -> "must";
        case SHOULD -> "should";
        case MUST_NOT -> "must_not";
        case FILTER -> "filter";
      };
      b.append(' ').append(key).append('=').append(param(c.query()));
    }
    return b.append('}').toString();
  }

  @Override
  public String boost(String query, float boost) {
    return "{!boost b=" + boost + " v=" + param(query) + "}";
  }
}
