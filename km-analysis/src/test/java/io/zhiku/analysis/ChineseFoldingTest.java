package io.zhiku.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import com.ibm.icu.text.UnicodeSet;
import com.ibm.icu.text.UnicodeSetIterator;
import io.zhiku.testkit.Seeded;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.CharFilter;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;
import org.junit.jupiter.api.RepeatedTest;

/**
 * {@link ChineseFolding#fold} against the straightforward chain it replaces: NFKC case folding, then
 * Lucene's {@link MappingCharFilter} with every pair of ICU's Traditional-Simplified transform. Same
 * text out, same offsets back, on seeded random text of traditional and simplified Chinese, ASCII,
 * full-width forms, combining marks and characters outside the BMP.
 */
@Seeded
class ChineseFoldingTest {
  private static final NormalizeCharMap ALL_PAIRS = allPairs();
  private static final List<Integer> TRADITIONAL = traditional();
  private static final String OTHERS = "aZ09 ,.!?ＡＢ１２　ｶﾞé\u0301ßİ\uD83D\uDE00\uD840\uDC00中文简体说话";

  @RepeatedTest(20)
  void foldedTextAndOffsets_equalTheMappingCharFilterChain(Random r) throws IOException {
    for (int t = 0; t < 50; t++) {
      StringBuilder sb = new StringBuilder();
      for (int i = r.nextInt(200); i > 0; i--) {
        if (r.nextBoolean()) {
          sb.appendCodePoint(TRADITIONAL.get(r.nextInt(TRADITIONAL.size())));
        } else {
          sb.appendCodePoint(OTHERS.codePointAt(OTHERS.offsetByCodePoints(0, r.nextInt(OTHERS.codePointCount(0, OTHERS.length())))));
        }
      }
      String text = sb.toString();
      CharFilter expected = new MappingCharFilter(ALL_PAIRS,
          new ICUNormalizer2CharFilter(new StringReader(text), Normalizer2.getNFKCCasefoldInstance()));
      CharFilter actual = (CharFilter) ChineseFolding.fold(new StringReader(text));
      String want = readAll(expected);
      assertEquals(want, readAll(actual), text);
      for (int off = 0; off <= want.length(); off++) {
        assertEquals(expected.correctOffset(off), actual.correctOffset(off), "offset " + off + " of " + text);
      }
    }
  }

  private static String readAll(Reader reader) throws IOException {
    StringBuilder out = new StringBuilder();
    char[] buffer = new char[7]; // small reads, as tokenizers make them
    for (int n = reader.read(buffer); n != -1; n = reader.read(buffer)) {
      out.append(buffer, 0, n);
    }
    return out.toString();
  }

  private static Transliterator transform() {
    return Transliterator.getInstance(ChineseFolding.TRADITIONAL_TO_SIMPLIFIED);
  }

  private static NormalizeCharMap allPairs() {
    Transliterator t2s = transform();
    NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
    for (int c : traditional()) {
      String from = new String(Character.toChars(c));
      map.add(from, t2s.transliterate(from));
    }
    return map.build();
  }

  private static List<Integer> traditional() {
    Transliterator t2s = transform();
    UnicodeSet source = t2s.getSourceSet();
    List<Integer> out = new ArrayList<>();
    for (UnicodeSetIterator it = new UnicodeSetIterator(source); it.next(); ) {
      if (it.codepoint != UnicodeSetIterator.IS_STRING) {
        String from = new String(Character.toChars(it.codepoint));
        String to = t2s.transliterate(from);
        if (!to.isEmpty() && !to.equals(from)) {
          out.add(it.codepoint);
        }
      }
    }
    return out;
  }
}
