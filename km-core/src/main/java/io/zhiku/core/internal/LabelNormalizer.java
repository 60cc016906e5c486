package io.zhiku.core.internal;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;

/**
 * Folds a label into the key under which it is looked up, so that the forms people type match the
 * forms a taxonomy was written in:
 *
 * <ul>
 *   <li>Unicode NFKC case folding: case ({@code "CRM"} = {@code "crm"}, locale-independent), full-width and
 *       half-width forms ({@code "ＣＲＭ"} = {@code "CRM"}, {@code "（"} = {@code "("}), compatibility forms;
 *   <li>traditional to simplified Chinese ({@code "資訊"} = {@code "资讯"}), with ICU's
 *       {@code Traditional-Simplified} transform, the same one the search analysis uses;
 *   <li>runs of white space collapsed to one space, and surrounding white space removed.
 * </ul>
 *
 * <p>Stateless and thread-safe (ICU transliterators and normalisers may be shared across threads).
 */
public final class LabelNormalizer {
  /** The ICU transform id that folds traditional Chinese characters to simplified ones. */
  public static final String TRADITIONAL_TO_SIMPLIFIED = "Traditional-Simplified";

  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
  private static final Transliterator T2S = Transliterator.getInstance(TRADITIONAL_TO_SIMPLIFIED);

  private LabelNormalizer() {}

  /**
   * The lookup key of a label.
   *
   * @param label any text
   * @return its folded form; empty if the label is blank
   */
  public static String normalize(String label) {
    String folded = NFKC_CASEFOLD.normalize(label);
    if (containsHan(folded)) {
      folded = T2S.transliterate(folded);
    }
    return collapseWhitespace(folded);
  }

  private static boolean containsHan(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (UScript.getScript(cp) == UScript.HAN) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /**
   * Collapses every run of white space (spaces, tabs, line breaks, other Unicode spaces) to one space
   * and removes it at both ends.
   *
   * @param s any text
   * @return the collapsed text
   */
  public static String collapseWhitespace(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
