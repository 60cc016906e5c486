package io.zhiku.core.internal;

import com.ibm.icu.lang.UScript;
import io.zhiku.core.taxonomy.Concept;
import io.zhiku.core.taxonomy.Label;
import io.zhiku.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a taxonomy's labels in a text: every preferred, alternative and hidden label, in any language,
 * wherever it occurs as whole words. Text and labels are compared after {@link LabelNormalizer} (case,
 * full-width forms, traditional to simplified Chinese), as sequences of <em>units</em>: each Han
 * character is a unit (Chinese has no spaces, so a label matches inside a run of characters), any other
 * run of letters and digits is a unit (so {@code "linear-algebra"}, {@code "linear algebra"} and {@code
 * "Linear Algebra"} are one label, and {@code "algebra"} does not match inside {@code "algebraic"}), and
 * English plurals are folded ({@code "proofs"} = {@code "proof"}, {@code "strategies"} = {@code
 * "strategy"}: Harman's S-stemmer on ASCII words of four letters or more, as {@link #singular}). Everything else separates.
 *
 * <p>Immutable and thread-safe once built; building reads every label once.
 */
public final class LabelMatcher {
  /** The longest label, in units, that is looked for; longer ones are never found. */
  public static final int MAX_UNITS = 16;

  /** Which of a concept's labels was found. */
  public enum LabelKind {
    /** A preferred label. */
    PREFERRED,
    /** An alternative label: a synonym or an abbreviation. */
    ALTERNATIVE,
    /** A hidden label: a misspelling; never displayed. */
    HIDDEN
  }

  /**
   * A concept found in a text.
   *
   * @param conceptId the concept
   * @param label the label found, as the taxonomy writes it (a hidden label is never shown: callers show
   *     the concept's preferred label instead)
   * @param kind which kind of label it is; the best kind found if several
   * @param occurrences how many times its labels occur in the text
   */
  public record Found(String conceptId, String label, LabelKind kind, int occurrences) {}

  /** The key of a label (its units joined by spaces) to the concepts and label it names. */
  private final Map<String, List<Entry>> byKey;
  private final int longest;

  private record Entry(String conceptId, String label, LabelKind kind) {}

  private LabelMatcher(Map<String, List<Entry>> byKey, int longest) {
    this.byKey = byKey;
    this.longest = longest;
  }

  /**
   * Collects a taxonomy's labels.
   *
   * @param taxonomy the taxonomy
   * @return a matcher for its labels
   */
  public static LabelMatcher of(Taxonomy taxonomy) {
    Map<String, List<Entry>> byKey = new HashMap<>();
    int longest = 0;
    for (Concept c : taxonomy.concepts()) {
      for (String l : c.prefLabels().values()) {
        longest = Math.max(longest, add(byKey, l, new Entry(c.id(), l, LabelKind.PREFERRED)));
      }
      for (Label l : c.altLabels()) {
        longest = Math.max(longest, add(byKey, l.text(), new Entry(c.id(), l.text(), LabelKind.ALTERNATIVE)));
      }
      for (Label l : c.hiddenLabels()) {
        longest = Math.max(longest, add(byKey, l.text(), new Entry(c.id(), l.text(), LabelKind.HIDDEN)));
      }
    }
    return new LabelMatcher(byKey, longest);
  }

  private static int add(Map<String, List<Entry>> byKey, String label, Entry e) {
    List<String> units = units(LabelNormalizer.normalize(label));
    if (units.isEmpty() || units.size() > MAX_UNITS) {
      return 0;
    }
    byKey.computeIfAbsent(String.join(" ", units), k -> new ArrayList<>()).add(e);
    return units.size();
  }

  /**
   * The concepts whose labels occur in a text.
   *
   * @param text any text
   * @return the concepts found, in the order of their first occurrence
   */
  public List<Found> find(String text) {
    List<String> units = units(LabelNormalizer.normalize(text));
    Map<String, Entry> best = new LinkedHashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < units.size(); i++) {
      key.setLength(0);
      for (int n = 1; n <= longest && i + n <= units.size(); n++) {
        if (n > 1) {
          key.append(' ');
        }
        key.append(units.get(i + n - 1));
        List<Entry> entries = byKey.get(key.toString());
        if (entries == null) {
          continue;
        }
        Set<String> once = new LinkedHashSet<>(); // a concept with two labels of the same key counts once here
        for (Entry e : entries) {
          if (once.add(e.conceptId())) {
            counts.merge(e.conceptId(), 1, Integer::sum);
          }
          best.merge(e.conceptId(), e, (a, b) -> b.kind().compareTo(a.kind()) < 0 ? b : a);
        }
      }
    }
    List<Found> out = new ArrayList<>(best.size());
    best.forEach((id, e) -> out.add(new Found(id, e.label(), e.kind(), counts.get(id))));
    return out;
  }

  /** A normalized text's units: each Han character, each other run of letters and digits (plural folded). */
  static List<String> units(String normalized) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < normalized.length(); ) {
      int cp = normalized.codePointAt(i);
      i += Character.charCount(cp);
      if (UScript.getScript(cp) == UScript.HAN) {
        flush(word, out);
        out.add(new String(Character.toChars(cp)));
      } else if (Character.isLetterOrDigit(cp)) {
        word.appendCodePoint(cp);
      } else {
        flush(word, out);
      }
    }
    flush(word, out);
    return out;
  }

  private static void flush(StringBuilder word, List<String> out) {
    if (!word.isEmpty()) {
      out.add(singular(word.toString()));
      word.setLength(0);
    }
  }

  /**
   * Harman's S-stemmer as Lucene's {@code EnglishMinimalStemmer} applies it, on lower-case ASCII words of
   * four letters or more: {@code -ies} to {@code -y} (not {@code -aies}, {@code -eies}); {@code -aes},
   * {@code -ees}, {@code -oes}, {@code -us}, {@code -ss} kept; any other final {@code s} dropped.
   */
  static String singular(String w) {
    if (w.length() < 4 || !w.chars().allMatch(c -> c >= 'a' && c <= 'z')
        || !w.endsWith("s") || w.endsWith("us") || w.endsWith("ss")) {
      return w;
    }
    if (w.endsWith("ies") && !w.endsWith("eies") && !w.endsWith("aies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.endsWith("aes") || w.endsWith("ees") || w.endsWith("oes") || w.endsWith("ies")) {
      return w;
    }
    return w.substring(0, w.length() - 1);
  }
}
