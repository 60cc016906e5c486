package io.zhiku.core.taxonomy;

import io.zhiku.core.internal.Checks;

/**
 * A label of a concept in one language: an alternative label (a synonym, an abbreviation) or a hidden
 * label (a common misspelling). Preferred labels are held per language in {@link Concept#prefLabels()}.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param text single-line text of at most {@value #MAX_CHARS} characters, stripped
 * @param language a BCP 47 tag in canonical case, or empty for text without a language
 */
public record Label(String text, String language) {
  /** The longest label, in characters. */
  public static final int MAX_CHARS = 512;

  /**
   * Validates and normalises.
   *
   * @param text single-line text of at most {@value #MAX_CHARS} characters, stripped
   * @param language a BCP 47 tag in canonical case, or empty for text without a language
   * @throws io.zhiku.core.ValidationException if the text or language is malformed
   */
  public Label {
    text = Checks.line("Label.text", text, MAX_CHARS);
    language = Checks.optionalLanguage("Label.language", language);
  }

  /**
   * A label.
   *
   * @param text the text
   * @param language a BCP 47 tag, or empty
   * @return the label
   */
  public static Label of(String text, String language) {
    return new Label(text, language);
  }
}
