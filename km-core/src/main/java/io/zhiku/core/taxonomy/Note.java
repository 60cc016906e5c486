package io.zhiku.core.taxonomy;

import io.zhiku.core.ValidationException;
import io.zhiku.core.internal.Checks;

/**
 * A note on a concept in one language: a scope note (how to use the concept) or a definition.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param text text of 1 to {@value #MAX_CHARS} characters; line breaks are kept, other control
 *     characters stripped
 * @param language a BCP 47 tag in canonical case, or empty for text without a language
 */
public record Note(String text, String language) {
  /** The longest note, in characters. */
  public static final int MAX_CHARS = 16_384;

  /**
   * Validates and normalises.
   *
   * @param text text of 1 to {@value #MAX_CHARS} characters; line breaks are kept, other control
   *     characters stripped
   * @param language a BCP 47 tag in canonical case, or empty for text without a language
   * @throws ValidationException if the text is blank or too long, or the language is malformed
   */
  public Note {
    text = Checks.text("Note.text", Checks.present("Note.text", text), MAX_CHARS);
    if (text.isBlank()) {
      throw new ValidationException("Note.text", text, "must not be blank");
    }
    language = Checks.optionalLanguage("Note.language", language);
  }

  /**
   * A note.
   *
   * @param text the text
   * @param language a BCP 47 tag, or empty
   * @return the note
   */
  public static Note of(String text, String language) {
    return new Note(text, language);
  }
}
