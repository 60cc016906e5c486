package io.zhiku.core.classify;

import com.ibm.icu.lang.UScript;
import io.zhiku.core.internal.LabelNormalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * How many words two texts share, as the cosine similarity of their term counts, from 0 (none) to 1 (the
 * same words as often). Terms: after {@link LabelNormalizer} folding (case, full-width forms, traditional
 * to simplified Chinese), each Han, kana or Hangul character and each pair of adjacent ones (Chinese is
 * written without spaces, and a pair of characters is most often a word or part of one), and each run of
 * letters or digits of other scripts. Punctuation and white space separate terms and count for nothing.
 * Stateless and thread-safe.
 */
final class WordOverlap {
  private WordOverlap() {}

  /**
   * The cosine similarity of the two texts' term counts.
   *
   * @param a a text
   * @param b another text
   * @return 0 to 1; 0 if either has no term
   */
  static double cosine(String a, String b) {
    Map<String, Integer> x = terms(a);
    Map<String, Integer> y = terms(b);
    if (x.isEmpty() || y.isEmpty()) {
      return 0;
    }
    long dot = 0;
    for (Map.Entry<String, Integer> e : (x.size() <= y.size() ? x : y).entrySet()) {
      Integer other = (x.size() <= y.size() ? y : x).get(e.getKey());
      if (other != null) {
        dot += (long) e.getValue() * other;
      }
    }
    return Math.min(1, dot / Math.sqrt(squares(x) * squares(y)));
  }

  private static double squares(Map<String, Integer> counts) {
    double sum = 0;
    for (int c : counts.values()) {
      sum += (double) c * c;
    }
    return sum;
  }

  /** The term counts of a text. */
  static Map<String, Integer> terms(String text) {
    String folded = LabelNormalizer.normalize(text);
    Map<String, Integer> counts = new HashMap<>();
    int previousIdeograph = -1; // the Han, kana or Hangul character just before, or -1
    int word = -1; // where the current run of letters or digits began, or -1
    for (int i = 0; i <= folded.length(); ) {
      int cp = i < folded.length() ? folded.codePointAt(i) : ' ';
      int next = i + Character.charCount(cp);
      boolean ideograph = i < folded.length() && isIdeograph(cp);
      boolean letter = !ideograph && Character.isLetterOrDigit(cp);
      if (!letter && word >= 0) {
        counts.merge(folded.substring(word, i), 1, Integer::sum);
        word = -1;
      }
      if (ideograph) {
        String c = folded.substring(i, next);
        counts.merge(c, 1, Integer::sum);
        if (previousIdeograph >= 0) {
          counts.merge(folded.substring(previousIdeograph, next), 1, Integer::sum);
        }
        previousIdeograph = i;
      } else {
        previousIdeograph = -1;
        if (letter && word < 0) {
          word = i;
        }
      }
      i = next;
    }
    return counts;
  }

  private static boolean isIdeograph(int cp) {
    int script = UScript.getScript(cp);
    return script == UScript.HAN || script == UScript.HIRAGANA || script == UScript.KATAKANA || script == UScript.HANGUL;
  }
}
