package io.zhiku.analysis.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.FieldHighlighter;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.util.BytesRef;

/**
 * Highlights a hit's title and body for a query. Works on the character-level field: the query parser
 * puts every word and phrase there, in Chinese and in English, so one highlighter marks both. Text is
 * HTML-escaped; matches are wrapped in {@code <em>}, adjacent matches merged into one mark ({@code
 * <em>知识</em>}, not {@code <em>知</em><em>识</em>}). Works on the text alone, with no index: any engine
 * can highlight its hits with it.
 *
 * <p>Thread-safe. A page of hits takes its own {@link #marker(Query)}, which works out what the query marks
 * once for all the page's texts (a marker is for one thread).
 */
public final class Highlights {
  private static final int PASSAGES = 2;
  private static final int FALLBACK_CHARS = 160;
  private static final String ELLIPSIS = " … ";

  private final Highlighter titles;
  private final Highlighter bodies;
  private final String field;

  /**
   * Creates highlights for the character-level field.
   *
   * @param characters the analyzer of the character-level field
   * @param field the character-level field, the one {@link UserQueryParser} puts phrases in
   */
  public Highlights(Analyzer characters, String field) {
    this.field = field;
    this.titles = new Highlighter(builder(characters).withBreakIterator(WholeBreakIterator::new));
    this.bodies = new Highlighter(builder(characters));
  }

  /**
   * The highlighters' common settings. Queries from {@link UserQueryParser} are words (terms) and, when
   * typed in quotes, phrases: without weight matches and the "relevancy over speed" flag, a query of terms
   * only is matched on each text's token stream, where Lucene would otherwise build an in-memory index of
   * the text (with fresh 32 KB blocks for every text); a query with a phrase still builds one. On the token
   * stream a term's frequency in the whole text is not counted first, so the query's terms weigh alike and
   * the best passages are those with the most distinct and repeated matches. Passages are scored by {@link
   * LeanScorer}.
   */
  private static UnifiedHighlighter.Builder builder(Analyzer characters) {
    return UnifiedHighlighter.builderWithoutSearcher(characters).withFormatter(new Html()).withScorer(new LeanScorer())
        .withHandleMultiTermQuery(false).withWeightMatches(false).withPassageRelevancyOverSpeed(false);
  }

  /**
   * A marker of texts for one query, for the hits of one page.
   *
   * @param query the parsed text query, or {@code null} when browsing (nothing is marked)
   * @return a marker; not thread-safe: one thread marks one page's texts with it
   */
  public Marker marker(Query query) {
    return new Marker(query);
  }

  /**
   * Marks texts for one query: the query's terms, phrases and how to find them are worked out on first use
   * and kept for the next texts. Not thread-safe (it reuses its in-memory index from text to text).
   */
  public final class Marker {
    private final Query query;
    private FieldHighlighter title;
    private FieldHighlighter body;

    private Marker(Query query) {
      this.query = query;
    }

    /**
     * The whole title, escaped, matches marked.
     *
     * @param text the hit's title
     * @return HTML
     */
    public String title(String text) {
      if (query != null && title == null) {
        title = titles.prepare(field, query, 1);
      }
      Object marked = query == null ? null : highlight(title, text);
      return marked == null ? escape(text) : marked.toString();
    }

    /**
     * The best passages of the body with matches marked, or its beginning when nothing matched.
     *
     * @param text the hit's body
     * @return HTML: at most two passages, or the body's first 160 characters
     */
    public String snippet(String text) {
      if (text.isEmpty()) {
        return "";
      }
      if (query != null && body == null) {
        body = bodies.prepare(field, query, PASSAGES);
      }
      Object marked = query == null ? null : highlight(body, text);
      if (marked != null && marked.toString().contains("<em>")) {
        return marked.toString();
      }
      int end = text.offsetByCodePoints(0, Math.min(FALLBACK_CHARS, text.codePointCount(0, text.length())));
      return escape(text.substring(0, end)) + (end < text.length() ? ELLIPSIS.stripTrailing() : "");
    }
  }

  private static Object highlight(FieldHighlighter highlighter, String text) {
    try {
      return highlighter.highlightFieldForDoc(null, -1, text); // what highlightWithoutSearcher does per text
    } catch (IOException e) {
      throw new UncheckedIOException("highlighting an in-memory text failed", e);
    }
  }

  /** A highlighter whose field highlighter for a query can be kept for the texts of a page. */
  private static final class Highlighter extends UnifiedHighlighter {
    Highlighter(Builder builder) {
      super(builder);
    }

    FieldHighlighter prepare(String field, Query query, int passages) {
      return getFieldHighlighter(field, query, extractTerms(query), passages);
    }
  }

  /** Escapes text for HTML: {@code < > & " '}. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    appendEscaped(out, s, 0, s.length());
    return out.toString();
  }

  private static void appendEscaped(StringBuilder out, String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
  }

  /**
   * Lucene's BM25 passage score, the same sum in the same order, without the {@code BytesRefHash} (and
   * its 32 KB block) that {@link PassageScorer#score} allocates for every passage it scores: a passage's
   * distinct terms are few, so they are found by a scan.
   */
  static final class LeanScorer extends PassageScorer {
    @Override
    public float score(Passage passage, int contentLength) {
      int matches = passage.getNumMatches();
      BytesRef[] terms = passage.getMatchTerms();
      BytesRef[] distinct = new BytesRef[matches];
      int[] inPassage = new int[matches];
      int[] inDoc = new int[matches];
      int n = 0;
      for (int i = 0; i < matches; i++) {
        int t = 0;
        while (t < n && !distinct[t].bytesEquals(terms[i])) {
          t++;
        }
        if (t == n) {
          distinct[n] = terms[i];
          inDoc[n++] = passage.getMatchTermFreqsInDoc()[i];
        }
        inPassage[t]++;
      }
      double score = 0;
      for (int t = 0; t < n; t++) {
        score += tf(inPassage[t], passage.getLength()) * weight(contentLength, inDoc[t]);
      }
      return (float) (score * norm(passage.getStartOffset()));
    }
  }

  /** Passages as escaped HTML with merged {@code <em>} marks. */
  private static final class Html extends PassageFormatter {
    @Override
    public String format(Passage[] passages, String content) {
      StringBuilder out = new StringBuilder();
      for (Passage p : passages) {
        if (out.length() > 0) {
          out.append(ELLIPSIS);
        }
        int pos = p.getStartOffset();
        int i = 0;
        while (i < p.getNumMatches()) {
          int start = Math.max(pos, p.getMatchStarts()[i]);
          int end = p.getMatchEnds()[i];
          // Merge matches that touch or overlap (single Han characters of one word).
          while (i + 1 < p.getNumMatches() && p.getMatchStarts()[i + 1] <= end) {
            end = Math.max(end, p.getMatchEnds()[++i]);
          }
          i++;
          if (end <= start) {
            continue;
          }
          appendEscaped(out, content, pos, start);
          out.append("<em>");
          appendEscaped(out, content, start, end);
          out.append("</em>");
          pos = end;
        }
        appendEscaped(out, content, pos, p.getEndOffset());
      }
      return out.toString();
    }
  }
}
