package io.zhiku.analysis;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analyzers of Zhiku's text fields. One item often mixes Chinese and English, so each analyzer
 * handles both in the same field:
 *
 * <ul>
 *   <li>{@link #words()}: Chinese word segmentation (ICU's dictionary-based break iterator) and, for
 *       other scripts, Unicode word boundaries; English possessives removed, English stop words removed,
 *       Porter stemming. The main field for precision and phrases.
 *   <li>{@link #characters()}: every Han character its own token (other scripts as words, with the same
 *       English filters). A recall field for Chinese: it finds an item whatever the segmenter made of
 *       either side, and on short questions it ranks better than words alone (measured on the BQ and
 *       LCQMC question pairs).
 * </ul>
 *
 * <p>Both first apply {@link ChineseFolding} (case, full-width/half-width, traditional → simplified), so
 * a simplified query finds traditional text and the reverse. Analyzers are thread-safe (Lucene reuses
 * token streams per thread); close them when the engine closes.
 */
public final class TextAnalyzers {
  private static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

  private TextAnalyzers() {}

  /**
   * A new word-level analyzer.
   *
   * @return the analyzer; the caller closes it
   */
  public static Analyzer words() {
    return new Text(true);
  }

  /**
   * A new character-level analyzer for Chinese recall.
   *
   * @return the analyzer; the caller closes it
   */
  public static Analyzer characters() {
    return new Text(false);
  }

  /**
   * A new analyzer for the suggestion fields: folding, then edge n-grams (1 to 20 characters) of each
   * word ({@code words == true}) or (1 to 40 characters) of the whole text, unstemmed, stop words kept.
   *
   * @param perWord n-grams of each word rather than of the whole text
   * @return the analyzer; the caller closes it
   */
  public static Analyzer suggestIndex(boolean perWord) {
    return new Folding() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = perWord ? new ICUTokenizer() : new KeywordTokenizer();
        return new TokenStreamComponents(source, new EdgeNGramTokenFilter(source, 1, perWord ? 20 : 40, true));
      }
    };
  }

  /**
   * A new analyzer that splits typed text into folded, unstemmed words, to match against {@link
   * #suggestIndex(boolean)} n-grams.
   *
   * @return the analyzer; the caller closes it
   */
  public static Analyzer suggestQuery() {
    return new Folding() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(new ICUTokenizer());
      }
    };
  }

  /** An analyzer whose text, and whose normalised terms, go through {@link ChineseFolding} first. */
  private abstract static class Folding extends Analyzer {
    @Override
    protected Reader initReader(String fieldName, Reader reader) {
      return ChineseFolding.fold(reader);
    }

    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
      return ChineseFolding.fold(reader);
    }
  }

  /** Words or characters, with the English filters. */
  private static final class Text extends Folding {
    private final boolean words;

    Text(boolean words) {
      this.words = words;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = words ? new ICUTokenizer() : new StandardTokenizer();
      TokenStream result = new EnglishPossessiveFilter(source);
      result = new StopFilter(result, STOP_WORDS);
      result = new PorterStemFilter(result);
      return new TokenStreamComponents(source, result);
    }
  }
}
