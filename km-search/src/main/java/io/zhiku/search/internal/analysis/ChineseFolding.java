package io.zhiku.search.internal.analysis;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import com.ibm.icu.text.UnicodeSet;
import com.ibm.icu.text.UnicodeSetIterator;
import io.zhiku.core.internal.LabelNormalizer;
import java.io.Reader;
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
 * simplified-Chinese dictionary work on traditional text. Stateless and thread-safe; the character
 * map is built once, on first use.
 */
final class ChineseFolding {
  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

  private ChineseFolding() {}

  /** Holds the map so that it is built on first use, not at class loading. */
  private static final class Holder {
    static final NormalizeCharMap TRADITIONAL_TO_SIMPLIFIED = build();

    private static NormalizeCharMap build() {
      Transliterator t2s = Transliterator.getInstance(LabelNormalizer.TRADITIONAL_TO_SIMPLIFIED);
      UnicodeSet source = t2s.getSourceSet();
      NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
      for (UnicodeSetIterator it = new UnicodeSetIterator(source); it.next(); ) {
        if (it.codepoint == UnicodeSetIterator.IS_STRING) {
          continue;
        }
        String from = new String(Character.toChars(it.codepoint));
        String to = t2s.transliterate(from);
        if (!to.isEmpty() && !to.equals(from)) {
          map.add(from, to);
        }
      }
      return map.build();
    }
  }

  /**
   * Wraps a reader with both folding steps.
   *
   * @param in the original text
   * @return a reader of the folded text, with offset correction
   */
  static Reader fold(Reader in) {
    return new MappingCharFilter(Holder.TRADITIONAL_TO_SIMPLIFIED, new ICUNormalizer2CharFilter(in, NFKC_CASEFOLD));
  }
}
