package io.zhiku.analysis.query;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Parses what a person types into a search box. The syntax is small and forgiving:
 *
 * <ul>
 *   <li>words: {@code 统一身份认证 SSO} — optional, ranked by how well they match (BM25);
 *   <li>{@code "quoted phrases"} — the exact sequence (after folding), e.g. {@code "single sign-on"};
 *       an unclosed quote runs to the end;
 *   <li>{@code +word} or {@code +"phrase"} — must appear; {@code -word} or {@code -"phrase"} — must not;
 *       a word with {@code +} or {@code -} must appear as written, like a phrase;
 *   <li>{@code OR} (upper case, alone) is accepted between clauses and is the default.
 * </ul>
 *
 * <p>Nothing else is syntax: there are no fields ({@code acl:x} is two words), no wildcards, no
 * regular expressions, no fuzzy or range operators, no parentheses — such characters are read as
 * text and usually dropped by analysis. The parser only ever builds term and phrase queries over the
 * fields it was configured with, so user text can never reach another field or the access filter.
 * Control characters and lone surrogates count as white space.
 *
 * <p>Bounds ({@link Limits}): input length, number of clauses, number of terms after analysis. Past
 * them, {@link #parse} throws a {@link ValidationException} with field {@code "query"} — an {@link
 * OverBudgetException} for clauses and terms, which a caller may answer another way; that and a result
 * are the only outcomes, for any input. Thread-safe if the analyzers are (Lucene's are).
 *
 * <p>The parser builds queries through a {@link QueryTarget}: {@link #LUCENE} gives Lucene queries (the
 * embedded engine, highlighting); another engine supplies a target of its own, so that every engine reads
 * a person's text alike.
 */
public final class UserQueryParser {
  /**
   * Bounds on a user query.
   *
   * @param maxChars the longest query, in code points
   * @param maxClauses the most clauses (words and phrases)
   * @param maxTerms the most terms after analysis, over all clauses and fields
   */
  public record Limits(int maxChars, int maxClauses, int maxTerms) {
    /**
     * A search request's length ({@link io.zhiku.core.search.SearchRequest#MAX_TEXT_CHARS}, 1,000 characters),
     * 64 clauses, 512 terms (Lucene refuses queries of over 1,024 terms).
     */
    public static final Limits DEFAULTS = new Limits(io.zhiku.core.search.SearchRequest.MAX_TEXT_CHARS, 64, 512);

    /**
     * Validates.
     *
     * @param maxChars the longest query, in code points
     * @param maxClauses the most clauses (words and phrases)
     * @param maxTerms the most terms after analysis, over all clauses and fields
     */
    public Limits {
      if (maxChars < 1 || maxClauses < 1 || maxTerms < 1) {
        throw new ValidationException("UserQueryParser.Limits", maxChars + "/" + maxClauses + "/" + maxTerms, "every limit must be positive");
      }
    }
  }

  private final Analyzer words;
  private final Map<String, Float> wordFields;
  private final Analyzer characters;
  private final String characterField;
  private final float characterBoost;
  private final Limits limits;

  /**
   * Creates a parser.
   *
   * @param words the analyzer of the word-level fields
   * @param wordFields the word-level fields optional words are searched in, with their boosts
   * @param characters the analyzer of the character-level field
   * @param characterField the character-level field: optional words are searched in it too, and phrases
   *     and {@code +}/{@code -} clauses are matched there exactly
   * @param characterBoost the weight of optional words in the character field
   * @param limits the bounds
   */
  public UserQueryParser(Analyzer words, Map<String, Float> wordFields, Analyzer characters, String characterField,
      float characterBoost, Limits limits) {
    this.words = words;
    this.wordFields = Collections.unmodifiableMap(new LinkedHashMap<>(wordFields));
    this.characters = characters;
    this.characterField = characterField;
    this.characterBoost = characterBoost;
    this.limits = limits;
  }

  /**
   * A text past the clause or term budget (not the length limit): the caller may search it another way,
   * as the knowledge base does, by its most distinctive terms.
   */
  public static final class OverBudgetException extends ValidationException {
    private static final long serialVersionUID = 1L;

    OverBudgetException(String text, String limit) {
      super("query", text, limit);
    }
  }

  /** One clause of the user's text. */
  record Clause(Occur occur, String text, boolean phrase) {}

  /**
   * Parses a query.
   *
   * @param text what the person typed
   * @return the query, or empty when the text has no positive clause that survives analysis (blank,
   *     only stop words or punctuation, or only {@code -} clauses); the caller decides what an empty
   *     query means (for example: match nothing, or browse by filters)
   * @throws ValidationException (field {@code "query"}) if the text is {@code null} or over a limit
   */
  public Optional<Query> parse(String text) {
    return parse(text, List.of(), 1f);
  }

  /**
   * Parses a query and adds synonyms: each an optional exact phrase on the character field, among the
   * typed clauses, so that required and excluded words keep their meaning. Synonyms count toward the
   * term limit; they alone do not make an empty query non-empty.
   *
   * @param text what the person typed
   * @param synonyms other names of what was typed (from the taxonomy)
   * @param synonymBoost the weight of each synonym phrase
   * @return the query, or empty as {@link #parse(String)}
   * @throws ValidationException (field {@code "query"}) if the text is {@code null} or over a limit
   */
  public Optional<Query> parse(String text, List<String> synonyms, float synonymBoost) {
    return parse(text, synonyms, synonymBoost, LUCENE);
  }

  /**
   * Parses a query into another engine's form: the same clauses, fields, terms and boosts as {@link
   * #parse(String, List, float)} builds as Lucene queries.
   *
   * @param <Q> the engine's query type
   * @param text what the person typed
   * @param synonyms other names of what was typed (from the taxonomy)
   * @param synonymBoost the weight of each synonym phrase
   * @param target builds the engine's queries
   * @return the query, or empty as {@link #parse(String)}
   * @throws ValidationException (field {@code "query"}) if the text is {@code null} or over a limit
   */
  public <Q> Optional<Q> parse(String text, List<String> synonyms, float synonymBoost, QueryTarget<Q> target) {
    if (text == null) {
      throw new ValidationException("query", null, "a value is required (use an empty string for no text)");
    }
    int length = text.codePointCount(0, text.length());
    if (length > limits.maxChars()) {
      throw new ValidationException("query", text, "is " + length + " characters, over the limit of " + limits.maxChars());
    }
    List<Clause> clauses = lex(text);
    if (clauses.size() > limits.maxClauses()) {
      throw new OverBudgetException(text, "has " + clauses.size() + " clauses, over the limit of " + limits.maxClauses());
    }
    int[] terms = {0};
    List<QueryTarget.Clause<Q>> query = new ArrayList<>();
    boolean positive = false;
    for (Clause c : clauses) {
      Q q = c.phrase() || c.occur() != Occur.SHOULD ? exact(c.text(), terms, target) : loose(c.text(), terms, target);
      if (q == null) {
        continue; // nothing left after analysis (stop words, punctuation)
      }
      query.add(new QueryTarget.Clause<>(c.occur(), q));
      positive |= c.occur() != Occur.MUST_NOT;
    }
    if (!positive) {
      return Optional.empty();
    }
    for (String synonym : synonyms) {
      Q q = exact(synonym, terms, target);
      if (q != null) {
        query.add(new QueryTarget.Clause<>(Occur.SHOULD, target.boost(q, synonymBoost)));
      }
    }
    return Optional.of(target.bool(query));
  }

  /** Splits the text into clauses without recursion; control characters count as white space. */
  static List<Clause> lex(String text) {
    List<Clause> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (isSpace(text, i)) {
        i++;
        continue;
      }
      Occur occur = Occur.SHOULD;
      char c = text.charAt(i);
      if ((c == '+' || c == '-') && i + 1 < n && !isSpace(text, i + 1)) {
        occur = c == '+' ? Occur.MUST : Occur.MUST_NOT;
        i++;
      }
      if (text.charAt(i) == '"') {
        int end = text.indexOf('"', i + 1);
        int stop = end < 0 ? n : end;
        String phrase = clean(text, i + 1, stop);
        if (!phrase.isBlank()) { // "" is nothing, not a clause
          out.add(new Clause(occur, phrase, true));
        }
        i = end < 0 ? n : end + 1;
        continue;
      }
      int start = i;
      while (i < n && !isSpace(text, i) && text.charAt(i) != '"') {
        i++;
      }
      String word = clean(text, start, i);
      if (occur == Occur.SHOULD && word.equals("OR")) {
        continue; // the default operator, accepted for familiarity
      }
      out.add(new Clause(occur, word, false));
    }
    return out;
  }

  private static boolean isSpace(String s, int i) {
    char c = s.charAt(i);
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
        || Checks.isUnpairedSurrogate(s, i);
  }

  /** The substring with control characters and lone surrogates turned into spaces (inside phrases). */
  private static String clean(String s, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      out.append(isSpace(s, i) ? ' ' : s.charAt(i));
    }
    return out.toString();
  }

  /** An optional word: any of its terms, in every configured field. */
  private <Q> Q loose(String text, int[] terms, QueryTarget<Q> target) {
    List<QueryTarget.Clause<Q>> any = new ArrayList<>();
    for (Map.Entry<String, Float> field : wordFields.entrySet()) {
      addTerms(any, field.getKey(), field.getValue(), analyze(words, field.getKey(), text, terms), target);
    }
    addTerms(any, characterField, characterBoost, analyze(characters, characterField, text, terms), target);
    return any.isEmpty() ? null : target.bool(any);
  }

  private static <Q> void addTerms(List<QueryTarget.Clause<Q>> into, String field, float boost, List<Token> tokens,
      QueryTarget<Q> target) {
    if (tokens.isEmpty()) {
      return;
    }
    List<QueryTarget.Clause<Q>> inField = new ArrayList<>(tokens.size());
    for (Token t : tokens) {
      inField.add(new QueryTarget.Clause<>(Occur.SHOULD, target.term(field, t.term())));
    }
    Q q = target.bool(inField);
    into.add(new QueryTarget.Clause<>(Occur.SHOULD, boost == 1f ? q : target.boost(q, boost)));
  }

  /** A phrase, or a required or excluded word: the exact sequence in the character field. */
  private <Q> Q exact(String text, int[] terms, QueryTarget<Q> target) {
    List<Token> tokens = analyze(characters, characterField, text, terms);
    if (tokens.isEmpty()) {
      return null;
    }
    return tokens.size() == 1 ? target.term(characterField, tokens.get(0).term())
        : target.phrase(characterField, text, tokens);
  }

  /**
   * One term of an analyzed clause.
   *
   * @param term the term as indexed
   * @param position its position in the clause, from 0 (a removed stop word leaves a gap)
   */
  public record Token(String term, int position) {}

  /** Builds Lucene queries: term, phrase (with the tokens' positions), boolean and boost queries. */
  public static final QueryTarget<Query> LUCENE = new QueryTarget<>() {
    @Override
    public Query term(String field, String term) {
      return new TermQuery(new Term(field, term));
    }

    @Override
    public Query phrase(String field, String text, List<Token> tokens) {
      PhraseQuery.Builder phrase = new PhraseQuery.Builder();
      for (Token t : tokens) {
        phrase.add(new Term(field, t.term()), t.position());
      }
      return phrase.build();
    }

    @Override
    public Query bool(List<QueryTarget.Clause<Query>> clauses) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      clauses.forEach(c -> b.add(c.query(), c.occur()));
      return b.build();
    }

    @Override
    public Query boost(Query query, float boost) {
      return new BoostQuery(query, boost);
    }
  };

  private List<Token> analyze(Analyzer analyzer, String field, String text, int[] terms) {
    List<Token> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int position = -1;
      while (ts.incrementToken()) {
        if (++terms[0] > limits.maxTerms()) {
          throw new OverBudgetException(text, "expands to more than " + limits.maxTerms() + " terms");
        }
        position += increment.getPositionIncrement();
        out.add(new Token(term.toString(), position));
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysis of an in-memory string failed", e);
    }
    return out;
  }
}
