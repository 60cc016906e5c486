package io.zhiku.analysis;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import com.ibm.icu.text.UnicodeSet;
import com.ibm.icu.text.UnicodeSetIterator;
import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.CharFilter;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;

/**
 * The character folding every Zhiku text field and query goes through before tokenization, so that
 * the forms people type match the forms documents were written in:
 *
 * <ol>
 *   <li>Unicode NFKC case folding: case (locale-independent), full-width and half-width forms,
 *       compatibility characters;
 *   <li>traditional to simplified Chinese, character by character, with the mapping of ICU's {@code
 *       Traditional-Simplified} transform (the same transform taxonomy label lookup uses).
 * </ol>
 *
 * <p>Both steps are char filters, so token offsets still point into the original text (highlights
 * land on the characters the author wrote). Folding before segmentation also lets the segmenter's
 * simplified-Chinese dictionary work on traditional text. Every pair of the transform maps one BMP
 * character to one, so the second step is a table lookup per character that keeps offsets as they are
 * ({@link TableCharFilter}); Lucene's {@code MappingCharFilter}, which handles strings of any length,
 * took a sixth of indexing time on English text. Should a future ICU map a character to several, those
 * pairs go through a {@code MappingCharFilter} after the table. Stateless and thread-safe; the
 * character map is built once, on first use.
 */
final class ChineseFolding {
  /**
   * ICU's transform from traditional to simplified Chinese: the one km-core's label folding uses too
   * ({@code LabelNormalizer}), so that concept labels and item text fold alike (a test in km-search holds
   * the two names equal; this module does not depend on km-core, so that Solr can load it alone).
   */
  static final String TRADITIONAL_TO_SIMPLIFIED = "Traditional-Simplified";
  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

  private ChineseFolding() {}

  /** Holds the maps so that they are built on first use, not at class loading. */
  private static final class Holder {
    /** For each BMP character, what it folds to (itself if nothing). */
    static final char[] TABLE = new char[Character.MAX_VALUE + 1];
    /** The pairs that are not one character to one; {@code null} if there are none. */
    static final NormalizeCharMap OTHERS = build();

    private static NormalizeCharMap build() {
      for (int c = 0; c < TABLE.length; c++) {
        TABLE[c] = (char) c;
      }
      Transliterator t2s = Transliterator.getInstance(TRADITIONAL_TO_SIMPLIFIED);
      UnicodeSet source = t2s.getSourceSet();
      NormalizeCharMap.Builder others = new NormalizeCharMap.Builder();
      boolean anyOther = false;
      for (UnicodeSetIterator it = new UnicodeSetIterator(source); it.next(); ) {
        if (it.codepoint == UnicodeSetIterator.IS_STRING) {
          continue;
        }
        String from = new String(Character.toChars(it.codepoint));
        String to = t2s.transliterate(from);
        if (to.isEmpty() || to.equals(from)) {
          continue;
        }
        if (from.length() == 1 && to.length() == 1) {
          TABLE[from.charAt(0)] = to.charAt(0);
        } else {
          others.add(from, to);
          anyOther = true;
        }
      }
      return anyOther ? others.build() : null;
    }
  }

  /**
   * Wraps a reader with both folding steps.
   *
   * @param in the original text
   * @return a reader of the folded text, with offset correction
   */
  static Reader fold(Reader in) {
    Reader folded = new TableCharFilter(new ICUNormalizer2CharFilter(in, NFKC_CASEFOLD), Holder.TABLE);
    return Holder.OTHERS == null ? folded : new MappingCharFilter(Holder.OTHERS, folded);
  }

  /** Replaces each character by its entry in a table; lengths, and so offsets, stay as they are. */
  static final class TableCharFilter extends CharFilter {
    private final char[] table;

    TableCharFilter(Reader in, char[] table) {
      super(in);
      this.table = table;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int n = input.read(buffer, offset, length);
      for (int i = offset; i < offset + n; i++) {
        buffer[i] = table[buffer[i]];
      }
      return n;
    }

    @Override
    protected int correct(int currentOff) {
      return currentOff;
    }
  }
}
